"""The end of a soak: a normal flow still completes (a number taken at the kiosk;
the clerk signed in and a number called at the counter), and everything the
program said was saved is on the platform."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from typing import Any

from tests.e2e.center import Desk
from tests.e2e.monkey import CLERK, sign_in
from tests.e2e.peers import Platform, wait_until
from tests.e2e.soak_rig import COUNTDOWN_SECONDS, IDLE_SECONDS, SoakApp
from tests.e2e.texts import tr

#: the kiosk's screens that tell the resident something was saved
PROMISING = ("queue_ticket", "apply_done", "booking_done")
#: how long the platform may take to hold a promise once it runs (deliveries back off)
DELIVERY_TIMEOUT = 90.0
STEP_TIMEOUT = 30.0

Look = Callable[..., dict[str, Any]]


def _until(look: Look, condition: Callable[[dict[str, Any]], Any], what: str,
           timeout: float = STEP_TIMEOUT) -> dict[str, Any]:
    """Look (with the soak's checks) until `condition(state)`; AssertionError after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        state = look()
        if condition(state):
            return state
        if time.monotonic() > deadline:
            shown = [w.get("text") for w in state["widgets"] if w.get("text")][:40]
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}; "
                                 f"screen {state.get('screen')!r} shows {shown}")
        time.sleep(0.2)


def _tap_named(app: SoakApp, look: Look, name: str) -> None:
    state = _until(look, lambda s: any(w["name"] == name and w["enabled"]
                                       for w in s["widgets"]), f"{name} shown")
    widget = next(w for w in state["widgets"] if w["name"] == name and w["enabled"])
    x, y, width, height = widget["rect"]
    app.driver.tap_at(x + width // 2, y + height // 2)


def final_flow(app: SoakApp, look: Look) -> bool:
    return kiosk_takes_a_number(app, look) if app.app == "kiosk" else counter_calls(app, look)


def kiosk_takes_a_number(app: SoakApp, look: Look) -> bool:
    """Back at the attract screen by itself (the idle wipe), nobody identified; a
    number taken from there; back at the attract screen after "Finish"."""
    kiosk = app.driver
    app.reader.take_away()
    kiosk.begin("end: back at the attract screen by the idle wipe")
    state = _until(look, lambda s: s.get("screen") is None, "the attract screen",
                   IDLE_SECONDS + COUNTDOWN_SECONDS + 20)
    assert not state.get("identified"), "the attract screen with a resident still identified"
    kiosk.begin("end: take a number")
    width, height = app.size
    kiosk.tap_at(width // 2, height // 2)
    _until(look, lambda s: s.get("screen") == "home", "the home screen")
    _tap_named(app, look, "tile_take_number")
    _until(look, lambda s: s.get("screen") == "take_number", "the take-number screen")
    mark = app.printer.mark()
    _tap_named(app, look, "tile_category_A")
    state = _until(look, lambda s: s.get("screen") == "queue_ticket" and any(
        w["name"] == "ticketNumber" and (w.get("text") or "").strip() for w in s["widgets"]),
        "the ticket")
    number = next(w["text"].strip() for w in state["widgets"] if w["name"] == "ticketNumber")
    wait_until(lambda: number in app.printer.printed(mark).text, STEP_TIMEOUT,
               f"ticket {number} printed")
    kiosk.begin("end: finish")
    finish = tr(state.get("language") or app.language, "SlipScreen", "Finish")
    kiosk.tap(finish, exact=True)
    state = _until(look, lambda s: s.get("screen") is None, "the attract screen after Finish")
    assert not state.get("identified")
    wait_until(lambda: number in _tickets(app.platform), DELIVERY_TIMEOUT,
               f"ticket {number} on the platform")
    return True


def counter_calls(app: SoakApp, look: Look) -> bool:
    """The clerk signed in (again), the desk freed, a resident's new number called."""
    desk = app.driver
    assert isinstance(desk, Desk)
    desk.begin("end: the clerk signed in")
    desk.point_at_window("counterWindow")
    desk.keys("Escape", "Escape")
    if look().get("clerk") is None:
        sign_in(app)
    _until(look, lambda s: s.get("clerk") == CLERK, "the clerk signed in")
    desk.begin("end: the desk freed")
    desk.point_at_window("counterWindow")
    if look().get("current") is not None:
        desk.keys("F9", "F7")
        _until(look, lambda s: s.get("current") is None and not s.get("busy"),
               "the desk free")
    app.issuer.issue_ticket("A", uuid.uuid4())
    desk.begin("end: F1 calls the next number")
    desk.keys("F1")
    state = _until(look, lambda s: s.get("current") is not None, "a number called")
    number = state["current"]
    wait_until(lambda: "called" in _events(app.platform, number), DELIVERY_TIMEOUT,
               f"{number} called on the platform")
    return True


def _tickets(platform: Platform) -> set[str]:
    return {ticket.number for ticket in platform.rows("QueueTicket")}


def _events(platform: Platform, number: str) -> list[str]:
    ids = {t.id for t in platform.rows("QueueTicket") if t.number == number}
    return [event.kind for event in platform.rows("QueueEvent") if event.ticket_id in ids]


def _stored_text(platform: Platform) -> str:
    """Every stored transaction's payload, of every kind, as one text."""
    from sqlalchemy import select

    from sync.server.db import StoredTransaction

    with platform.engine().connect() as connection:
        kinds = set(connection.scalars(select(StoredTransaction.kind).distinct()))
    return "\n".join(json.dumps(item, ensure_ascii=False)
                     for kind in sorted(kinds) for item in platform.transactions(kind))


def promises_kept(app: SoakApp, promised: dict[str, str]) -> list[str]:
    """The promised numbers still missing on the platform after DELIVERY_TIMEOUT s."""
    deadline = time.monotonic() + DELIVERY_TIMEOUT
    while True:
        tickets, stored = _tickets(app.platform), _stored_text(app.platform)
        missing = [number for number, kind in promised.items()
                   if (number not in tickets if kind == "ticket" else number not in stored)]
        if not missing or time.monotonic() > deadline:
            return missing
        time.sleep(1.0)
