"""The hall stream is pushed: two real platform processes on one database, a
display streaming from one, a counter calling through the other. On
PostgreSQL the streams' own polls are pushed out to an hour, so a call that
arrives came by LISTEN/NOTIFY; it still does after the listener's connection
is killed. On SQLite (no notifications between processes) the slow poll
brings it. The streams of one center that a call wakes share their reads."""

from __future__ import annotations

import base64
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from queue import Empty, Queue

import pytest
from conftest import drop_every_table, pg_url_or_skip
from sqlalchemy import Engine, text
from test_queue import load_queues

from sync.client import PlatformClient, TransientError
from sync.protocol.models import Role
from sync.protocol.queue import HallEvent, QueueState
from sync.server import enrollment
from sync.server.db import make_engine
from sync.server.process import PlatformProcess
from sync.server.queue import hall
from sync.server.queue.hall_push import CHANNEL, SLOW_POLL_ENV
from sync.server.queue.stats import queue_state
from terminal.local_platform import LocalPlatform

CENTER = "PUSH-1"
#: Seconds a test waits for an event before it fails (not a measurement).
PATIENCE = 30.0
STREAMS = 6


@dataclass
class TwoProcesses:
    engine: Engine
    first: PlatformProcess
    second: PlatformProcess

    def client(self, process: PlatformProcess, role: Role) -> PlatformClient:
        code = enrollment.issue_code(self.engine, CENTER, role)
        enrolled = PlatformClient.enroll(process.url, code)
        return PlatformClient(process.url, enrolled.terminal_id,
                              base64.urlsafe_b64decode(enrolled.key))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def platforms(request: pytest.FixtureRequest, tmp_path: Path,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[TwoProcesses]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'platform.db'}"
    else:
        url = pg_url_or_skip()
        drop_every_table(url)
        monkeypatch.setenv(SLOW_POLL_ENV, "3600")  # only a NOTIFY can bring a call
    first, second = PlatformProcess(url), PlatformProcess(url)
    engine = make_engine(url)
    try:
        first.start()
        second.start()
        load_queues(engine)
        yield TwoProcesses(engine, first, second)
    finally:
        first.stop()
        second.stop()
        engine.dispose()


class Stream:
    """A display's event stream read on a thread into a queue."""

    def __init__(self, display: PlatformClient) -> None:
        self.events: Queue[HallEvent] = Queue()
        self._iterator = display.queue_events()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            for event in self._iterator:
                self.events.put(event)
        except TransientError:
            pass  # the test closed the client or stopped the platform

    def next_call(self) -> HallEvent:
        return self.next_event("call")

    def next_event(self, kind: str) -> HallEvent:
        """The next event of this kind (others skipped)."""
        while True:
            try:
                event = self.events.get(timeout=PATIENCE)
            except Empty:
                raise AssertionError(f"no {kind} event within {PATIENCE} s") from None
            if event.event == kind:
                return event


def call_one(kiosk: PlatformClient, counter: PlatformClient, window: str) -> str:
    number = kiosk.issue_ticket("A", uuid.uuid4()).number
    called = counter.call_next(window, "1001")
    assert called is not None and called.number == number
    return number


def listeners(engine: Engine) -> list[int]:
    with engine.connect() as connection:
        return list(connection.scalars(text(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND query = :listen"), {"listen": f"LISTEN {CHANNEL}"}))


def test_a_call_through_one_process_reaches_a_display_on_another(
        platforms: TwoProcesses) -> None:
    display = platforms.client(platforms.first, Role.DISPLAY)
    kiosk = platforms.client(platforms.second, Role.KIOSK)
    counter = platforms.client(platforms.second, Role.COUNTER)
    stream = Stream(display)
    try:
        assert stream.events.get(timeout=PATIENCE).event == "state"
        number = call_one(kiosk, counter, "3")
        event = stream.next_call()
        assert event.call is not None and (event.call.number, event.call.window) == (number, "3")
        if platforms.engine.dialect.name != "postgresql":
            return
        killed = listeners(platforms.engine)
        assert killed  # one per process with a stream (the first's), none polling
        with platforms.engine.connect() as connection:
            for pid in killed:
                connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        number = call_one(kiosk, counter, "4")  # while the listener may be reconnecting
        event = stream.next_call()
        assert event.call is not None and (event.call.number, event.call.window) == (number, "4")
    finally:
        for client in (display, kiosk, counter):
            client.close()


def test_streams_of_one_center_woken_by_a_call_share_one_read_of_the_state(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []

    def counted(engine: Engine, center: str, now: float) -> QueueState:
        reads.append(center)
        return queue_state(engine, center, now)

    monkeypatch.setattr(hall, "queue_state", counted)
    local = LocalPlatform(f"sqlite:///{tmp_path / 'p.db'}")
    url = local.start()
    load_queues(local.app.state.engine)
    clients: list[PlatformClient] = []

    def client(role: Role) -> PlatformClient:
        enrolled = PlatformClient.enroll(url, local.enroll_code(CENTER, role))
        clients.append(PlatformClient(url, enrolled.terminal_id,
                                      base64.urlsafe_b64decode(enrolled.key)))
        return clients[-1]

    try:
        streams = [Stream(client(Role.DISPLAY)) for _ in range(STREAMS)]
        for stream in streams:
            stream.next_event("help")  # after the state: connected
        kiosk, counter = client(Role.KIOSK), client(Role.COUNTER)
        number = kiosk.issue_ticket("A", uuid.uuid4()).number
        for stream in streams:  # the issue changed the count: a state event each
            stream.next_event("state")
        reads.clear()
        assert counter.call_next("2", "1001").number == number  # type: ignore[union-attr]
        for stream in streams:
            assert stream.next_call().call.number == number  # type: ignore[union-attr]
            stream.next_event("state")
        # each stream read the state itself before: one read per stream
        assert 1 <= len(reads) < STREAMS, reads
    finally:
        for each in clients:
            each.close()
        local.stop()


@pytest.mark.parametrize(("name", "value"), [("RECEPTION_PLATFORM_HALL_PUSH", "push"),
                                             (SLOW_POLL_ENV, "soon"), (SLOW_POLL_ENV, "0")])
def test_a_bad_setting_stops_the_start(monkeypatch: pytest.MonkeyPatch, name: str,
                                       value: str) -> None:
    from sync.server.app import create_app

    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=name):
        create_app("sqlite://")
