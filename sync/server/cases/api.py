"""The center's cases for its counters, and the working-day calendar for every
terminal of the center."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.cases import (
    OPEN_STATES,
    CaseEvent,
    CaseEventKind,
    CaseList,
    CaseState,
    CaseSummary,
    CaseView,
    TicketLink,
)
from sync.protocol.models import ApplicationStory, Role, StatusStep
from sync.protocol.work_calendar import WorkCalendar, WorkingDays
from sync.server import audit, sealing
from sync.server.access import CallerDep, PolicyRoute, Scope, allow
from sync.server.cases.book import note_binding, owed_materials
from sync.server.cases.calendar import center_calendar
from sync.server.db import ApplicationState, CaseEventRow, CaseRow, QueueTicket
from sync.server.documents import etag_of
from sync.server.errors import ERROR_RESPONSE, ApiError
from sync.server.queue.core import local_day
from sync.server.routes import (
    NOT_MODIFIED,
    EngineDep,
    IfNoneMatch,
    application_status,
    etag_response,
)

TRACKING_PATH = r"^[A-Za-z0-9-]{4,40}$"

router = APIRouter(prefix="/v1", tags=["cases"], route_class=PolicyRoute)


def _time(timestamp: float | None) -> datetime | None:
    return datetime.fromtimestamp(timestamp, UTC) if timestamp is not None else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _summary_fields(case: CaseRow, calendar: WorkingDays, today: date) -> dict[str, object]:
    due = _day(case.due_day)
    left = calendar.between(today, due) if due is not None and \
        case.state in _RUNNING else None
    return {
        "tracking_number": case.tracking_number, "kind": case.kind,
        "matter_code": case.matter_code, "channel": case.channel,
        "state": CaseState(case.state), "submitted_at": _time(case.submitted_at),
        "due_date": due, "due_estimated": case.due_estimated, "working_days_left": left,
        "window": case.window, "staff_no": case.staff_no,
    }


_RUNNING = {CaseState.ACCEPTED.value, CaseState.ACCEPTED_PENDING.value,
            CaseState.IN_PROGRESS.value}


@router.get("/cases")
@allow(Role.COUNTER, objects="the center's cases", scope=Scope.CENTER)
def list_cases(
    caller: CallerDep,
    engine: EngineDep,
    state: Annotated[list[CaseState] | None, Query(max_length=8)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> CaseList:
    """The center's cases (of `state`, when given), the earliest deadline first;
    `working_days_left` counts on the center's calendar from the center's today."""
    today = date.fromisoformat(local_day(time.time()))
    with Session(engine) as session:
        calendar = WorkingDays(center_calendar(session, caller.center))
        query = select(CaseRow).where(CaseRow.center == caller.center)
        if state:
            query = query.where(CaseRow.state.in_([value.value for value in state]))
        rows = session.scalars(query.order_by(
            CaseRow.due_day.is_(None), CaseRow.due_day, CaseRow.submitted_at).limit(limit))
        items = [CaseSummary.model_validate(_summary_fields(case, calendar, today))
                 for case in rows]
    return CaseList(today=today, items=items)


def _ticket(session: Session, case: CaseRow) -> TicketLink | None:
    if case.ticket_number is None or case.ticket_day is None:
        return None
    ticket = session.scalar(select(QueueTicket).where(
        QueueTicket.center == case.center, QueueTicket.day == case.ticket_day,
        QueueTicket.number == case.ticket_number))
    if ticket is None:
        return TicketLink(number=case.ticket_number, day=date.fromisoformat(case.ticket_day))
    return TicketLink(number=ticket.number, day=date.fromisoformat(ticket.day),
                      category=ticket.category, issued_at=_time(ticket.issued_at),
                      called_at=_time(ticket.called_at), window=ticket.window)


def case_view(session: Session, keys: sealing.Keys | None, case: CaseRow, *,
              notes: bool) -> CaseView:
    """A case with its whole story (`notes`: with the unsealed free text)."""
    today = date.fromisoformat(local_day(time.time()))
    calendar = WorkingDays(center_calendar(session, case.center))
    rows = session.scalars(select(CaseEventRow).where(
        CaseEventRow.tracking_number == case.tracking_number)
        .order_by(CaseEventRow.at, CaseEventRow.id))
    events = []
    for row in rows:
        detail = json.loads(row.detail)
        events.append(CaseEvent(
            at=_time(row.at), kind=CaseEventKind(row.kind), staff_no=row.staff_no,
            window=row.window, receipt=row.receipt, precheck=bool(detail.pop("precheck", False)),
            detail=detail,
            note=sealing.unseal_text(keys, row.note, note_binding(row.tracking_number, row.tx_id))
            if notes and keys is not None else ""))
    return CaseView(
        **_summary_fields(case, calendar, today), accepted_at=_time(case.accepted_at),
        time_limit_days=case.time_limit_days, promised_date=_day(case.promised_day),
        ticket=_ticket(session, case), result=case.result, rating=case.rating, events=events)


@router.get("/cases/{tracking_number}", responses={404: ERROR_RESPONSE})
@allow(Role.COUNTER, objects="the center's cases with their notes", scope=Scope.CENTER)
def get_case(
    caller: CallerDep,
    tracking_number: Annotated[str, Path(pattern=TRACKING_PATH)],
    engine: EngineDep,
    request: Request,
    response: Response,
) -> CaseView:
    """One case with its whole story: ticket, decisions, receipts, deadline, rating
    (each read is in the audit log: notes may hold personal data)."""
    with Session(engine) as session:
        case = session.get(CaseRow, tracking_number)
        if case is None or case.center != caller.center:
            raise ApiError(404, "not_found", "No case of this center has this number "
                           "(it may not have reached the platform yet).")
        view = case_view(session, sealing.keys_for(engine), case, notes=True)
    audit.record(engine, audit.Event(
        f"terminal:{caller.terminal_id}", caller.center, "read_case", tracking_number,
        request.client.host if request.client else ""))
    response.headers["Cache-Control"] = "no-store"
    return view


def public_steps(view: CaseView) -> list[StatusStep]:
    """The timeline a resident may see: when and what, with a completion's result;
    no clerk, window or note."""
    return [StatusStep(at=event.at, step=event.kind.value,
                       result=result if isinstance(result := event.detail.get("result"), str)
                       else None)
            for event in view.events]


def open_due(view: CaseView) -> tuple[date | None, bool]:
    """The deadline's day while it still runs (and whether it is estimated)."""
    if view.due_date is None or view.state not in OPEN_STATES:
        return None, False
    return view.due_date, view.due_estimated


@router.get("/applications/{tracking_number}/story", responses={404: ERROR_RESPONSE})
@allow(Role.KIOSK, Role.COUNTER, objects="application statuses with their public timeline",
       scope=Scope.CENTER)
def get_application_story(
    caller: CallerDep,
    tracking_number: Annotated[str, Path(pattern=TRACKING_PATH)],
    engine: EngineDep,
) -> ApplicationStory:
    """One application's status with its timeline and promised date, as the kiosk's
    status screen shows it to the resident (nothing personal)."""
    with Session(engine) as session:
        row = session.get(ApplicationState, tracking_number)
        if row is None or row.center != caller.center:
            raise ApiError(
                404, "not_found", "No application of this center has this tracking number.")
        status = application_status(sealing.keys_for(engine), row)
        case = session.get(CaseRow, tracking_number)
        if case is None:
            return ApplicationStory(status=status)
        view = case_view(session, None, case, notes=False)
    due_date, due_estimated = open_due(view)
    return ApplicationStory(
        status=status, steps=public_steps(view), due_date=due_date,
        due_estimated=due_estimated,
        materials_owed=owed_materials((event.kind.value, event.detail) for event in view.events))


@router.get("/calendar", response_model=WorkCalendar, responses=NOT_MODIFIED)
@allow(Role.KIOSK, Role.COUNTER, Role.DISPLAY, objects="the center's working-day calendar",
       scope=Scope.CENTER)
def get_calendar(caller: CallerDep, engine: EngineDep,
                 if_none_match: IfNoneMatch = None) -> Response:
    """The working-day calendar the center counts deadlines on, with a strong ETag."""
    with Session(engine) as session:
        body = center_calendar(session, caller.center).model_dump_json().encode("utf-8")
    return etag_response(body, etag_of(body), if_none_match)
