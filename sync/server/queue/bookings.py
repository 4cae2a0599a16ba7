"""Appointments: slots from a per-center rule, bookings looked up by id number.

Bookings arrive as `BookingPayload` transactions (see `sync.server.queue.batch`); only a
keyed hash (HMAC-SHA256 under the platform's key, `sync.server.sealing`) of the
applicant's id number is kept in the `booking` table, and the
id number never reaches a log: the uvicorn access log line of
GET /v1/bookings has its `id_number` query value masked.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sync.protocol.models import Catalog, Matter
from sync.protocol.queue import Booking, BookingList, BookingSlot, BookingSlots, BookingStatus
from sync.server.db import BookingRow, Document
from sync.server.queue.core import ZONE, local_day, local_time, utc
from sync.server.queue.errors import QueueError, Reason
from sync.server.sealing import id_hashes, keys_for


@dataclass(frozen=True)
class SlotRule:
    """Working periods of a center's days, cut into equal slots."""

    periods: tuple[tuple[time, time], ...] = ((time(9), time(12)), (time(13, 30), time(17)))
    minutes: int = 30
    capacity: int = 4
    weekdays: frozenset[int] = frozenset(range(5))  # Monday..Friday

    def slots(self, day: date) -> list[tuple[datetime, datetime]]:
        if day.weekday() not in self.weekdays:
            return []
        step = timedelta(minutes=self.minutes)
        found = []
        for opens, closes in self.periods:
            start, end = local_time(day, opens), local_time(day, closes)
            while start + step <= end:
                found.append((start, start + step))
                start += step
        return found


DEFAULT_RULE = SlotRule()


def slot_rule(_center: str) -> SlotRule:
    """The booking rule of a center (one rule for every center for now)."""
    return DEFAULT_RULE


def id_hash(engine: Engine, id_number: str) -> str:
    """The keyed hash a new booking keeps of its applicant's ID number."""
    return id_hashes(keys_for(engine), id_number)[0]


def catalog_matter(session: Session, code: str) -> Matter | None:
    stored = session.get(Document, "catalog")
    if stored is None:
        return None
    catalog = Catalog.model_validate_json(stored.body)
    return next((matter for matter in catalog.matters if matter.code == code), None)


def booked_count(session: Session, center: str, matter: str, start: float) -> int:
    count: int = session.scalar(
        select(func.count())
        .select_from(BookingRow)
        .where(
            BookingRow.center == center,
            BookingRow.matter_code == matter,
            BookingRow.slot_start == start,
        )
    ) or 0
    return count


def booking_slots(engine: Engine, center: str, matter_code: str, day: date,
                  now: float) -> BookingSlots:
    """The slots of a matter on a day that have not started yet."""
    rule = slot_rule(center)
    with Session(engine) as session:
        matter = catalog_matter(session, matter_code)
        if matter is None:
            raise QueueError(Reason.UNKNOWN_MATTER,
                             f"Matter {matter_code!r} is not in the catalog.")
        if not matter.needs_appointment:
            raise QueueError(Reason.NO_APPOINTMENT, f"Matter {matter_code} takes no appointments.")
        counts: dict[float, int] = {
            start: count
            for start, count in session.execute(
                select(BookingRow.slot_start, func.count())
                .where(BookingRow.center == center, BookingRow.matter_code == matter_code)
                .group_by(BookingRow.slot_start)
            )
        }
    slots = [
        BookingSlot(
            start=start,
            end=end,
            capacity=rule.capacity,
            remaining=max(0, rule.capacity - counts.get(start.timestamp(), 0)),
        )
        for start, end in rule.slots(day)
        if start.timestamp() > now
    ]
    return BookingSlots(matter=matter_code, date=day, slots=slots)


def bookings_for(engine: Engine, center: str, id_number: str, now: float) -> BookingList:
    """The person's bookings at this center from today on, earliest first."""
    today = local_time(date.fromisoformat(local_day(now)), time(0)).timestamp()
    with Session(engine) as session:
        rows = session.scalars(
            select(BookingRow)
            .where(
                BookingRow.center == center,
                BookingRow.id_hash.in_(id_hashes(keys_for(engine), id_number)),
                BookingRow.slot_start >= today,
            )
            .order_by(BookingRow.slot_start)
        ).all()
        bookings = [
            Booking(
                booking_code=row.booking_code,
                matter_code=row.matter_code,
                slot_start=utc(row.slot_start).astimezone(ZONE),
                slot_end=utc(row.slot_end).astimezone(ZONE),
                status=BookingStatus(row.status),
                ticket_number=row.ticket_number,
            )
            for row in rows
        ]
    return BookingList(bookings=bookings)


_ID_NUMBER_QUERY = re.compile(r"(id_number=)[^&\s]*")


class MaskIdNumbers(logging.Filter):
    """Masks `id_number=` values in log records (the access log's request line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(
                _ID_NUMBER_QUERY.sub(r"\1***", arg) if isinstance(arg, str) else arg
                for arg in record.args
            )
        return True


def mask_access_log() -> None:
    """Install the mask on uvicorn's access logger (once)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(existing, MaskIdNumbers) for existing in access.filters):
        access.addFilter(MaskIdNumbers())
