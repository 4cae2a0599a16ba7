"""`reception-counter`: the clerk's window terminal.

Phase one paints the window and the sign-in from the display settings;
phase two (configuration, store, sync, devices) loads off the GUI thread and
is attached by the composition root (`counter.composition`).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from counter.composition import CounterComposition
from sync.paths import config_dir
from terminal.services import Services, ServicesLoader
from terminal.shell import Shell, attach_services
from terminal.single_instance import AlreadyRunning
from terminal.startup import start_gui

APP_NAME = "reception-counter"
log = logging.getLogger("counter")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=APP_NAME, description=__doc__)
    parser.add_argument("--config-dir", type=Path, default=None,
                        help="folder of terminal.toml and secrets.toml")
    parser.add_argument("--size", choices=("1920x1080", "1366x768", "full"), default="full",
                        help="window size (default: full screen)")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    folder = arguments.config_dir or config_dir()
    try:
        gui = start_gui(APP_NAME, folder)
    except AlreadyRunning as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 2
    ui = CounterComposition(gui)
    if arguments.size == "full":
        ui.window.showFullScreen()
    else:
        width, height = (int(part) for part in arguments.size.split("x"))
        ui.window.resize(width, height)
        ui.window.show()
    shells: list[Shell] = []

    def loaded(services: Services) -> None:
        shell = attach_services(gui, services)
        shells.append(shell)
        ui.attach(shell)
        shell.bridge.start()

    def failed(message: str) -> None:
        print(f"{APP_NAME}: {message}", file=sys.stderr)
        ui.window.show_status(message)

    loader = ServicesLoader(folder)
    loader.loaded.connect(loaded)
    loader.failed.connect(failed)
    QTimer.singleShot(0, loader.start)  # after the first paint
    try:
        return gui.app.exec()
    finally:
        loader.wait(30)
        ui.stop()
        for shell in shells:
            shell.close()
        gui.release()


if __name__ == "__main__":
    sys.exit(main())
