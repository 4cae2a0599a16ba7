"""`make demo`: the reference platform with demo data on loopback, an enrolled
kiosk with simulated devices, opened in a window. Everything lives in var/demo.

The window has the kiosk's own portrait size, 1080x1920, scaled down (with
QT_SCALE_FACTOR) to fit the screen it opens on. The simulated card reader and
camera wait for the demo's buttons, "place the ID card" and "show a
receipt's QR code", as a real reader waits for a resident's card. The
simulated passport is valid today: "show the passport" lays its data page
under the simulated camera, whose MRZ the kiosk reads (its number and dates
are printed here too, to type instead).

`make demo-center` (`--center`): the whole center on one machine against the
same platform: that kiosk, the counter of window 3 (1366x768, virtual printer,
simulated card reader and camera; the demo sign-in printed here and on its
sign-in page) and the hall display (a 1920x1080 window). Closing every window,
Ctrl+C or SIGTERM ends them all and the platform.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sync.cli import enroll_terminal  # noqa: E402
from sync.config import render_toml  # noqa: E402
from sync.paths import CONFIG_FILE, SECRETS_FILE  # noqa: E402
from sync.server.process import PlatformProcess, free_port  # noqa: E402

DEMO = ROOT / "var" / "demo"
PREFERRED_PORT = 8765
KIOSK_SIZE = (1080, 1920)
#: Room left for the window's frame and the desktop's panels.
SCREEN_SHARE = 0.92
_SCREEN_PROBE = (
    "from PySide6.QtGui import QGuiApplication\n"
    "app = QGuiApplication([])\n"
    "area = app.primaryScreen().availableGeometry()\n"
    "print(area.width(), area.height())\n"
)


def scale_to_fit(environment: dict[str, str]) -> str:
    """The QT_SCALE_FACTOR that fits the kiosk's size into the screen ("1" if it
    fits, or when there is no screen to ask)."""
    probe = subprocess.run([sys.executable, "-c", _SCREEN_PROBE], capture_output=True,
                           text=True, timeout=30, env=environment)
    try:
        width, height = (int(part) for part in probe.stdout.split())
    except ValueError:
        return "1"
    factor = min(1.0, SCREEN_SHARE * width / KIOSK_SIZE[0],
                 SCREEN_SHARE * height / KIOSK_SIZE[1])
    return f"{factor:.2f}"


#: The demo clerk (resources/demo/README.md lists every demo staff member).
CLERK, CLERK_NAME, CLERK_PIN = "1001", "王丽", "246810"
SIGN_IN_HINT = (f"演示登录 Demo sign-in: 工号 staff number {CLERK} ({CLERK_NAME}), "
                f"PIN {CLERK_PIN}")
COUNTER_WINDOW = "3"
#: The demo's account for the platform's pages (fleet): demo only, like the PINs.
MANAGER, MANAGER_PASSWORD = "demo", "demo-manager-2026"
#: Configuration folders under var/demo ("config" is the kiosk's, as before).
FOLDERS = {"kiosk": "config", "counter": "counter-config", "display": "display-config"}


def _port() -> int:
    import socket

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", PREFERRED_PORT))
        except OSError:
            return free_port()
    return PREFERRED_PORT


def demo_passport_key() -> tuple[str, str, str]:
    """The simulated passport's number, birth and expiry (YYMMDD), to type in the demo."""
    from datetime import date

    from hardware.passport.specimen import demo_lines

    second = demo_lines(date.today())[1]
    return second[0:9].rstrip("<"), second[13:19], second[21:27]


def _enroll(platform: PlatformProcess, role: str, sections: dict[str, object]) -> Path:
    """var/demo/<folder>: its terminal.toml (rewritten: the port may change), enrolled once."""
    config_dir = DEMO / FOLDERS[role]
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / CONFIG_FILE).write_text(render_toml({
        "terminal": {"role": role},
        "platform": {"url": platform.url},
        "store": {"data_dir": str(DEMO / f"{role}-data")},
        **sections,
    }), "utf-8")
    if not (config_dir / SECRETS_FILE).exists():
        code = subprocess.run(
            [sys.executable, "-m", "sync.server.cli", "enroll-code", "--db",
             platform.database_url, "--center", "C001", "--role", role],
            check=True, capture_output=True, text=True).stdout.strip()
        enroll_terminal(platform.url, code, config_dir)
    return config_dir


def _kiosk(platform: PlatformProcess) -> tuple[list[str], dict[str, str]]:
    config_dir = _enroll(platform, "kiosk", {
        "kiosk": {"fullscreen": False, "hide_cursor": False},
        "devices.card_reader": {"kind": "simulated", "simulated_card": "on_tap"},
        "devices.camera": {"kind": "simulated", "simulated_qr": "on_tap"},
        "devices.passport": {"kind": "simulated", "simulated_passport": "demo"},
    })
    environment = dict(os.environ, RECEPTION_LOG_DIR=str(DEMO / "logs"))
    environment.setdefault("QT_SCALE_FACTOR", scale_to_fit(environment))
    print(f"kiosk window {KIOSK_SIZE[0]}x{KIOSK_SIZE[1]}, "
          f"scaled by {environment['QT_SCALE_FACTOR']} to fit the screen")
    return ([sys.executable, "-m", "kiosk.app", "--config-dir", str(config_dir),
             "--windowed", "--size", f"{KIOSK_SIZE[0]}x{KIOSK_SIZE[1]}"], environment)


def _counter(platform: PlatformProcess) -> tuple[list[str], dict[str, str]]:
    config_dir = _enroll(platform, "counter", {
        "counter": {"window": COUNTER_WINDOW, "sign_in_hint": SIGN_IN_HINT},
        "devices.printer": {"kind": "virtual", "output_dir": str(DEMO / "counter-slips")},
        "devices.card_reader": {"kind": "simulated"},
        "devices.camera": {"kind": "simulated"},
        "devices.passport": {"kind": "simulated", "simulated_passport": "demo"},
    })
    return ([sys.executable, "-m", "counter.app", "--config-dir", str(config_dir),
             "--size", "1366x768"], dict(os.environ, RECEPTION_LOG_DIR=str(DEMO / "logs")))


def _display(platform: PlatformProcess) -> tuple[list[str], dict[str, str]]:
    config_dir = _enroll(platform, "display",
                         {"display": {"fullscreen": False, "hide_cursor": False}})
    return ([sys.executable, "-m", "display", "--config-dir", str(config_dir), "--windowed"],
            dict(os.environ, RECEPTION_LOG_DIR=str(DEMO / "logs")))


def _run_all(commands: list[tuple[list[str], dict[str, str]]]) -> int:
    """Start every front end; wait until all have ended (or stop them all on Ctrl+C)."""
    children = [subprocess.Popen(command, env=environment, cwd=ROOT)
                for command, environment in commands]
    try:
        while any(child.poll() is None for child in children):
            time.sleep(0.2)
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(20)
            except subprocess.TimeoutExpired:
                child.kill()
    return max(child.returncode or 0 for child in children)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--center", action="store_true",
                        help="the kiosk, a counter and the hall display (make demo-center)")
    arguments = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # run the clean-up below
    DEMO.mkdir(parents=True, exist_ok=True)
    fresh = not (DEMO / "platform.db").exists()
    if fresh:  # terminals enrolled with a platform that was since deleted: enroll again
        for folder in FOLDERS.values():
            (DEMO / folder / SECRETS_FILE).unlink(missing_ok=True)
    platform = PlatformProcess(f"sqlite:///{DEMO / 'platform.db'}", port=_port(),
                               demo_data=ROOT / "resources" / "demo",
                               log_path=DEMO / "platform.log")
    platform.start()
    if fresh:  # a center manager of the demo center, to read the fleet page
        subprocess.run([sys.executable, "-m", "sync.server.cli", "user", "add", MANAGER,
                        "--role", "center_manager", "--center", "C001", "--password-stdin",
                        "--db", platform.database_url], input=MANAGER_PASSWORD + "\n",
                       text=True, capture_output=True, check=True)
    print(f"reference platform: {platform.url}  (fleet page: {platform.url}/fleet, sign in as "
          f"{MANAGER} / {MANAGER_PASSWORD})")
    number, birth, expiry = demo_passport_key()
    print(f"simulated passport (\"I have a passport\", then the demo's \"show the passport\", "
          f"or type): number {number}, born {birth}, expires {expiry}")
    try:
        if not arguments.center:
            command, environment = _kiosk(platform)
            return subprocess.call(command, env=environment, cwd=ROOT)
        commands = [_kiosk(platform), _counter(platform), _display(platform)]
        print(f"counter (window {COUNTER_WINDOW}): sign in with staff number {CLERK} "
              f"({CLERK_NAME}) and PIN {CLERK_PIN}; F1 calls the next number\n"
              "kiosk: touch the screen, take a number; the hall display announces each call",
              flush=True)
        return _run_all(commands)
    finally:
        platform.stop()


if __name__ == "__main__":
    sys.exit(main())
