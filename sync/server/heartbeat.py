"""A terminal's latest heartbeat: one `heartbeat` row per terminal, kept by an upsert.

The heartbeat route's own checks (`take`, for `sync.server.hot_paths`) record the
request's nonce and store the heartbeat in one statement on PostgreSQL (one
round trip, one commit), on a psycopg connection of the calling thread's own:
no pool checkout and ping, no SQLAlchemy execution, which cost two thirds of the
CPU of the two statements a heartbeat needs."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import psycopg
from psycopg.rows import namedtuple_row
from sqlalchemy import Connection, Engine, text

from sync.server.auth import (
    MAX_TERMINAL_ID_LENGTH,
    TERMINAL_COLUMNS,
    Caller,
    SignedRequest,
    check_terminal,
    purge_nonces,
    replayed,
    verify_terminal,
)
from sync.server.db import single_statements

#: SQL text, the same on SQLite and PostgreSQL (cheaper than a construct per request).
#: One statement: a read, then an insert, lost the race of two first heartbeats of one
#: terminal on PostgreSQL (duplicate key, a 500).
_UPSERT = ("INSERT INTO heartbeat (terminal_id, received_at, body) "
           "VALUES ({terminal_id}, {received_at}, {body}) ON CONFLICT (terminal_id) "
           "DO UPDATE SET received_at = excluded.received_at, body = excluded.body")
_STORE = text(_UPSERT.format(terminal_id=":terminal_id", received_at=":received_at",
                             body=":body"))
_NONCE = text("INSERT INTO seen_nonce (terminal_id, nonce, seen_at) "
              "VALUES (:terminal_id, :nonce, :received_at) "
              "ON CONFLICT (terminal_id, nonce) DO NOTHING RETURNING id")
#: PostgreSQL, psycopg parameters: the nonce's insert finds a replay by its unique key
#: and the heartbeat is stored only when the nonce was new (a data-modifying WITH).
_TERMINAL_PG = f"SELECT {TERMINAL_COLUMNS} FROM terminal WHERE id = %(terminal_id)s"
_STORE_FRESH_PG = (
    "WITH fresh AS (INSERT INTO seen_nonce (terminal_id, nonce, seen_at) "
    "VALUES (%(terminal_id)s, %(nonce)s, %(received_at)s) "
    "ON CONFLICT (terminal_id, nonce) DO NOTHING RETURNING id) "
    "INSERT INTO heartbeat (terminal_id, received_at, body) "
    "SELECT %(terminal_id)s, %(received_at)s, %(body)s FROM fresh ON CONFLICT (terminal_id) "
    "DO UPDATE SET received_at = excluded.received_at, body = excluded.body "
    "RETURNING terminal_id")

Admit = Callable[[Caller], None]


def store(connection: Connection, terminal_id: str, body: str, now: float) -> None:
    """Keep `body` (the Heartbeat JSON) as the terminal's latest heartbeat."""
    connection.execute(_STORE, {"terminal_id": terminal_id, "received_at": now, "body": body})


class Taker:
    """Takes heartbeats for one engine (`take`); on PostgreSQL with a psycopg
    connection (autocommit) per calling thread, outside the engine's pool: the
    process holds one more connection for each thread that takes heartbeats."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._local = threading.local()

    def take(self, signed: SignedRequest, body: str, now: float, admit: Admit) -> None:
        """Check a signed heartbeat as `sync.server.auth.check_signed_request` does (and
        the route's roles with `admit`), record its nonce and keep `body` as the
        terminal's latest heartbeat; ApiError (401, 403) when refused."""
        if self.engine.dialect.name == "postgresql":
            self._take_direct(signed, body, now, admit)
        else:  # SQLite: both statements in one write transaction
            with single_statements(self.engine) as connection:
                admit(check_terminal(connection, signed, now))
                values = {"terminal_id": signed.terminal_id, "nonce": signed.nonce,
                          "received_at": now}
                if connection.execute(_NONCE, values).first() is None:
                    raise replayed()
                store(connection, signed.terminal_id, body, now)
        purge_nonces(self.engine, now)

    def _take_direct(self, signed: SignedRequest, body: str, now: float,
                     admit: Admit) -> None:
        terminal = (self._terminal(signed.terminal_id)
                    if len(signed.terminal_id) <= MAX_TERMINAL_ID_LENGTH else None)
        admit(verify_terminal(terminal, signed, now))
        stored = self._connection().execute(_STORE_FRESH_PG, {
            "terminal_id": signed.terminal_id, "nonce": signed.nonce,
            "received_at": now, "body": body}).fetchone()
        if stored is None:
            raise replayed()

    def _terminal(self, terminal_id: str) -> Any:
        values = {"terminal_id": terminal_id}
        try:
            return self._connection().execute(_TERMINAL_PG, values).fetchone()
        except psycopg.OperationalError:  # dropped (a database restart): nothing written
            return self._connection(fresh=True).execute(_TERMINAL_PG, values).fetchone()

    def _connection(self, fresh: bool = False) -> psycopg.Connection[Any]:
        connection: psycopg.Connection[Any] | None = getattr(self._local, "connection", None)
        if connection is not None and (fresh or connection.closed):
            connection.close()
            connection = None
        if connection is None:
            pooled = self.engine.raw_connection()
            connection = pooled.driver_connection
            assert isinstance(connection, psycopg.Connection)
            pooled.detach()  # ours until it breaks; the pool opens another in its place
            connection.autocommit = True
            connection.row_factory = namedtuple_row  # type: ignore[assignment]
            self._local.connection = connection
        return connection
