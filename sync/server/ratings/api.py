"""Follow-ups of poor ratings and the center's figures, for the center manager
signed in on a counter (`manager` policy: `/v1/followups`, `/v1/figures`,
`/v1/figures.csv`) and for a signed-in center manager or platform admin on the
platform's own pages (`/figures.csv`). The answer to a follow-up is the signed-in
manager's, audited with their staff number."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sync.protocol.ratings import (
    FollowUp,
    FollowUpAnswer,
    FollowUpList,
    FollowUpState,
    RangeFigures,
    csv_text,
)
from sync.protocol.work_calendar import WorkingDays
from sync.server import audit, sealing
from sync.server.access import ManagerDep, OperatorDep, PolicyRoute, Scope, manager, operator
from sync.server.cases.calendar import center_calendar
from sync.server.db import WRITE, CaseRow, FollowUpRow, RatingRow
from sync.server.errors import ERROR_RESPONSE, ApiError
from sync.server.operators import OperatorRole
from sync.server.queue.core import local_day
from sync.server.ratings.book import answer_binding
from sync.server.ratings.figures import MAX_DAYS, range_figures
from sync.server.ratings.settings import answer_days
from sync.server.routes import EngineDep

router = APIRouter(tags=["ratings"], route_class=PolicyRoute)
CSV_RESPONSE = {200: {"content": {"text/csv": {"schema": {"type": "string"}}},
                      "description": "The figures as CSV (UTF-8 with a BOM, for Excel)"},
                400: ERROR_RESPONSE}


def _time(timestamp: float | None) -> datetime | None:
    return datetime.fromtimestamp(timestamp, UTC) if timestamp is not None else None


def _today() -> date:
    return date.fromisoformat(local_day(time.time()))


def _follow_up(session: Session, keys: sealing.Keys, row: FollowUpRow, rating: RatingRow,
               calendar: WorkingDays, today: date) -> FollowUp:
    due = date.fromisoformat(row.due_day)
    open_ = row.state == FollowUpState.OPEN.value
    left = calendar.between(today, due) if open_ and due >= today else None
    if open_ and due < today:
        left = -calendar.between(due, today)
    case = session.get(CaseRow, rating.tracking_number) if rating.tracking_number else None
    return FollowUp(
        id=row.id, state=FollowUpState(row.state), level=rating.level,
        reasons=json.loads(rating.reasons), tracking_number=rating.tracking_number,
        ticket_number=rating.ticket_number,
        ticket_day=date.fromisoformat(rating.ticket_day) if rating.ticket_day else None,
        matter_code=case.matter_code if case else None, window=rating.window,
        staff_no=rating.staff_no, rated_at=_time(rating.at), due_date=due,
        due_estimated=row.due_estimated, working_days_left=left,
        overdue=open_ and due < today,
        answer=sealing.unseal_text(keys, row.answer, answer_binding(row.id))
        if row.answer else "",
        answered_by=row.answered_by, answered_at=_time(row.answered_at))


@router.get("/v1/followups")
@manager(objects="the follow-ups of the center's poor ratings")
def list_follow_ups(
    who: ManagerDep,
    engine: EngineDep,
    state: Annotated[FollowUpState | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> FollowUpList:
    """The center's follow-ups (of `state`, when given), open ones first, the earliest
    due date first; overdue ones are counted in working days on the center's calendar."""
    today = _today()
    keys = sealing.keys_for(engine)
    with Session(engine) as session:
        calendar = WorkingDays(center_calendar(session, who.center))
        query = select(FollowUpRow, RatingRow).join(
            RatingRow, RatingRow.id == FollowUpRow.rating_id).where(
            FollowUpRow.center == who.center)
        if state is not None:
            query = query.where(FollowUpRow.state == state.value)
        rows = session.execute(query.order_by(
            FollowUpRow.state.desc(), FollowUpRow.due_day, FollowUpRow.id).limit(limit)).all()
        items = [_follow_up(session, keys, row, rating, calendar, today)
                 for row, rating in rows]
        opened = [row for row, _ in session.execute(
            select(FollowUpRow.due_day, FollowUpRow.id).where(
                FollowUpRow.center == who.center,
                FollowUpRow.state == FollowUpState.OPEN.value))]
    overdue = sum(day < today.isoformat() for day in opened)
    return FollowUpList(today=today, answer_days=answer_days(), open=len(opened),
                        overdue=overdue, items=items)


@router.post("/v1/followups/{follow_up_id}/answer",
             responses={404: ERROR_RESPONSE, 409: ERROR_RESPONSE})
@manager(objects="a follow-up of the center, answered by its manager")
def answer_follow_up(
    who: ManagerDep,
    follow_up_id: Annotated[int, Path(ge=1)],
    answer: FollowUpAnswer,
    engine: EngineDep,
    request: Request,
) -> FollowUp:
    """The signed-in center manager's answer to a poor rating (once; sealed at rest)."""
    now = time.time()
    keys = sealing.keys_for(engine)
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        row = session.get(FollowUpRow, follow_up_id, with_for_update=True)
        if row is None or row.center != who.center:
            raise ApiError(404, "not_found", "No follow-up of this center has this id.")
        if row.state != FollowUpState.OPEN.value:
            raise ApiError(409, "already_answered",
                           f"Follow-up {follow_up_id} was answered already.")
        row.state = FollowUpState.ANSWERED.value
        row.answer = sealing.seal_text(keys, answer.answer, answer_binding(row.id))
        row.answered_by, row.answered_at = who.staff_no, now
        session.flush()
        rating = session.get(RatingRow, row.rating_id)
        assert rating is not None
        calendar = WorkingDays(center_calendar(session, who.center))
        shown = _follow_up(session, keys, row, rating, calendar, _today())
        audit.append(session, [audit.Event(
            f"manager:{who.staff_no}", who.center, "answer_follow_up", str(follow_up_id),
            request.client.host if request.client else "")], now)
    return shown


def _range(start: date | None, end: date | None) -> tuple[date, date]:
    end = end or _today()
    start = start or end
    if start > end or (end - start).days >= MAX_DAYS:
        raise ApiError(400, "bad_range", f"Give a start on or before the end, at most "
                       f"{MAX_DAYS} days apart (got {start} to {end}).")
    return start, end


Start = Annotated[date | None, Query(description="first center day (default: the end)")]
End = Annotated[date | None, Query(description="last center day (default: today)")]


@router.get("/v1/figures", responses={400: ERROR_RESPONSE})
@manager(objects="the center's figures")
def get_figures(who: ManagerDep, engine: EngineDep, start: Start = None,
                end: End = None) -> RangeFigures:
    """Served, no-shows, waiting and service times and ratings over the range, for
    the center, each window and each clerk."""
    first, last = _range(start, end)
    return range_figures(engine, who.center, first, last)


def _csv(engine: Engine, center: str, first: date, last: date) -> Response:
    body = "\ufeff" + csv_text(range_figures(engine, center, first, last))
    name = f"figures-{center}-{first.isoformat()}-{last.isoformat()}.csv"
    return Response(body.encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/v1/figures.csv", response_class=Response, responses=CSV_RESPONSE)
@manager(objects="the center's figures")
def get_figures_csv(who: ManagerDep, engine: EngineDep, start: Start = None,
                    end: End = None) -> Response:
    """The figures of `/v1/figures` as CSV."""
    first, last = _range(start, end)
    return _csv(engine, who.center, first, last)


@router.get("/figures.csv", response_class=Response,
            responses={**CSV_RESPONSE, 403: ERROR_RESPONSE})
@operator(OperatorRole.CENTER_MANAGER, OperatorRole.PLATFORM_ADMIN,
          objects="a center's figures", scope=Scope.CENTER)
def operator_figures_csv(
    who: OperatorDep,
    request: Request,
    center: Annotated[str | None, Query(max_length=64)] = None,
    start: Start = None,
    end: End = None,
) -> Response:
    """A center's figures as CSV for its manager (their own center) or a platform admin
    (any `center`)."""
    wanted = center or who.center
    if wanted is None or not who.sees(wanted):
        raise ApiError(403, "other_center", "Name a center you may see (center=...).")
    first, last = _range(start, end)
    return _csv(request.app.state.engine, wanted, first, last)
