"""The hall display on a real display (Xvfb, xcb), in a fresh process against
the reference platform: a counter's call shown big and announced (speech as
configured by default, heard or not), the offline status when the platform
goes away, and back online with the next call when it returns. In both
languages at 1920x1080, and at 1280x720 (cage's headless output), where it
fills the screen too; the X server's own pixels kept as screenshots."""

from __future__ import annotations

import base64
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.center import WINDOW, Desk, display_process
from tests.e2e.frontend import FrontEndProcess
from tests.e2e.peers import CenterClock, CenterNotice, Platform, faketime_library
from tests.e2e.xserver import XServer, missing_tools

#: (language, screen size) of each run
SCREENS = [("zh_CN", (1920, 1080)), ("en", (1920, 1080)), ("zh_CN", (1280, 720))]
START_TIMEOUT = 90.0
OFFLINE_STATUS = {"zh_CN": "● 离线", "en": "● Offline"}
ONLINE_STATUS = {"zh_CN": "● 在线", "en": "● Online"}


@dataclass
class Hall:
    screen: Desk
    process: FrontEndProcess
    platform: Platform
    kiosk: Any
    counter: Any
    size: str  # "1920x1080"

    def call(self, category: str = "A") -> str:
        number = str(self.kiosk.issue_ticket(category, uuid.uuid4()).number)
        called = self.counter.call_next(WINDOW, "1001", [category])
        assert called is not None and called.number == number
        return number


def _client(platform: Platform, role: str) -> Any:
    from sync.client import PlatformClient

    answer = PlatformClient.enroll(platform.url, platform.enroll_code(role))
    return PlatformClient(platform.url, answer.terminal_id,
                          base64.urlsafe_b64decode(answer.key))


@pytest.fixture(params=SCREENS, ids=lambda screen: f"{screen[0]}-{screen[1][0]}x{screen[1][1]}")
def hall(request: pytest.FixtureRequest) -> Iterator[Hall]:
    missing = missing_tools() + ([] if faketime_library() else ["libfaketime"])
    if missing:
        pytest.skip(f"the real-display tests need {' and '.join(missing)} "
                    "(apt-get install xvfb xdotool faketime)")
    language, size = request.param
    folder = Path(tempfile.mkdtemp(prefix=f"reception-e2e-display-{language}-"))
    xserver = XServer(*size).start()
    platform = Platform(folder / "platform", CenterClock.next_working_morning())
    process = screen = None
    clients: list[Any] = []
    try:
        platform.start()
        clients = [_client(platform, "kiosk"), _client(platform, "counter")]
        process = display_process(xserver, platform, language, folder / "display")
        process.start()
        screen = Desk(process)
        screen.wait(lambda state: state.get("ready") and state.get("online") is True
                    and state.get("feed") and any(window["rect"][2:] == list(size)
                                                  for window in state["windows"]),
                    "the hall screen, full screen, live", timeout=START_TIMEOUT,
                    answer_within=START_TIMEOUT)
        screen.start_watchdog()
        yield Hall(screen, process, platform, *clients, size=f"{size[0]}x{size[1]}")
    except Exception:
        if process is not None:
            print(process.log_tail())
        raise
    finally:
        if screen is not None:
            screen.close()
        code = process.stop_gracefully(20.0) if process is not None else 0
        for client in clients:
            client.close()
        platform.close()
        xserver.stop()
        shutil.rmtree(folder, ignore_errors=True)
    if screen is not None and not screen.frozen and code != 0:
        pytest.fail(f"the display did not exit cleanly on SIGTERM (exit status {code})")


def _status(state: dict[str, Any]) -> str:
    return next((str(w.get("text") or "") for w in state["widgets"]
                 if w["name"] == "status"), "")


def _label(state: dict[str, Any], name: str) -> str:
    return next((str(w.get("text") or "") for w in state["widgets"] if w["name"] == name), "")


def test_a_call_shown_and_announced_offline_and_back(hall: Hall) -> None:
    screen, language = hall.screen, hall.screen.language

    screen.begin("a counter calls: shown big and announced")
    number = hall.call("A")
    screen.wait(lambda state: _label(state, "callNumber") == number, f"{number} shown big")
    screen.wait(lambda state: f"{number}@{WINDOW}" in state.get("announced", []),
                f"{number} announced")
    assert WINDOW in _label(screen.state(), "callWindowPrimary")
    time.sleep(3.5)  # the call panel's flash ends (6 x 500 ms)
    screen.shot("display", f"call-{language}-{hall.size}")

    screen.begin("the platform dies (SIGKILL): the status says offline")
    went = time.monotonic()
    hall.platform.process.stop(kill=True)
    screen.wait(lambda state: state.get("online") is False
                and _status(state).startswith(OFFLINE_STATUS[language]), "offline shown")
    print(f"offline shown {time.monotonic() - went:.2f} s after the platform stopped")
    screen.shot("display", f"offline-{language}-{hall.size}")

    screen.begin("the platform returns: online, and the next call arrives")
    hall.platform.start()
    back = time.monotonic()
    screen.wait(lambda state: state.get("online") is True and state.get("feed")
                and _status(state).startswith(ONLINE_STATUS[language]), "online again")
    print(f"online again {time.monotonic() - back:.2f} s after the platform answered")
    number = hall.call("B")
    screen.wait(lambda state: _label(state, "callNumber") == number, f"{number} shown big")
    screen.wait(lambda state: f"{number}@{WINDOW}" in state.get("announced", []),
                f"{number} announced")


def test_a_notice_the_manager_writes_reaches_the_hall(hall: Hall) -> None:
    """Written on the manager's notices page of a counter of this center (the same
    signed requests), scrolling on the hall display at its next refresh."""
    screen, language = hall.screen, hall.screen.language
    notice = CenterNotice(hall.counter, hall.platform, "周六上午停电检修",
                          "Power cut on Saturday morning")
    screen.begin("the manager's notice on the ticker")
    first = "周六上午停电检修" if language == "zh_CN" else "Power cut on Saturday morning"
    screen.wait(lambda state: first in str(state.get("ticker", "")), f"{first!r} on the ticker",
                timeout=60)
    screen.shot("display", f"center-notice-{language}-{hall.size}")
    screen.begin("withdrawn: gone from the ticker")
    notice.withdraw()
    screen.wait(lambda state: first not in str(state.get("ticker", "")),
                f"{first!r} off the ticker", timeout=60)
