"""Ratings a batch records, inside the batch's own database transaction.

A rating names a case of the rating counter's center (checked by the case
book) or a ticket of the center that was served (called, and not a no-show);
anything else is refused with `unknown_case` / `unknown_service`, a rejection
the terminal keeps as a dead letter instead of sending it again. Each rating is
kept with the window and clerk it rates; a poor one (level 2 or 1) opens a
follow-up due in the configured number of working days on the center's
calendar.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.models import RatingPayload, TransactionItem
from sync.protocol.ratings import POOR, FollowUpState
from sync.server.cases.calendar import working_days
from sync.server.db import CaseRow, FollowUpRow, QueueEvent, QueueTicket, RatingRow
from sync.server.queue.core import local_day

#: Ticket states of a service that happened (the resident was called to a window).
_SERVED = frozenset({"called", "serving", "done", "parked"})


def answer_binding(follow_up_id: int) -> bytes:
    return f"follow-up answer\n{follow_up_id}".encode()


class RatingBook:
    """Ratings of one center as one batch records them."""

    def __init__(self, session: Session, center: str, terminal_id: str,
                 answer_days: int) -> None:
        self.session = session
        self.center = center
        self.terminal_id = terminal_id
        self.answer_days = answer_days

    def _ticket(self, payload: RatingPayload) -> QueueTicket | None:
        assert payload.ticket_day is not None
        return self.session.scalar(select(QueueTicket).where(
            QueueTicket.center == self.center,
            QueueTicket.day == payload.ticket_day.isoformat(),
            QueueTicket.number == payload.ticket_number))

    def refusal(self, item: TransactionItem) -> tuple[str, str] | None:
        """Why this rating may not be recorded (a case rating is the case book's)."""
        payload = item.payload
        if not isinstance(payload, RatingPayload) or payload.ticket_number is None:
            return None
        ticket = self._ticket(payload)
        if ticket is None or ticket.status not in _SERVED:
            return "unknown_service", (
                f"No ticket {payload.ticket_number} of {payload.ticket_day} was served at "
                "this center: a rating is recorded only for a real service of the center.")
        return None

    def apply(self, item: TransactionItem, now: float) -> None:
        payload = item.payload
        if not isinstance(payload, RatingPayload):
            return
        window, staff_no = self._rated(payload)
        at = item.created_at.timestamp()
        rating = RatingRow(
            center=self.center, terminal_id=self.terminal_id, tx_id=str(item.id),
            tracking_number=payload.tracking_number, ticket_number=payload.ticket_number,
            ticket_day=payload.ticket_day.isoformat() if payload.ticket_day else None,
            day=local_day(at), at=at, level=payload.level,
            reasons=json.dumps(list(payload.reasons), ensure_ascii=False),
            window=window, staff_no=staff_no)
        self.session.add(rating)
        self.session.flush()
        if payload.level <= POOR:
            counted = working_days(self.session, self.center).add(
                date.fromisoformat(local_day(now)), self.answer_days)
            self.session.add(FollowUpRow(
                rating_id=rating.id, center=self.center, opened_at=now,
                due_day=counted.date.isoformat(), due_estimated=counted.estimated,
                state=FollowUpState.OPEN.value, answer=""))

    def _rated(self, payload: RatingPayload) -> tuple[str | None, str | None]:
        """The window and clerk the rating is about."""
        if payload.tracking_number is not None:
            case = self.session.get(CaseRow, payload.tracking_number)
            return (case.window, case.staff_no) if case is not None else (None, None)
        ticket = self._ticket(payload)
        if ticket is None:
            return None, None
        staff_no = self.session.scalar(
            select(QueueEvent.staff_no).where(QueueEvent.ticket_id == ticket.id,
                                              QueueEvent.staff_no.is_not(None))
            .order_by(QueueEvent.id.desc()).limit(1))
        return ticket.window, staff_no
