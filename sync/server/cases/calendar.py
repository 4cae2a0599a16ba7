"""The working-day calendar of each center: city-wide years (center "*"),
seeded from chinesecalendar when the database is new, and years a center
publishes for itself; a center's own day overrides the city-wide one.

Publishing a year replaces that year's days and moves the deadlines of the
open cases it touches (an estimated deadline becomes exact).
"""

from __future__ import annotations

import time
from datetime import date

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.protocol.cases import OPEN_STATES
from sync.protocol.work_calendar import (
    CalendarDay,
    WorkCalendar,
    WorkingDays,
    from_chinese_calendar,
)
from sync.server.db import WRITE, CalendarDayRow, CalendarYearRow, CaseRow
from sync.server.queue.core import local_day

#: Center key of the city-wide calendar.
CITY = "*"


def seed(engine: Engine) -> None:
    """Give a new database the years chinesecalendar knows, as the city's calendar."""
    with Session(engine) as session:
        if session.scalar(select(CalendarYearRow.year).where(
                CalendarYearRow.center == CITY).limit(1)) is not None:
            return
    seeded = from_chinese_calendar()
    now = time.time()
    try:
        with Session(engine.execution_options(**WRITE)) as session, session.begin():
            session.execute(insert(CalendarYearRow), [
                {"center": CITY, "year": year, "published_at": now,
                 "published_by": "chinesecalendar"} for year in seeded.years])
            session.execute(insert(CalendarDayRow), [
                {"center": CITY, "day": entry.day.isoformat(), "working": entry.working,
                 "name": entry.name} for entry in seeded.days])
    except IntegrityError:
        pass  # another instance seeded it first


def center_calendar(session: Session, center: str) -> WorkCalendar:
    """The calendar a center counts on: the city's years, and the years it
    published itself in their place."""
    centers = (CITY, center)
    years = set(session.scalars(select(CalendarYearRow.year).where(
        CalendarYearRow.center.in_(centers))))
    own_years = set() if center == CITY else set(session.scalars(
        select(CalendarYearRow.year).where(CalendarYearRow.center == center)))
    days: dict[str, CalendarDayRow] = {}
    rows = session.scalars(select(CalendarDayRow).where(CalendarDayRow.center.in_(centers))
                           .order_by(CalendarDayRow.day))
    for row in rows:
        if row.center == CITY and int(row.day[:4]) in own_years:
            continue  # a year the center published itself replaces the city's whole year
        if row.center == center or row.day not in days:
            days[row.day] = row
    return WorkCalendar(
        years=sorted(years),
        days=[CalendarDay(day=date.fromisoformat(row.day), working=row.working, name=row.name)
              for row in days.values()])


def working_days(session: Session, center: str) -> WorkingDays:
    return WorkingDays(center_calendar(session, center))


def publish_year(engine: Engine, center: str, year: int, days: list[CalendarDay],
                 by: str) -> int:
    """Replace `year`'s calendar of `center` (CITY: of every center) with `days`
    (holidays on weekdays, worked weekends); answers how many open cases' deadlines
    were counted again."""
    if any(entry.day.year != year for entry in days):
        raise ValueError(f"every day must lie in {year}")
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        session.execute(delete(CalendarDayRow).where(
            CalendarDayRow.center == center,
            CalendarDayRow.day.between(f"{year}-01-01", f"{year}-12-31")))
        if days:
            session.execute(insert(CalendarDayRow), [
                {"center": center, "day": entry.day.isoformat(), "working": entry.working,
                 "name": entry.name} for entry in days])
        session.merge(CalendarYearRow(center=center, year=year, published_at=time.time(),
                                      published_by=by))
        session.flush()
        return recount_deadlines(session, None if center == CITY else center, year)


def recount_deadlines(session: Session, center: str | None, year: int) -> int:
    """Count again the deadlines of open cases (of `center`, None: all) that a change
    of `year`'s calendar may move; answers how many moved or became exact."""
    query = select(CaseRow).where(
        CaseRow.state.in_([state.value for state in OPEN_STATES]),
        CaseRow.accepted_at.is_not(None), CaseRow.time_limit_days > 0,
        CaseRow.due_day >= f"{year}-01-01")
    if center is not None:
        query = query.where(CaseRow.center == center)
    calendars: dict[str, WorkingDays] = {}
    moved = 0
    for case in session.scalars(query):
        accepted = date.fromisoformat(local_day(case.accepted_at or 0.0))
        if accepted.year > year:
            continue
        if case.center not in calendars:
            calendars[case.center] = working_days(session, case.center)
        counted = calendars[case.center].add(accepted, case.time_limit_days)
        if (counted.date.isoformat(), counted.estimated) != (case.due_day, case.due_estimated):
            case.due_day, case.due_estimated = counted.date.isoformat(), counted.estimated
            moved += 1
    return moved
