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

import re
from typing import Any

from sqlalchemy import Connection, Engine, String, TextClause, bindparam, select, text
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
from sync.server.auth import Caller, SignedRequest
from sync.server.db import WRITE, QueueTicket, single_statements
from sync.server.direct import KNOWN_FRESH, SIGNED, Admit, Direct
from sync.server.queue import hall_push
from sync.server.queue.core import (
    WAITING,
    add_event,
    add_ticket,
    category,
    find_category,
    local_day,
    ticket_answer,
    utc,
)
from sync.server.queue.errors import QueueError, Reason

S = TicketStatus


def _bound(sql: str) -> TextClause:
    """SQL text whose `:categories` is a list (IN, expanded)."""
    return text(sql).bindparams(bindparam("categories", expanding=True, type_=String()))

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


#: The fairness rule in SQL (the same text on SQLite and PostgreSQL): the policy
#: (the center's row, else the default row, else the built-in defaults), whether
#: the interleave is due, and the one candidate ticket, taken with `{lock}`.
_CANDIDATE = """
rule AS (
  SELECT priority_weight AS weight, interleave FROM queue_policy
  WHERE center IN (:center, '*') ORDER BY CASE WHEN center = '*' THEN 1 ELSE 0 END LIMIT 1),
settings AS (
  SELECT COALESCE((SELECT weight FROM rule), :weight) AS weight,
         COALESCE((SELECT interleave FROM rule), :interleave) AS interleave),
recent AS (
  SELECT t.priority FROM queue_event e JOIN queue_ticket t ON t.id = e.ticket_id
  WHERE e.center = :center AND e.day = :day AND e.kind = 'called'
  ORDER BY e.id DESC LIMIT (SELECT interleave FROM settings)),
due AS (
  SELECT interleave > 0 AND (SELECT count(*) FROM recent) = interleave
     AND NOT EXISTS (SELECT 1 FROM recent WHERE priority IS NULL) AS due FROM settings),
candidate AS (
  SELECT t.id FROM queue_ticket t
  WHERE t.center = :center AND t.day = :day AND t.status IN ({waiting})
    AND (t.target_window IS NULL OR t.target_window = :window)
    AND (:any_category OR t.category IN :categories){fresh}
  ORDER BY CASE WHEN t.priority IS NOT NULL AND (SELECT due FROM due) THEN 1 ELSE 0 END,
           CASE WHEN t.priority IS NULL THEN t.queued_at
                ELSE :now - (:now - t.queued_at) * (SELECT weight FROM settings) END,
           t.id
  LIMIT 1 {lock})""".replace("{waiting}", ", ".join(f"'{status}'" for status in WAITING))
_CALLED = ('UPDATE queue_ticket SET status = \'called\', "window" = :window, called_at = :now, '
           "target_window = NULL {where} RETURNING queue_ticket.id, queue_ticket.center, "
           "queue_ticket.day, queue_ticket.number, queue_ticket.category, "
           "queue_ticket.priority, queue_ticket.issued_at, queue_ticket.recalls")
_EVENT = ('INSERT INTO queue_event (ticket_id, center, day, kind, "window", staff_no, at) '
          "SELECT id, center, day, 'called', :window, :staff_no, :now FROM {source}")
#: PostgreSQL: one statement (one round trip, no transaction to open and close): the
#: candidate taken FOR UPDATE SKIP LOCKED, called, its event, the hall's NOTIFY.
_CALL_NEXT_PG = _bound(
    f"WITH {_CANDIDATE.format(lock='FOR UPDATE OF t SKIP LOCKED', fresh='')}, "
    f"called AS ({_CALLED.format(where='FROM candidate WHERE queue_ticket.id = candidate.id')}), "
    f"event AS ({_EVENT.format(source='called')}), "
    "woken AS (SELECT pg_notify(:channel, center) FROM called WHERE :notify) "
    "SELECT called.*, (SELECT count(*) FROM woken) AS woken FROM called")
#: SQLite: the same rule in a write transaction (BEGIN IMMEDIATE serialises calls).
_CANDIDATE_SQLITE = _bound(
    f"WITH {_CANDIDATE.format(lock='', fresh='')} SELECT id FROM candidate")
#: PostgreSQL on the hot path (`sync.server.direct`, psycopg parameters): the same
#: statement after the terminal's confirmation and the nonce's insert; a ticket is
#: called only when the nonce was new. Always one row (KNOWN_FRESH, then the call's).
_CALL_NEXT_DIRECT = re.sub(r"(?<![:\w]):(\w+)", r"%(\1)s", (
    f"WITH {SIGNED}, "
    + _CANDIDATE.format(lock="FOR UPDATE OF t SKIP LOCKED",
                        fresh=" AND EXISTS (SELECT 1 FROM fresh)") + ", "
    f"called AS ({_CALLED.format(where='FROM candidate WHERE queue_ticket.id = candidate.id')}), "
    f"event AS ({_EVENT.format(source='called')}), "
    "woken AS (SELECT pg_notify(:channel, center) FROM called WHERE :notify) "
    f"SELECT {KNOWN_FRESH}, called.*, (SELECT count(*) FROM woken) AS woken "
    "FROM (SELECT 1) AS one LEFT JOIN called ON true").replace(
        "IN :categories", "= ANY(:categories)"))
_CALLED_SQLITE = text(_CALLED.format(where="WHERE queue_ticket.id = :id"))
_EVENT_SQLITE = text(_EVENT.format(source="queue_ticket WHERE id = :id"))


def call_next(engine: Engine, caller: Caller, request: CallNextRequest,
              now: float) -> Ticket | None:
    """Call the next ticket to `request.window`; None when nobody waits."""
    with single_statements(engine) as connection:
        ticket = call_next_on(connection, caller, request, now)
    called(engine, caller, ticket)
    return ticket


def _values(center: str, request: CallNextRequest, now: float) -> dict[str, Any]:
    defaults = QueuePolicy()
    return {"center": center, "day": local_day(now), "window": request.window,
            "staff_no": request.staff_no, "now": now, "weight": defaults.priority_weight,
            "interleave": defaults.interleave, "any_category": not request.categories,
            "categories": list(request.categories)}


def call_next_direct(direct: Direct, signed: SignedRequest, request: CallNextRequest,
                     now: float, admit: Admit) -> Ticket | None:
    """The signed call checked (as every signed route checks it, and the route's
    roles with `admit`) and made in one statement on PostgreSQL
    (`sync.server.direct`); None when nobody waits. ApiError (401, 403) when refused."""
    values = {**_values("", request, now), "channel": hall_push.CHANNEL,
              "notify": hall_push.mode() == hall_push.NOTIFY}
    del values["center"]  # the terminal's, confirmed by the statement
    _caller, row = direct.run(signed, now, admit, _CALL_NEXT_DIRECT, values)
    return None if row.id is None else _ticket(row, request, now)


def call_next_on(connection: Connection, caller: Caller, request: CallNextRequest,
                 now: float) -> Ticket | None:
    """`call_next` on a connection of `sync.server.db.single_statements` (SQLite:
    its write transaction); then `called` once that has committed."""
    values = _values(caller.center, request, now)
    if connection.dialect.name == "postgresql":
        row = connection.execute(_CALL_NEXT_PG, {
            **values, "channel": hall_push.CHANNEL,
            "notify": hall_push.mode() == hall_push.NOTIFY}).first()
    else:
        taken = connection.execute(_CANDIDATE_SQLITE, values).scalar()
        if taken is None:
            return None
        row = connection.execute(_CALLED_SQLITE, {**values, "id": taken}).first()
        connection.execute(_EVENT_SQLITE, {**values, "id": taken})
    return None if row is None else _ticket(row, request, now)


def _ticket(row: Any, request: CallNextRequest, now: float) -> Ticket:
    return Ticket(number=row.number, category=row.category, priority=row.priority,
                  issued_at=utc(row.issued_at), people_ahead=0, status=S.CALLED,
                  window=request.window, called_at=utc(now), recalls=row.recalls)


def called(engine: Engine, caller: Caller, ticket: Ticket | None) -> None:
    """After `call_next_on` committed: SQLite wakes the process's hall streams (on
    PostgreSQL the statement's NOTIFY does)."""
    if ticket is not None and engine.dialect.name != "postgresql":
        hall_push.committed(engine, {caller.center})


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
