"""Working-day arithmetic on China's official holiday calendar.

Promised completion dates count working days: weekends and public holidays
are skipped, adjusted working weekends (调休上班) count. The calendar comes
from the ``chinesecalendar`` library, which only knows the years the State
Council has published. For any other year we fall back to "Monday to Friday"
and mark the result as estimated, logging one warning per such year.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import NamedTuple

import chinese_calendar

__all__ = ["WorkdayResult", "add_working_days", "is_working_day"]

logger = logging.getLogger("sync.workdays")

_warned_years: set[int] = set()
_warned_lock = threading.Lock()


class WorkdayResult(NamedTuple):
    """A computed date and whether the weekday-only fallback was needed."""

    date: dt.date
    estimated: bool


def _warn_once(year: int) -> None:
    with _warned_lock:
        if year in _warned_years:
            return
        _warned_years.add(year)
    logger.warning(
        "No official holiday calendar for %d; counting Monday-Friday as working days "
        "(update the chinesecalendar package when the State Council publishes it)",
        year,
    )


def _check(day: dt.date) -> tuple[bool, bool]:
    """Return ``(is_working_day, estimated)`` for one day."""
    try:
        return bool(chinese_calendar.is_workday(day)), False
    except NotImplementedError:
        _warn_once(day.year)
        return day.weekday() < 5, True


def is_working_day(d: dt.date) -> bool:
    """True if ``d`` is a working day (weekday-only fallback outside the data)."""
    return _check(d)[0]


def add_working_days(start: dt.date, days: int) -> WorkdayResult:
    """Return the date ``days`` working days after ``start``.

    The day of submission does not count: counting starts the day after
    ``start``. ``days == 0`` returns ``start`` itself. ``estimated`` is True
    when any day examined lay outside the library's data.
    """
    if days < 0:
        raise ValueError(f"days must be >= 0, got {days}")
    current = start
    estimated = False
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        working, guessed = _check(current)
        estimated = estimated or guessed
        if working:
            remaining -= 1
    return WorkdayResult(current, estimated)
