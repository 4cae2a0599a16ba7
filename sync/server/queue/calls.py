"""The counter side of the queue: call-next, ticket actions, walk-ins.

Fairness rule of call-next (policy per center in `queue_policy`, center "*"
the default row, built-in defaults priority_weight=2, interleave=3):

1. Eligible: today's tickets of the caller's center that are `waiting` or
   `transferred`, in the window's categories (all when none are given), and
   not transferred to a different window.
2. Order: longest *weighted* wait first. A priority ticket (elderly,
   disabled, booked) counts its wait `priority_weight` times; a regular
   ticket counts it once. Ties go to the earlier issue. Offline tickets wait
   from their issue time (the transaction's created_at).
3. Interleave: when the last `interleave` calls of the center today all went
   to priority tickets and a regular ticket is eligible, the regular ticket
   with the longest wait is called instead. `interleave` 0 turns this off.

Two windows calling at once never get the same ticket: on SQLite the write
transaction (BEGIN IMMEDIATE) serialises them; on PostgreSQL the candidate
row is taken with SELECT ... FOR UPDATE SKIP LOCKED.

Ticket life: waiting -> called -> serving -> done, with recall (called again,
counted), no_show (only by the explicit action), park -> resume (back to
serving), transfer (waiting again in another category or for one window).
Every change is a `queue_event` row.
"""

from __future__ import annotations

from sqlalchemy import Engine, Select, case, select
from sqlalchemy.orm import Session

from sync.protocol.queue import (
    CallNextRequest,
    QueuePolicy,
    Ticket,
    TicketAction,
    TicketActionRequest,
    TicketStatus,
    WalkInRequest,
)
from sync.server.auth import Caller
from sync.server.db import WRITE, QueueEvent, QueueTicket
from sync.server.queue.core import (
    WAITING,
    add_event,
    add_ticket,
    category,
    find_category,
    local_day,
    policy,
    ticket_answer,
)
from sync.server.queue.errors import QueueError, Reason

S = TicketStatus
#: action -> (statuses it applies to, resulting status, event kind)
TRANSITIONS: dict[TicketAction, tuple[frozenset[S], S, str]] = {
    TicketAction.SERVE: (frozenset({S.CALLED}), S.SERVING, "serving"),
    TicketAction.RECALL: (frozenset({S.CALLED}), S.CALLED, "recalled"),
    TicketAction.NO_SHOW: (frozenset({S.CALLED}), S.NO_SHOW, "no_show"),
    TicketAction.PARK: (frozenset({S.CALLED, S.SERVING}), S.PARKED, "parked"),
    TicketAction.RESUME: (frozenset({S.PARKED}), S.SERVING, "resumed"),
    TicketAction.TRANSFER: (frozenset({S.CALLED, S.SERVING, S.PARKED}), S.TRANSFERRED,
                            "transferred"),
    TicketAction.END: (frozenset({S.CALLED, S.SERVING}), S.DONE, "ended"),
}


def _interleave_due(session: Session, center: str, day: str, rule: QueuePolicy) -> bool:
    """True when the last `interleave` calls of the day all went to priority tickets."""
    if rule.interleave == 0:
        return False
    recent = session.execute(
        select(QueueTicket.priority)
        .join(QueueEvent, QueueEvent.ticket_id == QueueTicket.id)
        .where(QueueEvent.center == center, QueueEvent.day == day, QueueEvent.kind == "called")
        .order_by(QueueEvent.id.desc())
        .limit(rule.interleave)
    ).scalars().all()
    return len(recent) == rule.interleave and all(p is not None for p in recent)


def _candidates(center: str, day: str, request: CallNextRequest, rule: QueuePolicy,
                now: float) -> Select[tuple[QueueTicket]]:
    weighted_start = case(
        (QueueTicket.priority.is_(None), QueueTicket.queued_at),
        else_=now - (now - QueueTicket.queued_at) * rule.priority_weight,
    )
    query = select(QueueTicket).where(
        QueueTicket.center == center,
        QueueTicket.day == day,
        QueueTicket.status.in_(WAITING),
        (QueueTicket.target_window.is_(None)) | (QueueTicket.target_window == request.window),
    )
    if request.categories:
        query = query.where(QueueTicket.category.in_(request.categories))
    return query.order_by(weighted_start, QueueTicket.id).limit(1)


def _take(session: Session, query: Select[tuple[QueueTicket]]) -> QueueTicket | None:
    return session.scalar(query.with_for_update(skip_locked=True, of=QueueTicket))


def call_next(engine: Engine, caller: Caller, request: CallNextRequest,
              now: float) -> Ticket | None:
    """Call the next ticket to `request.window`; None when nobody waits."""
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        day = local_day(now)
        rule = policy(session, caller.center)
        query = _candidates(caller.center, day, request, rule, now)
        ticket = None
        if _interleave_due(session, caller.center, day, rule):
            ticket = _take(session, query.where(QueueTicket.priority.is_(None)))
        if ticket is None:
            ticket = _take(session, query)
        if ticket is None:
            return None
        ticket.status = S.CALLED.value
        ticket.window = request.window
        ticket.called_at = now
        ticket.target_window = None
        add_event(session, ticket, "called", now, request.window, request.staff_no)
        return ticket_answer(session, ticket)


def _transfer(session: Session, caller: Caller, ticket: QueueTicket,
              request: TicketActionRequest) -> None:
    if request.to_category is None and request.to_window is None:
        raise QueueError(Reason.BAD_TRANSFER, "A transfer needs to_category or to_window.")
    if request.to_category is not None:
        if find_category(session, caller.center, request.to_category) is None:
            raise QueueError(Reason.UNKNOWN_CATEGORY,
                             f"This center has no category {request.to_category!r}.")
        ticket.category = request.to_category
    ticket.target_window = request.to_window
    ticket.window = None


def act(engine: Engine, caller: Caller, number: str, action: TicketAction,
        request: TicketActionRequest, now: float) -> Ticket:
    """Apply one action to today's ticket `number` at the caller's center."""
    allowed, result, kind = TRANSITIONS[action]
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        ticket = session.scalar(
            select(QueueTicket)
            .where(
                QueueTicket.center == caller.center,
                QueueTicket.day == local_day(now),
                QueueTicket.number == number,
            )
            .with_for_update()
        )
        if ticket is None:
            raise QueueError(Reason.UNKNOWN_TICKET, f"No ticket {number} today at this center.")
        if S(ticket.status) not in allowed:
            raise QueueError(
                Reason.BAD_TRANSITION,
                f"Ticket {number} is {ticket.status}; it cannot be given '{action.value}'.",
            )
        if action is TicketAction.TRANSFER:
            _transfer(session, caller, ticket, request)
        elif action is TicketAction.RECALL:
            ticket.recalls += 1
        elif action in (TicketAction.SERVE, TicketAction.RESUME):
            ticket.window = request.window
        ticket.status = result.value
        add_event(session, ticket, kind, now, request.window, request.staff_no)
        return ticket_answer(session, ticket)


def walk_in(engine: Engine, caller: Caller, request: WalkInRequest, now: float) -> Ticket:
    """Issue a ticket at the window and serve it at once."""
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        row = category(session, caller.center, request.category)
        ticket = add_ticket(session, caller.center, row, local_day(now), now, caller.terminal_id,
                            status=S.SERVING, window=request.window, called_at=now)
        add_event(session, ticket, "walk_in", now, request.window, request.staff_no)
        return ticket_answer(session, ticket)
