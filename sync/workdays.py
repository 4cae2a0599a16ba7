"""Working-day arithmetic for the terminals, on the calendar the platform
publishes (`GET /v1/calendar`, see `sync.protocol.work_calendar`).

Promised completion dates count working days: weekends and public holidays
are skipped, adjusted working weekends (调休上班) count. Until a terminal has
pulled the platform's calendar it counts on the years the installed
``chinesecalendar`` package knows. A year in neither is counted Monday to
Friday and the result marked estimated, with one warning per such year.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from functools import cache

from sync.protocol.work_calendar import Counted, WorkCalendar, WorkingDays, from_chinese_calendar

__all__ = ["WorkdayResult", "add_working_days", "is_working_day", "use_calendar"]

logger = logging.getLogger("sync.workdays")

WorkdayResult = Counted

_warned_years: set[int] = set()
_warned_lock = threading.Lock()
_published: WorkingDays | None = None


@cache
def _seed() -> WorkingDays:
    return WorkingDays(from_chinese_calendar())


def use_calendar(calendar: WorkCalendar | None) -> None:
    """Count on the calendar the platform published (None: the package's again)."""
    global _published
    _published = WorkingDays(calendar) if calendar is not None else None


def current() -> WorkingDays:
    """The calendar in use: the platform's once pulled, else the package's."""
    return _published or _seed()


def _warn_once(year: int) -> None:
    with _warned_lock:
        if year in _warned_years:
            return
        _warned_years.add(year)
    logger.warning(
        "No published working-day calendar for %d; counting Monday-Friday as working days "
        "(the center manager publishes the year's calendar on the platform)",
        year,
    )


def _check(calendar: WorkingDays, day: dt.date) -> tuple[bool, bool]:
    working, estimated = calendar.check(day)
    if estimated:
        _warn_once(day.year)
    return working, estimated


def is_working_day(d: dt.date) -> bool:
    """True if ``d`` is a working day (Monday-Friday outside the calendar)."""
    return _check(current(), d)[0]


def add_working_days(start: dt.date, days: int) -> WorkdayResult:
    """Return the date ``days`` working days after ``start``.

    The day of submission does not count: counting starts the day after
    ``start``. ``days == 0`` returns ``start`` itself. ``estimated`` is True
    when any day examined lay outside the calendar's published years.
    """
    if days < 0:
        raise ValueError(f"days must be >= 0, got {days}")
    calendar = current()
    current_day, estimated, remaining = start, False, days
    while remaining > 0:
        current_day += dt.timedelta(days=1)
        working, guessed = _check(calendar, current_day)
        estimated = estimated or guessed
        if working:
            remaining -= 1
    return WorkdayResult(current_day, estimated)
