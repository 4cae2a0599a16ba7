"""A Debian 12 container booted with systemd-nspawn: systemd as PID 1 for a command.

    python scripts/deploy_container.py [--bind PATH]... [-- COMMAND...]

`make deploy-check-systemd` runs scripts/deploy_check.py --systemctl in it, so
that the packages' units are started by a real systemd (CI machines and this
project's development machines may have another PID 1). In order:

1. the tree: Debian 12 from http://deb.debian.org/debian built once with
   mmdebstrap (minbase, systemd, PostgreSQL and every package the terminal and
   platform packages depend on or recommend) into /var/cache/reception-deploy-check,
   one folder per package list: a list that changes gets a tree of its own, and
   the old one goes once no running container has it as its lower layer;
2. the boot: `systemd-nspawn --boot` on an overlay of that tree (the cached tree
   stays as built; what the run writes is thrown away), a network of its own
   (loopback only: its PostgreSQL and platform port do not meet the machine's),
   the repository and the Python the command runs on bound at their own paths;
   waits until `systemctl is-system-running` inside says running or degraded
   (the failed units are listed then), and gives PostgreSQL the role .ci/run gives
   the machine's;
3. COMMAND run inside (in every namespace of the container, as root, in the
   repository), by default `systemctl is-system-running`;
4. the shutdown: systemd inside halts cleanly (nspawn's SIGTERM), also when the
   command failed or this run got a SIGTERM (a CI job's timeout); the overlay is
   unmounted and deleted (a killed run's on the next start).

Needs root, systemd-nspawn (systemd-container), mmdebstrap and nsenter. Where the
container cannot be built or booted the exit status is 1 when CI=true, otherwise 0
with the reason ("skipped"); the command's own failure is always a failure.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_packages  # noqa: E402

CACHE = Path("/var/cache/reception-deploy-check")
MIRROR = "http://deb.debian.org/debian"
SUITE = "bookworm"
#: systemd as PID 1 with logind (PAMName= sessions), the platform's database, and
#: what the packages depend on or recommend (read from scripts/build_packages.py)
BASE_PACKAGES = ("systemd", "systemd-sysv", "dbus", "libpam-systemd", "postgresql",
                 "postgresql-client", "python3.11")
#: run on the built tree: the cluster made in the chroot took another port where the
#: machine's PostgreSQL holds 5432, and the container has a network of its own
HOOKS = ('sed -i "s/^port = .*/port = 5432/" "$1"/etc/postgresql/15/main/postgresql.conf',)
STAMP = ".reception-packages"
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
SETUP_SQL = ("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='reception') "
             "THEN CREATE ROLE reception LOGIN PASSWORD 'reception' CREATEDB; END IF; END $$;")


class Unavailable(Exception):
    """The container cannot be built or booted on this machine."""


class Failed(Exception):
    """The container booted, but setting it up failed."""


def packages() -> list[str]:
    """The tree's packages; of a dependency's alternatives ("a | b") the first, as
    apt-get chooses where neither is installed."""
    wanted = [*BASE_PACKAGES, *build_packages.run_time_packages(),
              *build_packages.TERMINAL_EXTRA_DEPENDS, *build_packages.TERMINAL_RECOMMENDS]
    return sorted({name.split("|")[0].strip() for name in wanted})


def wanted() -> str:
    """What a tree is built from, as its stamp records it."""
    return "\n".join([*packages(), *HOOKS]) + "\n"


def tree_path(cache: Path = CACHE) -> Path:
    """The tree of today's package list: one folder per list (its digest), so that a
    run building the tree of another list (another checkout's CI run) never
    replaces the lower layer under a container that is running."""
    digest = hashlib.sha256(wanted().encode("utf-8")).hexdigest()[:12]
    return cache / f"{SUITE}-{digest}"


def tree(cache: Path = CACHE) -> Path:
    """The cached Debian 12 tree with `packages()`, built when missing."""
    target = tree_path(cache)
    stamp = target / STAMP
    if stamp.exists() and stamp.read_text("utf-8") == wanted():
        return target
    if shutil.which("mmdebstrap") is None:
        raise Unavailable("mmdebstrap is not installed (apt-get install mmdebstrap)")
    cache.mkdir(parents=True, exist_ok=True)
    building = cache / f"{target.name}.tmp-{os.getpid()}"
    print(f"deploy-container: building the Debian 12 tree in {target} …", flush=True)
    started = time.monotonic()
    done = subprocess.run(
        ["mmdebstrap", "--variant=minbase", f"--include={','.join(packages())}",
         *(f"--customize-hook={hook}" for hook in HOOKS), SUITE, str(building), MIRROR],
        capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shutil.rmtree(building, ignore_errors=True)
        raise Unavailable(f"mmdebstrap exited {done.returncode}: {done.stderr[-2000:]}")
    (building / STAMP).write_text(wanted(), "utf-8")
    shutil.rmtree(target, ignore_errors=True)  # a half-made one: it had no stamp
    try:
        building.rename(target)
    except OSError:  # another run built the same list meanwhile: theirs is as good
        shutil.rmtree(building, ignore_errors=True)
    print(f"deploy-container: tree built in {time.monotonic() - started:.0f} s", flush=True)
    sweep_trees(cache, target, Path("/proc/self/mountinfo").read_text("utf-8"))
    return target


def sweep_trees(cache: Path, keep: Path, mounts: str) -> list[Path]:
    """Removes the trees of other package lists (and the single tree of earlier
    versions of this script) that no mounted overlay has as its lower layer
    (`mounts`: /proc/self/mountinfo), and the builds of runs that are gone.
    Returns what it removed."""
    removed = []
    for path in sorted(cache.glob(f"{SUITE}*")):
        name, _, pid = path.name.partition(".tmp-")
        building = bool(pid) and pid.isdigit() and Path(f"/proc/{pid}").exists()
        if path == keep or f"lowerdir={path}," in mounts or f"lowerdir={path} " in mounts \
                or building or not (name == SUITE or name.startswith(f"{SUITE}-")):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


class Container:
    """The tree booted by systemd-nspawn on an overlay; `run` executes inside."""

    def __init__(self, lower: Path, binds: list[Path], log: Path,
                 name: str = "reception-deploy-check") -> None:
        self.lower = lower
        self.binds = binds
        self.log = log
        self.name = name
        self.scratch = CACHE / f"run-{os.getpid()}"
        self.root = self.scratch / "root"
        self.nspawn: subprocess.Popen[bytes] | None = None
        self.leader = 0

    def __enter__(self) -> Container:
        try:
            self.boot()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    def boot(self) -> None:
        if shutil.which("systemd-nspawn") is None:
            raise Unavailable("systemd-nspawn is not installed (apt-get install "
                              "systemd-container)")
        self.sweep()
        upper, work = self.scratch / "upper", self.scratch / "work"
        for path in (upper, work, self.root):
            path.mkdir(parents=True, exist_ok=True)
        mounted = subprocess.run(
            ["mount", "-t", "overlay", "overlay", "-o",
             f"lowerdir={self.lower},upperdir={upper},workdir={work}", str(self.root)],
            capture_output=True, text=True, check=False)
        if mounted.returncode != 0:
            raise Unavailable(f"no overlay mount here: {mounted.stderr.strip()}")
        command = ["systemd-nspawn", "--quiet", "--boot", f"--directory={self.root}",
                   f"--machine={self.name}", "--register=no", "--keep-unit", "--private-network",
                   "--console=read-only", *(f"--bind={path}" for path in self.binds)]
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as output:
            self.nspawn = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output,
                                           stderr=subprocess.STDOUT)
        started = time.monotonic()
        self.leader = self.wait("systemd as the container's PID 1", self.find_leader, 30)
        try:
            state = self.wait("systemctl is-system-running to say running or degraded",
                              self.system_state, 120)
        except Unavailable as error:
            raise Unavailable(f"{error}\n{self.diagnosis()}") from None
        print(f"deploy-container: {self.name} booted in {time.monotonic() - started:.1f} s, "
              f"systemctl is-system-running: {state}", flush=True)
        if state == "degraded":
            failed = self.run(["systemctl", "--failed", "--no-legend", "--plain"], check=False)
            print("deploy-container: failed units: " + " ".join(
                line.split()[0] for line in failed.stdout.splitlines() if line.strip()))

    @staticmethod
    def sweep() -> None:
        """The overlays of runs that were killed (their process is gone)."""
        for scratch in CACHE.glob("run-*"):
            pid = scratch.name.removeprefix("run-")
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                if (scratch / "root").is_mount():
                    subprocess.run(["umount", str(scratch / "root")], check=False)
                if not (scratch / "root").is_mount():
                    shutil.rmtree(scratch, ignore_errors=True)

    def wait(self, what: str, probe: Callable[[], Any], timeout: float,
             error: type[Exception] = Unavailable) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.nspawn is not None and self.nspawn.poll() is not None:
                raise error(f"systemd-nspawn exited {self.nspawn.returncode} before "
                                  f"{what}:\n{self.log_tail()}")
            value = probe()
            if value:
                return value
            time.sleep(0.5)
        raise error(f"timed out after {timeout:.0f} s waiting for {what}:\n"
                          f"{self.log_tail()}")

    def diagnosis(self) -> str:
        """Why a boot did not finish: the container's jobs, failed units and warnings,
        and the host's inotify instances (systemd needs them; they are counted per
        user across the host and the container, 128 by default)."""
        said = []
        for command in (["systemctl", "list-jobs", "--no-pager"],
                        ["systemctl", "--failed", "--no-pager"],
                        ["journalctl", "-b", "-p", "warning", "--no-pager", "-n", "40"]):
            done = self.run(command, check=False)
            said.append(f"--- {' '.join(command)}\n{done.stdout}{done.stderr}")
        holders: dict[str, int] = {}
        for link in Path("/proc").glob("[0-9]*/fd/*"):
            try:
                if os.readlink(link) == "anon_inode:inotify":
                    comm = (link.parent.parent / "comm").read_text().strip()
                    holders[comm] = holders.get(comm, 0) + 1
            except OSError:
                continue
        limit = Path("/proc/sys/fs/inotify/max_user_instances").read_text().strip()
        said.append(f"--- inotify instances on the host: {sum(holders.values())} of {limit} "
                    f"a user; by program: {sorted(holders.items(), key=lambda i: -i[1])[:10]}")
        return "\n".join(said)

    def log_tail(self) -> str:
        return "\n".join(self.log.read_text("utf-8", "replace").splitlines()[-30:])

    def find_leader(self) -> int:
        """The container's init: the child of systemd-nspawn running systemd."""
        assert self.nspawn is not None
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                comm = (stat.parent / "comm").read_text().strip()
            except OSError:
                continue
            if int(fields[1]) == self.nspawn.pid and comm == "systemd":
                return int(stat.parent.name)
        return 0

    def system_state(self) -> str:
        state = self.run(["systemctl", "is-system-running"], check=False).stdout.strip()
        return state if state in ("running", "degraded") else ""

    def run(self, command: list[str], *, check: bool = True, capture: bool = True,
            cwd: Path = Path("/")) -> subprocess.CompletedProcess[str]:
        """`command` as root in all the container's namespaces, with a clean environment."""
        inside = ["nsenter", f"--target={self.leader}", "--mount", "--uts", "--ipc", "--net",
                  "--pid", "--cgroup", "--root", "--wd", "env", "-i", f"--chdir={cwd}",
                  f"PATH={PATH}", "LANG=C.UTF-8", "HOME=/root",
                  *(f"{key}={os.environ[key]}" for key in ("CI",) if key in os.environ),
                  *command]
        return subprocess.run(inside, capture_output=capture, text=True, check=check)

    def set_up_database(self) -> None:
        """The role .ci/run gives the machine's PostgreSQL, in the container's."""
        self.wait("PostgreSQL in the container", lambda: self.run(
            ["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0, 60, Failed)
        self.run(["runuser", "-u", "postgres", "--", "psql", "-q", "-c", SETUP_SQL])

    def stop(self) -> None:
        """A clean halt of systemd inside (nspawn forwards SIGTERM as SIGRTMIN+3)."""
        if self.nspawn is not None and self.nspawn.poll() is None:
            started = time.monotonic()
            self.nspawn.send_signal(signal.SIGTERM)
            try:
                self.nspawn.wait(timeout=90)
                print(f"deploy-container: {self.name} halted in "
                      f"{time.monotonic() - started:.1f} s (systemd-nspawn exited "
                      f"{self.nspawn.returncode})", flush=True)
            except subprocess.TimeoutExpired:
                self.nspawn.kill()
                self.nspawn.wait(timeout=30)
                print(f"deploy-container: {self.name} did not halt in 90 s: killed",
                      file=sys.stderr, flush=True)
        if self.root.is_mount():
            subprocess.run(["umount", str(self.root)], check=False)
        if not self.root.is_mount():
            shutil.rmtree(self.scratch, ignore_errors=True)


def python_prefix() -> list[Path]:
    """The interpreter this script runs on, where the tree has no such path (a venv
    made from a Python outside /usr, such as pyenv's)."""
    prefix = Path(sys.base_prefix)
    return [] if prefix == Path("/usr") else [prefix]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bind", type=Path, action="append", default=[],
                        help="another host path bound at the same path inside")
    parser.add_argument("--log", type=Path, default=ROOT / "dist" / "deploy-container.log",
                        help="the container's console")
    parser.add_argument("command", nargs="*", default=["systemctl", "is-system-running"])
    arguments = parser.parse_args(argv)
    ci = os.environ.get("CI") == "true"
    started = time.monotonic()
    # a CI job's timeout (SIGTERM) still halts the container and removes the overlay
    signal.signal(signal.SIGTERM, lambda number, _frame: sys.exit(128 + number))
    try:
        if os.geteuid() != 0:
            raise Unavailable("not root: systemd-nspawn and the overlay need root")
        lower = tree()
        with Container(lower, [ROOT, *python_prefix(), *arguments.bind],
                       arguments.log) as container:
            container.set_up_database()
            done = container.run(arguments.command, check=False, capture=False, cwd=ROOT)
    except Unavailable as reason:
        if ci:
            print(f"deploy-container FAILED: no systemd container on this CI machine: "
                  f"{reason}", file=sys.stderr)
            return 1
        print(f"deploy-container: skipped: no systemd container here: {reason}",
              file=sys.stderr)
        return 0
    except (Failed, subprocess.CalledProcessError) as failure:
        print(f"deploy-container FAILED: {failure}", file=sys.stderr)
        return 1
    print(f"deploy-container: {' '.join(arguments.command)} exited {done.returncode}; "
          f"{time.monotonic() - started:.0f} s in all", flush=True)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
