"""The signed /v1/queue and /v1/bookings endpoints.

Kiosks take numbers (online, or from a lease while offline), counters call
and serve them, both read the hall state; bookings are listed by slot and by
person. The logic lives in the package's modules by domain (issue, calls,
bookings, stats; the fairness rule of call-next is documented in
`sync.server.queue.calls`); they raise the domain errors of
`sync.server.queue.errors`, which this HTTP layer maps to status codes
(`STATUS`, `answer_queue_error`, installed on the app).
"""

from __future__ import annotations

import time
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from sync.protocol.models import DocumentKindCode, Nationality, Role, WireDate, document_key
from sync.protocol.queue import (
    BookingList,
    BookingSlots,
    CallNextRequest,
    IssueRequest,
    Lease,
    LeaseRequest,
    QueueState,
    QueueStats,
    Ticket,
    TicketAction,
    TicketActionRequest,
    WalkInRequest,
)
from sync.server.access import CallerDep, PolicyRoute, Scope, allow
from sync.server.errors import ERROR_RESPONSE, error_response
from sync.server.queue import bookings, calls, issue, stats
from sync.server.queue.core import local_day
from sync.server.queue.errors import Kind, QueueError
from sync.server.routes import EngineDep

router = APIRouter(
    prefix="/v1",
    tags=["queue"],
    responses={413: ERROR_RESPONSE, 422: ERROR_RESPONSE},
    route_class=PolicyRoute,
)
KIOSK, COUNTER, DISPLAY = Role.KIOSK, Role.COUNTER, Role.DISPLAY
COUNTER_ERRORS: dict[int | str, dict[str, Any]] = {
    403: ERROR_RESPONSE, 404: ERROR_RESPONSE, 409: ERROR_RESPONSE
}
#: The HTTP status of each kind of refusal.
STATUS: dict[Kind, int] = {Kind.NOT_FOUND: 404, Kind.CONFLICT: 409, Kind.INVALID: 400}
bookings.mask_access_log()


async def answer_queue_error(_request: Request, exc: Exception) -> JSONResponse:
    """A refusal of the queue's rules as the platform's ErrorBody, with its status."""
    assert isinstance(exc, QueueError)
    return error_response(STATUS[exc.reason.kind], exc.code, exc.message)


@router.post("/queue/tickets", responses={404: ERROR_RESPONSE, 409: ERROR_RESPONSE})
@allow(KIOSK, objects="tickets; bookings checked in", scope=Scope.CENTER)
def issue_ticket(caller: CallerDep, body: IssueRequest, engine: EngineDep) -> Ticket:
    """Take a number; retrying with the same client_ref answers the same ticket."""
    return issue.issue_ticket(engine, caller, body, time.time())


@router.post("/queue/leases", responses={404: ERROR_RESPONSE, 409: ERROR_RESPONSE})
@allow(KIOSK, objects="ticket numbers leased to itself", scope=Scope.CENTER)
def lease_numbers(caller: CallerDep, body: LeaseRequest, engine: EngineDep) -> Lease:
    """Reserve numbers of today's counter for this terminal to print offline."""
    return issue.lease_numbers(engine, caller, body, time.time())


@router.get("/queue/state")
@allow(KIOSK, COUNTER, DISPLAY, objects="the queue state", scope=Scope.CENTER)
def get_queue_state(caller: CallerDep, engine: EngineDep) -> QueueState:
    """Waiting per category, the latest call of each window, the last 10 calls."""
    return stats.queue_state(engine, caller.center, time.time())


@router.post(
    "/queue/call-next",
    response_model=Ticket,
    responses={204: {"description": "Nobody is waiting"}, **COUNTER_ERRORS},
)
@allow(COUNTER, objects="tickets", scope=Scope.CENTER)
def call_next(caller: CallerDep, body: CallNextRequest, engine: EngineDep) -> Any:
    """Call the next ticket to a window, by the center's fairness policy.

    A well-formed call is answered by `sync.server.hot_paths` before this route
    (the same checks and work, in fewer steps); this one answers the others."""
    ticket = calls.call_next(engine, caller, body, time.time())
    return Response(status_code=204) if ticket is None else ticket


@router.post("/queue/tickets/{number}/{action}", responses=COUNTER_ERRORS)
@allow(COUNTER, objects="tickets", scope=Scope.CENTER)
def ticket_action(
    caller: CallerDep,
    number: Annotated[str, Path(max_length=12)],
    action: TicketAction,
    body: TicketActionRequest,
    engine: EngineDep,
) -> Ticket:
    """serve, recall, no-show, park, resume, transfer or end one of today's tickets."""
    return calls.act(engine, caller, number, action, body, time.time())


@router.post("/queue/walk-in", responses=COUNTER_ERRORS)
@allow(COUNTER, objects="tickets", scope=Scope.CENTER)
def walk_in(caller: CallerDep, body: WalkInRequest, engine: EngineDep) -> Ticket:
    """Issue a ticket at the window and serve it at once."""
    return calls.walk_in(engine, caller, body, time.time())


@router.get("/queue/stats")
@allow(COUNTER, objects="the day's queue figures", scope=Scope.CENTER)
def get_queue_stats(
    caller: CallerDep,
    engine: EngineDep,
    day: WireDate | None = None,
    window: Annotated[str | None, Query(max_length=16)] = None,
) -> QueueStats:
    """The day's figures (today by default) for the center and per window."""
    when = day or date.fromisoformat(local_day(time.time()))
    return stats.queue_stats(engine, caller.center, when, window)


@router.get("/bookings/slots", responses={404: ERROR_RESPONSE, 409: ERROR_RESPONSE})
@allow(KIOSK, objects="bookings (counts per slot)", scope=Scope.CENTER)
def get_booking_slots(
    caller: CallerDep,
    engine: EngineDep,
    matter: Annotated[str, Query(max_length=40)],
    date: WireDate,
) -> BookingSlots:
    """Bookable slots of a matter on a date, with the places left."""
    return bookings.booking_slots(engine, caller.center, matter, date, time.time())


@router.get("/bookings")
@allow(KIOSK, objects="bookings of one person", scope=Scope.CENTER)
def get_bookings(
    caller: CallerDep,
    engine: EngineDep,
    id_number: Annotated[str, Query(min_length=4, max_length=32)],
    document_kind: DocumentKindCode | None = None,
    nationality: Annotated[Nationality | None, Query()] = None,
) -> BookingList:
    """A person's bookings at this center from today on (for check-in); a
    document other than a resident ID card names its kind and issuing country."""
    key = document_key(id_number, document_kind, nationality)
    return bookings.bookings_for(engine, caller.center, key, time.time())
