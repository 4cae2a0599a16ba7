"""Bookings made on this kiosk, so it can check them in while offline, and
their booking codes (``BK-YYYYMMDD-<TERMINAL>-<4 digits>``, from a committed
per-day counter as tracking numbers are: never repeated on this terminal).

Only a SHA-256 of the applicant's id number is kept. Plain Python: call
everything here off the GUI thread.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

from sync.store.database import Database
from sync.store.schema import utc_text
from sync.tracking import _ALLOCATE, terminal_code

#: Keep a booking this long after its slot ended.
KEEP = timedelta(days=1)

_ADD = text(
    "INSERT OR REPLACE INTO kiosk_bookings"
    " (booking_code, matter_code, slot_start, slot_end, id_hash)"
    " VALUES (:code, :matter, :start, :end, :id_hash)")
_PURGE = text("DELETE FROM kiosk_bookings WHERE slot_end < :before")
_FOR = text(
    "SELECT booking_code, matter_code, slot_start, slot_end FROM kiosk_bookings"
    " WHERE id_hash = :id_hash AND ticket_number IS NULL ORDER BY slot_start")
_CHECKED_IN = text(
    "UPDATE kiosk_bookings SET ticket_number = :number WHERE booking_code = :code")


def id_hash(document_key: str) -> str:
    """A digest of the person's document (`Person.document_key`: upper-cased, stripped)."""
    return hashlib.sha256(document_key.strip().upper().encode("utf-8")).hexdigest()


def next_booking_code(database: Database, terminal_id: str, day: date) -> str:
    code = terminal_code(terminal_id)
    with database.write() as connection:
        value = connection.execute(
            _ALLOCATE, {"name": f"booking:{code}", "day": f"{day:%Y%m%d}"}).scalar_one()
    return f"BK-{day:%Y%m%d}-{code}-{int(value):04d}"


@dataclass(frozen=True)
class LocalBooking:
    booking_code: str
    matter_code: str
    slot_start: datetime  # aware
    slot_end: datetime


class LocalBookings:
    def __init__(self, database: Database) -> None:
        self.database = database

    def add(self, booking: LocalBooking, document_key: str, now: datetime) -> None:
        with self.database.write() as connection:
            connection.execute(_PURGE, {"before": utc_text((now - KEEP).astimezone(UTC))})
            connection.execute(_ADD, {
                "code": booking.booking_code, "matter": booking.matter_code,
                "start": utc_text(booking.slot_start.astimezone(UTC)),
                "end": utc_text(booking.slot_end.astimezone(UTC)),
                "id_hash": id_hash(document_key)})

    def not_checked_in(self, document_key: str) -> list[LocalBooking]:
        with self.database.read() as connection:
            rows = connection.execute(_FOR, {"id_hash": id_hash(document_key)}).all()
        return [LocalBooking(row[0], row[1], datetime.fromisoformat(row[2]),
                             datetime.fromisoformat(row[3])) for row in rows]

    def checked_in(self, booking_code: str, ticket_number: str) -> None:
        with self.database.write() as connection:
            connection.execute(_CHECKED_IN, {"code": booking_code, "number": ticket_number})
