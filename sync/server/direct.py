"""The hot paths' statements on PostgreSQL: one round trip a request.

`sync.server.hot_paths` answers heartbeats and call-next on a few threads of its
own. On PostgreSQL each of those threads holds one connection of the engine's
pool (counted in its size, docs/capacity.md "Database connections") and runs
psycopg on it directly, in autocommit: no pool checkout with its ping, no
SQLAlchemy execution.

The terminal's row (key, center, role) is kept in the process as it was last
read, and the signature, clock window and roles are checked against it before
the statement. The statement itself confirms the row: its nonce is inserted,
and its work done, only if the terminal still has that key, center and role
and is not withdrawn (`SIGNED`). When it is not (withdrawn or re-enrolled,
by any process), the row is read again and the request checked against it:
refused at once, as every signed route refuses it. A replayed nonce is found by
the nonce table's unique key, across processes, as before.
"""

from __future__ import annotations

import select
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg.rows import namedtuple_row
from sqlalchemy import Engine

from sync.server.auth import (
    MAX_TERMINAL_ID_LENGTH,
    TERMINAL_COLUMNS,
    Caller,
    SignedRequest,
    replayed,
    verify_terminal,
)
from sync.server.errors import ApiError

#: The head of a hot path's statement (a `WITH` list, psycopg parameters): `known`
#: has the terminal's row when it still is as the process read it, `fresh` the
#: request's nonce when it is new (inserted only for a known terminal). The
#: statement's work reads `fresh`; its answer starts with `KNOWN_FRESH`.
SIGNED = ("known AS (SELECT id FROM terminal WHERE id = %(terminal_id)s AND key = %(key)s "
          "AND center = %(center)s AND role = %(role)s AND revoked_at IS NULL), "
          "fresh AS (INSERT INTO seen_nonce (terminal_id, nonce, seen_at) "
          "SELECT id, %(nonce)s, %(now)s FROM known "
          "ON CONFLICT (terminal_id, nonce) DO NOTHING RETURNING id)")
KNOWN_FRESH = "(SELECT count(*) FROM known) AS known, (SELECT count(*) FROM fresh) AS fresh"
_TERMINAL = f"SELECT {TERMINAL_COLUMNS} FROM terminal WHERE id = %(terminal_id)s"
#: Terminal rows a process keeps (a city has about 6,000 terminals); beyond, it starts over.
MOST_TERMINALS = 50_000

Admit = Callable[[Caller], None]


@dataclass(frozen=True)
class KnownTerminal:
    """A terminal's row as last read, not withdrawn (a `sync.server.auth.TerminalRow`)."""

    id: str
    center: str
    role: str
    key: bytes
    revoked_at: None = None


@dataclass
class _Held:
    """A thread's connection, checked out of the engine's pool for good; closed
    (`release`) when dropped: it never goes back to the pool with our settings."""

    connection: psycopg.Connection[Any]
    poll: select.poll
    pooled: Any  # sqlalchemy PoolProxiedConnection
    release: Callable[[], Any] = field(init=False)

    def __post_init__(self) -> None:
        self.release = weakref.finalize(self, self.pooled.invalidate)


class Direct:
    """One engine's hot-path connections (one per calling thread) and terminal rows."""

    def __init__(self, engine: Engine, settings: str = "") -> None:
        """`settings`: SQL run once on each of its connections (e.g. `SET ...`)."""
        self.engine = engine
        self._settings = settings
        self._local = threading.local()
        self._terminals: dict[str, KnownTerminal] = {}

    def run(self, signed: SignedRequest, now: float, admit: Admit, statement: str,
            values: dict[str, Any]) -> tuple[Caller, Any]:
        """Check `signed` as `sync.server.auth.check_signed_request` does (and the
        route's roles with `admit`), then run `statement` (`WITH SIGNED, ...`
        answering one row that starts with KNOWN_FRESH) with `values` and the
        request's; its caller and row. ApiError (401, 403) when refused."""
        cached = self._terminals.get(signed.terminal_id)
        if cached is not None:
            try:
                caller = verify_terminal(cached, signed, now)
                admit(caller)
            except ApiError:  # perhaps re-enrolled since: judged on the row as it is
                pass
            else:
                row = self._execute(statement, self._values(cached, signed, now, values))
                if row.known:
                    return caller, self._fresh(row)
        terminal = self._read(signed.terminal_id)
        caller = verify_terminal(terminal, signed, now)
        admit(caller)
        assert terminal is not None  # verify_terminal refuses an unknown terminal
        row = self._execute(statement, self._values(terminal, signed, now, values))
        if not row.known:  # changed between the two statements: judged on the row now
            verify_terminal(self._read(signed.terminal_id), signed, now)
            raise ApiError(401, "bad_signature", "The request signature does not match.")
        return caller, self._fresh(row)

    @staticmethod
    def _values(terminal: KnownTerminal, signed: SignedRequest, now: float,
                values: dict[str, Any]) -> dict[str, Any]:
        return {**values, "terminal_id": terminal.id, "key": terminal.key,
                "center": terminal.center, "role": terminal.role, "nonce": signed.nonce,
                "now": now}

    @staticmethod
    def _fresh(row: Any) -> Any:
        if not row.fresh:  # the terminal sent this nonce before
            raise replayed()
        return row

    def _read(self, terminal_id: str) -> KnownTerminal | Any | None:
        """The terminal's row from the database (kept when not withdrawn)."""
        if len(terminal_id) > MAX_TERMINAL_ID_LENGTH:
            return None
        row = self._execute(_TERMINAL, {"terminal_id": terminal_id})
        if row is None or row.revoked_at is not None:
            self._terminals.pop(terminal_id, None)
            return row
        if len(self._terminals) >= MOST_TERMINALS:
            self._terminals.clear()
        known = KnownTerminal(row.id, row.center, row.role, bytes(row.key))
        self._terminals[terminal_id] = known
        return known

    def _execute(self, statement: str, values: dict[str, Any]) -> Any:
        connection = self._connection()
        try:
            return connection.execute(statement, values).fetchone()
        except psycopg.OperationalError:  # broken: the next request gets a new one
            self._discard()
            raise

    def _connection(self) -> psycopg.Connection[Any]:
        held: _Held | None = getattr(self._local, "held", None)
        if held is not None and (held.connection.closed or held.poll.poll(0)):
            # closed, or readable while idle: the server ended it (a restart)
            self._discard()
            held = None
        if held is None:
            pooled = self.engine.raw_connection()  # checked out with the pool's ping
            connection = pooled.driver_connection
            assert isinstance(connection, psycopg.Connection)
            connection.autocommit = True
            connection.row_factory = namedtuple_row  # type: ignore[assignment]
            if self._settings:
                connection.execute(self._settings)
            poll = select.poll()
            poll.register(connection.fileno(), select.POLLIN)
            held = _Held(connection, poll, pooled)
            self._local.held = held
        return held.connection

    def _discard(self) -> None:
        held: _Held | None = getattr(self._local, "held", None)
        self._local.held = None
        if held is not None:
            held.release()  # closed; the pool may open another in its place
