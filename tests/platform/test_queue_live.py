"""The queue through the real uvicorn server on loopback: concurrent kiosks
and windows (SQLite, PostgreSQL with one and with two platform processes), and
the PlatformClient calls."""

from __future__ import annotations

import base64
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

import pytest
from conftest import drop_every_table, pg_url_or_skip
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from test_queue import load_queues

from sync.client import PlatformClient, RequestRefused
from sync.protocol.models import Catalog, Department, Matter, Person, Role
from sync.protocol.queue import TicketAction
from sync.server import documents, enrollment
from sync.server.db import QueueEvent, QueueTicket, make_engine
from sync.server.process import PlatformProcess

KIOSKS, ISSUES_PER_KIOSK = 3, 60
WINDOWS, CALLS_PER_WINDOW = 6, 30


@dataclass
class Live:
    base_url: str
    engine: Engine

    def client(self, center: str, role: Role) -> PlatformClient:
        code = enrollment.issue_code(self.engine, center, role)
        enrolled = PlatformClient.enroll(self.base_url, code)
        return PlatformClient(self.base_url, enrolled.terminal_id,
                              base64.urlsafe_b64decode(enrolled.key))


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres),
            pytest.param("postgres, 2 processes", marks=pytest.mark.postgres)],
)
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Live]:
    """The platform serving one database; with 2 processes the windows' calls race
    between processes too (uvicorn workers, each connection to one of them)."""
    if request.param == "sqlite":
        db_url = f"sqlite:///{tmp_path_factory.mktemp('queue-live') / 'platform.db'}"
    else:
        db_url = pg_url_or_skip()
        drop_every_table(db_url)
    process = PlatformProcess(db_url, workers=2 if "2 processes" in request.param else 1)
    engine = make_engine(db_url)
    try:
        process.start()
        load_queues(engine)
        yield Live(process.url, engine)
    finally:
        process.stop()
        engine.dispose()


def test_concurrent_kiosks_and_windows(live: Live) -> None:
    center = f"LIVE-{uuid.uuid4().hex[:8]}"
    kiosks = [live.client(center, Role.KIOSK) for _ in range(KIOSKS)]
    windows = [live.client(center, Role.COUNTER) for _ in range(WINDOWS)]
    start = threading.Barrier(KIOSKS)

    def take_numbers(index: int) -> list[str]:
        start.wait()
        priorities = [None, None, "elderly", None, "disabled"]
        return [
            kiosks[index].issue_ticket("AB"[n % 2], uuid.uuid4(), priorities[n % 5]).number
            for n in range(ISSUES_PER_KIOSK)
        ]

    with ThreadPoolExecutor(KIOSKS) as pool:
        issued = [number for numbers in pool.map(take_numbers, range(KIOSKS))
                  for number in numbers]
    per_category = KIOSKS * ISSUES_PER_KIOSK // 2
    assert sorted(issued) == sorted(
        f"{prefix}{n:03d}" for prefix in "AB" for n in range(1, per_category + 1)
    )

    go = threading.Barrier(WINDOWS)

    def call(index: int) -> list[str]:
        go.wait()
        called = []
        for _ in range(CALLS_PER_WINDOW):
            ticket = windows[index].call_next(str(index + 1), f"10{index}")
            if ticket is not None:
                called.append(ticket.number)
        return called

    with ThreadPoolExecutor(WINDOWS) as pool:
        calls = [number for numbers in pool.map(call, range(WINDOWS)) for number in numbers]
    assert len(calls) == len(issued), "a call came back empty while tickets waited"
    duplicates = [number for number, times in Counter(calls).items() if times > 1]
    assert duplicates == []
    assert set(calls) == set(issued)
    assert windows[0].call_next("1", "100") is None
    with Session(live.engine) as session:
        called_events = session.scalar(
            select(func.count(func.distinct(QueueEvent.ticket_id))).where(
                QueueEvent.center == center, QueueEvent.kind == "called")
        )
        waiting = session.scalar(
            select(func.count()).select_from(QueueTicket).where(
                QueueTicket.center == center, QueueTicket.status != "called")
        )
    assert (called_events, waiting) == (len(issued), 0)
    for client in kiosks + windows:
        client.close()


def test_platform_client_queue_calls(live: Live) -> None:
    documents.put_document(live.engine, "catalog", Catalog(
        departments=[Department(code="RS", name_zh="社保", name_en="Social security")],
        matters=[Matter(code="RS-1", name_zh="预约", name_en="Booked matter", department="RS",
                        category="insurance", handling="immediate", needs_appointment=True,
                        queue_category="B")],
    ))
    center = f"CLIENT-{uuid.uuid4().hex[:8]}"
    kiosk, counter = live.client(center, Role.KIOSK), live.client(center, Role.COUNTER)
    try:
        ref = uuid.uuid4()
        ticket = kiosk.issue_ticket("A", ref, "elderly")
        assert (ticket.number, ticket.priority) == ("A001", "elderly")
        assert kiosk.issue_ticket("A", ref).number == "A001"
        lease = kiosk.lease_numbers("A", 2)
        assert (lease.numbers, lease.expires_at > ticket.issued_at) == (["A700", "A701"], True)
        with pytest.raises(RequestRefused) as refused:
            kiosk.issue_ticket("Z", uuid.uuid4())
        assert (refused.value.status, refused.value.code) == (404, "unknown_category")

        called = counter.call_next("2", "1001", ["A"])
        assert called is not None and (called.number, called.window) == ("A001", "2")
        assert counter.call_next("2", "1001", ["B"]) is None
        assert counter.ticket_action("A001", TicketAction.SERVE, "2", "1001").status == "serving"
        moved = counter.ticket_action("A001", "transfer", "2", "1001", to_category="B")
        assert (moved.category, moved.status) == ("B", "transferred")
        walk = counter.walk_in("C", "3", "1002")
        assert (walk.number, walk.status) == ("C001", "serving")
        assert counter.ticket_action("C001", "end", "3", "1002").status == "done"

        state = kiosk.queue_state()
        assert {c.code: c.waiting for c in state.categories}["B"] == 1
        assert [(c.window, c.number) for c in state.now_serving] == [("2", "A001"), ("3", "C001")]
        stats = counter.queue_stats(window="3")
        assert (stats.total.served, [w.window for w in stats.windows]) == (1, ["3"])
        assert counter.queue_stats(date(2020, 1, 1)).total.served == 0

        slots = kiosk.booking_slots("RS-1", date(2099, 1, 5))  # a Monday
        assert (len(slots.slots), slots.slots[0].remaining) == (13, 4)
        assert kiosk.bookings_for(Person(id_number="110101199001011234")).bookings == []
        assert kiosk.bookings_for(Person(id_number="L898902C", document_kind="passport",
                                         nationality="D<<")).bookings == []
        with pytest.raises(RequestRefused) as not_bookable:
            kiosk.booking_slots("RS-404", date(2099, 1, 5))
        assert not_bookable.value.code == "unknown_matter"
    finally:
        kiosk.close()
        counter.close()
