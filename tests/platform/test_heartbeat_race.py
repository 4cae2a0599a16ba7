"""Two first heartbeats of one terminal at once (a restart racing its timer):
both answered 204, on SQLite and on PostgreSQL, over real HTTP."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import drop_every_table, pg_url_or_skip
from sqlalchemy import func, select

from sync.client import PlatformClient
from sync.protocol.models import Heartbeat, Role
from sync.server import enrollment
from sync.server.db import HeartbeatRecord, make_engine
from sync.server.process import PlatformProcess

TERMINALS = 60


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'platform.db'}"
    else:
        url = pg_url_or_skip()
        drop_every_table(url)
    process = PlatformProcess(url)
    process.start()
    try:
        yield process.url, url
    finally:
        process.stop()


def test_concurrent_first_heartbeats_of_one_terminal_are_both_taken(
        platform: tuple[str, str]) -> None:
    base_url, db_url = platform
    engine = make_engine(db_url)
    clients = []
    try:
        for _ in range(TERMINALS):
            enrolled = PlatformClient.enroll(
                base_url, enrollment.issue_code(engine, "C001", Role.KIOSK))
            clients.append(PlatformClient(base_url, enrolled.terminal_id,
                                          base64.urlsafe_b64decode(enrolled.key)))
        beat = Heartbeat(version="1", role=Role.KIOSK, backlog=0, dead_letters=0,
                         free_disk_bytes=1)
        with ThreadPoolExecutor(max_workers=2) as pool:
            for client in clients:  # each pair races on the terminal's first row
                pair = [pool.submit(client.heartbeat, beat) for _ in range(2)]
                for future in pair:
                    future.result()  # a 500 raises ServerError
        with engine.connect() as connection:
            rows = connection.scalar(select(func.count()).select_from(HeartbeatRecord))
        assert rows == TERMINALS
    finally:
        for client in clients:
            client.close()
        engine.dispose()
