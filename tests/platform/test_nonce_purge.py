"""Seen nonces are forgotten after NONCE_TTL_SECONDS, by a purge that runs at
most once a NONCE_PURGE_SECONDS per process instead of in every request, on a
thread of its own instead of in the request that finds it due."""

from __future__ import annotations

import threading
import time

import pytest
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
    old = time.time() - auth.NONCE_TTL_SECONDS - 1
    with engine.begin() as connection:
        connection.execute(insert(SeenNonce), [
            {"terminal_id": kiosk.terminal_id, "nonce": f"old-{n}", "seen_at": old}
            for n in range(5)])
    before = nonces(engine)
    beat(kiosk)  # the engine's first request: its first purge is due a minute later
    purge_finished(engine)
    assert nonces(engine) == before + 1
    beat(kiosk)  # within the minute: only its own nonce added
    assert nonces(engine) == before + 2
    auth._last_purge[engine.pool] -= auth.NONCE_PURGE_SECONDS
    beat(kiosk)
    purge_finished(engine)
    assert nonces(engine) == before + 3 - 5


def test_the_request_that_finds_the_purge_due_does_not_wait_for_it(
        client: TestClient, engine: Engine, kiosk: SignedClient,
        monkeypatch: pytest.MonkeyPatch) -> None:
    beat(kiosk)
    purge_finished(engine)
    started, released, finished = threading.Event(), threading.Event(), threading.Event()

    def slow_purge(engine: Engine, now: float) -> None:
        started.set()
        released.wait(10)
        finished.set()

    monkeypatch.setattr(auth, "_delete_old_nonces", slow_purge)
    auth._last_purge[engine.pool] -= auth.NONCE_PURGE_SECONDS
    try:
        beat(kiosk)
        assert started.wait(10), "the due purge did not start"
        assert not finished.is_set(), "the heartbeat waited for the purge"
    finally:
        released.set()
    purge_finished(engine)


def purge_finished(engine: Engine) -> None:
    """Waits for the purges started so far (the purge's thread takes them in turn)."""
    auth._purging.submit(lambda: None).result(timeout=30)
