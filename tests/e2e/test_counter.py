"""The counter on a real display (Xvfb 1366x768, xcb), in a fresh process,
the clerk at the keyboard: every step is real X key events (XTest) to the
counter window. Sign in, call, recall, no-show, transfer, serve, accept an
application with a missing material (a one-time notice), the slip from the
printer, the resident's rating; each checked against the platform's
database and the printer's ESC/POS bytes. In both languages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.center import WINDOW, Counter, running_counter
from tests.e2e.peers import DEMO_DATA, Platform, wait_until
from tests.e2e.texts import tr

CLERK, PIN, CLERK_NAME = "1001", "246810", "王丽"
MATTER = "MZ-001"  # 最低生活保障金申请: "dbsq" by its pinyin initials
MATERIALS = next(matter["materials"] for matter in json.loads(
    (DEMO_DATA / "catalog.json").read_text("utf-8"))["matters"] if matter["code"] == MATTER)


@pytest.fixture(params=["zh_CN", "en"])
def counter(request: pytest.FixtureRequest) -> Iterator[Counter]:
    with running_counter(request.param) as running:
        yield running


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
    desk.serve_next(third)

    desk.begin("Ctrl+N, the matter by its pinyin initials")
    desk.open_matter("dbsq", MATTER)

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
