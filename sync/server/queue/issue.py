"""Taking a number: online tickets (idempotent by client_ref) and leases of
numbers for kiosks to print while offline."""

from __future__ import annotations

import uuid

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync.protocol.queue import IssueRequest, Lease, LeaseRequest, Ticket
from sync.server.admin import setup as opening
from sync.server.auth import Caller
from sync.server.db import WRITE, BookingRow, QueueLease, QueueTicket
from sync.server.queue.core import (
    add_event,
    add_ticket,
    category,
    end_of_day,
    local_day,
    parse_number,
    reserve_numbers,
    retry_on_conflict,
    ticket_answer,
)
from sync.server.queue.errors import QueueError, Reason


def _booking_for_check_in(session: Session, center: str, code: str, day: str) -> BookingRow:
    booking = session.get(BookingRow, code)
    if booking is None or booking.center != center:
        raise QueueError(Reason.UNKNOWN_BOOKING, "No booking with this code at this center.")
    if local_day(booking.slot_start) != day:
        raise QueueError(Reason.BOOKING_NOT_TODAY, "This booking is for another day.")
    if booking.status != "booked":
        raise QueueError(Reason.BOOKING_USED, "This booking was already checked in.")
    return booking


def issue_ticket(engine: Engine, caller: Caller, request: IssueRequest, now: float) -> Ticket:
    """A new waiting ticket; the same client_ref answers the same ticket again."""

    def attempt() -> Ticket:
        with Session(engine.execution_options(**WRITE)) as session, session.begin():
            earlier = session.scalar(
                select(QueueTicket).where(
                    QueueTicket.terminal_id == caller.terminal_id,
                    QueueTicket.client_ref == str(request.client_ref),
                )
            )
            if earlier is not None:  # a retry: the first answer was lost
                return ticket_answer(session, earlier)
            row = category(session, caller.center, request.category)
            day = local_day(now)
            priority = request.priority
            booking = None
            if request.booking_code is not None:
                booking = _booking_for_check_in(session, caller.center, request.booking_code, day)
                priority = "booked"
            ticket = add_ticket(session, caller.center, row, day, now, caller.terminal_id,
                                priority=priority, client_ref=str(request.client_ref),
                                booking_code=request.booking_code)
            if booking is None:  # under the counter's lock: the quota holds under load
                opening.check_ticket(session, caller.center, row.code, day, now)
            add_event(session, ticket, "issued", now)
            if booking is not None:
                booking.status = "checked_in"
                booking.ticket_number = ticket.number
                booking.checked_in_at = now
            return ticket_answer(session, ticket)

    return retry_on_conflict(attempt)


def lease_numbers(engine: Engine, caller: Caller, request: LeaseRequest, now: float) -> Lease:
    """Reserve `size` numbers of today's leased range for this terminal's offline use."""
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        row = category(session, caller.center, request.category)
        day = local_day(now)
        numbers = reserve_numbers(session, caller.center, row, day, request.size, leased=True)
        values = [parsed[1] for number in numbers if (parsed := parse_number(number))]
        lease = QueueLease(
            id=str(uuid.uuid4()),
            terminal_id=caller.terminal_id,
            center=caller.center,
            category=row.code,
            day=day,
            first=values[0],
            last=values[-1],
            created_at=now,
        )
        session.add(lease)
        return Lease(
            lease_id=uuid.UUID(lease.id),
            category=row.code,
            numbers=numbers,
            expires_at=end_of_day(day),
        )
