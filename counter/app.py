"""`reception-counter`: the clerk's window terminal.

Phase one paints the window and the sign-in from the display settings;
phase two (configuration, store, sync, devices) loads off the GUI thread and
is attached by the composition root (`counter.composition`).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from counter.composition import CounterComposition
from sync.paths import config_dir
from terminal.selftest import add_arguments as add_self_test_arguments
from terminal.selftest import run_self_test
from terminal.services import Services, ServicesLoader, open_services
from terminal.shell import run_front_end
from terminal.single_instance import AlreadyRunning
from terminal.startup import Gui, start_gui
from terminal.watchdog import start_watchdog

APP_NAME = "reception-counter"
log = logging.getLogger("counter")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=APP_NAME, description=__doc__)
    parser.add_argument("--config-dir", type=Path, default=None,
                        help="folder of terminal.toml and secrets.toml")
    parser.add_argument("--size", choices=("1920x1080", "1366x768", "full"), default="full",
                        help="window size (default: full screen)")
    add_self_test_arguments(parser)
    return parser


def open_counter_services(config_dir: Path) -> Services:
    """The counter's services: its camera in a process of its own, as the kiosk's, so
    OpenCV, numpy and dlib stay out of the clerk's window (a face match holds the GIL
    for hundreds of milliseconds, an MRZ read is heavy too)."""
    return open_services(config_dir, camera_process=True)


def _self_test_window(gui: Gui) -> tuple[CounterComposition, QWidget]:
    ui = CounterComposition(gui)
    ui.window.resize(1920, 1080)
    ui.window.show()
    return ui, ui.window


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.self_test:
        return run_self_test(APP_NAME, "counter", _self_test_window, arguments)
    folder = arguments.config_dir or config_dir()
    try:
        gui = start_gui(APP_NAME, folder)
    except AlreadyRunning as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 2
    ui = CounterComposition(gui)
    if arguments.size == "full":
        # the screen's size first: with no window manager nobody honours full screen
        screen = ui.window.screen() or QGuiApplication.primaryScreen()
        ui.window.setGeometry(screen.geometry())
        ui.window.showFullScreen()
    else:
        width, height = (int(part) for part in arguments.size.split("x"))
        ui.window.resize(width, height)
        ui.window.show()
    ui.window.activateWindow()  # the clerk's keys need the input focus, with or without a WM
    start_watchdog(ui.window)  # systemd: READY=1, then WATCHDOG=1 from the GUI loop
    if os.environ.get("RECEPTION_E2E_PROBE"):  # the real-display tests only
        from terminal.e2e_probe import start_probe

        start_probe(lambda: e2e_state(ui, gui.language.language), ui.window)
    return run_front_end(APP_NAME, gui, ui, ServicesLoader(folder, opener=open_counter_services),
                         ui.window.show_status)


def e2e_state(ui: CounterComposition, language: str) -> dict[str, object]:
    """What the real-display tests read besides the widgets."""
    desk, current = ui.desk, ui.desk.current
    workbench = ui.workbench
    return {"ready": ui.shell is not None, "language": language,
            "clerk": desk.clerk.staff_no if desk.clerk else None, "online": desk.online,
            "current": current.number if current else None,
            "ticket_status": current.status if current else None, "busy": desk.busy,
            "step": workbench.stack.currentIndex() if hasattr(workbench, "stack") else None,
            "matter_hits": [workbench.matter_step.results.item(row).text()
                            for row in range(min(3, workbench.matter_step.results.count()))]
            if hasattr(workbench, "matter_step") else [],
            "rating_page": ui.rating.page() if ui.rating is not None else None}

if __name__ == "__main__":
    sys.exit(main())
