"""Booking a time for today by typed ID number, then checking in for it: the
booking slip, then a "booked" ticket; online, and with the platform gone
after the resident saw the times (the kiosk books from its saved times and
checks in from its own bookings)."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from hardware.identity import check_digit
from tests.e2e.conftest import Rig
from tests.e2e.flows import (
    choose,
    finish,
    go_offline,
    go_online,
    identify_by_keypad,
    label_text,
    start_session,
)
from tests.e2e.kiosk import Kiosk
from tests.e2e.peers import CENTER_ZONE, wait_until

SLOT = re.compile(r"^(\d\d:\d\d)–(\d\d:\d\d)")
BOOKING_CODE = re.compile(r"BK-\d{8}-[A-Z0-9]+-\d{4}")
MATTER = "WJ-006"  # the demo catalog's service that takes appointments
ID_FIRST17 = {"online": "11010219580315201", "offline": "11010219620708302"}
PHONE = "13912345678"


def _booking(rig: Rig, code: str) -> object:
    rows = [row for row in rig.platform.rows("BookingRow") if row.booking_code == code]
    return rows[0] if rows else None


def _first_free_slot(kiosk: Kiosk, state: dict) -> dict | None:
    """The earliest time still free, as the screen lists them (in reading order)."""
    free = [w for w in state["widgets"] if w["kind"] == "button" and w["enabled"]
            and SLOT.match(w["text"] or "")]
    return min(free, key=lambda w: (w["rect"][1], w["rect"][0]), default=None)


@pytest.mark.parametrize("link", ["online", "offline"])
def test_book_today_then_check_in(kiosk: Kiosk, rig: Rig, link: str) -> None:
    id_number = ID_FIRST17[link] + check_digit(ID_FIRST17[link])
    mark = rig.printer.mark()
    start_session(kiosk)
    choose(kiosk, "book")
    kiosk.begin("book: the service")
    kiosk.tap(name=f"tile_book_{MATTER}")
    kiosk.begin("book: today's first free time")
    slot = kiosk.wait(lambda state: _first_free_slot(kiosk, state), "a free time today")
    starts, ends = SLOT.match(slot["text"]).groups()
    if link == "offline":
        go_offline(kiosk, rig.platform)
    kiosk.tap(slot["text"], exact=True)
    identify_by_keypad(kiosk, id_number, PHONE, "book_confirm")
    kiosk.begin("book: confirm")
    kiosk.wait_text(f"{starts}–{ends}", timeout=10)
    kiosk.tap(name="confirmBooking")
    kiosk.wait_screen("booking_done")
    kiosk.wait_text(kiosk.tr("SlipScreen", "Please take your slip from the printer."))
    kiosk.screenshot(f"{rig.setup.name}-{link}-booking")
    slip = rig.printer.printed(mark).text
    code = BOOKING_CODE.search(slip)
    assert code is not None, slip
    booking_code = code.group(0)
    assert f"{starts}–{ends}" in slip or f"{starts}-{ends}" in slip, slip
    finish(kiosk, "SlipScreen")

    kiosk.begin("check in: a new session")
    mark = rig.printer.mark()
    start_session(kiosk)
    choose(kiosk, "book")
    kiosk.tap(name="checkInButton")
    identify_by_keypad(kiosk, id_number, PHONE, "check_in")
    kiosk.begin("check in: the appointment")
    kiosk.tap(name=f"tile_booking_{booking_code}")
    kiosk.wait_screen("queue_ticket")
    number = label_text(kiosk, "ticketNumber")
    kiosk.wait_text(kiosk.tr("SlipScreen", "Please take your slip from the printer."))
    ticket = rig.printer.printed(mark).text
    assert number in ticket
    assert kiosk.tr("Receipt", "Booked appointment") in ticket
    finish(kiosk, "SlipScreen")

    if link == "offline":
        go_online(kiosk, rig.platform)
    booking = wait_until(
        lambda: (row := _booking(rig, booking_code)) is not None
        and row.status == "checked_in" and row, 60,
        f"booking {booking_code} checked in on the platform")
    assert booking.matter_code == MATTER
    assert booking.ticket_number == number
    start = datetime.fromtimestamp(booking.slot_start, CENTER_ZONE)
    assert f"{start:%H:%M}" == starts
    assert start.date() == rig.platform.clock.now().date()
