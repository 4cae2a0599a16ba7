"""The kiosk's queue state is pushed by the platform's event stream (the hall
feed counters and the hall display read): a ticket taken or called elsewhere
shows on the kiosk's attract and take-number screens without the kiosk
reading the queue, which it then does only as a rare re-sync; without the
stream it reads as often as before, and the pushed state still fills the
offline cache and the leased numbers."""

from __future__ import annotations

import base64
import threading
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.attract import AttractScreen
from kiosk.queue_view import POLL_MS, RESYNC_MS, QueueView
from tests.kiosk import queue_fixtures
from tests.kiosk.queue_fixtures import QueueEnv, QueueKiosk

queue_env = queue_fixtures.queue_env  # the fixture, used by name below
WAIT_MS = 15_000


def enrolled_client(env: QueueEnv, role: Any) -> Any:
    from sync.client import PlatformClient

    enrolled = PlatformClient.enroll(env.platform.url, env.platform.enroll_code("C001", role))
    return PlatformClient(env.platform.url, enrolled.terminal_id,
                          base64.urlsafe_b64decode(enrolled.key))


def count_reads(kiosk: QueueKiosk) -> list[int]:
    """Every GET /v1/queue/state the kiosk makes, counted from now on."""
    reads: list[int] = []
    client = kiosk.shell.services.runtime.client
    original = client.queue_state
    client.queue_state = lambda: reads.append(1) or original()  # type: ignore[method-assign]
    return reads


def waiting(view: QueueView, category: str = "A") -> int | None:
    if view.state is None:
        return None
    return {c.code: c.waiting for c in view.state.categories}.get(category)


@pytest.fixture
def view(queue_env: QueueEnv, qtbot: QtBot) -> QueueView:
    return queue_env.kiosk.queue_view  # stopped, its top-ups awaited, by queue_env


def test_calls_and_tickets_elsewhere_reach_the_kiosk_without_a_read(
        queue_env: QueueEnv, view: QueueView, qtbot: QtBot) -> None:
    from sync.protocol.models import Role

    kiosk = queue_env.kiosk
    attract = AttractScreen(center_name=lambda: "Test hall", notices=lambda: [],
                            serving=view.serving, language=lambda: "en")
    qtbot.addWidget(attract)
    view.changed.connect(attract.refresh)
    view.changed.connect(kiosk.navigator.queue_moved)  # as the kiosk's composition does
    reads = count_reads(kiosk)
    view.start()
    qtbot.waitUntil(lambda: view.pushed and waiting(view) == 0, timeout=WAIT_MS)
    assert view.cadence.interval() == RESYNC_MS  # the rare re-sync, not the 10 s poll
    other_kiosk, counter = (enrolled_client(queue_env, role)
                            for role in (Role.KIOSK, Role.COUNTER))
    try:
        number = other_kiosk.issue_ticket("A", uuid.uuid4()).number
        qtbot.waitUntil(lambda: waiting(view) == 1, timeout=WAIT_MS)
        kiosk.navigator.go("take_number")
        tile = kiosk.screen("take_number").tiles["A"]
        assert tile.hint_label.text() == "1 waiting"  # the pushed count, not read
        other_kiosk.issue_ticket("A", uuid.uuid4())  # while the resident looks at the tiles
        qtbot.waitUntil(lambda: tile.hint_label.text() == "2 waiting", timeout=WAIT_MS)
        counter.call_next("3", "1001")
        qtbot.waitUntil(lambda: number in attract.serving_label.text(), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: tile.hint_label.text() == "1 waiting", timeout=WAIT_MS)
        assert view.serving() == [(number, "3")] and waiting(view) == 1
    finally:
        other_kiosk.close()
        counter.close()
    assert reads == []  # all of it came by the stream
    # the pushed states were kept for offline use: counts cached, numbers leased
    from sync.queue_cache import get_state

    qtbot.waitUntil(lambda: set(kiosk.leases().remaining(datetime.now(UTC)))
                    == {"A", "B", "C", "D"}, timeout=WAIT_MS)
    cached = get_state(kiosk.shell.services.runtime.cache)
    assert cached is not None and [c.code for c in cached.value.categories] \
        == [c.code for c in view.state.categories]


@pytest.mark.log_warnings(r"could not top up the leases",  # a top-up the stop broke
                          r"hall event stream", r"platform unreachable")  # as it may
def test_without_the_stream_the_kiosk_reads_and_catches_up_when_it_returns(
        queue_env: QueueEnv, view: QueueView, qtbot: QtBot) -> None:
    from sync.protocol.models import Role

    kiosk = queue_env.kiosk
    view.start()
    qtbot.waitUntil(lambda: view.pushed and waiting(view) == 0, timeout=WAIT_MS)
    port = queue_env.stop_platform()
    qtbot.waitUntil(lambda: not view.pushed, timeout=WAIT_MS)
    assert view.cadence.interval() == POLL_MS  # reading as before the push
    assert view.live_state() is None  # the take-number screen reads, or uses its cache
    queue_env.restart_platform(port)
    other_kiosk = enrolled_client(queue_env, Role.KIOSK)
    try:
        other_kiosk.issue_ticket("A", uuid.uuid4())
        other_kiosk.issue_ticket("A", uuid.uuid4())
    finally:
        other_kiosk.close()
    qtbot.waitUntil(lambda: view.pushed and waiting(view) == 2, timeout=WAIT_MS)
    assert view.cadence.interval() == RESYNC_MS
    kiosk.navigator.go("take_number")
    screen = kiosk.screen("take_number")
    assert not screen.estimated and "A" in screen.tiles


@pytest.mark.parametrize("source", ["pushed", "read"])
def test_a_top_up_held_by_a_slow_platform_does_not_hold_a_residents_number(
        queue_env: QueueEnv, view: QueueView, qtbot: QtBot, source: str) -> None:
    """The queue state tops the leases up, pushed on the stream or read by the
    take-number screen (no stream); the platform's answer to the lease is held back
    (until released here) while a resident takes a number: the counts and then the
    number come, from the platform, while the top-up still waits."""
    kiosk = queue_env.kiosk
    client = kiosk.shell.services.runtime.client
    leasing, release = threading.Event(), threading.Event()
    lease_numbers = client.lease_numbers

    def slow_lease(category: str, size: int) -> Any:
        leasing.set()
        assert release.wait(WAIT_MS / 1000), "the test never released the lease"
        return lease_numbers(category, size)

    client.lease_numbers = slow_lease  # type: ignore[method-assign]
    try:
        if source == "pushed":
            view.start()
            qtbot.waitUntil(leasing.is_set, timeout=WAIT_MS)  # a top-up waits on the platform
        kiosk.navigator.go("take_number")
        screen = kiosk.screen("take_number")
        qtbot.waitUntil(lambda: "A" in screen.tiles and not screen.estimated, timeout=WAIT_MS)
        qtbot.waitUntil(leasing.is_set, timeout=WAIT_MS)  # read: its top-up waits now
        screen.tiles["A"].click()
        qtbot.waitUntil(lambda: kiosk.navigator.current == "queue_ticket", timeout=WAIT_MS)
        ticket = kiosk.screen("queue_ticket").item
        assert not ticket.offline and ticket.number == "A001"
        assert not release.is_set() and view.top_ups.busy  # the top-up still waits
    finally:
        release.set()
    qtbot.waitUntil(lambda: set(kiosk.leases().remaining(datetime.now(UTC)))
                    == {"A", "B", "C", "D"}, timeout=WAIT_MS)
