"""The working-day calendar the platform publishes to every terminal, and its
arithmetic (shared by the platform's deadlines and the terminals' promises).

A working day is Monday to Friday unless the calendar says otherwise: public
holidays are listed as days off, adjusted working weekends (调休上班) as
working days. A year the calendar has been published for is exact; for any
other year the answer is Monday to Friday and marked estimated.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, NamedTuple

from pydantic import Field

from sync.protocol.models import WireDate, WireModel

Year = Annotated[int, Field(ge=2000, le=2099)]


class CalendarDay(WireModel):
    """A day that is not what its weekday says: a holiday, or a worked weekend."""

    day: WireDate
    working: bool
    name: Annotated[str, Field(max_length=100)] = ""


class WorkCalendar(WireModel):
    """Published years and their exceptions to Monday-Friday."""

    years: list[Year] = Field(default_factory=list, max_length=100)
    days: list[CalendarDay] = Field(default_factory=list, max_length=10_000)


class Counted(NamedTuple):
    """A computed date and whether a year outside the calendar was needed."""

    date: date
    estimated: bool


class WorkingDays:
    """Working-day arithmetic over one calendar."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self._years = frozenset(calendar.years)
        self._days = {entry.day: entry.working for entry in calendar.days
                      if entry.day.year in self._years}

    def knows(self, year: int) -> bool:
        return year in self._years

    def check(self, day: date) -> tuple[bool, bool]:
        """`(is_working_day, estimated)` for one day."""
        if day.year not in self._years:
            return day.weekday() < 5, True
        return self._days.get(day, day.weekday() < 5), False

    def is_working_day(self, day: date) -> bool:
        return self.check(day)[0]

    def add(self, start: date, days: int) -> Counted:
        """The date `days` working days after `start` (the start day never counts;
        0 gives `start`)."""
        if days < 0:
            raise ValueError(f"days must be >= 0, got {days}")
        current, estimated, remaining = start, False, days
        while remaining > 0:
            current += timedelta(days=1)
            working, guessed = self.check(current)
            estimated = estimated or guessed
            if working:
                remaining -= 1
        return Counted(current, estimated)

    def between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end`; negative, counted
        the same way backwards, when `end` is before `start`."""
        if end < start:
            return -self.between(end, start)
        return sum(self.check(start + timedelta(days=offset))[0]
                   for offset in range(1, (end - start).days + 1))


def from_chinese_calendar() -> WorkCalendar:
    """Every year the installed `chinesecalendar` package knows: the seed of the
    platform's calendar, edited when the State Council publishes a new year."""
    import chinese_calendar

    holidays: dict[date, str] = dict(chinese_calendar.holidays)
    workdays: dict[date, str] = dict(chinese_calendar.workdays)
    years = sorted({day.year for day in holidays} | {day.year for day in workdays})
    days = [CalendarDay(day=day, working=False, name=name) for day, name in holidays.items()
            if day.weekday() < 5]
    days += [CalendarDay(day=day, working=True, name=name) for day, name in workdays.items()]
    return WorkCalendar(years=[year for year in years if 2000 <= year <= 2099],
                        days=sorted(days, key=lambda entry: entry.day))
