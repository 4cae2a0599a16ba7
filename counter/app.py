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

from counter.composition import CounterComposition
from sync.paths import config_dir
from terminal.services import ServicesLoader
from terminal.shell import run_front_end
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
    return run_front_end(APP_NAME, gui, ui, ServicesLoader(folder), ui.window.show_status)

if __name__ == "__main__":
    sys.exit(main())
