"""Queue events of past days: the hall stream's poll does not read them, the
purge removes the days beyond the kept ones, statistics of kept days stay;
the PostgreSQL pool is bounded by settings."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from platform_helpers import enroll_terminal
from sqlalchemy import Engine, event, func, insert, select
from test_queue import call, load_queues, number_of

from sync.protocol.models import EnrollRequest, Role
from sync.server import cli, enrollment
from sync.server.db import (
    POOL_OVERFLOW_ENV,
    POOL_SIZE_ENV,
    POOL_TIMEOUT_ENV,
    QueueEvent,
    QueueTicket,
    make_engine,
)
from sync.server.queue import hall
from sync.server.queue.core import local_day
from sync.server.queue.purge import KEEP_DAYS_ENV, purge_events
from sync.server.queue.stats import queue_stats

CENTER = "C001"
TICKETS_A_DAY = 600


def add_history(engine: Engine, days: int, now: float) -> None:
    """`days` past days of TICKETS_A_DAY tickets, each issued and called."""
    today = date.fromisoformat(local_day(now))
    with engine.begin() as connection:
        for back in range(1, days + 1):
            day = (today - timedelta(days=back)).isoformat()
            at = now - back * 86400
            ids = connection.scalars(insert(QueueTicket).returning(QueueTicket.id), [
                {"center": CENTER, "day": day, "number": f"A{n:03d}",
                 "category": "A", "status": "ended", "issued_at": at, "queued_at": at,
                 "terminal_id": "T", "window": "1", "called_at": at + 60}
                for n in range(TICKETS_A_DAY)]).all()
            connection.execute(insert(QueueEvent), [
                {"ticket_id": ticket, "center": CENTER, "day": day, "kind": kind,
                 "window": "1", "at": at + offset}
                for ticket in ids
                for kind, offset in (("issued", 0), ("called", 60), ("ended", 300))])


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    from sync.server.app import create_app

    app = create_app(f"sqlite:///{tmp_path / 'platform.db'}")
    engine: Engine = app.state.engine
    load_queues(engine)
    enrollment.enroll(engine, EnrollRequest(code=enrollment.issue_code(engine, CENTER, Role.KIOSK)))
    yield engine
    engine.dispose()


def vm_steps_of_a_poll(engine: Engine, now: float) -> int:
    """SQLite virtual-machine steps (in hundreds) one stream poll takes."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    @event.listens_for(engine, "checkout")
    def _watch(dbapi_connection: object, _record: object, _proxy: object) -> None:
        dbapi_connection.set_progress_handler(count, 100)  # type: ignore[attr-defined]

    watch = hall._Watch(center=CENTER, start=0, cursor=0)
    try:
        hall.read_events(engine, watch, now)
        watch.start = watch.cursor  # a stream connected now: only later ids
        steps[0] = 0
        hall.read_events(engine, watch, now)
    finally:
        event.remove(engine, "checkout", _watch)
    return steps[0]


def test_a_stream_poll_costs_the_same_after_twenty_days_of_history(
        sqlite_engine: Engine) -> None:
    now = time.time()
    add_history(sqlite_engine, 1, now)
    fresh = vm_steps_of_a_poll(sqlite_engine, now)
    add_history(sqlite_engine, 19, now - 86400)  # 20 days in all
    later = vm_steps_of_a_poll(sqlite_engine, now)
    # the poll read every past day's events of the center (about 20 times the work)
    assert later <= 2 * fresh + 10, (fresh, later)


def test_purge_keeps_the_kept_days_and_their_statistics(db_url: str) -> None:
    from sync.server.app import create_app

    app = create_app(db_url)
    engine: Engine = app.state.engine
    try:
        load_queues(engine)
        with TestClient(app) as client:
            kiosk = enroll_terminal(client, engine, Role.KIOSK, center=CENTER)
            counter = enroll_terminal(client, engine, Role.COUNTER, center=CENTER)
            number = number_of(kiosk)
            assert call(counter) == number
        now = time.time()
        add_history(engine, 5, now)
        today = date.fromisoformat(local_day(now))
        kept_day = today - timedelta(days=2)
        before = queue_stats(engine, CENTER, kept_day, None)
        assert before.total.served == TICKETS_A_DAY
        assert purge_events(engine, now, 3) == 3 * 3 * TICKETS_A_DAY  # days -3, -4, -5
        with engine.connect() as connection:
            days = set(connection.scalars(select(QueueEvent.day).distinct()))
        assert days == {(today - timedelta(days=back)).isoformat() for back in range(3)}
        assert queue_stats(engine, CENTER, kept_day, None) == before
        assert queue_stats(engine, CENTER, today, None).total.served == 0
        assert queue_stats(engine, CENTER, today - timedelta(days=3), None).total.served == 0
        assert purge_events(engine, now, 3) == 0
    finally:
        engine.dispose()


def test_the_purge_command_takes_its_days_from_the_environment(
        sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    now = time.time()
    add_history(sqlite_engine, 4, now)
    url = sqlite_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv(KEEP_DAYS_ENV, "4")  # today and days -1..-3 stay
    assert cli.main(["purge", "--db", url]) == 0
    assert capsys.readouterr().out.startswith(f"{3 * TICKETS_A_DAY} queue events")
    assert cli.main(["purge", "--db", url, "--keep-days", "1"]) == 0
    with sqlite_engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(QueueEvent)) == 0


def test_the_postgresql_pool_is_bounded_by_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "postgresql+psycopg://reception:x@127.0.0.1:1/none"  # never connected
    default = make_engine(url)
    assert (default.pool.size(), default.pool._max_overflow) == (10, 0)  # type: ignore[attr-defined]
    monkeypatch.setenv(POOL_SIZE_ENV, "3")
    monkeypatch.setenv(POOL_OVERFLOW_ENV, "0")
    monkeypatch.setenv(POOL_TIMEOUT_ENV, "2")
    engine = make_engine(url)
    pool = engine.pool
    assert (pool.size(), pool._max_overflow, pool.timeout()) == (3, 0, 2)  # type: ignore[attr-defined]
    monkeypatch.setenv(POOL_SIZE_ENV, "0")
    with pytest.raises(ValueError, match=POOL_SIZE_ENV):
        make_engine(url)
