"""The center manager's routes: a counter asks for the manager signed in on it
(`manager` policy: the counter's signature and the manager's session token).
Every change is written to the audit log with the manager's staff number.

- `/v1/admin/notices`: the center's notices (write, change, expire).
- `/v1/admin/staff`: the center's members (add, deactivate, reset a PIN, bind a card).
- `/v1/admin/setup`, `/v1/admin/windows`, `/v1/admin/opening`: windows and the
  queue categories each serves; opening hours, ticket cut-off and daily quotas.
- `/v1/admin/calendar/{year}`: the center's working-day calendar of a year.
- `GET /v1/center`: the center's set-up for all its terminals (with an ETag).
"""

from __future__ import annotations

import time
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.center import (
    CalendarYear,
    CardBinding,
    CenterNotice,
    CenterNotices,
    CenterSetup,
    CenterStaff,
    NewStaff,
    NoticeDraft,
    OpeningChange,
    PinReset,
    SetupView,
    StaffCard,
    WindowList,
)
from sync.protocol.models import Role
from sync.protocol.queue import QueueCategory
from sync.protocol.work_calendar import CalendarDay
from sync.server.access import CallerDep, ManagerDep, PolicyRoute, Scope, allow, manager
from sync.server.admin import notices, roster, sessions, setup
from sync.server.audit import Event, append
from sync.server.cases.calendar import CITY, publish_year
from sync.server.db import WRITE, CalendarDayRow, CalendarYearRow
from sync.server.documents import etag_of
from sync.server.errors import ERROR_RESPONSE, ApiError
from sync.server.queue.core import categories
from sync.server.routes import NOT_MODIFIED, EngineDep, IfNoneMatch, etag_response

router = APIRouter(prefix="/v1", tags=["center manager"], route_class=PolicyRoute,
                   responses={413: ERROR_RESPONSE, 422: ERROR_RESPONSE})
NOT_FOUND = {404: ERROR_RESPONSE}
CONFLICT = {404: ERROR_RESPONSE, 409: ERROR_RESPONSE}
NoticeId = Annotated[str, Path(max_length=36)]
StaffNo = Annotated[str, Path(max_length=32)]
Year = Annotated[int, Path(ge=2000, le=2099)]


@router.get("/center", response_model=CenterSetup, responses=NOT_MODIFIED)
@allow(Role.KIOSK, Role.COUNTER, Role.DISPLAY, objects="the center's windows and hours",
       scope=Scope.CENTER)
def get_center(caller: CallerDep, engine: EngineDep,
               if_none_match: IfNoneMatch = None) -> Response:
    """The center's windows and opening rules, with a strong ETag."""
    body = setup.read(engine, caller.center).model_dump_json().encode("utf-8")
    return etag_response(body, etag_of(body), if_none_match)


@router.post("/admin/sign-out", status_code=204, response_class=Response)
@manager(objects="the manager's session on this counter")
def sign_out(who: ManagerDep, engine: EngineDep) -> Response:
    """End the manager's session on this counter."""
    sessions.end(engine, who)
    return Response(status_code=204)


# ------------------------------------------------------------------ notices
@router.get("/admin/notices")
@manager(objects="the center's notices")
def list_notices(who: ManagerDep, engine: EngineDep) -> CenterNotices:
    """The center's notices, the newest first, expired and ended ones too."""
    return notices.listing(engine, who.center)


@router.post("/admin/notices")
@manager(objects="the center's notices")
def write_notice(who: ManagerDep, body: NoticeDraft, engine: EngineDep) -> CenterNotice:
    """A new notice of the center, shown on its kiosks and hall display in its time."""
    return notices.create(engine, who, body)


@router.put("/admin/notices/{notice_id}", responses=CONFLICT)
@manager(objects="the center's notices")
def change_notice(who: ManagerDep, notice_id: NoticeId, body: NoticeDraft,
                  engine: EngineDep) -> CenterNotice:
    """Change a notice's text or its time (not once it was expired)."""
    return notices.update(engine, who, notice_id, body)


@router.post("/admin/notices/{notice_id}/expire", responses=NOT_FOUND)
@manager(objects="the center's notices")
def expire_notice(who: ManagerDep, notice_id: NoticeId, engine: EngineDep) -> CenterNotice:
    """Withdraw a notice now."""
    return notices.expire(engine, who, notice_id)


# ------------------------------------------------------------------ staff
@router.get("/admin/staff")
@manager(objects="the center's staff")
def list_staff(who: ManagerDep, engine: EngineDep) -> CenterStaff:
    """The center's members, deactivated ones too (no PIN, no card number)."""
    return roster.listing(engine, who.center)


@router.post("/admin/staff", responses={409: ERROR_RESPONSE})
@manager(objects="the center's staff")
def add_staff(who: ManagerDep, body: NewStaff, engine: EngineDep) -> StaffCard:
    """A new member of the center with a first PIN."""
    return roster.add(engine, who, body)


@router.post("/admin/staff/{staff_no}/deactivate", responses=CONFLICT)
@manager(objects="the center's staff")
def deactivate_staff(who: ManagerDep, staff_no: StaffNo, engine: EngineDep) -> StaffCard:
    """The member can no longer sign in anywhere."""
    return roster.set_active(engine, who, staff_no, False)


@router.post("/admin/staff/{staff_no}/activate", responses=NOT_FOUND)
@manager(objects="the center's staff")
def activate_staff(who: ManagerDep, staff_no: StaffNo, engine: EngineDep) -> StaffCard:
    """A deactivated member may sign in again."""
    return roster.set_active(engine, who, staff_no, True)


@router.put("/admin/staff/{staff_no}/pin", responses=NOT_FOUND)
@manager(objects="the center's staff")
def reset_pin(who: ManagerDep, staff_no: StaffNo, body: PinReset,
              engine: EngineDep) -> StaffCard:
    """A new PIN for the member; a lockout ends."""
    return roster.reset_pin(engine, who, staff_no, body.pin)


@router.put("/admin/staff/{staff_no}/card", responses=CONFLICT)
@manager(objects="the center's staff")
def bind_card(who: ManagerDep, staff_no: StaffNo, body: CardBinding,
              engine: EngineDep) -> StaffCard:
    """Bind the member's staff card (null: unbind it)."""
    return roster.bind_card(engine, who, staff_no, body)


# ------------------------------------------------------------------ windows and hours
@router.get("/admin/setup")
@manager(objects="the center's windows and hours")
def get_setup(who: ManagerDep, engine: EngineDep) -> SetupView:
    """The center's windows, opening rules and queue categories."""
    with Session(engine) as session:
        known = [QueueCategory(code=row.code, prefix=row.prefix, name_zh=row.name_zh,
                               name_en=row.name_en)
                 for row in categories(session, who.center)]
        return SetupView(setup=setup.center_setup(session, who.center), categories=known)


@router.put("/admin/windows")
@manager(objects="the center's windows")
def put_windows(who: ManagerDep, body: WindowList, engine: EngineDep) -> CenterSetup:
    """Replace the center's windows and the categories each calls."""
    return setup.put_windows(engine, who, body.windows)


@router.put("/admin/opening")
@manager(objects="the center's opening hours and quotas")
def put_opening(who: ManagerDep, body: OpeningChange, engine: EngineDep) -> CenterSetup:
    """Set when the kiosk gives numbers and how many a day (null: always)."""
    return setup.put_opening(engine, who, body.opening)


# ------------------------------------------------------------------ the calendar
@router.get("/admin/calendar/{year}")
@manager(objects="the center's working-day calendar")
def get_calendar_year(who: ManagerDep, year: Year, engine: EngineDep) -> CalendarYear:
    """The year as the center counts it: its own, else the city's (empty: unknown)."""
    with Session(engine) as session:
        for center in (who.center, CITY):
            published = session.get(CalendarYearRow, (center, year))
            if published is None:
                continue
            rows = session.scalars(select(CalendarDayRow).where(
                CalendarDayRow.center == center,
                CalendarDayRow.day.between(f"{year}-01-01", f"{year}-12-31"))
                .order_by(CalendarDayRow.day))
            return CalendarYear(
                year=year, published_by=published.published_by, own=center != CITY,
                days=[CalendarDay(day=date.fromisoformat(row.day), working=row.working,
                                  name=row.name) for row in rows])
    return CalendarYear(year=year, days=[])


@router.put("/admin/calendar/{year}")
@manager(objects="the center's working-day calendar; deadlines of its open cases")
def publish_calendar_year(who: ManagerDep, year: Year, body: CalendarYear,
                          engine: EngineDep) -> CalendarYear:
    """Publish the center's calendar of `year` to its terminals; the deadlines
    of its open cases are counted again on it."""
    if body.year != year:
        raise ApiError(422, "invalid_request", "The body's year is not the path's.")
    by = f"manager:{who.staff_no}"
    publish_year(engine, who.center, year, body.days, by)
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        append(session, [Event(actor=by, center=who.center, action="calendar_published",
                               object=f"calendar:{year}")], time.time())
    return CalendarYear(year=year, days=body.days, published_by=by, own=True)
