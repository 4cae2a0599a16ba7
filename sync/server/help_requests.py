"""Help requests ("call staff" at a kiosk): recorded from a kiosk's
transaction, shown on its center's board, acknowledged by a counter.

- A `help_request` transaction (kiosks only, see `access.TRANSACTION_ROLES`)
  opens a request of the kiosk's center, raised when the resident asked (the
  transaction's created_at, never later than its arrival). While the same
  kiosk has an open request that day, a new one only updates the screen it
  names: one kiosk, one alert.
- The board of a center is what counters and the hall display show: that
  day's open requests and those acknowledged in the last ON_THE_WAY_SECONDS.
- Acknowledging ("I'm coming") records the window and clerk once; acknowledging
  again answers the request as it stands. A request of another center is
  not found.
"""

from __future__ import annotations

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from sync.protocol.help import (
    ON_THE_WAY_SECONDS,
    HelpAcknowledgement,
    HelpBoard,
    HelpRequestShown,
)
from sync.protocol.models import HelpRequestPayload, TransactionItem
from sync.server.auth import Caller
from sync.server.db import WRITE, HelpRequestRow
from sync.server.errors import ApiError
from sync.server.queue.core import local_day, utc

#: Most requests one board lists.
MAX_BOARD = 50


def record(session: Session, terminal_id: str, center: str, item: TransactionItem,
           payload: HelpRequestPayload, now: float) -> None:
    """Open a request for the kiosk's center (inside the batch's transaction)."""
    raised = min(item.created_at.timestamp(), now)
    day = local_day(raised)
    already = session.scalar(
        select(HelpRequestRow).where(
            HelpRequestRow.terminal_id == terminal_id,
            HelpRequestRow.center == center,
            HelpRequestRow.day == day,
            HelpRequestRow.acknowledged_at.is_(None),
        ).limit(1)
    )
    if already is not None:
        already.screen, already.screen_title = payload.screen, payload.screen_title
        already.language = payload.language
        return
    session.add(HelpRequestRow(
        center=center, day=day, terminal_id=terminal_id, tx_id=str(item.id),
        kiosk=payload.kiosk, screen=payload.screen, screen_title=payload.screen_title,
        language=payload.language, raised_at=raised))


def shown(row: HelpRequestRow) -> HelpRequestShown:
    return HelpRequestShown(
        id=str(row.id), kiosk=row.kiosk, screen=row.screen, screen_title=row.screen_title,
        language=row.language, raised_at=utc(row.raised_at),
        acknowledged_at=utc(row.acknowledged_at) if row.acknowledged_at is not None else None,
        window=row.window)


def board(engine: Engine, center: str, now: float) -> HelpBoard:
    """Today's open requests of `center`, and those acknowledged a moment ago."""
    with Session(engine) as session:
        rows = session.scalars(
            select(HelpRequestRow)
            .where(
                HelpRequestRow.center == center,
                HelpRequestRow.day == local_day(now),
                or_(HelpRequestRow.acknowledged_at.is_(None),
                    HelpRequestRow.acknowledged_at >= now - ON_THE_WAY_SECONDS),
            )
            .order_by(HelpRequestRow.raised_at, HelpRequestRow.id)
            .limit(MAX_BOARD)
        ).all()
        return HelpBoard(requests=[shown(row) for row in rows])


def acknowledge(engine: Engine, caller: Caller, request_id: int,
                body: HelpAcknowledgement, now: float) -> HelpRequestShown:
    """A clerk of the caller's center is coming; the first acknowledgement stands."""
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        row = session.get(HelpRequestRow, request_id)
        if row is None or row.center != caller.center:
            raise ApiError(404, "unknown_help_request",
                           f"No help request {request_id} at this center.")
        if row.acknowledged_at is None:
            row.acknowledged_at, row.window, row.staff_no = now, body.window, body.staff_no
        return shown(row)
