"""A platform process on PostgreSQL holds no more connections than its pool's size
(docs/capacity.md "Database connections"): the heartbeat's and call-next's threads
take theirs from the pool, while routes run beside them."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import drop_every_table, pg_url_or_skip
from fastapi.testclient import TestClient
from platform_helpers import enroll_terminal
from sqlalchemy import text
from test_hot_paths import BEAT
from test_queue import issue, load_queues

from sync.protocol.models import Role
from sync.server.app import create_app
from sync.server.db import POOL_SIZE_ENV, make_engine

POOL_SIZE = 3


@pytest.mark.postgres
def test_heartbeats_calls_and_routes_stay_within_the_pool(
        monkeypatch: pytest.MonkeyPatch) -> None:
    url = pg_url_or_skip()
    drop_every_table(url)
    name = f"pool-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv(POOL_SIZE_ENV, str(POOL_SIZE))
    app = create_app(f"{url}?application_name={name}")
    try:
        with TestClient(app) as client:
            engine = app.state.engine
            load_queues(engine)
            kiosk = enroll_terminal(client, engine, Role.KIOSK)
            counter = enroll_terminal(client, engine, Role.COUNTER)
            call = {"window": "1", "staff_no": "1001", "categories": []}

            def work(n: int) -> int:
                if n % 3 == 0:
                    return kiosk.request("POST", "/v1/heartbeat", json_body=BEAT).status_code
                if n % 3 == 1:
                    return counter.request("POST", "/v1/queue/call-next",
                                           json_body=call).status_code
                return issue(kiosk).status_code  # a route, through FastAPI and the pool

            with ThreadPoolExecutor(8) as requests:
                answers = set(requests.map(work, range(240)))
            assert answers <= {200, 204}, answers
            observer = make_engine(url)
            try:
                with observer.connect() as connection:
                    held = connection.scalar(text(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = :name"),
                        {"name": name})
            finally:
                observer.dispose()
            assert 2 <= held <= POOL_SIZE
    finally:
        app.state.engine.dispose()
