"""Center managers' sessions: issued when a manager signs in on a counter,
checked on every manager request of that counter.

A token is good only with the signed requests of the terminal it was issued
to, only while its member is still an active manager of that terminal's
center, and for `SESSION_SECONDS` at most; the platform keeps its SHA-256.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from sync.protocol.models import StaffMember, StaffRoster
from sync.protocol.staff import MANAGER
from sync.server.auth import Caller
from sync.server.db import WRITE, Document, ManagerSession

#: A manager's session lasts a working day at most.
SESSION_SECONDS = 10 * 3600


@dataclass(frozen=True)
class SignedInManager:
    """The manager on whose behalf a counter asks."""

    caller: Caller
    staff_no: str
    name: str

    @property
    def center(self) -> str:
        return self.caller.center


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def is_center_manager(member: StaffMember, center: str) -> bool:
    return member.role == MANAGER and member.active and member.center == center


def issue(session: Session, caller: Caller, member: StaffMember, now: float) -> str | None:
    """A session for `member` on the calling counter, when the member manages its
    center (None otherwise); the terminal's earlier sessions end."""
    if caller.role != "counter" or not is_center_manager(member, caller.center):
        return None
    session.execute(delete(ManagerSession).where(
        (ManagerSession.terminal_id == caller.terminal_id) | (ManagerSession.expires_at < now)))
    token = secrets.token_urlsafe(32)
    session.add(ManagerSession(token_hash=_hash(token), staff_no=member.staff_no,
                               center=caller.center, terminal_id=caller.terminal_id,
                               issued_at=now, expires_at=now + SESSION_SECONDS))
    return token


def check(engine: Engine, caller: Caller, token: str | None,
          now: float) -> SignedInManager | None:
    """The manager whose session `token` is, if it is good for this caller now."""
    if not token or len(token) > 200:
        return None
    with Session(engine) as session:
        row = session.get(ManagerSession, _hash(token))
        if row is None or row.terminal_id != caller.terminal_id \
                or row.center != caller.center or row.expires_at <= now:
            return None
        stored = session.get(Document, "staff")
        members = StaffRoster.model_validate_json(stored.body).staff if stored else []
    member = next((m for m in members if m.staff_no == row.staff_no), None)
    if member is None or not is_center_manager(member, caller.center):
        return None
    return SignedInManager(caller, member.staff_no, member.name)


def end(engine: Engine, manager: SignedInManager) -> None:
    """Sign the manager out of the calling counter."""
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        session.execute(delete(ManagerSession).where(
            ManagerSession.terminal_id == manager.caller.terminal_id))
