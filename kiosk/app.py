"""`reception-kiosk`: the resident's self-service terminal."""

from __future__ import annotations

import argparse
import functools
import logging
import os
import sys
from collections import deque
from pathlib import Path

from PySide6.QtWidgets import QWidget

from kiosk.composition import KioskComposition
from kiosk.screens.registry import import_flows
from sync.paths import config_dir
from sync.protocol.models import TicketPayload
from terminal.quick_backend import prefer_software_quick
from terminal.selftest import add_arguments as add_self_test_arguments
from terminal.selftest import run_self_test
from terminal.services import ServicesLoader, open_services
from terminal.shell import run_front_end
from terminal.single_instance import AlreadyRunning
from terminal.startup import Gui, start_gui
from terminal.watchdog import start_watchdog
from terminal.widgets.keyboard import configure_input_method

APP_NAME = "reception-kiosk"
log = logging.getLogger("kiosk")
#: A window's size when not full screen: the kiosk's own portrait screen.
WINDOW_SIZE = "1080x1920"


def window_size(text: str) -> tuple[int, int]:
    """`1080x1920` -> (1080, 1920)."""
    width, _, height = text.lower().partition("x")
    try:
        size = int(width), int(height)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT") from None
    if min(size) < 320:
        raise argparse.ArgumentTypeError(f"{text!r} is too small for the kiosk")
    return size


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=APP_NAME, description=__doc__)
    parser.add_argument("--config-dir", type=Path, default=None,
                        help="folder of terminal.toml and secrets.toml")
    parser.add_argument("--windowed", action="store_true",
                        help="a normal window instead of full-screen kiosk mode")
    parser.add_argument("--size", type=window_size, default=window_size(WINDOW_SIZE),
                        help="the window's size when not full screen (default: the kiosk's "
                             f"{WINDOW_SIZE}; QT_SCALE_FACTOR shrinks it to fit a smaller "
                             "screen)")
    add_self_test_arguments(parser)
    return parser


def _self_test_window(gui: Gui) -> tuple[KioskComposition, QWidget]:
    ui = KioskComposition(gui, kiosk_mode=False)
    ui.window.resize(*window_size(WINDOW_SIZE))
    ui.window.present()
    return ui, ui.window


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.self_test:
        return run_self_test(APP_NAME, "kiosk", _self_test_window, arguments,
                             payload=TicketPayload(number="A001", category="A"))
    folder = arguments.config_dir or config_dir()
    keyboard = configure_input_method()  # must precede the QApplication
    prefer_software_quick()  # likewise: the keyboard's QML without OpenGL
    try:
        gui = start_gui(APP_NAME, folder)
    except AlreadyRunning as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 2
    log.info("on-screen keyboard: %s", keyboard)
    kiosk_mode = gui.settings.fullscreen and not arguments.windowed
    ui = KioskComposition(gui, kiosk_mode=kiosk_mode)
    if not kiosk_mode:
        ui.window.resize(*arguments.size)
    ui.window.present()
    start_watchdog(ui.window)
    if os.environ.get("RECEPTION_E2E_PROBE"):  # the real-display tests only
        from terminal.e2e_probe import start_probe

        said: deque[str] = deque(maxlen=20)  # voice guidance's utterances, latest last
        ui.guide.said.connect(lambda text, _language: said.append(text))

        def synced() -> bool:
            """A sync pass with the platform has succeeded (reference data at hand)."""
            shell = ui.context.shell
            state = shell.bridge.last_state if shell is not None else None
            return state is not None and state.last_success is not None

        start_probe(lambda: {"screen": ui.navigator.current,
                             "identified": ui.context.session.identified,
                             "ready": ui.context.shell is not None,
                             "synced": synced(),
                             "language": gui.language.language,
                             "said": list(said)}, ui.window)
    # the camera and a due store migration in processes of their own: OpenCV, numpy and
    # alembic stay out of the kiosk's memory (docs/benchmarks.md, kiosk memory)
    opener = functools.partial(open_services, camera_process=True, migrate_in_child=True)
    return run_front_end(APP_NAME, gui, ui,
                         ServicesLoader(folder, prepare=import_flows, opener=opener),
                         lambda _message: ui.show_out_of_service())

if __name__ == "__main__":
    sys.exit(main())
