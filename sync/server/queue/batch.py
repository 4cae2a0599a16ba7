"""Queue transactions inside a batch: offline tickets, bookings, check-ins.

Called by `batch` for each item that passed the generic checks, inside the
batch's database transaction and in item order; answers a rejection
(code, reason) or None (accepted, its rows added to the session).

- ticket: a number the platform already has for that center and day counts
  as delivered (an online ticket recorded by the terminal, or a redelivery)
  and adds nothing to the queue; so does a ticket not `issued_offline` (a
  record of an online issue). A new `issued_offline` number must lie in one
  of this terminal's leases of the ticket's day, else `unknown_ticket_number`;
  it joins the queue at its issue time (the transaction's created_at).
- booking: the slot must be one of the center's rule (`bad_slot`) for a
  matter that takes appointments (`no_appointment`), with room (`slot_full`).
- check_in: the booking (`unknown_booking`) becomes a "booked" priority on
  today's ticket (`unknown_ticket_number`).
- served (a window served a ticket while offline): a ticket of that day still
  open (waiting, called, serving, parked, transferred) is closed as `done` or
  `no_show` with the window's times as events; one already closed adds
  nothing. An unknown number must lie in a lease of the center for that day
  (a slip printed offline whose record has not arrived yet), else
  `unknown_ticket_number`; it is created closed, and the kiosk's later ticket
  record counts as delivered. No number: an offline walk-in, numbered now.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.models import (
    BookingPayload,
    CheckInPayload,
    ServedPayload,
    TicketPayload,
    TransactionItem,
)
from sync.protocol.queue import TicketStatus
from sync.server.db import BookingRow, QueueCategoryRow, QueueLease, QueueTicket, Terminal
from sync.server.queue.bookings import booked_count, catalog_matter, id_hash, slot_rule
from sync.server.queue.core import (
    add_event,
    add_ticket,
    bump_counter,
    find_category,
    local_day,
    parse_number,
)

Refusal = tuple[str, str] | None
#: Counter name (in `queue_counter`) of bookings per center and slot day; its
#: row lock serialises capacity checks.
BOOKING_COUNTER = "@booking"
#: Statuses a served record closes.
_OPEN = {s.value for s in (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING,
                           TicketStatus.PARKED, TicketStatus.TRANSFERRED)}


class QueueItems:
    def __init__(self, session: Session, terminal_id: str) -> None:
        self._session = session
        self._terminal_id = terminal_id
        self._center: str | None = None

    @property
    def center(self) -> str:
        if self._center is None:
            terminal = self._session.get(Terminal, self._terminal_id)
            self._center = terminal.center if terminal is not None else ""
        return self._center

    def apply(self, item: TransactionItem) -> Refusal:
        payload = item.payload
        if isinstance(payload, TicketPayload):
            return self._ticket(item, payload)
        if isinstance(payload, BookingPayload):
            return self._booking(payload)
        if isinstance(payload, CheckInPayload):
            return self._check_in(item, payload)
        if isinstance(payload, ServedPayload):
            return self._served(payload)
        return None

    def _find_ticket(self, day: str, number: str) -> QueueTicket | None:
        return self._session.scalar(
            select(QueueTicket).where(
                QueueTicket.center == self.center,
                QueueTicket.day == day,
                QueueTicket.number == number,
            )
        )

    def _ticket(self, item: TransactionItem, payload: TicketPayload) -> Refusal:
        issued_at = item.created_at.timestamp()
        day = local_day(issued_at)
        if not payload.issued_offline or self._find_ticket(day, payload.number) is not None:
            return None  # the platform issued it, or already has it: a record only
        row = find_category(self._session, self.center, payload.category)
        if row is None or not self._leased(row, day, payload.number, own=True):
            return ("unknown_ticket_number",
                    f"Ticket {payload.number} was not leased to this terminal for {day}.")
        ticket = add_ticket(self._session, self.center, row, day, issued_at, self._terminal_id,
                            number=payload.number, priority=payload.priority,
                            booking_code=payload.booking_code, offline=True)
        add_event(self._session, ticket, "issued", issued_at)
        return None

    def _booking(self, payload: BookingPayload) -> Refusal:
        matter = catalog_matter(self._session, payload.matter_code)
        if matter is None:
            return "unknown_matter", f"Matter {payload.matter_code!r} is not in the catalog."
        if not matter.needs_appointment:
            return "no_appointment", f"Matter {payload.matter_code} takes no appointments."
        if self._session.get(BookingRow, payload.booking_code) is not None:
            return "conflict", f"Booking code {payload.booking_code} is already taken."
        start, end = payload.slot_start.timestamp(), payload.slot_end.timestamp()
        rule = slot_rule(self.center)
        day = local_day(start)
        slots = {(a.timestamp(), b.timestamp()) for a, b in rule.slots(date.fromisoformat(day))}
        if (start, end) not in slots:
            return "bad_slot", "The slot is not one of the center's booking slots."
        bump_counter(self._session, self.center, BOOKING_COUNTER, day, 1)  # lock
        if booked_count(self._session, self.center, payload.matter_code, start) >= rule.capacity:
            return "slot_full", "This slot is fully booked; choose another slot."
        self._session.add(
            BookingRow(
                booking_code=payload.booking_code,
                center=self.center,
                matter_code=payload.matter_code,
                slot_start=start,
                slot_end=end,
                id_hash=id_hash(self._session.get_bind(),  # type: ignore[arg-type]
                                payload.applicant.document_key),
                status="booked",
            )
        )
        self._session.flush()
        return None

    def _check_in(self, item: TransactionItem, payload: CheckInPayload) -> Refusal:
        booking = self._session.get(BookingRow, payload.booking_code)
        if booking is None or booking.center != self.center:
            return "unknown_booking", f"No booking {payload.booking_code} at this center."
        ticket = self._find_ticket(local_day(item.created_at.timestamp()), payload.ticket_number)
        if ticket is None:
            return "unknown_ticket_number", f"No ticket {payload.ticket_number} at this center."
        ticket.priority = "booked"
        ticket.booking_code = booking.booking_code
        booking.status = "checked_in"
        booking.ticket_number = ticket.number
        booking.checked_in_at = item.created_at.timestamp()
        return None

    def _served(self, payload: ServedPayload) -> Refusal:
        called, ended = payload.called_at.timestamp(), payload.ended_at.timestamp()
        day = local_day(called)
        row = find_category(self._session, self.center, payload.category)
        if row is None:
            return "unknown_category", f"This center has no category {payload.category!r}."
        ticket = (self._find_ticket(day, payload.number) if payload.number is not None
                  else None)
        if ticket is not None and ticket.status not in _OPEN:
            return None  # closed meanwhile (online, or a redelivery): a record only
        if ticket is None:
            ticket = self._served_ticket(payload, row, day, called)
            if ticket is None:
                return ("unknown_ticket_number",
                        f"Ticket {payload.number} was neither issued nor leased for {day}.")
            opening = "walk_in"
        else:
            opening = "serving"
            if ticket.called_at is None:
                add_event(self._session, ticket, "called", called, payload.window,
                          payload.staff_no)
        ticket.window = payload.window
        ticket.called_at = ticket.called_at or called
        ticket.target_window = None
        if payload.outcome == "done":
            ticket.status = TicketStatus.DONE.value
            add_event(self._session, ticket, opening, called, payload.window, payload.staff_no)
            add_event(self._session, ticket, "ended", ended, payload.window, payload.staff_no)
        else:
            ticket.status = TicketStatus.NO_SHOW.value
            add_event(self._session, ticket, "no_show", ended, payload.window, payload.staff_no)
        return None

    def _leased(self, row: QueueCategoryRow, day: str, number: str, *, own: bool) -> bool:
        """Whether `number` of `row` lies in a lease of `day` (one of this
        terminal's when `own`)."""
        parsed = parse_number(number)
        if parsed is None or parsed[0] != row.prefix:
            return False
        query = select(QueueLease.id).where(
            QueueLease.center == self.center,
            QueueLease.category == row.code,
            QueueLease.day == day,
            QueueLease.first <= parsed[1],
            QueueLease.last >= parsed[1],
        )
        if own:
            query = query.where(QueueLease.terminal_id == self._terminal_id)
        return self._session.scalar(query.limit(1)) is not None

    def _served_ticket(self, payload: ServedPayload, row: QueueCategoryRow, day: str,
                       called: float) -> QueueTicket | None:
        """A new ticket for a walk-in or a leased slip; None for an unknown number."""
        if payload.number is not None and not self._leased(row, day, payload.number, own=False):
            return None
        return add_ticket(self._session, self.center, row, day, called, self._terminal_id,
                          number=payload.number, offline=True)
