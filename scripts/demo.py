"""`make demo`: the reference platform with demo data on loopback, an enrolled
kiosk with simulated devices, opened in a window. Everything lives in var/demo.
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
        }), "utf-8")
        if not (config_dir / SECRETS_FILE).exists():
            code = subprocess.run(
                [sys.executable, "-m", "sync.server.cli", "enroll-code", "--db",
                 platform.database_url, "--center", "C001", "--role", "kiosk"],
                check=True, capture_output=True, text=True).stdout.strip()
            enroll_terminal(platform.url, code, config_dir)
        environment = dict(os.environ, RECEPTION_LOG_DIR=str(DEMO / "logs"))
        return subprocess.call([sys.executable, "-m", "kiosk.app", "--config-dir",
                                str(config_dir), "--windowed"], env=environment, cwd=ROOT)
    finally:
        platform.stop()


if __name__ == "__main__":
    sys.exit(main())
