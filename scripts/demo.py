"""`make demo`: the reference platform with demo data on loopback, an enrolled
kiosk with simulated devices, opened in a window. Everything lives in var/demo.

The window has the kiosk's own portrait size, 1080x1920, scaled down (with
QT_SCALE_FACTOR) to fit the screen it opens on. The simulated card reader and
camera wait for the demo's buttons, "place the ID card" and "show a
receipt's QR code", as a real reader waits for a resident's card.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
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


def _port() -> int:
    import socket

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", PREFERRED_PORT))
        except OSError:
            return free_port()
    return PREFERRED_PORT


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # run the clean-up below
    DEMO.mkdir(parents=True, exist_ok=True)
    config_dir = DEMO / "config"
    config_dir.mkdir(exist_ok=True)
    if not (DEMO / "platform.db").exists():
        (config_dir / SECRETS_FILE).unlink(missing_ok=True)  # enrolled with a lost platform
    platform = PlatformProcess(f"sqlite:///{DEMO / 'platform.db'}", port=_port(),
                               demo_data=ROOT / "resources" / "demo",
                               log_path=DEMO / "platform.log")
    platform.start()
    print(f"reference platform: {platform.url}  (fleet page: {platform.url}/fleet)")
    try:
        (config_dir / CONFIG_FILE).write_text(render_toml({
            "platform": {"url": platform.url},
            "store": {"data_dir": str(DEMO / "kiosk-data")},
            "kiosk": {"fullscreen": False, "hide_cursor": False},
            "devices.card_reader": {"kind": "simulated", "simulated_card": "on_tap"},
            "devices.camera": {"kind": "simulated", "simulated_qr": "on_tap"},
        }), "utf-8")
        if not (config_dir / SECRETS_FILE).exists():
            code = subprocess.run(
                [sys.executable, "-m", "sync.server.cli", "enroll-code", "--db",
                 platform.database_url, "--center", "C001", "--role", "kiosk"],
                check=True, capture_output=True, text=True).stdout.strip()
            enroll_terminal(platform.url, code, config_dir)
        environment = dict(os.environ, RECEPTION_LOG_DIR=str(DEMO / "logs"))
        environment.setdefault("QT_SCALE_FACTOR", scale_to_fit(environment))
        print(f"kiosk window {KIOSK_SIZE[0]}x{KIOSK_SIZE[1]}, "
              f"scaled by {environment['QT_SCALE_FACTOR']} to fit the screen")
        return subprocess.call([sys.executable, "-m", "kiosk.app", "--config-dir",
                                str(config_dir), "--windowed",
                                "--size", f"{KIOSK_SIZE[0]}x{KIOSK_SIZE[1]}"],
                               env=environment, cwd=ROOT)
    finally:
        platform.stop()


if __name__ == "__main__":
    sys.exit(main())
