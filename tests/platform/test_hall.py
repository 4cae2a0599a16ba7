"""GET /v1/queue/events (server-sent events) through a real uvicorn server on
loopback, read with PlatformClient.queue_events (httpx streaming)."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine
from test_queue import load_queues

from sync.client import AuthError, PlatformClient
from sync.protocol.models import Heartbeat, Role
from sync.protocol.queue import HallEvent
from sync.protocol.signing import signed_headers
from sync.server import enrollment
from sync.server.db import make_engine
from sync.server.process import PlatformProcess
from sync.server.queue import hall
from terminal.local_platform import LocalPlatform


@dataclass
class Hall:
    base_url: str
    engine: Engine
    center: str
    clients: list[PlatformClient]

    def client(self, role: Role) -> PlatformClient:
        code = enrollment.issue_code(self.engine, self.center, role)
        enrolled = PlatformClient.enroll(self.base_url, code)
        client = PlatformClient(self.base_url, enrolled.terminal_id,
                                base64.urlsafe_b64decode(enrolled.key))
        self.clients.append(client)
        return client


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Engine]]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('hall') / 'platform.db'}"
    process = PlatformProcess(db_url)
    engine = make_engine(db_url)
    try:
        process.start()
        load_queues(engine)
        yield process.url, engine
    finally:
        process.stop()
        engine.dispose()


@pytest.fixture
def hall_center(platform: tuple[str, Engine]) -> Iterator[Hall]:
    center = Hall(platform[0], platform[1], f"HALL-{uuid.uuid4().hex[:8]}", [])
    yield center
    for client in center.clients:
        client.close()


def next_call(events: Iterator[HallEvent]) -> HallEvent:
    """Skip state events up to the next call event."""
    for event in events:
        if event.event == "call":
            return event
    raise AssertionError("the stream ended before a call")


def take_number(kiosk: PlatformClient, category: str = "A") -> str:
    return kiosk.issue_ticket(category, uuid.uuid4()).number


def test_state_on_connect_then_a_call_event(hall_center: Hall) -> None:
    kiosk, counter = hall_center.client(Role.KIOSK), hall_center.client(Role.COUNTER)
    display = hall_center.client(Role.DISPLAY)
    number = take_number(kiosk)
    events = display.queue_events()
    try:
        first = next(events)
        assert first.event == "state" and first.state is not None
        assert first.state.center == hall_center.center
        assert {c.code: c.waiting for c in first.state.categories}["A"] == 1
        called = counter.call_next("3", "1001")
        assert called is not None and called.number == number
        event = next_call(events)
        assert event.call is not None and event.event_id is not None
        assert (event.call.number, event.call.window, event.call.category, event.call.kind) \
            == (number, "3", "A", "called")
        state = next(events)  # the count of category A went down
        assert state.event == "state" and state.state is not None
        assert {c.code: c.waiting for c in state.state.categories}["A"] == 0
        assert state.state.recent_calls[0].number == number
        counter.ticket_action(number, "recall", "3", "1001")
        recall = next_call(events)
        assert recall.call is not None and recall.call.kind == "recalled"
        assert recall.event_id is not None and recall.event_id > event.event_id
    finally:
        events.close()


def test_reconnect_with_last_event_id_misses_nothing(hall_center: Hall) -> None:
    kiosk, counter = hall_center.client(Role.KIOSK), hall_center.client(Role.COUNTER)
    display = hall_center.client(Role.DISPLAY)
    numbers = [take_number(kiosk, "A") for _ in range(3)]
    events = display.queue_events()
    first = next(events)
    events.close()
    assert first.event_id is not None
    for window in ("1", "2", "3"):  # called while the display is away
        counter.call_next(window, "1001")
    resumed = display.queue_events(first.event_id)
    try:
        state = next(resumed)
        assert state.event == "state" and state.state is not None
        calls = [next_call(resumed) for _ in numbers]
        assert [(e.call.number, e.call.window) for e in calls if e.call] \
            == list(zip(numbers, ("1", "2", "3"), strict=True))
        ids = [e.event_id for e in calls]
        assert ids == sorted(ids)
    finally:
        resumed.close()
    fresh = display.queue_events()  # no Last-Event-ID: no replay, only the state
    try:
        assert next(fresh).event == "state"
        number = take_number(kiosk, "B")
        counter.call_next("4", "1001", ["B"])
        assert next_call(fresh).call.number == number  # type: ignore[union-attr]
    finally:
        fresh.close()


def test_the_display_role_enrolls_beats_and_may_not_call(hall_center: Hall) -> None:
    display = hall_center.client(Role.DISPLAY)
    display.heartbeat(Heartbeat(version="test", role=Role.DISPLAY, backlog=0,
                                dead_letters=0, free_disk_bytes=1))
    with pytest.raises(AuthError, match="wrong_role"):
        display.call_next("1", "1001")


def test_unsigned_stream_is_refused(hall_center: Hall) -> None:
    answer = httpx.get(hall_center.base_url + "/v1/queue/events", timeout=5)
    assert answer.status_code == 401


def test_keep_alive_comments(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(hall, "KEEPALIVE_SECONDS", 0.3)
    local = LocalPlatform(f"sqlite:///{tmp_path / 'p.db'}")
    url = local.start()
    try:
        enrolled = PlatformClient.enroll(url, local.enroll_code("C1", Role.DISPLAY))
        key = base64.urlsafe_b64decode(enrolled.key)
        headers = signed_headers(enrolled.terminal_id, key, "GET", "/v1/queue/events", b"",
                                 int(__import__("time").time()))
        with httpx.Client(timeout=10) as http, \
                http.stream("GET", url + "/v1/queue/events", headers=headers) as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            lines = []
            for line in response.iter_lines():
                lines.append(line)
                if line == ": keep-alive":
                    break
        assert lines[0] == "retry: 3000" and lines[2] == "event: state"
    finally:
        local.stop()


def test_a_display_reads_but_cannot_record(hall_center: Hall) -> None:
    display = hall_center.client(Role.DISPLAY)
    with pytest.raises(AuthError, match="wrong_role"):
        display.post_batch(b'{"items": []}')
    with pytest.raises(AuthError, match="wrong_role"):
        display.issue_ticket("A", uuid.uuid4())
    assert display.queue_state().categories
