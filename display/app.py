"""`reception-display`: the hall display of called numbers, with the voice."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tomllib
from pathlib import Path

from PySide6.QtWidgets import QWidget

from display.composition import DisplayComposition
from display.services import open_display_services
from sync.paths import CONFIG_FILE, config_dir
from terminal.selftest import add_arguments as add_self_test_arguments
from terminal.selftest import run_self_test
from terminal.services import ServicesLoader
from terminal.shell import run_front_end
from terminal.single_instance import AlreadyRunning
from terminal.startup import Gui, start_gui
from terminal.watchdog import start_watchdog

APP_NAME = "reception-display"
log = logging.getLogger("display")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=APP_NAME, description=__doc__)
    parser.add_argument("--config-dir", type=Path, default=None,
                        help="folder of terminal.toml and secrets.toml")
    parser.add_argument("--windowed", action="store_true",
                        help="a 1920x1080 window instead of full screen")
    add_self_test_arguments(parser)
    return parser


def _self_test_window(gui: Gui) -> tuple[DisplayComposition, QWidget]:
    ui = DisplayComposition(gui, fullscreen=False, hide_cursor=False)
    ui.screen.resize(1920, 1080)
    ui.present()
    return ui, ui.screen


def screen_settings(config_path: Path) -> tuple[bool, bool]:
    """(fullscreen, hide_cursor) from [display], best effort, before validation."""
    try:
        section = tomllib.loads(config_path.read_text("utf-8")).get("display", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        section = {}
    fullscreen, hide_cursor = section.get("fullscreen", True), section.get("hide_cursor", True)
    return (fullscreen if isinstance(fullscreen, bool) else True,
            hide_cursor if isinstance(hide_cursor, bool) else True)


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.self_test:
        return run_self_test(APP_NAME, "display", _self_test_window, arguments,
                             opener=open_display_services)
    folder = arguments.config_dir or config_dir()
    try:
        gui = start_gui(APP_NAME, folder)
    except AlreadyRunning as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 2
    fullscreen, hide_cursor = screen_settings(folder / CONFIG_FILE)
    ui = DisplayComposition(gui, fullscreen=fullscreen and not arguments.windowed,
                            hide_cursor=hide_cursor)
    ui.present()
    start_watchdog(ui.screen)  # systemd: READY=1, then WATCHDOG=1 from the GUI loop
    if os.environ.get("RECEPTION_E2E_PROBE"):  # the real-display tests only
        from terminal.e2e_probe import start_probe

        start_probe(lambda: ui.e2e_state(), ui.screen)
    loader = ServicesLoader(folder, opener=open_display_services)
    return run_front_end(APP_NAME, gui, ui, loader, lambda _message: ui.start_failed(loader.start))

if __name__ == "__main__":
    sys.exit(main())
