"""Cases: one per application or repair, with its timeline and deadline, as the
platform answers them to the center's counters (`GET /v1/cases...`)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import Field

from sync.protocol.models import WireModel


class CaseState(StrEnum):
    SUBMITTED = "submitted"  # a kiosk application waiting for its pre-check
    MISSING_MATERIALS = "missing_materials"  # a one-time notice was given
    ACCEPTED = "accepted"
    ACCEPTED_PENDING = "accepted_pending"  # accepted with materials to follow (容缺)
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    COLLECTED = "collected"
    REFUSED = "refused"
    DISPATCHED = "dispatched"  # a repair sent to its handler
    CLOSED = "closed"  # a repair done


#: States whose deadline runs (the desk's due-soon and overdue warnings).
OPEN_STATES = frozenset({CaseState.ACCEPTED, CaseState.ACCEPTED_PENDING,
                         CaseState.IN_PROGRESS})


class CaseEventKind(StrEnum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    ACCEPTED_PENDING = "accepted_pending"
    ONE_TIME_NOTICE = "one_time_notice"
    REFUSED = "refused"
    ON_THE_SPOT = "on_the_spot"
    MATERIALS_SUPPLIED = "materials_supplied"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    COLLECTED = "collected"
    RATED = "rated"
    DISPATCHED = "dispatched"
    NOTE = "note"
    CLOSED = "closed"


class CaseEvent(WireModel):
    at: datetime
    kind: CaseEventKind
    staff_no: str | None = None
    window: str | None = None
    receipt: str | None = Field(None, description="the slip this step printed, if any")
    detail: dict[str, Any] = Field(default_factory=dict)
    note: str = ""
    precheck: bool = Field(False, description="a clerk's first decision on a kiosk "
                                              "self-service application")


class TicketLink(WireModel):
    number: str
    day: date
    category: str | None = None
    issued_at: datetime | None = None
    called_at: datetime | None = None
    window: str | None = None


class CaseSummary(WireModel):
    tracking_number: str
    kind: str
    matter_code: str
    channel: str
    state: CaseState
    submitted_at: datetime
    due_date: date | None = None
    due_estimated: bool = False
    working_days_left: int | None = Field(
        None, description="working days from today to the deadline on the center's "
                          "calendar (0: due today, negative: overdue)")
    window: str | None = None
    staff_no: str | None = None


class CaseView(CaseSummary):
    accepted_at: datetime | None = None
    time_limit_days: int = 0
    promised_date: date | None = None
    ticket: TicketLink | None = None
    result: str | None = None
    rating: int | None = None
    events: list[CaseEvent] = Field(default_factory=list)


class CaseList(WireModel):
    today: date
    items: list[CaseSummary]
