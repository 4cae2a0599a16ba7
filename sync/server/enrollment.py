"""One-time enrollment codes, terminal enrollment, and a terminal's lifecycle.

A renewal code (`renewal_code`) re-enrolls an existing terminal: the same id,
center and role (so its outbox delivers on, deduplicated as before) with a
new key; the old key works until the code is spent. That is how a key is
rotated, and how a withdrawn (`revoke`) terminal comes back."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time

from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from sync.protocol.models import EnrollRequest, EnrollResponse, Role
from sync.server.db import WRITE, EnrollCode, Terminal
from sync.server.errors import ApiError

CODE_LIFETIME_SECONDS = 24 * 3600
#: Crockford's base-32 digits: no I, L, O or U to mistake when a technician types
#: a code; 12 of them (60 bits, one use, 24 hours) in groups of four. A code
#: never starts with "-", which a command line would take for an option.
CODE_DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_code() -> str:
    digits = "".join(secrets.choice(CODE_DIGITS) for _ in range(12))
    return "-".join(digits[i:i + 4] for i in range(0, 12, 4))


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def _hashes(typed: str) -> tuple[str, ...]:
    """The hashes `typed` may be stored under: as read (any case, with or without
    dashes and spaces, O for 0 and I or L for 1), then as typed (the codes
    issued before these, while they live)."""
    read = "".join(typed.split()).replace("-", "").upper().translate(_READ_AS)
    grouped = "-".join(read[i:i + 4] for i in range(0, len(read), 4))
    return _hash(grouped), _hash(typed.strip())


def issue_code(engine: Engine, center: str, role: Role) -> str:
    """A new one-time code valid for 24 hours."""
    code = new_code()
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        session.add(
            EnrollCode(
                code_hash=_hash(code), center=center, role=role.value, created_at=time.time()
            )
        )
    return code


def renewal_code(engine: Engine, terminal_id: str) -> str | None:
    """A one-time code that gives `terminal_id` a new key (None: no such terminal)."""
    code = new_code()
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        terminal = session.get(Terminal, terminal_id)
        if terminal is None:
            return None
        session.add(EnrollCode(code_hash=_hash(code), center=terminal.center, role=terminal.role,
                               created_at=time.time(), renews=terminal_id))
    return code


def revoke(engine: Engine, terminal_id: str) -> bool:
    """Withdraw a terminal: its requests are refused until it is renewed."""
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        terminal = session.get(Terminal, terminal_id)
        if terminal is None:
            return False
        terminal.revoked_at = terminal.revoked_at or time.time()
    return True


def enroll(engine: Engine, request: EnrollRequest) -> EnrollResponse:
    """Spend a code (atomically, even across instances) on a new terminal."""
    now = time.time()
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        code = next(filter(None, (session.get(EnrollCode, h) for h in _hashes(request.code))),
                    None)
        if code is None:
            raise ApiError(403, "enroll_code_unknown", "This enrollment code is not known.")
        if code.used_at is not None:
            raise ApiError(403, "enroll_code_used", "This enrollment code was already used.")
        if now - code.created_at > CODE_LIFETIME_SECONDS:
            raise ApiError(
                403, "enroll_code_expired", "This enrollment code has expired; ask for a new one."
            )
        terminal_id = code.renews or "T-" + secrets.token_hex(5).upper()
        key = secrets.token_bytes(32)
        spent = session.execute(
            update(EnrollCode)
            .where(EnrollCode.code_hash == code.code_hash, EnrollCode.used_at.is_(None))
            .values(used_at=now, terminal_id=terminal_id)
            .execution_options(synchronize_session=False)
        )
        if spent.rowcount != 1:  # type: ignore[attr-defined]
            raise ApiError(403, "enroll_code_used", "This enrollment code was already used.")
        renewed = session.get(Terminal, terminal_id) if code.renews else None
        if renewed is not None:
            renewed.key, renewed.revoked_at = key, None
            renewed.hostname, renewed.enrolled_at = request.hostname, now
        else:
            session.add(
                Terminal(
                    id=terminal_id,
                    center=code.center,
                    role=code.role,
                    key=key,
                    hostname=request.hostname,
                    enrolled_at=now,
                )
            )
        center, role = code.center, Role(code.role)
    return EnrollResponse(
        terminal_id=terminal_id,
        center=center,
        role=role,
        key=base64.urlsafe_b64encode(key).decode("ascii"),
    )
