"""The center's figures over a range of days, per window and per clerk: tickets
served and no-shows, waiting (issue to first call) and service time (an opening
event to a closing one, parked time excluded), and the ratings given; as the
wire's `RangeFigures` (`sync.protocol.ratings.csv_text` writes it as CSV)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync.protocol.ratings import LEVELS, FigureLine, RangeFigures
from sync.server.db import QueueEvent, QueueTicket, RatingRow

#: Longest range one request may ask for (days).
MAX_DAYS = 366
_OPENS = {"serving", "resumed", "walk_in"}
_CLOSES = {"parked", "transferred", "ended", "no_show"}


@dataclass
class _Tally:
    served: int = 0
    no_shows: int = 0
    waits: list[float] = field(default_factory=list)
    service: list[float] = field(default_factory=list)
    ratings: list[int] = field(default_factory=lambda: [0] * len(LEVELS))

    def line(self, key: str | None) -> FigureLine:
        def mean(values: list[float]) -> float | None:
            return round(sum(values) / len(values), 1) if values else None

        return FigureLine(key=key, served=self.served, no_shows=self.no_shows,
                          average_wait_seconds=mean(self.waits),
                          longest_wait_seconds=round(max(self.waits), 1) if self.waits
                          else None,
                          average_service_seconds=mean(self.service),
                          ratings=list(self.ratings))


@dataclass
class _Figures:
    total: _Tally = field(default_factory=_Tally)
    windows: dict[str, _Tally] = field(default_factory=lambda: defaultdict(_Tally))
    clerks: dict[str, _Tally] = field(default_factory=lambda: defaultdict(_Tally))

    def targets(self, window: str | None, staff_no: str | None) -> list[_Tally]:
        found = [self.total]
        if window:
            found.append(self.windows[window])
        if staff_no:
            found.append(self.clerks[staff_no])
        return found


def range_figures(engine: Engine, center: str, start: date, end: date) -> RangeFigures:
    """Figures of `center` from `start` to `end`, both included (center days)."""
    figures = _Figures()
    days = (QueueEvent.day >= start.isoformat(), QueueEvent.day <= end.isoformat())
    with Session(engine) as session:
        events = session.execute(
            select(QueueEvent.ticket_id, QueueEvent.kind, QueueEvent.window,
                   QueueEvent.staff_no, QueueEvent.at, QueueTicket.issued_at)
            .join(QueueTicket, QueueTicket.id == QueueEvent.ticket_id)
            .where(QueueEvent.center == center, *days).order_by(QueueEvent.id)).all()
        ratings = session.execute(
            select(RatingRow.level, RatingRow.window, RatingRow.staff_no)
            .where(RatingRow.center == center, RatingRow.day >= start.isoformat(),
                   RatingRow.day <= end.isoformat())).all()
    first_called: set[int] = set()
    opened: dict[int, float] = {}
    last_call: dict[int, float] = {}
    for ticket_id, kind, window, staff_no, at, issued_at in events:
        targets = figures.targets(window, staff_no)
        if kind == "called":
            last_call[ticket_id] = at
            if ticket_id not in first_called:
                first_called.add(ticket_id)
                for tally in targets:
                    tally.waits.append(max(0.0, at - issued_at))
        if kind in _OPENS:
            opened[ticket_id] = at
        elif kind in _CLOSES:
            begun = opened.pop(ticket_id, None)
            if begun is None and kind == "ended":
                begun = last_call.get(ticket_id)
            for tally in targets:
                if begun is not None and kind != "no_show":
                    tally.service.append(max(0.0, at - begun))
                tally.served += kind == "ended"
                tally.no_shows += kind == "no_show"
    for level, window, staff_no in ratings:
        for tally in figures.targets(window, staff_no):
            tally.ratings[level - 1] += 1
    return RangeFigures(
        center=center, start=start, end=end, total=figures.total.line(None),
        windows=[figures.windows[key].line(key) for key in sorted(figures.windows)],
        clerks=[figures.clerks[key].line(key) for key in sorted(figures.clerks)])
