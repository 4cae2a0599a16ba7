"""A center's own set-up, kept by its manager on the counter (sync.server.admin):
its windows and the queue categories each serves, its opening hours, the
ticket cut-off and the daily quotas the platform enforces when the 24-hour
kiosk issues a ticket, and the requests of the manager's pages.

`GET /v1/center` gives every terminal of the center its `CenterSetup`.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from sync.protocol.models import WireModel
from sync.protocol.queue import CategoryCode, QueueCategory
from sync.protocol.work_calendar import CalendarDay

_CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
MAX_WINDOWS = 60
MAX_CUTOFF_MINUTES = 240
MAX_DAILY_QUOTA = 999  # numbers run to <prefix>999 a day


def _clock(value: str) -> str:
    if _CLOCK.fullmatch(value) is None:
        raise ValueError("a time of day is HH:MM (00:00 to 23:59)")
    return value


Clock = Annotated[str, AfterValidator(_clock)]


class ServiceWindow(WireModel):
    """One window of the hall, by the number the hall display shows."""

    number: Annotated[str, Field(min_length=1, max_length=8)]
    name_zh: Annotated[str, Field(max_length=40)] = ""
    name_en: Annotated[str, Field(max_length=40)] = ""
    #: Queue categories the window calls ([]: all of them).
    categories: Annotated[list[CategoryCode], Field(default_factory=list, max_length=20)]
    active: bool = True


def _unique_numbers(windows: list[ServiceWindow]) -> None:
    numbers = [window.number for window in windows]
    if len(numbers) != len(set(numbers)):
        raise ValueError("two windows have the same number")


class Hours(WireModel):
    """Opening time and closing time of a day."""

    opens: Clock
    closes: Clock

    @model_validator(mode="after")
    def _ordered(self) -> Hours:
        if self.closes <= self.opens:
            raise ValueError("the center closes after it opens")
        return self

    def clock(self) -> tuple[time, time]:
        return time.fromisoformat(self.opens), time.fromisoformat(self.closes)


class OpeningRules(WireModel):
    """When the kiosk issues numbers. A day's kind comes from the center's
    working-day calendar (an adjusted working day on a weekend is a working day,
    a holiday is a rest day); None: closed that kind of day. Tickets stop
    `cutoff_minutes` before closing; `quotas` caps the numbers of a category a
    day (a category not named: no cap). No rules at all: always open."""

    working_day: Hours | None = Hours(opens="09:00", closes="17:00")
    rest_day: Hours | None = None
    cutoff_minutes: Annotated[int, Field(ge=0, le=MAX_CUTOFF_MINUTES)] = 30
    quotas: Annotated[dict[CategoryCode, Annotated[int, Field(ge=0, le=MAX_DAILY_QUOTA)]],
                      Field(default_factory=dict, max_length=20)]


def last_number_at(opening: OpeningRules, hours: Hours) -> str:
    """The time of day ("HH:MM") the last number of a day with `hours` is given."""
    hour, minute = (int(part) for part in hours.closes.split(":"))
    total = max(0, hour * 60 + minute - opening.cutoff_minutes)
    return f"{total // 60:02d}:{total % 60:02d}"


def gives_numbers(opening: OpeningRules, working_day: bool, at: time) -> bool:
    """Whether numbers are given at `at` (the center's time of day) on a working
    day or a rest day: from opening until the cut-off before closing."""
    hours = opening.working_day if working_day else opening.rest_day
    if hours is None:
        return False
    moment = at.strftime("%H:%M")
    return hours.opens <= moment < last_number_at(opening, hours)


class CenterSetup(WireModel):
    """What the center's terminals are told of its own set-up."""

    windows: Annotated[list[ServiceWindow],
                       Field(default_factory=list, max_length=MAX_WINDOWS)]
    #: None: the center set no hours; the kiosk issues numbers at any time.
    opening: OpeningRules | None = None

    @model_validator(mode="after")
    def _unique_windows(self) -> CenterSetup:
        _unique_numbers(self.windows)
        return self

    def window(self, number: str) -> ServiceWindow | None:
        return next((w for w in self.windows if w.number == number and w.active), None)


# ------------------------------------------------------------------ the manager's pages
class SetupView(WireModel):
    """`GET /v1/admin/setup`: the set-up and the queue categories windows may serve."""

    setup: CenterSetup
    categories: list[QueueCategory]


class WindowList(WireModel):
    windows: Annotated[list[ServiceWindow], Field(max_length=MAX_WINDOWS)]

    @model_validator(mode="after")
    def _unique_windows(self) -> WindowList:
        _unique_numbers(self.windows)
        return self


class OpeningChange(WireModel):
    opening: OpeningRules | None


class NoticeDraft(WireModel):
    """A notice as the manager writes it; shown from `starts_at` to `ends_at`."""

    title_zh: Annotated[str, Field(min_length=1, max_length=100)]
    title_en: Annotated[str, Field(min_length=1, max_length=100)]
    body_zh: Annotated[str, Field(max_length=2000)] = ""
    body_en: Annotated[str, Field(max_length=2000)] = ""
    starts_at: datetime
    ends_at: datetime | None = None

    @model_validator(mode="after")
    def _ordered(self) -> NoticeDraft:
        if self.starts_at.tzinfo is None or (self.ends_at and self.ends_at.tzinfo is None):
            raise ValueError("times carry their UTC offset")
        if self.ends_at is not None and self.ends_at <= self.starts_at:
            raise ValueError("a notice ends after it starts")
        return self


class CenterNotice(WireModel):
    """A notice of the center as the manager's page lists it."""

    id: str
    draft: NoticeDraft
    expired: bool  # withdrawn by the manager before its end
    author: str
    updated_at: datetime


class CenterNotices(WireModel):
    notices: list[CenterNotice]


PinText = Annotated[str, Field(min_length=4, max_length=12, pattern=r"^[0-9]+$")]


class StaffCard(WireModel):
    """A member of the center as the manager's staff page lists it (no PIN hash)."""

    staff_no: str
    name: str
    role: str
    active: bool
    card_bound: bool


class CenterStaff(WireModel):
    staff: list[StaffCard]


class NewStaff(WireModel):
    staff_no: Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[0-9A-Za-z-]+$")]
    name: Annotated[str, Field(min_length=1, max_length=60)]
    role: Annotated[str, Field(pattern=r"^(clerk|supervisor|manager)$")] = "clerk"
    pin: PinText


class PinReset(WireModel):
    pin: PinText


class CardBinding(WireModel):
    """A staff card's UID as the reader gives it (None: unbind)."""

    card_uid: Annotated[str, Field(min_length=4, max_length=64,
                                   pattern=r"^[0-9A-Fa-f: ]+$")] | None


class CalendarYear(WireModel):
    """A year of the center's working-day calendar as the manager edits it: the
    holidays on weekdays and the worked weekend days; `published_by` names
    who published it ("chinesecalendar" for the seed)."""

    year: Annotated[int, Field(ge=2000, le=2099)]
    days: Annotated[list[CalendarDay], Field(max_length=366)]
    published_by: str = ""
    own: bool = False  # the center's own year rather than the city's

    @model_validator(mode="after")
    def _in_year(self) -> CalendarYear:
        if any(entry.day.year != self.year for entry in self.days):
            raise ValueError(f"every day lies in {self.year}")
        if len({entry.day for entry in self.days}) != len(self.days):
            raise ValueError("a day is named twice")
        return self
