"""`make deploy-check`: the packages installed for real on this machine, as root.

    python scripts/deploy_check.py [--bundle dist/reception] [--out dist/deploy-check]

From the bundle `make bundle` built (not built again), in this order:

1. builds reception-terminal and reception-platform (version V), a rebuilt
   pair (V+upgrade1) and a terminal package whose bundle fails its self-test
   (V+upgrade2);
2. installs V with apt-get, `systemd-analyze verify`s every installed unit;
3. points the platform at a new PostgreSQL database (SQLite where none
   answers) in /etc/reception-platform/platform.env, migrates it with
   `dpkg-reconfigure`, loads the demo catalog, starts reception-platform.service
   and its notifier, reception-platform-notify.service;
4. enrolls the kiosk with the commands of docs/deploy.md, starts
   reception-kiosk.service (cage, headless, the output turned to portrait by the
   unit's RECEPTION_CAGE_ARGS) and takes a number through it, tapping through the
   kiosk's e2e probe (cage has no virtual-input protocol); the ticket must reach
   the platform's database, and the kiosk, installed with no device, must say it
   has no printer;
5. saves a grim screenshot of the kiosk filling the output; starts
   reception-display.service beside it (cage headless, the output turned twice)
   before it is enrolled (out of service), enrolls it with the guide's commands and
   restarts it (online, the center's names shown, under systemd its audio ready
   through its session's sound server), and shows on it the kiosk's ticket
   called by a counter (a signed client enrolled the guide's way), a grim
   screenshot of each;
6. with --systemctl: the kiosk's watchdog fed past WatchdogSec (no restart), a
   frozen kiosk (SIGSTOP) killed by the watchdog and restarted, the platform and
   its notifier never restarted, the platform's output in the journal;
7. upgrades to V+upgrade1 (configuration, keys, store, tickets kept; the kiosk
   starts again on them; under systemd the platform's units and the hall display
   restarted by the postinsts, in time; the hall display enrolled and online),
   then to V+upgrade2, which must fail and leave V+upgrade1's program in place,
   then installs V+upgrade1 again;
8. removes the packages (data kept), then purges them (data and users gone).

Without --systemctl each unit's ExecStart runs as the unit's user, read from
the installed unit file (scripts/unit_exec.py), and the output says so (CI's
machine has no systemd as PID 1). With --systemctl, where systemd is PID 1,
systemctl starts the units, a runtime drop-in giving the kiosk and the hall
display the headless compositor and no tty: `make deploy-check-systemd` runs it so in a Debian 12
container booted by systemd-nspawn (scripts/deploy_container.py). Everything
installed is purged at the end, also when a step fails. Needs root, apt-get,
cage, grim.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import build_packages  # noqa: E402
import unit_exec  # noqa: E402

PACKAGES = ("reception-terminal", "reception-platform")
NOTIFIER = "reception-platform-notify.service"
DISPLAY = "reception-display.service"
PLATFORM_UNITS = ("reception-platform.service", NOTIFIER)
UNIT_DIR = Path("/lib/systemd/system")
USER_UNIT_DIR = Path("/usr/lib/systemd/user")
PLATFORM_ENV = Path("/etc/reception-platform/platform.env")
KIOSK_CONFIG = Path("/etc/reception/kiosk")
KIOSK_DATA = Path("/var/lib/reception/kiosk")
DISPLAY_CONFIG = Path("/etc/reception/display")
DISPLAY_DATA = Path("/var/lib/reception/display")
COUNTER_CONFIG = Path("/etc/reception/counter")
DATABASE = "reception_deploycheck"
PG_URL = f"postgresql+psycopg://reception:reception@127.0.0.1:5432/{DATABASE}"
CENTER = "C001"
#: the hall display's center names in its terminal.toml (not the defaults: the screen
#: shows what the technician wrote)
DISPLAY_NAMES = ("和平里社区党群服务中心", "Heping Community Service Center")
#: the counter that calls the kiosk's ticket: its window, its clerk (resources/demo/staff.json)
WINDOW, CLERK = "3", "1001"
#: seconds a call may take to reach the hall display (pushed: well under a second)
CALL_WAIT = 30
#: the hall's speakers where there is no sound card (the container): a PipeWire null
#: sink, which the display's sound server offers as an output like a real card's
SPEAKERS = Path("/etc/pipewire/pipewire.conf.d/deploy-check-speakers.conf")
SPEAKERS_CONF = """context.objects = [
    { factory = adapter
      args = { factory.name = support.null-audio-sink node.name = deploy-check-speakers
               node.description = "deploy-check speakers" media.class = Audio/Sink
               object.linger = true audio.position = [ FL FR ] } }
]
"""
#: the kiosk's output in cage headless (1280x720) turned to portrait, and the kiosk's
#: 1080x1920 design scaled into it (QT_SCALE_FACTOR, as a drop-in would set it)
OUTPUT = (720, 1280)
DESIGN = (1080, 1920)
#: the height of a button's visible part a finger can hit (px)
TOUCHABLE = 80
HEADLESS = {"WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman",
            "WLR_LIBINPUT_NO_DEVICES": "1", "RECEPTION_CAGE_ARGS": "-r",
            "QT_SCALE_FACTOR": f"{OUTPUT[0] / DESIGN[0]:.4f}"}
#: under systemd, the drop-in's lines for a machine without the unit's tty (a container
#: has no /dev/tty1): no terminal to take, reset or hang up; the logind session stays
HEADLESS_TTY = ("TTYPath=", "StandardInput=null", "TTYReset=no", "TTYVHangup=no",
                "TTYVTDisallocate=no")
APT_ENV = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}


class CheckFailed(Exception):
    pass


def environment_line(key: str, value: str) -> str:
    """A drop-in's Environment= line, quoted: unquoted, "-r -r" would set -r and drop
    a second assignment named "-r" (systemd splits Environment= at spaces)."""
    quoted = f"{key}={value}".replace("\\", "\\\\").replace('"', '\\"')
    return f'Environment="{quoted}"\n'


def run(command: list[str] | str, *, check: bool = True, timeout: float = 900,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """A command (a list, or a shell line as the guide writes it); its output on failure."""
    done = subprocess.run(command, shell=isinstance(command, str), capture_output=True,
                          text=True, timeout=timeout, env=env, check=False)
    if check and done.returncode != 0:
        shown = command if isinstance(command, str) else " ".join(command)
        raise CheckFailed(f"{shown} exited {done.returncode}:\n{done.stdout[-3000:]}"
                          f"{done.stderr[-3000:]}")
    return done


def wait_for(what: str, probe: Callable[[], Any], timeout: float) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = probe()
        except (OSError, ValueError, KeyError):
            value = None
        if value:
            return value
        time.sleep(0.5)
    raise CheckFailed(f"timed out after {timeout:.0f} s waiting for {what}")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def installed_version(package: str) -> str:
    done = run(["dpkg-query", "-W", "-f=${Status} ${Version}", package], check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def exists_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


class Probe:
    """The kiosk's e2e probe socket (terminal/e2e_probe.py)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.seen: list[str] = []  # what the last look found, for a failure's message

    def ask(self, word: str) -> dict[str, Any]:
        with socket.socket(socket.AF_UNIX) as connection:
            connection.settimeout(10)
            connection.connect(str(self.path))
            connection.sendall(word.encode() + b"\n")
            data = b""
            while not data.endswith(b"\n"):
                chunk = connection.recv(1 << 20)
                if not chunk:
                    raise OSError("probe closed")
                data += chunk
        return dict(json.loads(data))

    def find(self, match: Callable[[dict[str, Any]], bool]) -> dict[str, Any] | None:
        return next((w for w in self.ask("state")["widgets"] if match(w)), None)

    def reveal(self, match: Callable[[dict[str, Any]], bool]) -> dict[str, Any] | None:
        """The widget when enough of it is on screen to touch (the kiosk's 1080x1920
        screens cut at the bottom of a 720x1280 output); else one wheel turn."""
        state = self.ask("state")
        self.seen = [w["name"] or w["text"][:20] for w in state["widgets"]
                     if w["kind"] in ("button", "label")]
        widget = next((w for w in state["widgets"] if match(w)), None)
        if widget is not None and widget["rect"][3] >= min(TOUCHABLE, widget["whole"][3]):
            return widget
        width, height = state["windows"][0]["rect"][2:]
        self.ask(f"wheel {width // 2} {height // 2} 1")
        return None

    def tap(self, what: str, match: Callable[[dict[str, Any]], bool]) -> None:
        try:
            widget = wait_for(what, lambda: self.reveal(match), 60)
        except CheckFailed as failure:
            raise CheckFailed(f"{failure}; on screen: {self.seen}") from None
        x, y, width, height = widget["rect"]
        answer = self.ask(f"tap {x + width // 2} {y + height // 2}")
        if "tapped" not in answer:
            raise CheckFailed(f"tap on {what}: {answer}")


class DeployCheck:
    def __init__(self, bundle: Path, out: Path, systemctl: bool = False) -> None:
        self.bundle = bundle
        self.out = out
        self.work = ROOT / "build" / "deploy-check"
        self.systemd = systemctl
        self.version = build_packages.project_version()
        self.debs: dict[str, dict[str, Path]] = {}
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.runtime_dirs: list[Path] = []
        self.db_url = PG_URL
        self.port = 8765
        self.timings: list[tuple[str, float]] = []
        self.facts: dict[str, str] = {}

    # ---- the steps -----------------------------------------------------------------
    def step(self, name: str, action: Callable[[], None]) -> None:
        started = time.monotonic()
        print(f"deploy-check: {name} …", flush=True)
        action()
        took = time.monotonic() - started
        self.timings.append((name, took))
        print(f"deploy-check: {name}: done in {took:.0f} s", flush=True)

    def build(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        script = ROOT / "scripts" / "build_packages.py"
        versions = {"v1": self.version, "v2": f"{self.version}+upgrade1"}
        for key, version in versions.items():
            run([sys.executable, str(script), "--bundle", str(self.bundle),
                 "--out", str(self.work / key), "--version", version])
        broken = self.work / "broken-bundle"
        run(["cp", "-al", str(self.bundle), str(broken)])  # hard links: no copy
        (broken / "reception-display").unlink()
        (broken / "reception-display").write_text(
            "#!/bin/sh\necho 'deploy-check: a bundle that fails its self-test' >&2\nexit 1\n")
        (broken / "reception-display").chmod(0o755)
        run([sys.executable, str(script), "--bundle", str(broken), "--out",
             str(self.work / "v3"), "--version", f"{self.version}+upgrade2", "--only", "terminal"])
        shutil.rmtree(broken)
        for key in ("v1", "v2", "v3"):
            self.debs[key] = {deb.name.split("_")[0]: deb
                              for deb in sorted((self.work / key).glob("*.deb"))}
        print("  " + ", ".join(deb.name for debs in self.debs.values() for deb in debs.values()))

    def apt_install(self, key: str, *packages: str, expect_failure: bool | None = False,
                    downgrade: bool = False) -> subprocess.CompletedProcess[str]:
        """apt-get install of built packages; `expect_failure` None: either outcome."""
        debs = [str(self.debs[key][name]) for name in packages]
        command = ["apt-get", "install", "-y", "--no-install-recommends", *debs]
        if downgrade:
            command.insert(3, "--allow-downgrades")
        done = run(command, check=expect_failure is False, env=APT_ENV)
        if expect_failure and done.returncode == 0:
            raise CheckFailed(f"{' '.join(command)} succeeded; it should have failed")
        return done

    def install(self) -> None:
        self.apt_install("v1", *PACKAGES)
        for package in PACKAGES:
            version = installed_version(package)
            if version != f"install ok installed {self.version}":
                raise CheckFailed(f"{package}: {version}")
        for path in (KIOSK_CONFIG, KIOSK_DATA):
            if path.stat().st_mode & 0o777 != 0o700 or path.owner() != "reception-kiosk":
                raise CheckFailed(f"{path} is not reception-kiosk's 0700 folder")
        print(f"  installed {self.version}; users "
              + ", ".join(u for u in ("reception-kiosk", "reception-counter",
                                      "reception-display", "reception-platform")
                          if exists_user(u)))

    def verify_units(self) -> None:
        units = sorted(UNIT_DIR.glob("reception-*.service")) + sorted(
            USER_UNIT_DIR.glob("reception-*.service"))
        if len(units) != 5:
            raise CheckFailed(f"expected 5 installed units, found {[u.name for u in units]}")
        done = run(["systemd-analyze", "verify", "--man=no", *map(str, units)], check=False)
        if done.returncode != 0 or done.stderr.strip():
            raise CheckFailed(f"systemd-analyze verify: {done.stdout}{done.stderr}")
        print("  systemd-analyze verify: clean for " + ", ".join(u.name for u in units))

    def configure_platform(self) -> None:
        if run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0:
            run(["runuser", "-u", "postgres", "--", "dropdb", "--if-exists", DATABASE])
            run(["runuser", "-u", "postgres", "--", "createdb", "-O", "reception", DATABASE])
        else:
            self.db_url = "sqlite:////var/lib/reception-platform/platform.db"
            print("  no PostgreSQL answers on 127.0.0.1: the platform uses SQLite")
        if not self.port_free(self.port):
            self.port = self.free_port()
        lines = [line for line in PLATFORM_ENV.read_text("utf-8").splitlines()
                 if not line.startswith(("RECEPTION_PLATFORM_DB=", "RECEPTION_PLATFORM_PORT=",
                                         "RECEPTION_PLATFORM_WORKERS="))]
        lines += [f"RECEPTION_PLATFORM_DB={self.db_url}",
                  f"RECEPTION_PLATFORM_PORT={self.port}",
                  "RECEPTION_PLATFORM_WORKERS=2"]  # this check's 2-core machines
        PLATFORM_ENV.write_text("\n".join(lines) + "\n", "utf-8")
        done = run(["dpkg-reconfigure", "reception-platform"], env=APT_ENV)
        print("  " + " ".join((done.stdout + done.stderr).split())[:300])
        catalog = Path(tempfile.mkdtemp(prefix="deploy-check-catalog-"))
        catalog.chmod(0o755)
        for source in (ROOT / "resources" / "demo").glob("*.json"):  # queues too
            shutil.copy2(source, catalog / source.name)
            (catalog / source.name).chmod(0o644)
        loaded = self.platform_shell(
            f'reception-platform load-demo --db "$RECEPTION_PLATFORM_DB" --dir {catalog}')
        print(f"  {loaded.splitlines()[-1] if loaded else 'load-demo said nothing'}")
        shutil.rmtree(catalog)

    @staticmethod
    def port_free(port: int) -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) != 0

    @staticmethod
    def free_port() -> int:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return int(probe.getsockname()[1])

    def platform_shell(self, command: str) -> str:
        """A platform command as docs/deploy.md gives it (the settings from platform.env;
        runuser where the guide says sudo -u: CI machines may have no sudo)."""
        line = (f"set -a; . {PLATFORM_ENV}; set +a; "
                f"runuser -u reception-platform -- {command}")
        return run(["sh", "-c", line]).stdout.strip()

    def start_unit(self, name: str, extra_env: dict[str, str],
                   settings: tuple[str, ...] = ()) -> None:
        """The unit started with `extra_env` (and under systemd `settings`) added: by
        systemctl with a runtime drop-in, else its ExecStart as its user."""
        if self.systemd:
            drop_in = Path(f"/run/systemd/system/{name}.d/deploy-check.conf")
            if extra_env or settings:
                drop_in.parent.mkdir(parents=True, exist_ok=True)
                drop_in.write_text("[Service]\n" + "".join(f"{line}\n" for line in settings)
                                   + "".join(environment_line(key, value)
                                             for key, value in extra_env.items()))
                run(["systemctl", "daemon-reload"])
            run(["systemctl", "start", name])
            return
        unit = unit_exec.read_unit(UNIT_DIR / name)
        log = (self.out / f"{name}.log").open("ab")
        self.processes[name] = unit_exec.start_as_user(unit, extra_env, log)
        log.close()
        print(f"  {name}: without systemctl: its ExecStart runs as {unit.user} "
              f"(from {UNIT_DIR / name}; PAMName/TTY/sandbox directives not applied)")

    def stop_unit(self, name: str) -> None:
        if self.systemd:
            run(["systemctl", "stop", name], check=False)
            return
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def running(self, name: str) -> bool:
        if self.systemd:
            return self.show(name, "ActiveState")["ActiveState"] == "active"
        process = self.processes.get(name)
        return process is not None and process.poll() is None

    def output(self, name: str) -> list[str]:
        """What the unit's programs wrote: the journal, or the check's log of it."""
        if self.systemd:
            return self.programs_lines(name)
        log = self.out / f"{name}.log"
        return log.read_text("utf-8", "replace").splitlines() if log.exists() else []

    def start_platform(self) -> None:
        """The platform answering /healthz and its notifier sending (started where they
        are not running: the upgrade's try-restart started them under systemd)."""
        for name in PLATFORM_UNITS:
            if not self.running(name):
                self.start_unit(name, {})
        url = f"http://127.0.0.1:{self.port}/healthz"
        wait_for(f"{url} to answer", lambda: urllib.request.urlopen(url, timeout=2).status == 200,
                 90)
        said = wait_for("the notifier's first line", lambda: [
            line for line in self.output(NOTIFIER) if "sending notifications" in line], 60)
        print(f"  {url} answers; the notifier: {said[-1].split(': ', 1)[-1]}")

    def enroll(self) -> None:
        self.enroll_terminal("kiosk")
        self.facts["secrets"] = sha256(KIOSK_CONFIG / "secrets.toml")
        self.facts["config"] = sha256(KIOSK_CONFIG / "terminal.toml")

    def enroll_terminal(self, role: str, names: tuple[str, str] | None = None) -> None:
        """As docs/deploy.md says: the platform's URL and the center (and its `names`)
        in terminal.toml, a one-time code from the platform's CLI, `reception-sync
        enroll` and `status` as the role's user."""
        folder = Path(f"/etc/reception/{role}")
        config = folder / "terminal.toml"
        lines = [f'center = "{CENTER}"'] + ([f'center_name_zh = "{names[0]}"',
                                            f'center_name_en = "{names[1]}"'] if names else [])
        text = config.read_text("utf-8")
        text = text.replace('url = "https://platform.example"',
                            f'url = "http://127.0.0.1:{self.port}"')
        text = text.replace("[terminal]\n", "[terminal]\n" + "".join(
            f"{line}\n" for line in lines), 1)
        config.write_text(text, "utf-8")
        code = self.platform_shell(
            f'reception-platform enroll-code --db "$RECEPTION_PLATFORM_DB" --center {CENTER} '
            f"--role {role}").splitlines()[-1]
        sync = f"runuser -u reception-{role} -- reception-sync --config-dir {folder}"
        enrolled = run(f"{sync} enroll --url http://127.0.0.1:{self.port} --code='{code}'")
        status = run(f"{sync} status")
        print(f"  {role}: {enrolled.stdout.strip()}\n  "
              + status.stdout.strip().replace("\n", "\n  "))

    def runtime_dir(self, user: str) -> Path:
        """What logind gives the unit's session (PAMName=login): /run/user/UID."""
        account = pwd.getpwnam(user)
        path = Path(f"/run/user/{account.pw_uid}")
        if not self.systemd and not path.exists():
            path.mkdir(parents=True)
            os.chown(path, account.pw_uid, account.pw_gid)
            path.chmod(0o700)
            self.runtime_dirs.append(path)
        return path

    def start_kiosk(self) -> Probe:
        runtime = self.runtime_dir("reception-kiosk")
        probe_path = runtime / "e2e-probe"
        probe_path.unlink(missing_ok=True)
        env = {**HEADLESS, "RECEPTION_E2E_PROBE": str(probe_path)}
        if not self.systemd:
            env["XDG_RUNTIME_DIR"] = str(runtime)
        self.start_unit("reception-kiosk.service", env, HEADLESS_TTY)
        probe = Probe(probe_path)
        wait_for("the kiosk's probe", lambda: probe.ask("ping").get("pong"), 120)
        return probe

    def take_number(self) -> None:
        probe = self.start_kiosk()
        state = wait_for("the kiosk synced with the platform",
                         lambda: (s := probe.ask("state")).get("synced") and s, 120)
        window = state["windows"][0]
        if window["rect"][:2] != [0, 0] or any(
                abs(got - want) > 2 for got, want in zip(window["rect"][2:], DESIGN, strict=True)):
            raise CheckFailed(f"the kiosk's window is {window['rect']}, not the output "
                              f"({OUTPUT}, {DESIGN} at the scale factor)")
        probe.tap("the attract screen", lambda w: w["name"] == "attractStart"
                  or (w["kind"] == "label" and "触摸屏幕" in w["text"]))
        probe.tap("the take-a-number tile", lambda w: w["name"] == "tile_take_number")
        probe.tap("a service's tile", lambda w: w["name"].startswith("tile_category_"))
        # the package installs no device: the ticket is shown as its slip, whose words
        # (center, number, ...) are the image's accessible name
        slip = wait_for("the ticket's slip on screen",
                        lambda: probe.find(lambda w: w["name"] == "slipView"
                                           and w["accessible"]), 60)
        number = slip["accessible"].splitlines()[1]
        wait_for(f"ticket {number} in the platform's database",
                 lambda: number in self.platform_tickets(), 60)
        self.facts["ticket"] = number
        print(f"  took number {number}; it is in the platform's database")
        wait_for("the kiosk saying it has no printer",
                 lambda: probe.find(lambda w: w["name"] == "slipMessage"
                                    and "没有打印机" in w["text"]), 30)
        self.screenshot(runtime=probe.path.parent)

    def platform_tickets(self) -> list[str]:
        from sqlalchemy import text

        from sync.server.db import make_engine

        engine = make_engine(self.db_url)
        try:
            with engine.connect() as connection:
                return [row[0] for row in connection.execute(text(
                    "SELECT number FROM queue_ticket"))]
        finally:
            engine.dispose()

    def screenshot(self, runtime: Path, name: str = "kiosk-cage-headless.png",
                   size: tuple[int, int] = OUTPUT) -> None:
        from PySide6.QtGui import QImage

        displays = [p.name for p in runtime.glob("wayland-*") if not p.name.endswith(".lock")]
        if not displays:
            raise CheckFailed(f"no Wayland socket in {runtime}")
        target = self.out / name
        run(["grim", str(target)], env={**os.environ, "XDG_RUNTIME_DIR": str(runtime),
                                        "WAYLAND_DISPLAY": displays[0]})
        image = QImage(str(target))
        if (image.width(), image.height()) != size:
            raise CheckFailed(f"screenshot {image.width()}x{image.height()}, not {size}")
        # painted to the edges: the last column and the last row are not all black
        edges = [image.pixel(image.width() - 1, y) for y in range(0, image.height(), 8)]
        edges += [image.pixel(x, image.height() - 1) for x in range(0, image.width(), 8)]
        if all(pixel & 0xFFFFFF == 0 for pixel in edges):
            raise CheckFailed(f"{target}: the window does not reach the output's edges")
        print(f"  grim screenshot: {target} ({image.width()}x{image.height()})")

    def show_display(self) -> None:
        """The hall display as a center meets it, in cage headless beside the kiosk (the
        output turned twice: composed, grim sees it): started before it is enrolled, it
        says it is out of service; enrolled with the guide's commands and its unit restarted,
        it is online and shows the center; the kiosk's ticket, called by a counter (a
        signed client enrolled the guide's way), is its current call."""
        if self.systemd and Path("/usr/share/pipewire").is_dir():
            SPEAKERS.parent.mkdir(parents=True, exist_ok=True)
            SPEAKERS.write_text(SPEAKERS_CONF, "utf-8")
        probe = self.start_display()
        state = self.wait_display(probe, "the hall screen up, not enrolled: out of service",
                                  lambda s: s.get("out_of_service") is True, 120)
        if self.systemd:  # Type=notify: systemctl start returned once READY=1 came
            unit = self.show(DISPLAY, "ActiveState", "MainPID")
            main = Path(f"/proc/{unit['MainPID']}/cmdline").read_bytes().split(b"\0")[0]
            print(f"  {DISPLAY}: {unit['ActiveState']}, main process {main.decode()}")
        print(f"  not enrolled: {self.hall_summary(state)}")
        self.screenshot(probe.path.parent, "display-not-enrolled.png", (1280, 720))
        started = time.monotonic()
        self.enroll_terminal("display", DISPLAY_NAMES)
        self.facts["display-secrets"] = sha256(DISPLAY_CONFIG / "secrets.toml")
        probe = self.start_display(restart=True)
        state = self.wait_display_online(probe, "enrolled and restarted")
        print(f"  enrolled, restarted, online in {time.monotonic() - started:.0f} s: "
              f"{self.hall_summary(state)}; {self.check_audio()}")
        self.screenshot(probe.path.parent, "display-online.png", (1280, 720))
        self.enroll_terminal("counter")
        number = self.facts["ticket"]
        ticket = self.counter().call_next(WINDOW, CLERK)
        if ticket is None or ticket.number != number:
            raise CheckFailed(f"the counter's call-next to window {WINDOW} called "
                              f"{ticket.number if ticket else 'nobody'}, not the kiosk's "
                              f"ticket {number}")
        called = time.monotonic()
        state = self.wait_display(
            probe, f"ticket {number} at window {WINDOW} as the hall's current call",
            lambda s: (s.get("calls") or [None])[0] == number
            and self.label(s, "callNumber") == number
            and WINDOW in self.label(s, "callWindowPrimary"), CALL_WAIT)
        print(f"  the counter called {number} to window {WINDOW}; the hall showed it "
              f"{time.monotonic() - called:.1f} s later: {self.hall_summary(state)}")
        self.screenshot(probe.path.parent, "display-call-cage-headless.png", (1280, 720))
        if self.systemd:
            self.display_journal()

    def display_journal(self) -> None:
        """The display's own log in the journal (terminal/logs.py), its warnings shown."""
        own = [line for line in self.own_lines("reception-display")
               if line.startswith(("display.", "terminal.", "sync."))]
        if not own:
            raise CheckFailed(f"nothing of the hall display's own log in the journal:\n"
                              f"{self.display_said()}")
        warnings = self.own_lines("reception-display", "-p", "warning")
        different = list(dict.fromkeys(warnings))
        print(f"  journald: the hall display's own log ({len(own)} lines), "
              f"{len(warnings)} warning(s), {len(different)} different"
              + "".join(f"\n    {line[:160]}" for line in different[:10]))

    @staticmethod
    def own_lines(identifier: str, *options: str) -> list[str]:
        return run(["journalctl", "-t", identifier, "-b", "-q", "--no-pager", "-o", "cat",
                    *options], check=False).stdout.splitlines()

    def start_display(self, restart: bool = False) -> Probe:
        """reception-display.service (restarted, as a technician does after enrolling)
        with the headless compositor, the output turned twice, and its probe."""
        runtime = self.runtime_dir("reception-display")
        probe_path = runtime / "e2e-probe"
        probe_path.unlink(missing_ok=True)
        env = {**HEADLESS, "RECEPTION_CAGE_ARGS": "-r -r",
               "RECEPTION_E2E_PROBE": str(probe_path)}
        del env["QT_SCALE_FACTOR"]  # the hall screen scales itself
        if not self.systemd:
            env["XDG_RUNTIME_DIR"] = str(runtime)
        if restart and self.systemd:
            run(["systemctl", "restart", DISPLAY])
        else:
            if restart:
                self.stop_unit(DISPLAY)
            self.start_unit(DISPLAY, env, HEADLESS_TTY)
        probe = Probe(probe_path)
        try:
            wait_for("the hall display's probe", lambda: probe.ask("ping").get("pong"), 120)
        except CheckFailed as failure:
            raise CheckFailed(f"{failure}\n{self.display_said()}") from None
        return probe

    def wait_display(self, probe: Probe, what: str, condition: Callable[[dict[str, Any]], bool],
                     timeout: float) -> dict[str, Any]:
        """The hall's probe state once `condition` holds; else a failure saying what was
        expected, what the screen last showed and what the unit and the program said."""
        seen: dict[str, Any] = {}

        def look() -> dict[str, Any] | None:
            seen.clear()
            seen.update(probe.ask("state"))
            return dict(seen) if condition(seen) else None

        try:
            return dict(wait_for(what, look, timeout))
        except CheckFailed as failure:
            shown = self.hall_summary(seen) if seen else "no answer from its probe"
            raise CheckFailed(f"{failure}; the hall display showed: {shown}\n"
                              f"{self.display_said()}") from None

    def wait_display_online(self, probe: Probe, when: str) -> dict[str, Any]:
        name = DISPLAY_NAMES[0]
        return self.wait_display(
            probe, f"the hall display {when}: online, its event feed connected, "
            f"the center {name!r} shown",
            lambda s: bool(s.get("ready")) and s.get("online") is True and bool(s.get("feed"))
            and self.label(s, "centerPrimary") == name, 120)

    @staticmethod
    def label(state: dict[str, Any], name: str) -> str:
        return str(next((w["text"] for w in state.get("widgets", [])
                         if w.get("name") == name), ""))

    def hall_summary(self, state: dict[str, Any]) -> str:
        return (f"online {state.get('online')}, feed {state.get('feed')}, status "
                f"{self.label(state, 'status')!r}, center {self.label(state, 'centerPrimary')!r}, "
                f"calls {state.get('calls')}, current {self.label(state, 'callNumber')!r} "
                f"{self.label(state, 'callWindowPrimary')!r}, announced {state.get('announced')}")

    def display_said(self) -> str:
        """The display unit's journal and the program's own last lines (or, without
        systemd, the check's log of its output)."""
        if not self.systemd:
            log = self.out / f"{DISPLAY}.log"
            lines = log.read_text("utf-8", "replace").splitlines()[-30:] if log.exists() else []
            return f"--- {log.name} (last lines)\n" + "\n".join(lines)
        own = "\n".join(self.own_lines("reception-display", "-n", "30"))
        return (f"--- journalctl -u {DISPLAY}\n{self.journal(DISPLAY)}"
                f"--- journalctl -t reception-display\n{own}")

    def audio(self) -> tuple[str, str] | None:
        """What the hall hears, as its last heartbeat told the platform (the fleet page):
        (state, reason), None before its first heartbeat."""
        from sqlalchemy import text

        from sync.protocol.models import Heartbeat
        from sync.secrets_file import load_secrets
        from sync.server.db import make_engine

        terminal = load_secrets(DISPLAY_CONFIG / "secrets.toml").terminal_id
        engine = make_engine(self.db_url)
        try:
            with engine.connect() as connection:
                body = connection.execute(text("SELECT body FROM heartbeat WHERE terminal_id "
                                               "= :terminal"), {"terminal": terminal}).scalar()
        finally:
            engine.dispose()
        audio = Heartbeat.model_validate_json(body).devices.get("audio") if body else None
        return (audio.state.value, audio.reason) if audio else None

    def check_audio(self) -> str:
        """Under systemd the hall's voice reaches the display user's sound server (the
        package's dependency, started by the session's user manager), here playing
        into the stand-in speakers (SPEAKERS): its heartbeat says audio ready."""
        try:  # a heartbeat a minute; one before the voice was set up says "unknown"
            state, reason = wait_for("the hall display's heartbeat with its audio", lambda: (
                (heard := self.audio()) and heard[0] != "unknown" and heard), 90)
        except CheckFailed as failure:
            raise CheckFailed(f"{failure}: seen {self.audio()}\n{self.display_said()}") from None
        if not self.systemd:
            return f"its heartbeat's audio: {state} ({reason})"
        uid = pwd.getpwnam("reception-display").pw_uid
        sinks = self.sinks(uid)
        if state != "ready":
            user = run(["systemctl", "status", "--no-pager", "-n", "10", f"user@{uid}.service"],
                       check=False).stdout
            raise CheckFailed(
                f"the hall display hears nothing: its heartbeat's audio is {state} "
                f"({reason}); expected ready, playing through the sound server of its "
                f"session (/run/user/{uid}/pulse/native: "
                f"{Path(f'/run/user/{uid}/pulse/native').exists()}) into {SPEAKERS.name}; "
                f"wpctl status, Sinks: {sinks}\n{user}\n{self.display_said()}")
        return f"its heartbeat's audio: {state} ({reason}); wpctl status, Sinks: {sinks}"

    @staticmethod
    def sinks(uid: int) -> list[str]:
        """The outputs of the display user's sound server, as docs/deploy.md's
        troubleshooting asks for them (`wpctl status` as that user)."""
        said = run(["runuser", "-u", "reception-display", "--", "env",
                    f"XDG_RUNTIME_DIR=/run/user/{uid}", "wpctl", "status"], check=False)
        lines = (said.stdout + said.stderr).splitlines()
        start = next((i for i, line in enumerate(lines) if line.strip(" │├└─") == "Sinks:"),
                     None)
        if start is None:
            return [line.strip() for line in lines[:3]]
        section = []
        for line in lines[start + 1:]:
            text = line.strip(" │├└─*")
            if not text or text.endswith(":"):
                break
            section.append(text)
        return section

    def counter(self) -> Any:
        """A signed counter client with the keys `reception-sync enroll` wrote."""
        from sync.client import PlatformClient
        from sync.secrets_file import load_secrets

        secrets = load_secrets(COUNTER_CONFIG / "secrets.toml")
        return PlatformClient(f"http://127.0.0.1:{self.port}", secrets.terminal_id,
                              secrets.signing_key)

    def stop_display(self) -> None:
        self.stop_unit(DISPLAY)
        if self.systemd:  # cage ended by its program's end, not aborted by a SIGTERM
            stopped = self.show(DISPLAY, "ActiveState", "Result")
            if stopped != {"ActiveState": "inactive", "Result": "success"}:
                raise CheckFailed(f"{DISPLAY} after systemctl stop: {stopped}\n"
                                  f"{self.journal(DISPLAY)}")
            print(f"  systemctl stop: {DISPLAY} inactive, result success")

    @staticmethod
    def show(unit: str, *properties: str) -> dict[str, str]:
        done = run(["systemctl", "show", unit, "-p", ",".join(properties)])
        return dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)

    def journal(self, unit: str, lines: int = 30) -> str:
        return run(["journalctl", "-u", unit, "-b", "-q", "--no-pager", "-o", "cat", "-n",
                    str(lines)], check=False).stdout

    def supervise(self) -> None:
        """systemd's part: the kiosk's watchdog fed past WatchdogSec (no restart), a
        frozen kiosk killed by it and restarted, the platform's units never restarted,
        their output in the journal."""
        unit = "reception-kiosk.service"
        state = self.show(unit, "ActiveEnterTimestampMonotonic", "MainPID")
        environ = Path(f"/proc/{state['MainPID']}/environ").read_bytes().split(b"\0")
        usec = next((entry.split(b"=", 1)[1] for entry in environ
                     if entry.startswith(b"WATCHDOG_USEC=")), b"0")
        watchdog = int(usec) / 1e6  # as systemd gave it to the main process
        if not watchdog:
            raise CheckFailed(f"{unit}'s main process has no WATCHDOG_USEC")
        up = time.monotonic() - int(state["ActiveEnterTimestampMonotonic"]) / 1e6
        if up < watchdog + 5:
            time.sleep(watchdog + 5 - up)
        fed = self.show(unit, "ActiveState", "NRestarts", "WatchdogTimestampMonotonic",
                        "MainPID")
        pinged = time.monotonic() - int(fed["WatchdogTimestampMonotonic"]) / 1e6
        if (fed["ActiveState"], fed["NRestarts"], fed["MainPID"]) != (
                "active", "0", state["MainPID"]) or pinged > watchdog / 2 + 2:
            raise CheckFailed(f"{unit} after {watchdog + 5:.0f} s: {fed}, last watchdog "
                              f"ping {pinged:.0f} s ago\n{self.journal(unit)}")
        print(f"  {unit}: active, 0 restarts after {watchdog + 5:.0f} s "
              f"(WatchdogSec={watchdog:.0f}), the last watchdog ping {pinged:.0f} s ago")
        frozen = self.kiosk_pid()
        os.kill(frozen, signal.SIGSTOP)
        started = time.monotonic()
        wait_for(f"systemd to restart the frozen kiosk (PID {frozen})", lambda: self.show(
            unit, "NRestarts", "ActiveState") == {"NRestarts": "1", "ActiveState": "active"},
            watchdog + 60)
        if Path(f"/proc/{frozen}").exists() and Path(f"/proc/{frozen}/stat").read_text(
                ).rsplit(")", 1)[1].split()[0] != "Z":
            raise CheckFailed(f"the frozen kiosk (PID {frozen}) was left running")
        said = self.journal(unit, 200)
        if "Watchdog timeout" not in said:
            raise CheckFailed(f"no watchdog timeout in the journal:\n{said[-3000:]}")
        print(f"  a frozen kiosk (SIGSTOP) was killed by the watchdog and started again in "
              f"{time.monotonic() - started:.0f} s (NRestarts=1)")
        platform = self.programs_lines("reception-platform.service")
        if not platform:
            raise CheckFailed("nothing of the platform's own output in the journal")
        for name in PLATFORM_UNITS:
            state = self.show(name, "ActiveState", "NRestarts")
            if state != {"ActiveState": "active", "NRestarts": "0"}:
                raise CheckFailed(f"{name}: {state}\n{self.journal(name)}")
        kiosk = [line for line in self.own_lines("reception-kiosk")
                 if line.startswith(("kiosk.", "terminal."))]
        if not kiosk:
            raise CheckFailed(f"nothing of the kiosk's own log in the journal (terminal/logs.py "
                              f"JournalHandler):\n{self.journal(unit)}")
        kiosk_log = KIOSK_DATA / "logs" / "reception-kiosk.log"
        print(f"  journald: the platform's output ({len(platform)} lines, the last "
              f"{platform[-1][:60]!r}), systemd's lines on both units, the kiosk's own log "
              f"({len(kiosk)} lines, the first {kiosk[0][:60]!r}; also in {kiosk_log})")

    @staticmethod
    def programs_lines(unit: str) -> list[str]:
        """What the unit's processes wrote (stdout, stderr), not systemd's lines on it."""
        lines = run(["journalctl", f"_SYSTEMD_UNIT={unit}", "-b", "-q", "--no-pager", "-o",
                     "cat"], check=False).stdout.splitlines()
        return [line for line in lines if not line.startswith("pam_unix(")]

    @staticmethod
    def kiosk_pid() -> int:
        """The kiosk program (cage's child, in the logind session's scope)."""
        for comm in Path("/proc").glob("[0-9]*/comm"):
            try:
                if comm.read_text().strip() == "reception-kiosk":
                    return int(comm.parent.name)
            except OSError:
                continue
        raise CheckFailed("no reception-kiosk process")

    def upgrade(self) -> None:
        tickets = len(self.platform_tickets())
        backups = len(list((KIOSK_DATA / "backups").glob("*")))
        display_backups = len(list((DISPLAY_DATA / "backups").glob("*")))
        self.stop_unit("reception-kiosk.service")
        if not self.systemd:  # under systemd the hall display stays up: the postinst restarts it
            self.stop_unit(DISPLAY)
        before = {name: self.show(name, "MainPID")["MainPID"]
                  for name in (*PLATFORM_UNITS, DISPLAY)} if self.systemd else {}
        started = time.monotonic()
        self.apt_install("v2", *PACKAGES)
        print(f"  apt-get install {self.version}+upgrade1: {time.monotonic() - started:.0f} s")
        for package in PACKAGES:
            if installed_version(package) != f"install ok installed {self.version}+upgrade1":
                raise CheckFailed(f"{package} after the upgrade: {installed_version(package)}")
        if self.systemd:  # restarted by the postinst's try-restart
            after = {name: self.show(name, "MainPID")["MainPID"] for name in PLATFORM_UNITS}
            if any(after[name] in ("0", before[name]) for name in PLATFORM_UNITS):
                raise CheckFailed(f"the upgrade did not restart the platform's units (main "
                                  f"PIDs {before} -> {after})")
            for name in (*PLATFORM_UNITS, DISPLAY):  # a stop that waited for its end
                said = self.journal(name, 200)
                if "timed out" in said:
                    raise CheckFailed(f"{name}: the upgrade's restart timed out (systemd "
                                      f"killed what would not stop):\n{said[-3000:]}")
            self.start_platform()
            print("  systemd restarted them in the upgrade (main PIDs " + ", ".join(
                f"{name} {before[name]} -> {after[name]}" for name in PLATFORM_UNITS) + ")")
        else:
            for name in PLATFORM_UNITS:
                self.stop_unit(name)
            self.start_platform()
        kept = {"secrets": sha256(KIOSK_CONFIG / "secrets.toml"),
                "config": sha256(KIOSK_CONFIG / "terminal.toml")}
        if kept != {key: self.facts[key] for key in kept}:
            raise CheckFailed("the kiosk's configuration or keys changed in the upgrade")
        if len(self.platform_tickets()) != tickets:
            raise CheckFailed("the platform's tickets changed in the upgrade")
        now = len(list((KIOSK_DATA / "backups").glob("*")))
        if now <= backups:
            raise CheckFailed("no store backup was taken before the upgrade")
        probe = self.start_kiosk()
        wait_for("the upgraded kiosk synced", lambda: probe.ask("state").get("synced"), 120)
        print(f"  {self.version}+upgrade1: keys, configuration and {tickets} ticket(s) kept, "
              f"a store backup taken first ({backups} -> {now}); the kiosk runs on them")
        self.upgraded_display(before.get(DISPLAY, ""), display_backups)

    def upgraded_display(self, main_pid: str, backups: int) -> None:
        """The hall display after the upgrade: restarted (by the postinst's try-restart
        under systemd), its keys kept, its store backed up first (the preinst, as its
        user, while it ran), online again; then stopped cleanly."""
        if self.systemd:
            after = self.show(DISPLAY, "MainPID", "ActiveState")
            if after["MainPID"] in ("0", main_pid) or after["ActiveState"] != "active":
                raise CheckFailed(f"the upgrade did not restart {DISPLAY} (main PID {main_pid}"
                                  f" -> {after})\n{self.display_said()}")
            probe = Probe(self.runtime_dir("reception-display") / "e2e-probe")
            wait_for("the restarted hall display's probe", lambda: probe.ask("ping").get("pong"),
                     120)
        else:
            probe = self.start_display()
        if sha256(DISPLAY_CONFIG / "secrets.toml") != self.facts["display-secrets"]:
            raise CheckFailed("the hall display's keys changed in the upgrade")
        now = len(list((DISPLAY_DATA / "backups").glob("*")))
        if now <= backups:
            raise CheckFailed(f"no backup of the hall display's store before the upgrade "
                              f"({DISPLAY_DATA / 'backups'}: {backups} -> {now})")
        state = self.wait_display_online(probe, "after the upgrade")
        print("  the hall display after the upgrade: "
              + (f"restarted by the postinst (main PID {main_pid} -> "
                 f"{self.show(DISPLAY, 'MainPID')['MainPID']}), " if self.systemd else "")
              + f"keys kept, a store backup taken first ({backups} -> {now}), "
              + f"{self.hall_summary(state)}; {self.check_audio()}")
        self.stop_display()

    def failed_upgrade(self) -> None:
        self.stop_unit("reception-kiosk.service")
        program = Path("/opt/reception/reception-display")
        before = sha256(program)
        done = self.apt_install("v3", "reception-terminal", expect_failure=True)
        said = done.stdout + done.stderr
        if "failed its self-test" not in said or "previous version" not in said:
            raise CheckFailed(f"the failed upgrade did not say it rolled back:\n{said[-2000:]}")
        if sha256(program) != before:
            raise CheckFailed("the failed upgrade left its own program in /opt/reception")
        again = self.apt_install("v2", "reception-terminal", downgrade=True,
                                 expect_failure=None)
        if again.returncode != 0:  # apt refuses while a package is half-configured
            print("  apt-get refused the reinstall after the failure; dpkg -i did it")
            run(["dpkg", "-i", str(self.debs["v2"]["reception-terminal"])], env=APT_ENV)
        if installed_version("reception-terminal") != (
                f"install ok installed {self.version}+upgrade1"):
            raise CheckFailed(f"after the rollback: {installed_version('reception-terminal')}")
        if sha256(KIOSK_CONFIG / "secrets.toml") != self.facts["secrets"]:
            raise CheckFailed("the kiosk's keys changed in the failed upgrade")
        print(f"  {self.version}+upgrade2 failed its self-test and was rolled back "
              f"(the previous program put back, keys kept); {self.version}+upgrade1 "
              "installed again")

    def remove_and_purge(self) -> None:
        for name in ("reception-kiosk.service", *PLATFORM_UNITS):
            self.stop_unit(name)
        run(["apt-get", "remove", "-y", *PACKAGES], env=APT_ENV)
        if Path("/opt/reception").exists() or Path("/opt/reception-platform").exists():
            raise CheckFailed("the programs are still there after apt-get remove")
        kept = [KIOSK_CONFIG / "secrets.toml", KIOSK_DATA, PLATFORM_ENV,
                Path("/var/lib/reception-platform")]
        missing = [str(path) for path in kept if not path.exists()]
        if missing or not exists_user("reception-kiosk"):
            raise CheckFailed(f"apt-get remove deleted data: {missing}")
        purged = run(["apt-get", "purge", "-y", *PACKAGES], env=APT_ENV)
        left = [str(path) for path in (Path("/etc/reception"), Path("/var/lib/reception"),
                                       Path("/etc/reception-platform"),
                                       Path("/var/lib/reception-platform")) if path.exists()]
        users = [u for u in ("reception-kiosk", "reception-counter", "reception-display",
                             "reception-platform") if exists_user(u)]
        if left or users:
            processes = {user: run(["ps", "-u", user, "-o", "pid=,comm="], check=False)
                         .stdout.split() for user in users}
            raise CheckFailed(f"apt-get purge left {left} {users}; their processes: "
                              f"{processes}; apt-get said:\n{purged.stdout[-2500:]}"
                              f"{purged.stderr[-2500:]}")
        print("  remove kept configuration, keys, stores and users; purge deleted them")

    # ---- cleaning up -----------------------------------------------------------------
    def clean_up(self) -> None:
        for name in list(self.processes):
            self.stop_unit(name)
        if self.systemd:
            for name in ("reception-kiosk.service", DISPLAY, *PLATFORM_UNITS):
                run(["systemctl", "stop", name], check=False)
            for name in ("reception-kiosk.service", DISPLAY):
                shutil.rmtree(f"/run/systemd/system/{name}.d", ignore_errors=True)
            SPEAKERS.unlink(missing_ok=True)
            run(["systemctl", "daemon-reload"], check=False)
        if any(installed_version(p) for p in PACKAGES):
            run(["dpkg", "--purge", "--force-all", *PACKAGES], check=False, env=APT_ENV)
        for path in self.runtime_dirs:
            shutil.rmtree(path, ignore_errors=True)
        if self.db_url == PG_URL:
            run(["runuser", "-u", "postgres", "--", "dropdb", "--if-exists", DATABASE],
                check=False)
        shutil.rmtree(self.work, ignore_errors=True)

    def main(self) -> int:
        self.out.mkdir(parents=True, exist_ok=True)
        for old in self.out.glob("*.log"):
            old.unlink()
        print("deploy-check: " + ("systemd is PID 1: the units are started by systemctl"
                                  if self.systemd else
                                  "each unit's ExecStart is started as its user from the "
                                  "installed unit file (systemctl only with --systemctl)"),
              flush=True)
        started = time.monotonic()
        try:
            self.step("build the packages", self.build)
            self.step("install", self.install)
            self.step("verify the units", self.verify_units)
            self.step("configure and migrate the platform", self.configure_platform)
            self.step("start the platform", self.start_platform)
            self.step("enroll the kiosk", self.enroll)
            self.step("take a number in the kiosk in cage", self.take_number)
            self.step("the hall display in cage", self.show_display)
            if self.systemd:
                self.step("systemd's watchdog, restart and journal", self.supervise)
            self.step("upgrade, data kept", self.upgrade)
            self.step("a failing upgrade rolls back", self.failed_upgrade)
            self.step("remove and purge", self.remove_and_purge)
        except CheckFailed as failure:
            print(f"deploy-check FAILED: {failure}", file=sys.stderr)
            if self.systemd:
                for unit in (*PLATFORM_UNITS, "reception-kiosk.service", DISPLAY):
                    print(f"--- journalctl -u {unit} (last lines)\n{self.journal(unit)}",
                          file=sys.stderr)
            for log in sorted(self.out.glob("*.log")):
                print(f"--- {log.name} (last lines)\n" + "\n".join(
                    log.read_text("utf-8", "replace").splitlines()[-30:]), file=sys.stderr)
            return 1
        finally:
            self.clean_up()
        total = time.monotonic() - started
        print("deploy-check: passed in " + f"{total:.0f} s ("
              + ", ".join(f"{name} {took:.0f} s" for name, took in self.timings) + ")")
        return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "reception")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "deploy-check")
    parser.add_argument("--systemctl", action="store_true",
                        help="start the units with systemctl (where systemd is PID 1)")
    arguments = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("deploy-check installs packages into this system: run it as root (CI does)",
              file=sys.stderr)
        return 1
    if not (arguments.bundle / "reception-kiosk").exists():
        print(f"no bundle in {arguments.bundle}: make bundle first", file=sys.stderr)
        return 1
    installed = [p for p in PACKAGES if installed_version(p)]
    if installed:
        print(f"{', '.join(installed)} already installed here: this check installs and purges "
              "them; purge them first", file=sys.stderr)
        return 1
    if arguments.systemctl and not Path("/run/systemd/system").is_dir():
        print("--systemctl: systemd is not PID 1 here (make deploy-check-systemd runs this "
              "in a container where it is)", file=sys.stderr)
        return 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return DeployCheck(arguments.bundle, arguments.out, arguments.systemctl).main()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
