"""The counter and the hall display in fresh processes on X servers of their
own, for the real-display tests: configured and enrolled like the kiosk
(tests/e2e/kiosk.py), read through the same probe and driven by the same
XTest driver, the clerk by real key events."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.e2e.frontend import FrontEndProcess
from tests.e2e.kiosk import DOC_SHOTS, Kiosk, devices
from tests.e2e.peers import CardReader, Platform, Printer
from tests.e2e.xserver import XServer

WINDOW = "3"


def counter_process(xserver: XServer, platform: Platform, printer: Printer,
                    reader: CardReader, language: str, folder: Path) -> FrontEndProcess:
    """The counter of window 3, full screen, with the loopback printer, the pty card
    reader and a camera over a folder; one recall before a no-show."""
    return FrontEndProcess(
        "counter.app", "counter", xserver, platform, language, folder,
        "[counter]\n"
        f'window = "{WINDOW}"\n'
        'categories = ["A", "B"]\n'
        "recalls_before_no_show = 1\n"
        "idle_signout_seconds = 3600\n" + devices(printer, reader, folder / "camera"),
        ("--size", f"{xserver.width}x{xserver.height}"))


def display_process(xserver: XServer, platform: Platform, language: str,
                    folder: Path) -> FrontEndProcess:
    """The hall display, full screen; speech as configured by default ("auto"); reference
    data (notices) pulled every 5 s."""
    return FrontEndProcess("display", "display", xserver, platform, language, folder,
                           "[display]\nfullscreen = true\n", sync="refresh_interval = 5.0\n")


class Desk(Kiosk):
    """A front end driven as its user does: the clerk by keys, the resident by taps."""

    def keys(self, *names: str) -> None:
        """Real key events (XTest) to the window under the pointer, one after another."""
        self.xdotool("key", "--delay", "60", *names)

    def type_text(self, text: str) -> None:
        self.xdotool("type", "--delay", "60", text)

    def point_at_window(self, name: str = "") -> None:
        """The pointer over the window (`name`: its object name; the first one by default),
        so the keys go to it (no window manager)."""
        windows = self.state()["windows"]
        window = next((w for w in windows if w["name"] == name), windows[0])
        x, y, width, _height = window["rect"]
        self.xdotool("mousemove", str(x + width // 2), str(y + 8))

    def shot(self, folder: str, name: str) -> Path:
        """An X-server screenshot, kept under `folder` in the docs when asked to."""
        path = self.screenshot(f"{folder}-{name}")
        if DOC_SHOTS:
            target = Path(DOC_SHOTS) / folder / f"x11-{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        return path
