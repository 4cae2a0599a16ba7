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
from sync.server.queue.stats import Tally, tally_events

#: Longest range one request may ask for (days).
MAX_DAYS = 366


@dataclass
class _Tally(Tally):
    ratings: list[int] = field(default_factory=lambda: [0] * len(LEVELS))

    def line(self, key: str | None) -> FigureLine:
        return FigureLine(key=key, served=self.served, no_shows=self.no_shows,
                          average_wait_seconds=self.average_wait(),
                          longest_wait_seconds=self.longest_wait(),
                          average_service_seconds=self.average_handling(),
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
    tally_events(((ticket_id, kind, at, issued_at), figures.targets(window, staff_no))
                 for ticket_id, kind, window, staff_no, at, issued_at in events)
    for level, window, staff_no in ratings:
        for tally in figures.targets(window, staff_no):
            tally.ratings[level - 1] += 1
    return RangeFigures(
        center=center, start=start, end=end, total=figures.total.line(None),
        windows=[figures.windows[key].line(key) for key in sorted(figures.windows)],
        clerks=[figures.clerks[key].line(key) for key in sorted(figures.clerks)])
