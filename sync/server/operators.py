"""People who sign in to the platform: accounts, password hashing, sessions,
login throttling. All of it in the database, none in the process.

Roles: `platform_admin` and `auditor` see every center; a `center_manager`
and a `technician` see their own center. Passwords are hashed with scrypt at
n=2^15, r=8 (32 MiB of memory per guess). A session is a random token in an
HttpOnly, SameSite=Strict cookie; the database keeps only its SHA-256, and a
per-session CSRF token that every state-changing form must send back. Five
failed logins of one account, or twenty from one address, within 15 minutes
refuse further logins for the rest of that window.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from sync.protocol.pin_hash import hash_pin, verify_pin
from sync.server.db import WRITE, LoginAttempt, Operator, OperatorSession

SESSION_COOKIE = "reception_session"
SESSION_IDLE_SECONDS = 8 * 3600
THROTTLE_WINDOW_SECONDS = 15 * 60
FAILURES_PER_ACCOUNT = 5
FAILURES_PER_ADDRESS = 20
MIN_PASSWORD_LENGTH = 12
_KDF = {"n": 2**15, "r": 8, "p": 1}


class OperatorRole(StrEnum):
    PLATFORM_ADMIN = "platform_admin"
    CENTER_MANAGER = "center_manager"
    TECHNICIAN = "technician"
    AUDITOR = "auditor"


#: Roles that see every center (the others see their own).
CITY_WIDE = frozenset({OperatorRole.PLATFORM_ADMIN, OperatorRole.AUDITOR})


@dataclass(frozen=True)
class SignedInOperator:
    username: str
    role: OperatorRole
    center: str | None  # None: every center
    csrf: str

    def sees(self, center: str) -> bool:
        return self.center is None or self.center == center


class AccountError(ValueError):
    """A plain reason an account command cannot be carried out."""


@functools.cache
def _decoy_hash() -> str:
    """Checked when the account does not exist, so that it costs the same time."""
    return hash_pin(secrets.token_urlsafe(16), **_KDF)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(engine: Engine, username: str, password: str, role: OperatorRole,
             center: str | None) -> None:
    if role not in CITY_WIDE and not center:
        raise AccountError(f"a {role.value} belongs to a center: give --center")
    _check_password(password)
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        if session.get(Operator, username) is not None:
            raise AccountError(f"user {username} exists already")
        session.add(Operator(username=username, password_hash=hash_pin(password, **_KDF),
                             role=role.value, center=None if role in CITY_WIDE else center,
                             disabled=False, created_at=time.time()))


def set_password(engine: Engine, username: str, password: str) -> None:
    _check_password(password)
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        account = session.get(Operator, username)
        if account is None:
            raise AccountError(f"no user {username}")
        account.password_hash = hash_pin(password, **_KDF)
        session.execute(delete(OperatorSession).where(OperatorSession.username == username))


def disable(engine: Engine, username: str) -> None:
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        account = session.get(Operator, username)
        if account is None:
            raise AccountError(f"no user {username}")
        account.disabled = True
        session.execute(delete(OperatorSession).where(OperatorSession.username == username))


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password has at least {MIN_PASSWORD_LENGTH} characters")


@dataclass(frozen=True)
class LoginResult:
    token: str | None  # the session cookie's value on success
    throttled: bool = False


def log_in(engine: Engine, username: str, password: str, address: str,
           now: float) -> LoginResult:
    """Blocking (scrypt). A session token, or None for a wrong name or password."""
    since = now - THROTTLE_WINDOW_SECONDS
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        session.execute(delete(LoginAttempt).where(LoginAttempt.at < since))
        failures = select(func.count()).select_from(LoginAttempt).where(
            LoginAttempt.ok.is_(False))
        by_account = session.scalar(failures.where(LoginAttempt.username == username)) or 0
        by_address = session.scalar(failures.where(LoginAttempt.address == address)) or 0
        if by_account >= FAILURES_PER_ACCOUNT or by_address >= FAILURES_PER_ADDRESS:
            return LoginResult(None, throttled=True)
        account = session.get(Operator, username)
        stored = account.password_hash if account is not None else _decoy_hash()
        ok = verify_pin(password, stored) and account is not None and not account.disabled
        session.add(LoginAttempt(username=username[:120], address=address[:64], at=now, ok=ok))
        if not ok:
            return LoginResult(None)
        token = secrets.token_urlsafe(32)
        session.add(OperatorSession(token_hash=_token_hash(token), username=username,
                                    csrf=secrets.token_urlsafe(24), created_at=now,
                                    last_seen=now))
        return LoginResult(token)


def session_operator(engine: Engine, token: str, now: float) -> SignedInOperator | None:
    """The operator of a live session (its idle time renewed), else None."""
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        row = session.get(OperatorSession, _token_hash(token))
        if row is None:
            return None
        account = session.get(Operator, row.username)
        if account is None or account.disabled or now - row.last_seen > SESSION_IDLE_SECONDS:
            session.delete(row)
            return None
        row.last_seen = now
        return SignedInOperator(account.username, OperatorRole(account.role), account.center,
                                row.csrf)


def log_out(engine: Engine, token: str) -> None:
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        session.execute(delete(OperatorSession).where(
            OperatorSession.token_hash == _token_hash(token)))


def csrf_matches(operator: SignedInOperator, sent: str | None) -> bool:
    return sent is not None and hmac.compare_digest(operator.csrf.encode(), sent.encode())
