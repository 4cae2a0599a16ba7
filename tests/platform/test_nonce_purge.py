"""Seen nonces are forgotten after NONCE_TTL_SECONDS, by a purge that runs at
most once a NONCE_PURGE_SECONDS per process instead of in every request."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from platform_helpers import SignedClient
from sqlalchemy import Engine, func, insert, select

from sync.server import auth
from sync.server.db import SeenNonce


def nonces(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(SeenNonce)) or 0


def beat(kiosk: SignedClient) -> None:
    answer = kiosk.request("POST", "/v1/heartbeat", json_body={
        "version": "t", "role": "kiosk", "backlog": 0, "dead_letters": 0,
        "free_disk_bytes": 1})
    assert answer.status_code == 204, answer.text


def test_old_nonces_are_purged_once_a_minute(client: TestClient, engine: Engine,
                                             kiosk: SignedClient) -> None:
    beat(kiosk)  # the first request of the process purged (nothing yet)
    old = time.time() - auth.NONCE_TTL_SECONDS - 1
    with engine.begin() as connection:
        connection.execute(insert(SeenNonce), [
            {"terminal_id": kiosk.terminal_id, "nonce": f"old-{n}", "seen_at": old}
            for n in range(5)])
    before = nonces(engine)
    beat(kiosk)  # within the minute: only its own nonce added
    assert nonces(engine) == before + 1
    auth._last_purge[engine.pool] -= auth.NONCE_PURGE_SECONDS
    beat(kiosk)
    assert nonces(engine) == before + 2 - 5
