"""A center's own notices: written, scheduled and expired by its manager, served
with the city-wide notices to that center's terminals only (`GET /v1/notices`).

A notice is served from when it is written until it ends or is expired, with
its `starts_at` and `ends_at`, so a terminal shows it on time by its own clock
even while the platform is away.
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from sync.protocol.center import CenterNotice, CenterNotices, NoticeDraft
from sync.protocol.models import Notice, NoticeList
from sync.server.admin.sessions import SignedInManager
from sync.server.audit import Event, append
from sync.server.db import WRITE, CenterNoticeRow
from sync.server.errors import ApiError

#: Notices a center keeps on its manager's page (the newest first).
LISTED = 200


def _at(timestamp: float | None) -> datetime | None:
    return None if timestamp is None else datetime.fromtimestamp(timestamp, UTC)


def _draft(row: CenterNoticeRow) -> NoticeDraft:
    return NoticeDraft(title_zh=row.title_zh, title_en=row.title_en, body_zh=row.body_zh,
                       body_en=row.body_en, starts_at=datetime.fromtimestamp(row.starts_at, UTC),
                       ends_at=_at(row.ends_at))


def _listed(row: CenterNoticeRow) -> CenterNotice:
    return CenterNotice(id=row.id, draft=_draft(row), expired=row.expired_at is not None,
                        author=row.author, updated_at=datetime.fromtimestamp(row.updated_at, UTC))


def served(session: Session, center: str, now: float) -> list[Notice]:
    """The center's notices its terminals hold: not expired, not yet ended."""
    rows = session.scalars(select(CenterNoticeRow).where(
        CenterNoticeRow.center == center, CenterNoticeRow.expired_at.is_(None),
        or_(CenterNoticeRow.ends_at.is_(None), CenterNoticeRow.ends_at > now))
        .order_by(CenterNoticeRow.starts_at, CenterNoticeRow.id))
    return [Notice(id=row.id, title_zh=row.title_zh, title_en=row.title_en,
                   body_zh=row.body_zh, body_en=row.body_en,
                   published_at=datetime.fromtimestamp(row.starts_at, UTC),
                   starts_at=datetime.fromtimestamp(row.starts_at, UTC),
                   ends_at=_at(row.ends_at)) for row in rows]


def for_center(city: NoticeList, engine: Engine, center: str, now: float) -> NoticeList:
    """The city-wide notices and the center's own."""
    with Session(engine) as session:
        own = served(session, center, now)
    return NoticeList(notices=[*city.notices, *own])


def listing(engine: Engine, center: str) -> CenterNotices:
    with Session(engine) as session:
        rows = session.scalars(select(CenterNoticeRow).where(CenterNoticeRow.center == center)
                               .order_by(CenterNoticeRow.created_at.desc()).limit(LISTED))
        return CenterNotices(notices=[_listed(row) for row in rows])


def _audit(session: Session, manager: SignedInManager, action: str, notice_id: str,
           now: float) -> None:
    append(session, [Event(actor=f"manager:{manager.staff_no}", center=manager.center,
                           action=action, object=f"notice:{notice_id}")], now)


def _fill(row: CenterNoticeRow, draft: NoticeDraft) -> None:
    row.title_zh, row.title_en = draft.title_zh, draft.title_en
    row.body_zh, row.body_en = draft.body_zh, draft.body_en
    row.starts_at = draft.starts_at.timestamp()
    row.ends_at = draft.ends_at.timestamp() if draft.ends_at else None


def create(engine: Engine, manager: SignedInManager, draft: NoticeDraft) -> CenterNotice:
    now = time.time()
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        row = CenterNoticeRow(id=str(uuid.uuid4()), center=manager.center,
                              author=manager.staff_no, created_at=now, updated_at=now,
                              expired_at=None)
        _fill(row, draft)
        session.add(row)
        _audit(session, manager, "notice_written", row.id, now)
        return _listed(row)


def _own(session: Session, manager: SignedInManager, notice_id: str) -> CenterNoticeRow:
    row = session.get(CenterNoticeRow, notice_id, with_for_update=True)
    if row is None or row.center != manager.center:
        raise ApiError(404, "not_found", "This center has no notice with this id.")
    return row


def update(engine: Engine, manager: SignedInManager, notice_id: str,
           draft: NoticeDraft) -> CenterNotice:
    now = time.time()
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        row = _own(session, manager, notice_id)
        if row.expired_at is not None:
            raise ApiError(409, "expired", "An expired notice cannot be changed; write a new one.")
        _fill(row, draft)
        row.updated_at = now
        _audit(session, manager, "notice_changed", row.id, now)
        return _listed(row)


def expire(engine: Engine, manager: SignedInManager, notice_id: str) -> CenterNotice:
    """Withdraw a notice now (expiring it again changes nothing)."""
    now = time.time()
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        row = _own(session, manager, notice_id)
        if row.expired_at is None:
            row.expired_at = row.updated_at = now
            _audit(session, manager, "notice_expired", row.id, now)
        return _listed(row)
