"""Staff of a center and their sign-in, checked here: terminals get no PIN hash.

- `GET /v1/staff`: names and roles of the caller's center (staff without a
  center serve every center).
- `POST /v1/staff/sign-in`: staff number or card, and PIN (a technician may
  give the PIN alone). Wrong answers are not told apart (unknown number,
  unknown card, wrong PIN). Each terminal may try `ATTEMPTS_PER_MINUTE`
  times a minute (`throttled`); `FAILURES_BEFORE_LOCKOUT` wrong PINs in a row
  lock the member (or, for PIN-only technician sign-in, the terminal's
  technician pad) for 30 s, doubling up to 15 minutes (`locked`). Both live
  in the database, so every instance and every terminal sees them. A success
  answers an `OfflineVerifier` bound to the calling terminal's key and, for a
  manager of the counter's center, a manager session (`sync.server.admin`).
"""

from __future__ import annotations

import base64
import hashlib
import time
from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from sync.protocol.models import Role, StaffMember, StaffRoster
from sync.protocol.pin_hash import verify_pin
from sync.protocol.staff import (
    PURPOSE_ROLES,
    OfflineVerifier,
    SignInOutcome,
    StaffDirectory,
    StaffEntry,
    StaffSignInRequest,
    StaffSignInResponse,
    card_mac,
    normalise_uid,
    pin_mac,
    verifier_key,
)
from sync.server.access import CallerDep, PolicyRoute, Scope, allow
from sync.server.admin import sessions as manager_sessions
from sync.server.auth import Caller
from sync.server.db import WRITE, Document, SignInAttempt, StaffLockout, Terminal
from sync.server.errors import ERROR_RESPONSE

ATTEMPTS_PER_MINUTE = 10
FAILURES_BEFORE_LOCKOUT = 5
FIRST_LOCKOUT_SECONDS = 30
MAX_LOCKOUT_SECONDS = 15 * 60
# A well-formed hash no PIN matches: an unknown member costs the same time.
_DECOY = StaffMember(staff_no="", name="", pin_hash="scrypt$16384$8$1$" + "A" * 22 + "==$"
                     + "A" * 43 + "=")

router = APIRouter(prefix="/v1", tags=["staff"], route_class=PolicyRoute,
                   responses={413: ERROR_RESPONSE, 422: ERROR_RESPONSE})


def roster(session: Session, center: str) -> list[StaffMember]:
    """Members who serve `center` (their own center, or every center)."""
    stored = session.get(Document, "staff")
    if stored is None:
        return []
    members = StaffRoster.model_validate_json(stored.body).staff
    return [m for m in members if m.center in (None, center) and m.active]


@router.get("/staff", response_model=StaffDirectory,
            responses={304: {"description": "Not modified"}})
@allow(Role.KIOSK, Role.COUNTER, objects="names and roles of the center's staff",
       scope=Scope.CENTER)
def get_staff(caller: CallerDep, request: Request) -> Response:
    """Names and roles of the staff who serve the caller's center, with a strong ETag."""
    with Session(request.app.state.engine) as session:
        entries = [StaffEntry(staff_no=m.staff_no, name=m.name, role=m.role)
                   for m in roster(session, caller.center)]
    body = StaffDirectory(staff=entries).model_dump_json().encode()
    etag = f'"{hashlib.sha256(body).hexdigest()}"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    wanted = request.headers.get("if-none-match", "")
    if etag in {tag.strip().removeprefix("W/") for tag in wanted.split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


def _candidates(members: list[StaffMember], request: StaffSignInRequest) -> list[StaffMember]:
    allowed = [m for m in members if m.role in PURPOSE_ROLES[request.purpose.value]]
    if request.card_uid is not None:
        uid = normalise_uid(request.card_uid)
        return [m for m in allowed if m.card_uid and normalise_uid(m.card_uid) == uid
                and request.staff_no in (None, m.staff_no)]
    if request.staff_no is not None:
        return [m for m in allowed if m.staff_no == request.staff_no]
    return allowed if request.purpose.value == "technician" else []


def _lock_key(terminal_id: str, request: StaffSignInRequest) -> str:
    if request.staff_no is not None:
        return f"staff:{request.staff_no}"
    if request.card_uid is not None:
        return f"card:{normalise_uid(request.card_uid)}"
    return f"pad:{terminal_id}"


def _verifier(key: bytes, member: StaffMember, now: float) -> OfflineVerifier:
    _, n, r, p, salt, digest = member.pin_hash.split("$")
    raw = base64.b64decode(digest)
    return OfflineVerifier(
        member=StaffEntry(staff_no=member.staff_no, name=member.name, role=member.role),
        n=int(n), r=int(r), p=int(p), salt=salt, length=len(raw),
        pin_mac=pin_mac(key, member.staff_no, raw),
        card_mac=card_mac(key, member.card_uid) if member.card_uid else None,
        issued_at=datetime.fromtimestamp(now, UTC))


def sign_in(engine: Engine, caller: Caller, request: StaffSignInRequest,
            now: float) -> StaffSignInResponse:
    """Check one attempt (scrypt, so run it off the event loop)."""
    lock = _lock_key(caller.terminal_id, request)
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        session.execute(delete(SignInAttempt).where(SignInAttempt.at < now - 60))
        recent = session.scalar(select(func.count()).select_from(SignInAttempt).where(
            SignInAttempt.terminal_id == caller.terminal_id)) or 0
        if recent >= ATTEMPTS_PER_MINUTE:
            oldest = session.scalar(select(func.min(SignInAttempt.at)).where(
                SignInAttempt.terminal_id == caller.terminal_id)) or now
            return StaffSignInResponse(outcome=SignInOutcome.THROTTLED,
                                       retry_after_seconds=max(1, int(oldest + 61 - now)))
        session.add(SignInAttempt(terminal_id=caller.terminal_id, at=now))
        state = session.get(StaffLockout, lock)
        if state is not None and state.locked_until > now:
            return StaffSignInResponse(outcome=SignInOutcome.LOCKED,
                                       retry_after_seconds=int(state.locked_until - now) + 1)
        members = _candidates(roster(session, caller.center), request)
        matched = None
        for member in members or [_DECOY]:  # check all: no timing hint of which one
            if verify_pin(request.pin, member.pin_hash) and member is not _DECOY:
                matched = matched or member
        if matched is None:
            state = state or StaffLockout(key=lock, failures=0, lockouts=0, locked_until=0.0)
            session.add(state)
            state.failures += 1
            if state.failures >= FAILURES_BEFORE_LOCKOUT:
                seconds = min(MAX_LOCKOUT_SECONDS, FIRST_LOCKOUT_SECONDS * 2 ** state.lockouts)
                state.failures, state.lockouts = 0, state.lockouts + 1
                state.locked_until = now + seconds
                return StaffSignInResponse(outcome=SignInOutcome.LOCKED,
                                           retry_after_seconds=seconds)
            return StaffSignInResponse(outcome=SignInOutcome.WRONG)
        if state is not None:
            session.delete(state)
        terminal = session.get(Terminal, caller.terminal_id)
        assert terminal is not None  # the caller was just authenticated
        verifier = _verifier(verifier_key(terminal.key), matched, now)
        return StaffSignInResponse(outcome=SignInOutcome.SIGNED_IN, member=verifier.member,
                                   verifier=verifier,
                                   manager_session=manager_sessions.issue(
                                       session, caller, matched, now))


@router.post("/staff/sign-in")
@allow(Role.KIOSK, Role.COUNTER, objects="staff of the center (PIN checks, lockouts)",
       scope=Scope.CENTER)
def post_sign_in(caller: CallerDep, body: StaffSignInRequest, request: Request,
                 response: Response) -> StaffSignInResponse:
    """Check a clerk's or technician's PIN; on success, a verifier for offline sign-in
    on this terminal. The answer is no-store."""
    response.headers["Cache-Control"] = "no-store"
    return sign_in(request.app.state.engine, caller, body, time.time())
