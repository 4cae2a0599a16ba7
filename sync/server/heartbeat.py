"""A terminal's latest heartbeat: one `heartbeat` row per terminal, kept by an upsert.

The heartbeat route's own checks (`take`, for `sync.server.hot_paths`): on
PostgreSQL one statement (one round trip, one commit, `sync.server.direct`)
confirms the terminal's row, records the request's nonce and stores the
heartbeat only when the nonce was new; on SQLite the same checks and writes in
one write transaction."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text

from sync.server.auth import SignedRequest, check_terminal, purge_nonces, replayed
from sync.server.db import single_statements
from sync.server.direct import KNOWN_FRESH, SIGNED, Admit, Direct

#: SQL text, the same on SQLite and PostgreSQL (cheaper than a construct per request).
#: One statement: a read, then an insert, lost the race of two first heartbeats of one
#: terminal on PostgreSQL (duplicate key, a 500).
_STORE = text("INSERT INTO heartbeat (terminal_id, received_at, body) "
              "VALUES (:terminal_id, :received_at, :body) ON CONFLICT (terminal_id) "
              "DO UPDATE SET received_at = excluded.received_at, body = excluded.body")
_NONCE = text("INSERT INTO seen_nonce (terminal_id, nonce, seen_at) "
              "VALUES (:terminal_id, :nonce, :received_at) "
              "ON CONFLICT (terminal_id, nonce) DO NOTHING RETURNING id")
#: PostgreSQL (`sync.server.direct`): the heartbeat is stored only when the terminal
#: is as read and the nonce new (a data-modifying WITH).
_STORE_FRESH_PG = (
    f"WITH {SIGNED}, stored AS (INSERT INTO heartbeat (terminal_id, received_at, body) "
    "SELECT %(terminal_id)s, %(now)s, %(body)s FROM fresh ON CONFLICT (terminal_id) "
    "DO UPDATE SET received_at = excluded.received_at, body = excluded.body "
    f"RETURNING terminal_id) SELECT {KNOWN_FRESH}, (SELECT count(*) FROM stored) AS stored")


def store(connection: Connection, terminal_id: str, body: str, now: float) -> None:
    """Keep `body` (the Heartbeat JSON) as the terminal's latest heartbeat."""
    connection.execute(_STORE, {"terminal_id": terminal_id, "received_at": now, "body": body})


def take(engine: Engine, direct: Direct | None, signed: SignedRequest, body: str, now: float,
         admit: Admit) -> None:
    """Check a signed heartbeat as `sync.server.auth.check_signed_request` does (and
    the route's roles with `admit`), record its nonce and keep `body` as the
    terminal's latest heartbeat; ApiError (401, 403) when refused. `direct`: the
    engine's on PostgreSQL, None on SQLite."""
    if direct is not None:
        direct.run(signed, now, admit, _STORE_FRESH_PG, {"body": body})
    else:  # SQLite: both statements in one write transaction
        with single_statements(engine) as connection:
            admit(check_terminal(connection, signed, now))
            values = {"terminal_id": signed.terminal_id, "nonce": signed.nonce,
                      "received_at": now}
            if connection.execute(_NONCE, values).first() is None:
                raise replayed()
            store(connection, signed.terminal_id, body, now)
    purge_nonces(engine, now)
