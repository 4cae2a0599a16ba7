"""The hall feed: Qt signals from the event stream, reconnection with back-off
and Last-Event-ID, against a fake stream and a real platform that restarts."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Generator, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from sync.client import PlatformClient, TransientError
from sync.protocol.models import Role
from sync.protocol.queue import HallCall, HallEvent, QueueCategoryList, QueueState
from sync.server import documents, enrollment
from sync.server.db import make_engine
from sync.server.faults import FaultRule, write_plan
from sync.server.process import PlatformProcess
from terminal.hall_feed import HallFeed
from terminal.link import Link
from tests.sync.helpers import enroll, faulty_platform

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def load_queues(engine: Engine) -> None:
    raw = (DEMO / "queue_categories.json").read_bytes()
    documents.put_queue_categories(engine, QueueCategoryList.model_validate_json(raw))


def state_event(event_id: int) -> HallEvent:
    state = QueueState(center="C1", day=date(2025, 11, 25), categories=[], now_serving=[],
                       recent_calls=[])
    return HallEvent(event="state", event_id=event_id, state=state)


def call_event(event_id: int, number: str, at: datetime | None = None) -> HallEvent:
    call = HallCall(number=number, window="3", category="A", kind="called",
                    at=at or datetime.now(UTC))
    return HallEvent(event="call", event_id=event_id, call=call)


@pytest.mark.log_warnings(r"hall event stream")
def test_reconnects_from_the_last_event_id(qtbot: QtBot) -> None:
    asked: list[int | None] = []

    def opener(last_event_id: int | None) -> Generator[HallEvent, None, None]:
        asked.append(last_event_id)
        if len(asked) == 1:
            yield state_event(7)
            yield call_event(8, "A001")
            raise TransientError("connection reset")
        yield state_event(8)
        yield call_event(9, "A002", at=datetime(2020, 1, 1, tzinfo=UTC))  # replayed, stale
        yield from iter(())

    feed = HallFeed(opener, first_delay=0.05, max_delay=0.2)
    calls: list[tuple[str, bool]] = []
    feed.callReceived.connect(lambda call, fresh: calls.append((call.number, fresh)))
    online: list[bool] = []
    feed.connectionChanged.connect(online.append)
    feed.start()
    qtbot.waitUntil(lambda: len(calls) == 2 and len(asked) >= 2, timeout=5000)
    feed.stop()
    assert asked[:2] == [None, 8]
    assert calls == [("A001", True), ("A002", False)]
    assert online[:3] == [True, False, True]


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[PlatformProcess, list[PlatformClient]]]:
    """A platform process and (display, counter, kiosk) clients of one center."""
    db_url = f"sqlite:///{tmp_path / 'platform.db'}"
    process = PlatformProcess(db_url)
    engine = make_engine(db_url)
    clients: list[PlatformClient] = []
    try:
        process.start()
        load_queues(engine)
        for role in (Role.DISPLAY, Role.COUNTER, Role.KIOSK):
            enrolled = PlatformClient.enroll(process.url,
                                             enrollment.issue_code(engine, "C-FEED", role))
            clients.append(PlatformClient(process.url, enrolled.terminal_id,
                                          base64.urlsafe_b64decode(enrolled.key)))
        yield process, clients
    finally:
        process.stop(kill=True)
        for client in clients:
            client.close()
        engine.dispose()


@pytest.mark.log_warnings(r"hall event stream")
def test_the_feed_reconnects_after_the_platform_restarts(
        qtbot: QtBot, live: tuple[PlatformProcess, list[PlatformClient]]) -> None:
    process, (display, counter, kiosk) = live
    feed = HallFeed(display.queue_events, first_delay=0.1, max_delay=0.5)
    online: list[bool] = []
    feed.connectionChanged.connect(online.append)
    try:
        with qtbot.waitSignal(feed.stateChanged, timeout=10_000):
            feed.start()
        first = kiosk.issue_ticket("A", uuid.uuid4()).number
        with qtbot.waitSignal(feed.called, timeout=10_000) as called:
            counter.call_next("2", "1001")
        assert called.args == [first, "2", "A"]
        process.restart(kill=True)  # the stream breaks; the same port comes back
        qtbot.waitUntil(lambda: online[-2:] == [False, True], timeout=20_000)
        second = kiosk.issue_ticket("A", uuid.uuid4()).number
        with qtbot.waitSignal(feed.called, timeout=10_000) as called:
            counter.call_next("4", "1001")
        assert called.args == [second, "4", "A"]
    finally:
        feed.stop()


@pytest.mark.log_warnings(r"hall event stream")
def test_a_stream_the_platform_answers_with_503_keeps_the_link_online(
        qtbot: QtBot, tmp_path: Path) -> None:
    """The platform answers /healthz but its event stream 503 (busy): an answer says
    reachable, so the feed backs off without flipping the link offline. A flip was
    answered by the link's probe (online again) ending the feed's and the sync
    worker's back-off each time: a tight reconnect loop."""
    with faulty_platform(tmp_path) as (platform, plan):
        terminal_id, key = enroll(platform)
        write_plan(plan, [FaultRule(action="status", status=503, path="/v1/queue/events",
                                    times=None)])
        client = PlatformClient(platform.url, terminal_id, key)
        link = Link(client.probe, interval=0.02, timeout=1.0, retry_first=0.02,
                    retry_cap=0.1)
        moves: list[bool] = []
        link.changed.connect(moves.append)
        opened: list[int | None] = []

        def opener(last_event_id: int | None) -> Iterator[HallEvent]:
            opened.append(last_event_id)
            return client.queue_events(last_event_id)

        feed = HallFeed(opener, first_delay=0.05, max_delay=0.2)  # type: ignore[arg-type]
        feed.follow(link)
        try:
            link.start()
            qtbot.waitUntil(lambda: moves == [True], timeout=5000)
            feed.start()
            qtbot.waitUntil(lambda: len(opened) >= 5, timeout=5000)
            assert moves == [True]
            assert link.truth() is True
        finally:
            feed.stop()
            link.stop()
            client.close()


@pytest.mark.log_warnings(r"refuses this terminal's event stream")
def test_a_refused_stream_is_said_once_and_retried_slowly(qtbot: QtBot, tmp_path: Path,
                                                          caplog: pytest.LogCaptureFixture
                                                          ) -> None:
    """A withdrawn terminal (or a platform older than the terminal) is refused the
    stream: one error in the log, not one per retry, and a long wait between."""
    import logging

    from sync.client import AuthError

    with faulty_platform(tmp_path) as (platform, _plan):
        terminal_id, key = enroll(platform)
        enrollment.revoke(platform.app.state.engine, terminal_id)
        client = PlatformClient(platform.url, terminal_id, key)
        refused: list[bool] = []

        def opener(last: int | None) -> Generator[HallEvent, None, None]:
            try:
                yield from client.queue_events(last)
            except AuthError:
                refused.append(True)
                raise

        feed = HallFeed(opener, first_delay=0.01, max_delay=0.02)
        try:
            feed.start()
            for attempts in (1, 2, 3):
                qtbot.waitUntil(lambda n=attempts: len(refused) >= n, timeout=10_000)
                feed.retry_now()  # what the link's return does; else it waits a minute
        finally:
            feed.stop()
            client.close()
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR
              and "refuses this terminal's event stream" in r.getMessage()]
    assert len(errors) == 1 and not feed.connected
