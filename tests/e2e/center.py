"""The counter and the hall display in fresh processes on X servers of their
own, for the real-display tests: configured and enrolled like the kiosk
(tests/e2e/kiosk.py), read through the same probe and driven by the same
XTest driver, the clerk by real key events."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.frontend import FrontEndProcess
from tests.e2e.kiosk import DOC_SHOTS, Kiosk, devices
from tests.e2e.peers import CardReader, CenterClock, Platform, Printer, faketime_library
from tests.e2e.xserver import XServer, missing_tools

WINDOW = "3"
SIZE = (1366, 768)
START_TIMEOUT = 90.0


def counter_process(xserver: XServer, platform: Platform, printer: Printer,
                    reader: CardReader, language: str, folder: Path,
                    sections: str = "") -> FrontEndProcess:
    """The counter of window 3, full screen, with the loopback printer, the pty card
    reader and a camera over a folder (`folder`/camera); one recall before a no-show;
    `sections` end its terminal.toml."""
    return FrontEndProcess(
        "counter.app", "counter", xserver, platform, language, folder,
        "[counter]\n"
        f'window = "{WINDOW}"\n'
        'categories = ["A", "B"]\n'
        "recalls_before_no_show = 1\n"
        "idle_signout_seconds = 3600\n" + devices(printer, reader, folder / "camera")
        + sections,
        ("--size", f"{xserver.width}x{xserver.height}"))


def display_process(xserver: XServer, platform: Platform, language: str,
                    folder: Path) -> FrontEndProcess:
    """The hall display, full screen; speech as configured by default ("auto"); reference
    data (notices) pulled every 5 s."""
    return FrontEndProcess("display", "display", xserver, platform, language, folder,
                           "[display]\nfullscreen = true\n", sync="refresh_interval = 5.0\n")


class Desk(Kiosk):
    """A front end driven as its user does: the clerk by keys, the resident by taps."""

    #: where the mouse wheel turns to bring a widget below the fold into view (over
    #: the scrolling part of the screen); None: where the kiosk's driver turns it
    wheel_at: tuple[int, int] | None = None

    def scroll(self, down: bool) -> None:
        if self.wheel_at is None:
            super().scroll(down)
            return
        x, y = self.wheel_at
        self.xdotool("mousemove", str(x), str(y), "click", "5" if down else "4")

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

    def serve_next(self, number: str) -> None:
        """F1 calls `number`; F9: the resident arrives and is served."""
        self.keys("F1")
        self.wait(lambda state: state.get("current") == number, f"{number} called")
        self.keys("F9")
        self.wait(lambda state: state.get("ticket_status") == "serving", "serving")

    def open_matter(self, initials: str, code: str) -> None:
        """Ctrl+N, the matter `code` found first by its pinyin `initials`, Return:
        the applicant step."""
        self.keys("ctrl+n")
        self.wait(lambda state: state.get("focus") == "matterSearch",
                  "the matter search focused")
        self.type_text(initials)
        self.wait(lambda state: (state.get("matter_hits") or [""])[0].startswith(code),
                  f"{code} found first")
        self.keys("Return")
        self.wait(lambda state: state.get("step") == 1, "the applicant step")

    def shot(self, folder: str, name: str) -> Path:
        """An X-server screenshot, kept under `folder` in the docs when asked to."""
        path = self.screenshot(f"{folder}-{name}")
        if DOC_SHOTS:
            target = Path(DOC_SHOTS) / folder / f"x11-{name}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        return path


@dataclass
class Counter:
    desk: Desk
    process: FrontEndProcess
    platform: Platform
    printer: Printer
    reader: CardReader
    kiosk: Any  # a kiosk's PlatformClient: tickets, as residents take them

    @property
    def camera(self) -> Path:
        """The folder the counter's camera sees (its frame.png)."""
        return self.process.folder / "camera"

    def issue(self, category: str = "A") -> str:
        return str(self.kiosk.issue_ticket(category, uuid.uuid4()).number)


@contextmanager
def running_counter(language: str, sections: str = "") -> Iterator[Counter]:
    """A fresh counter at its sign-in on a 1366x768 X server of its own, with its
    platform, printer and card reader, the watchdog on (its slowest ping joins the
    run's summary); stopped by SIGTERM afterwards, which it must survive cleanly."""
    from tests.e2e.conftest import LATE_PINGS, SLOWEST_ANSWERS

    missing = missing_tools() + ([] if faketime_library() else ["libfaketime"])
    if missing:
        pytest.skip(f"the real-display tests need {' and '.join(missing)} "
                    "(apt-get install xvfb xdotool faketime)")
    folder = Path(tempfile.mkdtemp(prefix=f"reception-e2e-counter-{language}-"))
    xserver = XServer(*SIZE).start()
    platform = Platform(folder / "platform", CenterClock.next_working_morning())
    printer = reader = process = desk = kiosk = None
    try:
        platform.start()
        printer, reader = Printer(), CardReader()
        kiosk = platform_client(platform, "kiosk")
        process = counter_process(xserver, platform, printer, reader, language,
                                  folder / "counter", sections)
        process.start()
        desk = Desk(process)
        desk.wait(lambda state: state.get("ready") and any(
            window["rect"][2:] == list(SIZE) for window in state["windows"]),
            "the counter's sign-in, with services loaded", timeout=START_TIMEOUT,
            answer_within=START_TIMEOUT)
        desk.start_watchdog()
        yield Counter(desk, process, platform, printer, reader, kiosk)
        if desk.watchdog is not None and not desk.frozen:
            SLOWEST_ANSWERS.append(desk.watchdog.worst)
            LATE_PINGS.extend(f"counter ({language}): {late}" for late in desk.watchdog.late)
    except BaseException:
        if process is not None:
            print(process.log_tail())
        raise
    finally:
        if desk is not None:
            desk.close()
        code = process.stop_gracefully(20.0) if process is not None else 0
        if kiosk is not None:
            kiosk.close()
        for peer in (reader, printer, platform):
            if peer is not None:
                peer.close()
        xserver.stop()
        shutil.rmtree(folder, ignore_errors=True)
    if desk is not None and not desk.frozen and code != 0:
        print(process.log_tail() if process is not None else "")
        pytest.fail(f"the counter did not exit cleanly on SIGTERM (exit status {code})")


def platform_client(platform: Platform, role: str) -> Any:
    """A PlatformClient enrolled in `role` (a kiosk's: tickets, as residents take them)."""
    import base64

    from sync.client import PlatformClient

    answer = PlatformClient.enroll(platform.url, platform.enroll_code(role))
    return PlatformClient(platform.url, answer.terminal_id,
                          base64.urlsafe_b64decode(answer.key))
