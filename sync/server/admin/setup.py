"""A center's windows and opening rules (`CenterSetup`), kept by its manager,
given to every terminal of the center, and the rules the platform applies
when the 24-hour kiosk asks for a number."""

from __future__ import annotations

import time
from datetime import date, datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sync.protocol.center import (
    CenterSetup,
    OpeningRules,
    ServiceWindow,
    gives_numbers,
    last_number_at,
)
from sync.server.admin.sessions import SignedInManager
from sync.server.audit import Event, append
from sync.server.cases.calendar import working_days
from sync.server.db import WRITE, CenterSetupRow, QueueTicket
from sync.server.errors import ApiError
from sync.server.queue.core import ZONE, categories
from sync.server.queue.errors import QueueError, Reason


def center_setup(session: Session, center: str) -> CenterSetup:
    row = session.get(CenterSetupRow, center)
    return CenterSetup.model_validate_json(row.body) if row is not None else CenterSetup()


def read(engine: Engine, center: str) -> CenterSetup:
    with Session(engine) as session:
        return center_setup(session, center)


def _store(engine: Engine, manager: SignedInManager, action: str,
           change: dict[str, object]) -> CenterSetup:
    now = time.time()
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        row = session.get(CenterSetupRow, manager.center, with_for_update=True)
        current = CenterSetup.model_validate_json(row.body) if row else CenterSetup()
        updated = CenterSetup.model_validate({**current.model_dump(), **change})
        session.merge(CenterSetupRow(center=manager.center, body=updated.model_dump_json(),
                                     updated_at=now, updated_by=manager.staff_no))
        append(session, [Event(actor=f"manager:{manager.staff_no}", center=manager.center,
                               action=action, object="center_setup")], now)
        return updated


def put_windows(engine: Engine, manager: SignedInManager,
                windows: list[ServiceWindow]) -> CenterSetup:
    """Replace the center's windows; each category named must be one of the center's."""
    with Session(engine) as session:
        known = {row.code for row in categories(session, manager.center)}
    unknown = sorted({code for window in windows for code in window.categories} - known)
    if unknown:
        raise ApiError(422, "unknown_category",
                       f"This center has no queue category {', '.join(unknown)}.")
    return _store(engine, manager, "windows_changed",
                  {"windows": [window.model_dump() for window in windows]})


def put_opening(engine: Engine, manager: SignedInManager,
                opening: OpeningRules | None) -> CenterSetup:
    """Set the opening rules (None: the kiosk gives numbers at any time)."""
    if opening is not None:
        with Session(engine) as session:
            known = {row.code for row in categories(session, manager.center)}
        unknown = sorted(set(opening.quotas) - known)
        if unknown:
            raise ApiError(422, "unknown_category",
                           f"This center has no queue category {', '.join(unknown)}.")
    return _store(engine, manager, "opening_changed",
                  {"opening": opening.model_dump() if opening else None})


def check_ticket(session: Session, center: str, category: str, day: str, now: float) -> None:
    """Refuse the number just added (flushed, under the counter's row lock) outside
    the hours, after the cut-off, or over the quota."""
    opening = center_setup(session, center).opening
    if opening is None:
        return
    today = date.fromisoformat(day)
    working = working_days(session, center).is_working_day(today)
    if not gives_numbers(opening, working, datetime.fromtimestamp(now, ZONE).time()):
        hours = opening.working_day if working else opening.rest_day
        raise QueueError(Reason.CENTER_CLOSED, "The center gives no numbers today."
                         if hours is None else f"Numbers are given from {hours.opens} "
                         f"until {last_number_at(opening, hours)}.")
    quota = opening.quotas.get(category)
    if quota is not None:
        given = session.scalar(select(func.count()).select_from(QueueTicket).where(
            QueueTicket.center == center, QueueTicket.day == day,
            QueueTicket.category == category, QueueTicket.booking_code.is_(None))) or 0
        if given > quota:  # the new ticket is counted
            raise QueueError(Reason.QUOTA_REACHED,
                             "This category gave out its numbers for today.")
