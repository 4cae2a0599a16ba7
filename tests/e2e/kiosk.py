"""The kiosk in a fresh process on the test's X server, and the driver that
uses it only as a resident can: taps and key presses through XTest
(xdotool), finding what to tap by position from the e2e probe."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from tests.e2e.frontend import ROOT, FrontEndProcess
from tests.e2e.peers import CardReader, Platform, Printer
from tests.e2e.probe import GUI_DEADLINE, GuiNotAnswering, ProbeConnection, Watchdog
from tests.e2e.stalls import KernelWitness, machine_meter
from tests.e2e.texts import tr
from tests.e2e.xserver import XServer

SHOTS = Path(os.environ.get("RECEPTION_E2E_SHOTS", ROOT / "var" / "e2e"))
#: docs/screenshots, to keep the shots the documentation shows (README: make e2e)
DOC_SHOTS = os.environ.get("RECEPTION_E2E_DOC_SHOTS", "")
#: how long a step may take before the test gives up (the GUI answers meanwhile)
STEP_TIMEOUT = 30.0
#: a widget still not wholly shown after this long is looked for by scrolling,
#: this many wheel turns down, then twice as many up
SCROLL_AFTER = 1.0
SCROLL_TURNS = 8

Widget = dict[str, Any]


def kiosk_process(xserver: XServer, platform: Platform, printer: Printer,
                  reader: CardReader, language: str, folder: Path,
                  zone: str = "Asia/Shanghai", sections: str = "") -> FrontEndProcess:
    """`python -m kiosk`, full screen, with the loopback printer, the pty card reader
    and a camera that sees an empty counter (and `sections` of terminal.toml after
    those: a passport reader); quick to notice the platform is back (the tests wait
    for it)."""
    return FrontEndProcess(
        "kiosk", "kiosk", xserver, platform, language, folder,
        "[kiosk]\nfullscreen = true\n" + devices(printer, reader, folder / "camera")
        + sections, sync="backoff_cap = 3.0\nrefresh_interval = 10.0\n", zone=zone)


def devices(printer: Printer, reader: CardReader, camera: Path) -> str:
    """terminal.toml's devices: the loopback printer, the pty card reader and a camera
    over a folder (made here) that sees an empty counter."""
    camera.mkdir(parents=True, exist_ok=True)
    if not (camera / "frame.png").exists():
        empty_counter(camera)
    return ("[devices.printer]\n"
            'kind = "network"\n'
            f'address = "{printer.address}"\n'
            'chinese_mode = "gb18030"\n'
            "[devices.card_reader]\n"
            'kind = "ga467"\n'
            f'port = "{reader.port}"\n'
            "[devices.camera]\n"
            'kind = "folder"\n'
            f"path = {json.dumps(str(camera))}\n")


def empty_counter(camera: Path) -> None:
    """What the camera over the folder `camera` sees when nobody holds anything up: a
    plain grey counter (its frame.png replaced whole: never half a picture read)."""
    from PIL import Image

    staged = camera.parent / f"staged-{camera.name}.png"
    Image.new("RGB", (640, 480), (128, 132, 136)).save(staged)
    staged.replace(camera / "frame.png")


def centre(widget: Widget) -> tuple[int, int]:
    x, y, width, height = widget["rect"]
    return x + width // 2, y + height // 2


def shows(widget: Widget, text: str, exact: bool = False) -> bool:
    """`widget` says `text` (exactly, or within it, line breaks and spaces aside)."""
    shown = (widget.get("text") or "", widget.get("accessible") or "")
    if exact:
        return text in shown
    squeezed = "".join(text.split())
    return any(squeezed in "".join(part.split()) for part in shown)


class Kiosk:
    """Drives a running kiosk through the X server, like a resident's finger."""

    def __init__(self, process: FrontEndProcess) -> None:
        self.process = process
        self.display = process.xserver.display
        self.language = process.language
        self._probe = ProbeConnection(process.probe_path, connect_timeout=60)
        assert process.process is not None
        #: what the kernel excuses of a wait on the GUI thread (a machine that stalled)
        self.witness = KernelWitness(process.process.pid, machine_meter())
        self.watchdog: Watchdog | None = None
        self.step = "start-up"
        self.frozen = False  # the GUI thread once failed to answer in time
        self.last: dict[str, Any] = {}

    # ---- reading the screen ----------------------------------------------------
    def tr(self, context: str, source: str) -> str:
        return tr(self.language, context, source)

    def state(self, deadline: float = GUI_DEADLINE) -> dict[str, Any]:
        self._check_watchdog()
        try:
            self.last = self._probe.ask("state", deadline, witness=self.witness)
        except GuiNotAnswering as error:
            self.frozen = True
            raise GuiNotAnswering(f"step {self.step!r}: {error}\n"
                                  f"{self.process.stacks()}") from None
        return self.last

    def widgets(self, kind: str | None = None) -> list[Widget]:
        return [w for w in self.state()["widgets"] if kind is None or w["kind"] == kind]

    def texts(self) -> list[str]:
        return [w.get("text") or w.get("accessible") or "" for w in self.last.get("widgets", [])]

    def wait(self, condition: Callable[[dict[str, Any]], Any], what: str,
             timeout: float = STEP_TIMEOUT, answer_within: float = GUI_DEADLINE) -> Any:
        """Poll the probe (each answer within `answer_within`) until `condition(state)`."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.state(answer_within)
            value = condition(state)
            if value:
                return value
            if time.monotonic() > deadline:
                shot = self.screenshot(f"timeout-{self.step}")
                shown = [t for t in self.texts() if t][:60]
                raise AssertionError(
                    f"step {self.step!r}: timed out after {timeout:g} s waiting for {what}; "
                    f"screen {state.get('screen')!r} (ready: {state.get('ready')}, windows: "
                    f"{state.get('windows')}) shows {shown}; screenshot {shot}\n"
                    f"{self.process.stacks()}")
            time.sleep(0.1)

    def find(self, state: dict[str, Any], text: str = "", *, name: str = "",
             kind: str | None = "button", enabled: bool = True,
             exact: bool = False) -> Widget | None:
        for widget in state["widgets"]:
            if kind is not None and widget["kind"] != kind:
                continue
            if name and widget["name"] != name:
                continue
            if text and not shows(widget, text, exact):
                continue
            if enabled and not widget["enabled"]:
                continue
            return widget
        return None

    def wait_for(self, text: str = "", *, name: str = "", kind: str | None = "button",
                 exact: bool = False, timeout: float = STEP_TIMEOUT) -> Widget:
        what = f"{kind or 'widget'} {text or name!r}"
        return self.wait(lambda state: self.find(state, text, name=name, kind=kind,
                                                 exact=exact), what, timeout)

    def wait_screen(self, screen: str | None, timeout: float = STEP_TIMEOUT) -> None:
        self.wait(lambda state: state.get("screen") == screen or (screen is None and
                                                                  state.get("screen") is None),
                  f"screen {screen!r}", timeout)

    def wait_text(self, text: str, timeout: float = STEP_TIMEOUT) -> Widget:
        """Wait until the screen says `text` where a resident can read it (scrolling to it)."""
        return self.reveal(text, kind=None, wholly=False, timeout=timeout)

    # ---- touching -----------------------------------------------------------------
    def xdotool(self, *arguments: str) -> None:
        subprocess.run(["xdotool", *arguments], check=True, timeout=GUI_DEADLINE + 3,
                       env=dict(os.environ, DISPLAY=self.display))

    def tap_at(self, x: int, y: int) -> None:
        self.xdotool("mousemove", str(x), str(y), "click", "1")

    def scroll(self, down: bool) -> None:
        """One turn of the mouse wheel over the screens, the stand-in for a finger's
        swipe (XTest has no touch): a page taller than the display scrolls."""
        xserver = self.process.xserver
        self.xdotool("mousemove", str(xserver.width // 4), str(xserver.height // 2),
                     "click", "5" if down else "4")

    def reveal(self, text: str = "", *, name: str = "", kind: str | None = "button",
               exact: bool = False, wholly: bool = True,
               timeout: float = STEP_TIMEOUT) -> Widget:
        """Wait for an enabled widget showing `text` (or named `name`) on screen (`wholly`,
        or any of it); one that stays below (or above) the fold is scrolled to."""
        since = time.monotonic()
        turns = iter([True] * SCROLL_TURNS + [False] * 2 * SCROLL_TURNS)
        seen: list[list[int]] = []  # where it was at the last look

        def shown(state: dict[str, Any]) -> Widget | None:
            widget = self.find(state, text, name=name, kind=kind, exact=exact)
            if widget is not None and (widget["rect"] == widget["whole"] or not wholly):
                if seen[-1:] == [widget["rect"]]:  # still: the layout has settled
                    return widget
                seen.append(widget["rect"])
                return None
            if time.monotonic() - since > SCROLL_AFTER:
                down = next(turns, None)
                if down is not None:
                    self.scroll(down)
            return None

        return self.wait(shown, f"{kind or 'widget'} {text or name!r} on screen", timeout)

    def tap(self, text: str = "", *, name: str = "", kind: str | None = "button",
            exact: bool = False, timeout: float = STEP_TIMEOUT) -> Widget:
        """Tap the middle of the enabled widget showing `text` (or named `name`), once
        it is wholly on screen (scrolled to if need be)."""
        widget = self.reveal(text, name=name, kind=kind, exact=exact, timeout=timeout)
        self.tap_at(*centre(widget))
        return widget

    def tap_quick(self, text: str, timeout: float = STEP_TIMEOUT) -> Widget:
        """Tap a Qt Quick item (a virtual keyboard key or candidate) showing `text`,
        once it stands still (the keyboard slides in)."""
        seen: list[list[int]] = []

        def found(state: dict[str, Any]) -> Widget | None:
            item = next((item for item in state["quick"]
                         if text in (item.get("text"), item.get("displayText"))
                         and item["enabled"]), None)
            if item is None or seen[-1:] == [item["rect"]]:
                return item
            seen.append(item["rect"])
            return None

        item = self.wait(found, f"keyboard item {text!r}", timeout)
        self.tap_at(*centre(item))
        return item

    def begin(self, step: str) -> None:
        """Name the step for messages (and for the watchdog's report)."""
        self._check_watchdog()
        self.step = step

    def _check_watchdog(self) -> None:
        if self.watchdog is not None and self.watchdog.failure:
            self.frozen = True
            raise GuiNotAnswering(f"step {self.step!r}: {self.watchdog.failure}\n"
                                  f"and now:\n{self.process.stacks()}")

    # ---- evidence ------------------------------------------------------------------
    def screenshot(self, name: str, doc: bool = False) -> Path:
        """The X server's own pixels (not a widget grab); a `doc` one is also kept as
        docs/screenshots/kiosk/x11-<name>.png when RECEPTION_E2E_DOC_SHOTS names
        docs/screenshots."""
        from PIL import ImageGrab

        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        ImageGrab.grab(xdisplay=self.display).save(path)
        if doc and DOC_SHOTS:
            target = Path(DOC_SHOTS) / "kiosk" / f"x11-{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        return path

    def start_watchdog(self) -> None:
        self.watchdog = Watchdog(self.process.probe_path, self.process.stacks,
                                 witness=self.witness).start()

    def close(self) -> None:
        if self.watchdog is not None:
            self.watchdog.stop()
        self._probe.close()


def first(items: Iterable[Any]) -> Any:
    return next(iter(items), None)
