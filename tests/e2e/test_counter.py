"""The counter on a real display (Xvfb 1366x768, xcb), in a fresh process,
the clerk at the keyboard: every step is real X key events (XTest) to the
counter window. Sign in, call, recall, no-show, transfer, serve, accept an
application with a missing material (a one-time notice), the slip from the
printer, the resident's rating; each checked against the platform's
database and the printer's ESC/POS bytes. In both languages."""

from __future__ import annotations

import json
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.center import WINDOW, Desk, counter_process
from tests.e2e.frontend import FrontEndProcess
from tests.e2e.peers import (
    DEMO_DATA,
    CardReader,
    CenterClock,
    Platform,
    Printer,
    faketime_library,
    wait_until,
)
from tests.e2e.texts import tr
from tests.e2e.xserver import XServer, missing_tools

SIZE = (1366, 768)
START_TIMEOUT = 90.0
CLERK, PIN, CLERK_NAME = "1001", "246810", "王丽"
MATTER = "MZ-001"  # 最低生活保障金申请: "dbsq" by its pinyin initials
MATERIALS = next(matter["materials"] for matter in json.loads(
    (DEMO_DATA / "catalog.json").read_text("utf-8"))["matters"] if matter["code"] == MATTER)


@dataclass
class Counter:
    desk: Desk
    process: FrontEndProcess
    platform: Platform
    printer: Printer
    reader: CardReader
    kiosk: Any  # a kiosk's PlatformClient: tickets, as residents take them

    def issue(self, category: str = "A") -> str:
        return str(self.kiosk.issue_ticket(category, uuid.uuid4()).number)


@pytest.fixture(params=["zh_CN", "en"])
def counter(request: pytest.FixtureRequest) -> Iterator[Counter]:
    missing = missing_tools() + ([] if faketime_library() else ["libfaketime"])
    if missing:
        pytest.skip(f"the real-display tests need {' and '.join(missing)} "
                    "(apt-get install xvfb xdotool faketime)")
    language: str = request.param
    folder = Path(tempfile.mkdtemp(prefix=f"reception-e2e-counter-{language}-"))
    xserver = XServer(*SIZE).start()
    platform = Platform(folder / "platform", CenterClock.next_working_morning())
    printer = reader = process = desk = kiosk = None
    try:
        platform.start()
        printer, reader = Printer(), CardReader()
        kiosk = _client(platform, "kiosk")
        process = counter_process(xserver, platform, printer, reader, language,
                                  folder / "counter")
        process.start()
        desk = Desk(process)
        desk.wait(lambda state: state.get("ready") and any(
            window["rect"][2:] == list(SIZE) for window in state["windows"]),
            "the counter's sign-in, with services loaded", timeout=START_TIMEOUT,
            answer_within=START_TIMEOUT)
        desk.start_watchdog()
        yield Counter(desk, process, platform, printer, reader, kiosk)
    except Exception:
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


def _client(platform: Platform, role: str) -> Any:
    import base64

    from sync.client import PlatformClient

    answer = PlatformClient.enroll(platform.url, platform.enroll_code(role))
    return PlatformClient(platform.url, answer.terminal_id,
                          base64.urlsafe_b64decode(answer.key))


def _ticket(platform: Platform, number: str) -> Any:
    found = [t for t in platform.rows("QueueTicket") if t.number == number]
    return found[0] if found else None


def _events(platform: Platform, number: str) -> list[str]:
    ticket = _ticket(platform, number)
    if ticket is None:
        return []
    return [event.kind for event in platform.rows("QueueEvent")
            if event.ticket_id == ticket.id]


def test_a_clerks_morning_at_the_keyboard(counter: Counter) -> None:
    desk, platform = counter.desk, counter.platform
    language = desk.language
    first, second, third = counter.issue("A"), counter.issue("A"), counter.issue("A")

    desk.begin("sign in")
    desk.point_at_window("counterWindow")
    desk.wait(lambda state: state.get("focus") == "staffNo", "the staff number field focused")
    desk.shot("counter", f"sign-in-{language}-1366x768")
    desk.type_text(CLERK)
    desk.keys("Return")
    desk.wait(lambda state: state.get("focus") == "pin", "on to the PIN")
    desk.type_text(PIN)
    desk.keys("Return")
    desk.wait(lambda state: state.get("clerk") == CLERK, "the clerk signed in")
    desk.wait_text(CLERK_NAME)

    desk.begin("F1 calls the first number")
    desk.keys("F1")
    desk.wait(lambda state: state.get("current") == first, f"{first} called")
    wait_until(lambda: "called" in _events(platform, first), 10, f"{first} called")
    desk.shot("counter", f"called-{language}-1366x768")

    desk.begin("F2 recalls it, F3 marks the no-show")
    desk.keys("F2")
    wait_until(lambda: "recalled" in _events(platform, first), 10, f"{first} recalled")
    desk.wait(lambda state: not state.get("busy"), "the recall answered")
    desk.keys("F3")
    desk.wait(lambda state: state.get("current") is None, "the desk free again")
    wait_until(lambda: _ticket(platform, first).status == "no_show", 10,
               f"{first} a no-show on the platform")

    desk.begin("F1, then F5 transfers to queue C (key 2), which window 3 does not serve")
    desk.keys("F1")
    desk.wait(lambda state: state.get("current") == second, f"{second} called")
    desk.keys("F5")
    desk.wait_text(tr(language, "QueuePanel", "Transfer %1 to another queue, or to a window:")
                   .replace("%1", second))
    desk.shot("counter", f"transfer-{language}-1366x768")
    desk.keys("2")
    desk.wait(lambda state: state.get("current") is None, "the transferred ticket gone")
    wait_until(lambda: _ticket(platform, second).category == "C", 10,
               f"{second} in queue C on the platform")

    desk.begin("F1, F9: the resident arrives")
    desk.keys("F1")
    desk.wait(lambda state: state.get("current") == third, f"{third} called")
    desk.keys("F9")
    desk.wait(lambda state: state.get("ticket_status") == "serving", "serving")

    desk.begin("Ctrl+N, the matter by its pinyin initials")
    desk.keys("ctrl+n")
    desk.wait(lambda state: state.get("focus") == "matterSearch", "the matter search focused")
    desk.type_text("dbsq")
    desk.wait(lambda state: (state.get("matter_hits") or [""])[0].startswith(MATTER),
              f"{MATTER} found first")
    desk.keys("Return")
    desk.wait(lambda state: state.get("step") == 1, "the applicant step")

    desk.begin("Ctrl+I reads the ID card")
    counter.reader.place()
    desk.keys("ctrl+i")
    desk.wait(lambda state: len(_field(state, "applicantId")) == 18, "the ID number read")
    counter.reader.take_away()

    desk.begin("Ctrl+PgDn to the materials: Tab to each row, Space marks it received")
    desk.keys("ctrl+Next", "ctrl+Next")
    desk.wait(lambda state: state.get("step") == 3, "the materials step")
    required = [m["code"] for m in MATERIALS if m["required"]]
    desk.wait(lambda state: state.get("focus") == f"material-{required[0]}-received",
              "the first material focused")
    for _code in required[1:]:  # the first required one stays missing
        desk.keys("Tab", "space")
    desk.wait(lambda state: all(_checked(state, f"material-{code}-received")
                                for code in required[1:]), "the others received")
    assert _checked(desk.state(), f"material-{required[0]}-missing")
    desk.shot("counter", f"materials-{language}-1366x768")

    desk.begin("Ctrl+PgDn to the outcome: the one-time notice, Ctrl+Enter records and prints")
    desk.keys("ctrl+Next", "ctrl+Next")
    desk.wait(lambda state: state.get("step") == 5, "the outcome step")
    desk.wait(lambda state: any(w["name"] == "outcome-missing_materials" and w.get("checked")
                                for w in state["widgets"]), "the one-time notice chosen")
    mark = counter.printer.mark()
    desk.keys("ctrl+Return")
    notice = tr(language, "AcceptanceReceipt", "One-time notice of missing materials")
    printed = wait_until(lambda: _slip(counter, mark, notice), 20, "the slip from the printer")

    desk.begin("the resident rates on the rating window")
    desk.wait(lambda state: state.get("rating_page") == 1, "the rating levels shown")
    desk.shot("counter", f"rating-{language}-1366x768")
    desk.tap(name="level5")
    desk.wait(lambda state: state.get("rating_page") == 3, "the thanks")

    desk.begin("F7: done (the resident's taps left the keys with the clerk)")
    desk.point_at_window("counterWindow")
    desk.keys("F7")
    desk.wait(lambda state: state.get("current") is None, "the desk free again")
    accepted = wait_until(lambda: platform.transactions("acceptance"), 30,
                          "the acceptance on the platform")
    assert accepted[-1]["matter_code"] == MATTER
    assert accepted[-1]["outcome"] == "missing_materials"
    assert accepted[-1]["materials_missing"] == required[:1]
    assert accepted[-1]["materials_received"] == required[1:]
    assert accepted[-1]["ticket_number"] == third and accepted[-1]["window"] == WINDOW
    assert accepted[-1]["tracking_number"] in _flat(printed.text)
    ratings = wait_until(lambda: platform.transactions("rating"), 30,
                         "the rating on the platform")
    assert ratings[-1]["level"] == 5
    assert ratings[-1]["tracking_number"] == accepted[-1]["tracking_number"]
    served = wait_until(lambda: [s for s in platform.transactions("served")
                                 if s.get("number") == third], 30, f"{third} served")
    assert served[-1]["outcome"] == "done"


def _checked(state: dict[str, Any], name: str) -> bool:
    return any(w["name"] == name and w.get("checked") for w in state["widgets"])


def _field(state: dict[str, Any], name: str) -> str:
    return next((str(w.get("text") or "") for w in state["widgets"]
                 if w["name"] == name and w["kind"] == "field"), "")


def _flat(text: str) -> str:
    """Printed text without the line breaks the slip's width put in."""
    return "".join(text.split())


def _slip(counter: Counter, mark: int, title: str) -> Any:
    printed = counter.printer.printed(mark)
    return printed if _flat(title) in _flat(printed.text) else None
