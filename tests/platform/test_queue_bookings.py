"""Bookings: slots, booking transactions, look-up by id number, check-in."""

from __future__ import annotations

import logging
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from platform_helpers import SignedClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from test_queue import DEMO, deliver, issue, lease, ticket_item

from sync.server import documents
from sync.server.db import BookingRow
from sync.server.queue.bookings import MaskIdNumbers, id_hash
from sync.server.queue.core import ZONE

BOOKABLE = "RS-006"  # needs_appointment in the demo catalog
WALK_UP = "MZ-001"
ID_NUMBER = "110101199001011234"


def next_monday() -> date:
    today = datetime.now(ZONE).date()
    return today + timedelta(days=7 - today.weekday())


def booking_item(code: str, start: datetime, matter: str = BOOKABLE,
                 id_number: str = ID_NUMBER, minutes: int = 30,
                 **document: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "seq": 1,
        "created_at": datetime.now(UTC).isoformat(),
        "payload": {
            "kind": "booking",
            "booking_code": code,
            "matter_code": matter,
            "slot_start": start.isoformat(),
            "slot_end": (start + timedelta(minutes=minutes)).isoformat(),
            "applicant": {"name": "Li Wei", "id_number": id_number, **document},
        },
    }


def check_in_item(code: str, number: str) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "seq": 1,
        "created_at": datetime.now(UTC).isoformat(),
        "payload": {"kind": "check_in", "booking_code": code, "ticket_number": number},
    }


def booking_today(engine: Engine, code: str) -> None:
    """A booking for now (slots of today may all be over, or it may be a weekend)."""
    now = time.time()
    day_start = datetime.now(ZONE).replace(hour=0, minute=0, second=0, microsecond=0)
    start = max(day_start.timestamp() + 1, now - 60)  # today, even a minute to midnight
    with Session(engine) as session, session.begin():
        session.add(BookingRow(booking_code=code, center="C-001", matter_code=BOOKABLE,
                               slot_start=start, slot_end=start + 600,
                               id_hash=id_hash(engine, ID_NUMBER), status="booked"))


@pytest.fixture
def demo(engine: Engine) -> None:
    documents.load_demo(engine, DEMO)


def test_slots_and_capacity(kiosk: SignedClient, demo: None) -> None:
    monday = next_monday()
    answer = kiosk.request("GET", f"/v1/bookings/slots?matter={BOOKABLE}&date={monday}").json()
    slots = answer["slots"]
    assert len(slots) == 13  # 6 in the morning, 7 in the afternoon
    first = datetime.fromisoformat(slots[0]["start"])
    assert (first.astimezone(ZONE).hour, slots[0]["capacity"], slots[0]["remaining"]) == (9, 4, 4)
    assert datetime.fromisoformat(slots[6]["start"]).astimezone(ZONE).minute == 30  # 13:30

    results = deliver(kiosk, [booking_item(f"BK-{n}", first) for n in range(5)] + [
        booking_item("BK-ODD", first + timedelta(minutes=10)),
        booking_item("BK-WALK", first, matter=WALK_UP),
        booking_item("BK-NONE", first, matter="XX-999"),
        booking_item("BK-0", first + timedelta(hours=1)),
        booking_item("BK-SAT", first - timedelta(days=2)),
    ])
    assert results == [("accepted", None)] * 4 + [
        ("rejected", "slot_full"),
        ("rejected", "bad_slot"),
        ("rejected", "no_appointment"),
        ("rejected", "unknown_matter"),
        ("rejected", "conflict"),
        ("rejected", "bad_slot"),
    ]
    again = kiosk.request("GET", f"/v1/bookings/slots?matter={BOOKABLE}&date={monday}").json()
    assert [s["remaining"] for s in again["slots"][:2]] == [0, 4]

    saturday = monday - timedelta(days=2)
    weekend = kiosk.request("GET", f"/v1/bookings/slots?matter={BOOKABLE}&date={saturday}")
    assert weekend.json()["slots"] == []
    walk_up = kiosk.request("GET", f"/v1/bookings/slots?matter={WALK_UP}&date={monday}")
    assert (walk_up.status_code, walk_up.json()["code"]) == (409, "no_appointment")
    unknown = kiosk.request("GET", f"/v1/bookings/slots?matter=XX-1&date={monday}")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "unknown_matter")


def test_bookings_of_a_person_and_check_in(
    kiosk: SignedClient, engine: Engine, demo: None
) -> None:
    monday_nine = datetime.combine(next_monday(), datetime.min.time(), ZONE) + timedelta(hours=9)
    deliver(kiosk, [booking_item("BK-LATER", monday_nine),
                    booking_item("BK-OTHER", monday_nine, id_number="220101199001011234")])
    booking_today(engine, "BK-NOW")
    booking_today(engine, "BK-SOON")
    listed = kiosk.request("GET", f"/v1/bookings?id_number={ID_NUMBER}").json()["bookings"]
    assert [b["booking_code"] for b in listed] == ["BK-NOW", "BK-SOON", "BK-LATER"]
    assert listed[0]["status"] == "booked"

    ticket = issue(kiosk, "B", booking_code="BK-NOW").json()
    assert (ticket["number"], ticket["priority"]) == ("B001", "booked")
    used = issue(kiosk, "B", booking_code="BK-NOW")
    assert (used.status_code, used.json()["code"]) == (409, "booking_used")
    not_today = issue(kiosk, "B", booking_code="BK-LATER")
    assert (not_today.status_code, not_today.json()["code"]) == (409, "booking_not_today")

    # Offline: a leased number printed, then the check-in, in one batch.
    [number] = lease(kiosk, "B", 1)
    results = deliver(kiosk, [ticket_item(number, "B", datetime.now(UTC)),
                              check_in_item("BK-SOON", number),
                              check_in_item("BK-NOPE", number),
                              check_in_item("BK-LATER", "B404")])
    assert results == [("accepted", None), ("accepted", None),
                       ("rejected", "unknown_booking"), ("rejected", "unknown_ticket_number")]
    listed = kiosk.request("GET", f"/v1/bookings?id_number={ID_NUMBER}").json()["bookings"]
    assert [(b["status"], b["ticket_number"]) for b in listed] == [
        ("checked_in", "B001"), ("checked_in", number), ("booked", None)]
    state = kiosk.request("GET", "/v1/queue/state").json()
    assert state["categories"][1]["waiting"] == 2


def test_one_passport_number_from_two_countries_is_two_people(
    kiosk: SignedClient, demo: None
) -> None:
    """A passport number is unique only within its issuing country: a booking is
    found by number, kind and country; an old terminal's booking (no kind) is a
    resident ID card's and stays found by the number alone."""
    monday_nine = datetime.combine(next_monday(), datetime.min.time(), ZONE) + timedelta(hours=9)
    results = deliver(kiosk, [
        booking_item("BK-UTO", monday_nine, id_number="L898902C", document_kind="passport",
                     nationality="UTO"),
        booking_item("BK-DEU", monday_nine, id_number="L898902C", document_kind="passport",
                     nationality="D<<"),
        booking_item("BK-OLD", monday_nine),
    ])
    assert results == [("accepted", None)] * 3

    def codes(query: str) -> list[str]:
        answer = kiosk.request("GET", f"/v1/bookings?{query}")
        assert answer.status_code == 200, answer.text
        return [b["booking_code"] for b in answer.json()["bookings"]]

    assert codes("id_number=L898902C&document_kind=passport&nationality=UTO") == ["BK-UTO"]
    assert codes("id_number=L898902C&document_kind=passport&nationality=D%3C%3C") == ["BK-DEU"]
    assert codes("id_number=L898902C") == []
    assert codes(f"id_number={ID_NUMBER}") == ["BK-OLD"]
    assert codes(f"id_number={ID_NUMBER}&document_kind=resident_id") == ["BK-OLD"]
    bad = kiosk.request("GET", "/v1/bookings?id_number=L898902C&nationality=utopia")
    assert bad.status_code == 422


def test_id_numbers_are_masked_in_the_access_log() -> None:
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", f"/v1/bookings?id_number={ID_NUMBER}&x=1", "1.1", 200), None)
    assert MaskIdNumbers().filter(record)
    assert ID_NUMBER not in record.getMessage()
    assert "id_number=***&x=1" in record.getMessage()
    assert any(isinstance(f, MaskIdNumbers) for f in logging.getLogger("uvicorn.access").filters)
