"""Wire models of the queue (tickets, leases, calls, statistics) and bookings.

Offline tickets, bookings and check-ins travel as transactions
(`TicketPayload`, `BookingPayload`, `CheckInPayload` in `models`); everything
here is the body of a signed /v1/queue or /v1/bookings request or answer.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field

from sync.protocol.help import HelpBoard
from sync.protocol.models import WireModel

Priority = Literal["elderly", "disabled", "booked"]
CategoryCode = Annotated[str, Field(min_length=1, max_length=8)]
WindowName = Annotated[str, Field(min_length=1, max_length=16)]
StaffNo = Annotated[str, Field(min_length=1, max_length=32)]
TicketNumber = Annotated[str, Field(min_length=2, max_length=12)]
#: Most numbers one lease may reserve.
MAX_LEASE_SIZE = 50
#: Numbers run from <prefix>001 to <prefix>999 per category, center and day.
MAX_DAILY_NUMBER = 999


class QueueCategory(WireModel):
    """One queue of a center; tickets print as `<prefix><3 digits>`."""

    code: CategoryCode
    prefix: Annotated[str, Field(pattern=r"^[A-Z]$")]
    name_zh: str
    name_en: str
    departments: list[str] = Field(default_factory=list)


class QueueCategoryList(WireModel):
    """The file `queue_categories.json`."""

    categories: list[QueueCategory]


class QueuePolicy(WireModel):
    """Fairness policy of a center (see `sync.server.queue.calls`)."""

    priority_weight: Annotated[int, Field(ge=1, le=10)] = 2
    interleave: Annotated[int, Field(ge=0, le=20)] = 3


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVING = "serving"
    DONE = "done"
    PARKED = "parked"
    TRANSFERRED = "transferred"  # waiting again, in another category or for one window
    NO_SHOW = "no_show"


class TicketAction(StrEnum):
    """The `{action}` of POST /v1/queue/tickets/{number}/{action}."""

    SERVE = "serve"
    RECALL = "recall"
    NO_SHOW = "no-show"
    PARK = "park"
    RESUME = "resume"
    TRANSFER = "transfer"
    END = "end"


class IssueRequest(WireModel):
    category: CategoryCode
    priority: Priority | None = None
    booking_code: Annotated[str, Field(min_length=4, max_length=40)] | None = None
    client_ref: UUID  # idempotency key: the same ref answers the same ticket


class Ticket(WireModel):
    number: str
    category: str
    priority: Priority | None
    issued_at: datetime
    people_ahead: Annotated[int, Field(ge=0)]
    status: TicketStatus
    window: str | None = None
    called_at: datetime | None = None
    recalls: int = 0


class LeaseRequest(WireModel):
    category: CategoryCode
    size: Annotated[int, Field(ge=1, le=MAX_LEASE_SIZE)]


class Lease(WireModel):
    """Numbers reserved for one terminal to print while offline, until `expires_at`."""

    lease_id: UUID
    category: str
    numbers: list[str]
    expires_at: datetime


class CallNextRequest(WireModel):
    window: WindowName
    staff_no: StaffNo
    categories: list[CategoryCode] = Field(default_factory=list, max_length=20)  # [] = all


class TicketActionRequest(WireModel):
    window: WindowName
    staff_no: StaffNo
    to_category: CategoryCode | None = None  # transfer only
    to_window: WindowName | None = None  # transfer only


class WalkInRequest(WireModel):
    category: CategoryCode
    window: WindowName
    staff_no: StaffNo


class CategoryState(WireModel):
    code: str
    prefix: str
    name_zh: str
    name_en: str
    waiting: int
    longest_wait_seconds: int


class CallShown(WireModel):
    """A call as the hall display shows it."""

    number: str
    window: str
    called_at: datetime


class QueueState(WireModel):
    center: str
    day: date
    categories: list[CategoryState]
    now_serving: list[CallShown]  # the latest call of each window
    recent_calls: list[CallShown]  # the last 10 calls, newest first


class WindowStats(WireModel):
    """Figures of one window, or of the whole center when `window` is None."""

    window: str | None
    served: int
    no_shows: int
    average_wait_seconds: float | None  # issued -> first call
    longest_wait_seconds: float | None
    average_handling_seconds: float | None  # serving -> ended, parked time excluded


class QueueStats(WireModel):
    center: str
    day: date
    total: WindowStats
    windows: list[WindowStats]


class BookingSlot(WireModel):
    start: datetime
    end: datetime
    capacity: int
    remaining: int


class BookingSlots(WireModel):
    matter: str
    date: date
    slots: list[BookingSlot]


class BookingStatus(StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"


class Booking(WireModel):
    booking_code: str
    matter_code: str
    slot_start: datetime
    slot_end: datetime
    status: BookingStatus
    ticket_number: str | None = None


class BookingList(WireModel):
    bookings: list[Booking]


HallEventName = Literal["state", "call", "help"]
CallKind = Literal["called", "recalled", "walk_in"]


class HallCall(WireModel):
    """The data of a `call` event of GET /v1/queue/events."""

    number: str
    window: str
    category: str
    kind: CallKind
    at: datetime


class HallEvent(WireModel):
    """One server-sent event of GET /v1/queue/events, as the client parses it.

    `event_id` is the SSE `id:` (the last queue_event id the stream covered);
    send it back as `Last-Event-ID` to resume without a gap."""

    event: HallEventName
    event_id: int | None = None
    state: QueueState | None = None
    call: HallCall | None = None
    help: HelpBoard | None = None
