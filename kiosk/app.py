"""`reception-kiosk`: the resident's self-service terminal."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kiosk.composition import build_kiosk
from sync.config import ConfigError, config_dir
from sync.secrets_file import SecretsError
from sync.store.database import StoreError
from terminal.shell import start_shell
from terminal.single_instance import AlreadyRunning
from terminal.watchdog import start_watchdog

APP_NAME = "reception-kiosk"
log = logging.getLogger("kiosk")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=APP_NAME, description=__doc__)
    parser.add_argument("--config-dir", type=Path, default=None,
                        help="folder of terminal.toml and secrets.toml")
    parser.add_argument("--windowed", action="store_true",
                        help="a normal window instead of full-screen kiosk mode")
    parser.add_argument("--self-test", action="store_true",
                        help="offscreen: submit one transaction to a local platform, exit 0")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.self_test:
        from kiosk.selftest import run_self_test

        return run_self_test()
    try:
        shell = start_shell(APP_NAME, arguments.config_dir or config_dir())
    except (ConfigError, SecretsError, StoreError, AlreadyRunning) as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 2
    kiosk_mode = shell.config.kiosk.fullscreen and not arguments.windowed
    window = build_kiosk(shell, kiosk_mode=kiosk_mode)
    if not kiosk_mode:
        window.resize(1080, 960)
    window.present()
    shell.bridge.start()
    start_watchdog(window)
    try:
        return shell.app.exec()
    finally:
        shell.close()


if __name__ == "__main__":
    sys.exit(main())
