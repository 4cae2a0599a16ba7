"""Shared pieces of the queue: the center day, categories, the daily number
counter, policy look-up, events, and the Ticket answer.

Numbers are `<prefix><3 digits>`, counted per (center, category, day) in one
`queue_counter` row whose UPDATE holds a row lock to the end of the
transaction, so two kiosks never get the same number. Numbers issued online
run from 001 to `ONLINE_LAST`; numbers leased to kiosks for offline use come
from a counter of their own, from `LEASED_FIRST` to 999: the first ticket of the
day is 001 however many numbers the kiosks leased at start-up, and an offline
number is never one an online ticket had or will have.
The day is the center's local calendar day (zone `RECEPTION_PLATFORM_TZ`,
default Asia/Shanghai).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.protocol.queue import MAX_DAILY_NUMBER, QueuePolicy, Ticket, TicketStatus
from sync.server.db import QueueCategoryRow, QueueCounter, QueueEvent, QueuePolicyRow, QueueTicket
from sync.server.queue.errors import QueueError, Reason

ZONE = ZoneInfo(os.environ.get("RECEPTION_PLATFORM_TZ", "Asia/Shanghai"))
#: Center key of the default categories and policy.
DEFAULT_CENTER = "*"
#: Statuses of a ticket that call-next may pick.
WAITING = (TicketStatus.WAITING.value, TicketStatus.TRANSFERRED.value)
_NUMBER = re.compile(r"^([A-Z])(\d{3})$")

#: The last number issued online; leased numbers come after it.
ONLINE_LAST = 699
LEASED_FIRST = ONLINE_LAST + 1
#: The center key of the leased numbers' counter rows (the category column is short).
LEASE_COUNTER = "{center}@lease"

T = TypeVar("T")


def local_day(timestamp: float) -> str:
    """The center's calendar day of a unix time, as YYYY-MM-DD."""
    return datetime.fromtimestamp(timestamp, ZONE).date().isoformat()


def local_time(day: date, at: time) -> datetime:
    return datetime.combine(day, at, ZONE)


def end_of_day(day: str) -> datetime:
    return local_time(date.fromisoformat(day) + timedelta(days=1), time(0))


def utc(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


def format_number(prefix: str, value: int) -> str:
    return f"{prefix}{value:03d}"


def parse_number(number: str) -> tuple[str, int] | None:
    """("A", 12) for "A012"; None when it is not a ticket number."""
    match = _NUMBER.match(number)
    return (match.group(1), int(match.group(2))) if match else None


def categories(session: Session, center: str) -> list[QueueCategoryRow]:
    """The center's categories, else the default ones, in display order."""
    for key in (center, DEFAULT_CENTER):
        rows = session.scalars(
            select(QueueCategoryRow)
            .where(QueueCategoryRow.center == key)
            .order_by(QueueCategoryRow.position, QueueCategoryRow.code)
        ).all()
        if rows:
            return list(rows)
    return []


def find_category(session: Session, center: str, code: str) -> QueueCategoryRow | None:
    return next((row for row in categories(session, center) if row.code == code), None)


def category(session: Session, center: str, code: str) -> QueueCategoryRow:
    """The category, or `UnknownCategory`."""
    row = find_category(session, center, code)
    if row is None:
        raise QueueError(Reason.UNKNOWN_CATEGORY, f"This center has no queue category {code!r}.")
    return row


def policy(session: Session, center: str) -> QueuePolicy:
    """The center's policy, else the default row, else the built-in defaults."""
    for key in (center, DEFAULT_CENTER):
        row = session.get(QueuePolicyRow, key)
        if row is not None:
            return QueuePolicy(priority_weight=row.priority_weight, interleave=row.interleave)
    return QueuePolicy()


def bump_counter(session: Session, center: str, name: str, day: str, count: int) -> int:
    """Add `count` to a (center, name, day) counter; the new value. The row stays
    locked until the transaction ends."""
    dialect = session.get_bind().dialect.name
    values = {"center": center, "category": name, "day": day, "value": 0}
    if dialect in ("postgresql", "sqlite"):
        module = postgresql if dialect == "postgresql" else sqlite
        session.execute(module.insert(QueueCounter).values(values).on_conflict_do_nothing())
    elif session.get(QueueCounter, (center, name, day)) is None:
        session.add(QueueCounter(**values))
        session.flush()
    value: int = session.execute(
        update(QueueCounter)
        .where(
            QueueCounter.center == center,
            QueueCounter.category == name,
            QueueCounter.day == day,
        )
        .values(value=QueueCounter.value + count)
        .returning(QueueCounter.value)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return value


def reserve_numbers(session: Session, center: str, row: QueueCategoryRow, day: str,
                    count: int, *, leased: bool = False) -> list[str]:
    """`count` fresh numbers of a category for the day (of the leased range when
    `leased`), or 409 `numbers_exhausted`."""
    if leased:
        counter, first, limit = LEASE_COUNTER.format(center=center), LEASED_FIRST, MAX_DAILY_NUMBER
    else:
        counter, first, limit = center, 1, ONLINE_LAST
    last = first - 1 + bump_counter(session, counter, row.code, day, count)
    if last > limit:
        raise QueueError(
            Reason.NUMBERS_EXHAUSTED,
            f"Category {row.code} has no {'leased ' if leased else ''}numbers left today "
            f"(the last is {format_number(row.prefix, limit)}).",
        )
    return [format_number(row.prefix, value) for value in range(last - count + 1, last + 1)]


def add_ticket(session: Session, center: str, row: QueueCategoryRow, day: str, at: float,
               terminal_id: str, *, number: str | None = None,
               status: TicketStatus = TicketStatus.WAITING, priority: str | None = None,
               window: str | None = None, called_at: float | None = None,
               client_ref: str | None = None, booking_code: str | None = None,
               offline: bool = False) -> QueueTicket:
    """A new ticket of `row`, issued and queued `at`, added and flushed (it has
    its id); `number` is a leased one, or None for the next number online."""
    if number is None:
        [number] = reserve_numbers(session, center, row, day, 1)
    ticket = QueueTicket(
        center=center,
        day=day,
        number=number,
        category=row.code,
        priority=priority,
        status=status.value,
        issued_at=at,
        queued_at=at,
        terminal_id=terminal_id,
        client_ref=client_ref,
        offline=offline,
        booking_code=booking_code,
        window=window,
        called_at=called_at,
        recalls=0,
    )
    session.add(ticket)
    session.flush()
    return ticket


def add_event(session: Session, ticket: QueueTicket, kind: str, at: float,
              window: str | None = None, staff_no: str | None = None) -> None:
    session.add(
        QueueEvent(
            ticket_id=ticket.id,
            center=ticket.center,
            day=ticket.day,
            kind=kind,
            window=window,
            staff_no=staff_no,
            at=at,
        )
    )


def people_ahead(session: Session, ticket: QueueTicket) -> int:
    """Waiting tickets of the same category issued before this one."""
    if ticket.status not in WAITING:
        return 0
    count: int = session.scalar(
        select(func.count())
        .select_from(QueueTicket)
        .where(
            QueueTicket.center == ticket.center,
            QueueTicket.day == ticket.day,
            QueueTicket.category == ticket.category,
            QueueTicket.status.in_(WAITING),
            tuple_(QueueTicket.queued_at, QueueTicket.id) < (ticket.queued_at, ticket.id),
        )
    ) or 0
    return count


def ticket_answer(session: Session, ticket: QueueTicket) -> Ticket:
    return Ticket(
        number=ticket.number,
        category=ticket.category,
        priority=ticket.priority,  # type: ignore[arg-type]
        issued_at=utc(ticket.issued_at),
        people_ahead=people_ahead(session, ticket),
        status=TicketStatus(ticket.status),
        window=ticket.window,
        called_at=utc(ticket.called_at) if ticket.called_at is not None else None,
        recalls=ticket.recalls,
    )


def retry_on_conflict(attempt: Callable[[], T]) -> T:
    """Run a write once more if a concurrent writer won a unique key first."""
    try:
        return attempt()
    except IntegrityError:
        return attempt()
