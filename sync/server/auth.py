"""Request signing check: a FastAPI dependency for every signed endpoint."""

from __future__ import annotations

import logging
import re
import time
import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import unquote

from fastapi import Request
from sqlalchemy import Connection, Engine, delete, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import Pool
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import URL, Headers
from starlette.types import Scope

from sync.protocol import signing
from sync.server.db import SeenNonce, single_statements
from sync.server.errors import ApiError

log = logging.getLogger(__name__)

NONCE_TTL_SECONDS = 600
NONCE_PURGE_SECONDS = 60
MAX_NONCE_LENGTH = 64
MAX_TERMINAL_ID_LENGTH = 40
_TIMESTAMP = re.compile(r"-?[0-9]{1,12}")
#: The one answer to an unknown terminal and to a wrong signature alike, so
#: that terminal ids cannot be told from the answers (nor from their time).
_NOT_SIGNED_BY_A_TERMINAL = "The request signature does not match."
_DECOY_KEY = bytes(32)
#: The columns of `terminal` that `verify_terminal` reads, in its row's order.
TERMINAL_COLUMNS = "id, center, role, key, revoked_at"


@dataclass(frozen=True)
class SignedRequest:
    terminal_id: str
    timestamp: int
    nonce: str
    signature: str
    method: str
    path: str
    body: bytes
    decoded_path: str


@dataclass(frozen=True)
class Caller:
    """The authenticated terminal."""

    terminal_id: str
    center: str
    role: str


def _unauthorized(code: str, message: str, server_time: float | None = None) -> ApiError:
    return ApiError(401, code, message, server_time=server_time)


async def read_signed_request(request: Request) -> SignedRequest:
    """Collect the signature headers and the raw body (async: reads the body)."""
    return signed_request_of(request.scope, request.headers, await request.body())


def signed_request_of(scope: Scope, headers: Headers, body: bytes) -> SignedRequest:
    """The signature headers of an ASGI request and its raw body (401 when unsigned)."""
    names = (
        signing.HEADER_TERMINAL,
        signing.HEADER_TIMESTAMP,
        signing.HEADER_NONCE,
        signing.HEADER_SIGNATURE,
    )
    missing = [name for name in names if not headers.get(name)]
    if missing:
        raise _unauthorized(
            "bad_signature", f"The request is not signed: {', '.join(missing)} missing."
        )
    if _TIMESTAMP.fullmatch(headers[signing.HEADER_TIMESTAMP]) is None:
        raise _unauthorized("bad_signature", "X-Timestamp must be whole unix seconds.")
    if len(headers[signing.HEADER_NONCE]) > MAX_NONCE_LENGTH:
        raise _unauthorized("bad_signature", f"X-Nonce is longer than {MAX_NONCE_LENGTH}.")
    raw = _target(scope, raw=True)
    return SignedRequest(
        terminal_id=headers[signing.HEADER_TERMINAL],
        timestamp=int(headers[signing.HEADER_TIMESTAMP]),
        nonce=headers[signing.HEADER_NONCE],
        signature=headers[signing.HEADER_SIGNATURE],
        method=scope["method"],
        path=raw,
        body=body,
        # the decoded form differs only where the wire form has an escape
        decoded_path=raw if raw.isascii() and "%" not in raw and "\\" not in raw
        else _target(scope, raw=False),
    )


def _target(scope: Scope, *, raw: bool) -> str:
    """Path and query as sent on the wire (percent-encoding kept), or as decoded."""
    raw_path = scope.get("raw_path")
    query = scope.get("query_string", b"").decode("utf-8", "replace")
    if raw and isinstance(raw_path, bytes):
        path = raw_path.decode("utf-8", "replace")
    else:
        path, query = URL(scope=scope).path, unquote(query)
    return path + (f"?{query}" if query else "")


def _signature_matches(key: bytes, signed: SignedRequest) -> bool:
    """Signed over the path as sent or, from clients that sign before encoding, as decoded."""
    return any(
        signing.verify(key, signed.method, path, signed.body, signed.timestamp, signed.nonce,
                       signed.signature)
        for path in (signed.path, signed.decoded_path)
    )


#: The hot path's statements as SQL text (the same on SQLite and PostgreSQL): built
#: once, they cost a third of the CPU of SQLAlchemy constructs built per request.
_TERMINAL = text(f"SELECT {TERMINAL_COLUMNS} FROM terminal WHERE id = :id")
_NONCE = text("INSERT INTO seen_nonce (terminal_id, nonce, seen_at) "
              "VALUES (:terminal_id, :nonce, :seen_at) "
              "ON CONFLICT (terminal_id, nonce) DO NOTHING RETURNING id")


def check_signed_request(engine: Engine, signed: SignedRequest, now: float) -> Caller:
    """Terminal known, signature valid, clock within the window, nonce new.

    Two statements on one autocommit connection (PostgreSQL): the terminal's
    row, then the nonce's insert, which finds a replay by its unique key."""
    with single_statements(engine) as connection:
        caller = check_signed_request_on(connection, signed, now)
    purge_nonces(engine, now)
    return caller


def check_signed_request_on(connection: Connection, signed: SignedRequest,
                            now: float) -> Caller:
    """`check_signed_request` on a connection of `single_statements` (the caller
    purges the nonces, `purge_nonces`)."""
    caller = check_terminal(connection, signed, now)
    stored = connection.execute(_NONCE, {"terminal_id": signed.terminal_id,
                                         "nonce": signed.nonce, "seen_at": now}).first()
    if stored is None:  # the terminal sent this nonce before
        raise replayed()
    return caller


def check_terminal(connection: Connection, signed: SignedRequest, now: float) -> Caller:
    """Terminal known and not withdrawn, signature valid, clock within the window
    (the nonce is the caller's to check)."""
    terminal = (connection.execute(_TERMINAL, {"id": signed.terminal_id}).first()
                if len(signed.terminal_id) <= MAX_TERMINAL_ID_LENGTH else None)
    return verify_terminal(terminal, signed, now)


class TerminalRow(Protocol):
    """A `terminal` row with TERMINAL_COLUMNS."""

    id: str
    center: str
    role: str
    key: bytes
    revoked_at: float | None


def verify_terminal(terminal: TerminalRow | None, signed: SignedRequest,
                    now: float) -> Caller:
    """`check_terminal` on the terminal's row as read (None: no such terminal)."""
    if not _signature_matches(terminal.key if terminal else _DECOY_KEY, signed) \
            or terminal is None:
        raise _unauthorized("bad_signature", _NOT_SIGNED_BY_A_TERMINAL)
    if abs(now - signed.timestamp) > signing.MAX_SKEW_SECONDS:
        raise _unauthorized(
            "clock_skew", "The terminal clock is too far from the platform clock.", now
        )
    if terminal.revoked_at is not None:
        raise _unauthorized(signing.TERMINAL_REVOKED,
                            "This terminal was withdrawn; enroll it again.")
    return Caller(terminal.id, terminal.center, terminal.role)


def replayed() -> ApiError:
    """The answer to a request whose nonce the terminal sent before."""
    return _unauthorized("replayed_nonce", "This request was already received (nonce reused).")


_last_purge: weakref.WeakKeyDictionary[Pool, float] = weakref.WeakKeyDictionary()
#: The purge's own thread: the request that finds it due does not wait for the
#: delete (a city's minute of nonces is thousands of rows, and on SQLite the
#: delete holds the write lock).
_purging = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nonce_purge")


def purge_nonces(engine: Engine, now: float) -> Future[None] | None:
    """Forget nonces older than NONCE_TTL_SECONDS, at most once a NONCE_PURGE_SECONDS
    per process (a nonce kept longer only refuses a replay longer), on the purge's
    thread; its future when this call started one. The first is due a
    NONCE_PURGE_SECONDS after the engine's first request: an app stopped sooner (the
    tests', hundreds) leaves no purge running on after its engine was disposed."""
    if now - _last_purge.setdefault(engine.pool, now) < NONCE_PURGE_SECONDS:
        return None
    _last_purge[engine.pool] = now
    return _purging.submit(_delete_old_nonces, engine, now)


def _delete_old_nonces(engine: Engine, now: float) -> None:
    try:
        with single_statements(engine) as connection:
            connection.execute(
                delete(SeenNonce).where(SeenNonce.seen_at < now - NONCE_TTL_SECONDS))
    except SQLAlchemyError:  # the next one in a minute deletes these too
        log.warning("Old nonces were not purged; retried in a minute.", exc_info=True)


async def authenticate_request(request: Request) -> Caller:
    """The signed request's terminal (401 otherwise); the raw request stays in
    `request.state.signed`. Reads the body's bytes but parses nothing."""
    signed = await read_signed_request(request)
    caller = await run_in_threadpool(
        check_signed_request, request.app.state.engine, signed, time.time()
    )
    request.state.signed = signed
    return caller


def signed_request(request: Request) -> SignedRequest:
    """The raw request `authenticate_request` checked (for a route's own body handling)."""
    signed = getattr(request.state, "signed", None)
    if not isinstance(signed, SignedRequest):
        raise RuntimeError("the route's policy did not authenticate a signed request")
    return signed
