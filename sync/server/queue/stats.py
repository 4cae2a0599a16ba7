"""Read side of the queue: the hall state and the day's figures from events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sync.protocol.queue import CallShown, CategoryState, QueueState, QueueStats, WindowStats
from sync.server.db import QueueEvent, QueueTicket
from sync.server.queue.core import WAITING, categories, local_day, utc

#: Event kinds that put a number on the hall display.
CALL_KINDS = ("called", "recalled", "walk_in")
#: Handling runs from an opening event to a closing one (parked time excluded).
_OPENS = {"serving", "resumed", "walk_in"}
_CLOSES = {"parked", "transferred", "ended", "no_show"}
RECENT_CALLS = 10


def queue_state(engine: Engine, center: str, now: float) -> QueueState:
    day = local_day(now)
    with Session(engine) as session:
        waiting = {
            code: (count, oldest)
            for code, count, oldest in session.execute(
                select(QueueTicket.category, func.count(), func.min(QueueTicket.queued_at))
                .where(
                    QueueTicket.center == center,
                    QueueTicket.day == day,
                    QueueTicket.status.in_(WAITING),
                )
                .group_by(QueueTicket.category)
            )
        }
        states = []
        for row in categories(session, center):
            count, oldest = waiting.get(row.code, (0, None))
            states.append(
                CategoryState(
                    code=row.code,
                    prefix=row.prefix,
                    name_zh=row.name_zh,
                    name_en=row.name_en,
                    waiting=count,
                    longest_wait_seconds=max(0, int(now - oldest)) if oldest else 0,
                )
            )
        calls = (QueueEvent.center == center, QueueEvent.day == day,
                 QueueEvent.kind.in_(CALL_KINDS))
        latest = (
            select(func.max(QueueEvent.id))
            .where(*calls, QueueEvent.window.is_not(None))
            .group_by(QueueEvent.window)
        )
        shown = select(QueueTicket.number, QueueEvent.window, QueueEvent.at).join(
            QueueTicket, QueueTicket.id == QueueEvent.ticket_id
        )
        now_serving = [
            CallShown(number=number, window=window, called_at=utc(at))
            for number, window, at in session.execute(
                shown.where(QueueEvent.id.in_(latest)).order_by(QueueEvent.window)
            )
        ]
        recent = [
            CallShown(number=number, window=window or "", called_at=utc(at))
            for number, window, at in session.execute(
                shown.where(*calls).order_by(QueueEvent.id.desc()).limit(RECENT_CALLS)
            )
        ]
    return QueueState(
        center=center,
        day=date.fromisoformat(day),
        categories=states,
        now_serving=now_serving,
        recent_calls=recent,
    )


@dataclass
class Tally:
    """Tickets served and no-shows, their waits (issue to first call) and handling
    periods (an opening event to a closing one), in seconds."""

    served: int = 0
    no_shows: int = 0
    waits: list[float] = field(default_factory=list)
    handling: list[float] = field(default_factory=list)

    def average_wait(self) -> float | None:
        return _mean(self.waits)

    def longest_wait(self) -> float | None:
        return round(max(self.waits), 1) if self.waits else None

    def average_handling(self) -> float | None:
        return _mean(self.handling)


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


EventRow = tuple[int, str, float, float]  # ticket id, kind, at, the ticket's issued_at


def tally_events(rows: Iterable[tuple[EventRow, Sequence[Tally]]]) -> None:
    """Counts queue events, in order, into each row's tallies."""
    first_called: set[int] = set()
    opened: dict[int, float] = {}  # ticket -> start of the running handling period
    last_call: dict[int, float] = {}
    for (ticket_id, kind, at, issued_at), tallies in rows:
        if kind == "called":
            last_call[ticket_id] = at
            if ticket_id not in first_called:
                first_called.add(ticket_id)
                for tally in tallies:
                    tally.waits.append(max(0.0, at - issued_at))
        if kind in _OPENS:
            opened[ticket_id] = at
        elif kind in _CLOSES:
            start = opened.pop(ticket_id, None)
            if start is None and kind == "ended":
                start = last_call.get(ticket_id)  # ended straight from called
            for tally in tallies:
                if start is not None and kind != "no_show":
                    tally.handling.append(max(0.0, at - start))
                tally.served += kind == "ended"
                tally.no_shows += kind == "no_show"


def _line(tally: Tally, window: str | None) -> WindowStats:
    return WindowStats(window=window, served=tally.served, no_shows=tally.no_shows,
                       average_wait_seconds=tally.average_wait(),
                       longest_wait_seconds=tally.longest_wait(),
                       average_handling_seconds=tally.average_handling())


def queue_stats(engine: Engine, center: str, day: date, window: str | None) -> QueueStats:
    """Served, no-shows, wait (issued -> first call) and handling per window."""
    with Session(engine) as session:
        rows = session.execute(
            select(QueueEvent.ticket_id, QueueEvent.kind, QueueEvent.window, QueueEvent.at,
                   QueueTicket.issued_at)
            .join(QueueTicket, QueueTicket.id == QueueEvent.ticket_id)
            .where(QueueEvent.center == center, QueueEvent.day == day.isoformat())
            .order_by(QueueEvent.id)
        ).all()
    per_window: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    tally_events(((ticket_id, kind, at, issued_at),
                  [total, per_window[at_window]] if at_window else [total])
                 for ticket_id, kind, at_window, at, issued_at in rows)
    windows = sorted(per_window) if window is None else [window]
    return QueueStats(
        center=center,
        day=day,
        total=_line(total, None),
        windows=[_line(per_window[name], name) for name in windows],
    )
