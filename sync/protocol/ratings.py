"""Ratings (好差评) on the wire: the follow-ups of poor ratings, which the center
manager answers, and the center's figures for a range of days, per window and
per clerk (`GET /v1/followups`, `GET /v1/figures`)."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from sync.protocol.models import WireModel

#: Ratings at or below this level ("poor" 2, "very poor" 1) open a follow-up.
POOR = 2
LEVELS = (1, 2, 3, 4, 5)


class FollowUpState(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"


class FollowUp(WireModel):
    id: int
    state: FollowUpState
    level: int
    reasons: list[str] = Field(default_factory=list)
    tracking_number: str | None = None
    ticket_number: str | None = None
    ticket_day: date | None = None
    matter_code: str | None = None
    window: str | None = None
    staff_no: str | None = None
    rated_at: datetime
    due_date: date
    due_estimated: bool = False
    working_days_left: int | None = Field(
        None, description="working days from the center's today to the due date (negative: "
                          "overdue); None once answered")
    overdue: bool = False
    answer: str = ""
    answered_by: str | None = None
    answered_at: datetime | None = None


class FollowUpList(WireModel):
    today: date
    answer_days: int = Field(description="working days the manager has to answer")
    open: int
    overdue: int
    items: list[FollowUp]


class FollowUpAnswer(WireModel):
    """The answer of the center manager signed in on the counter."""

    answer: Annotated[str, Field(min_length=2, max_length=2000)]


class FigureLine(WireModel):
    """Figures of one window, one clerk, or the whole center over the range."""

    key: str | None = Field(None, description="window or staff number; None: the center")
    served: int = 0
    no_shows: int = 0
    average_wait_seconds: float | None = None
    longest_wait_seconds: float | None = None
    average_service_seconds: float | None = None
    ratings: list[int] = Field(default_factory=lambda: [0] * 5,
                               description="counts of levels 1..5")

    @property
    def average_rating(self) -> float | None:
        total = sum(self.ratings)
        return sum(level * n for level, n in zip(LEVELS, self.ratings, strict=True)) / total \
            if total else None


class RangeFigures(WireModel):
    center: str
    start: date
    end: date
    total: FigureLine
    windows: list[FigureLine]
    clerks: list[FigureLine]


CSV_HEADER = ("section", "key", "served", "no_shows", "average_wait_s", "longest_wait_s",
              "average_service_s", *(f"rating_{level}" for level in LEVELS),
              "average_rating")


def _cell(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def csv_rows(figures: RangeFigures) -> list[list[str]]:
    """The figures as CSV rows (the platform's endpoint and the counter's export)."""
    rows = [["range", f"{figures.start.isoformat()}..{figures.end.isoformat()}"],
            list(CSV_HEADER)]
    lines = [("center", figures.total)] + [("window", line) for line in figures.windows] \
        + [("clerk", line) for line in figures.clerks]
    for section, line in lines:
        average = line.average_rating
        rows.append([section, line.key or "all", str(line.served), str(line.no_shows),
                     _cell(line.average_wait_seconds), _cell(line.longest_wait_seconds),
                     _cell(line.average_service_seconds), *map(str, line.ratings),
                     "" if average is None else f"{average:.2f}"])
    return rows


def csv_text(figures: RangeFigures) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(csv_rows(figures))
    return buffer.getvalue()
