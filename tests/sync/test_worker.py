"""The sync worker thread and its Qt bridge against a real platform process
that goes away and comes back: delivery resumes by itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from sync.protocol.models import Role
from sync.server.process import PlatformProcess
from sync.synchronizer import SyncSettings
from sync.worker import SyncState, SyncWorker
from terminal.sync_badge import SyncBadge
from terminal.sync_bridge import SyncBridge
from tests.sync.helpers import (
    DEMO_DIR,
    Terminal,
    application,
    enroll,
    faulty_platform,
    make_terminal,
    ticket,
)

FAST = SyncSettings(poll_interval=0.1, backoff_base=0.05, backoff_cap=0.3,
                    refresh_interval=60, heartbeat_interval=60)


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[PlatformProcess]:
    process = PlatformProcess(f"sqlite:///{tmp_path / 'platform.db'}", demo_data=DEMO_DIR,
                              log_path=tmp_path / "platform.log")
    process.start()
    yield process
    process.stop()


@pytest.fixture
def terminal(tmp_path: Path, platform: PlatformProcess) -> Iterator[Terminal]:
    import base64

    from sync.client import PlatformClient
    from sync.server import enrollment
    from sync.server.db import make_engine

    engine = make_engine(platform.database_url)
    code = enrollment.issue_code(engine, "C001", Role.KIOSK)
    engine.dispose()
    answer = PlatformClient.enroll(platform.url, code)
    built = make_terminal(tmp_path / "terminal", platform.url, answer.terminal_id,
                          base64.urlsafe_b64decode(answer.key), settings=FAST, read_timeout=2.0)
    yield built
    built.close()


@pytest.mark.log_warnings(r"platform unreachable")
def test_delivery_resumes_by_itself_when_the_link_returns(
        qtbot: QtBot, platform: PlatformProcess, terminal: Terminal) -> None:
    bridge = SyncBridge(terminal.outbox, None)
    worker = SyncWorker(terminal.sync, on_state=bridge.publish)
    bridge.attach_worker(worker)
    badge = SyncBadge()
    qtbot.addWidget(badge)
    bridge.stateChanged.connect(badge.show_state)
    bridge.start()
    try:
        with qtbot.waitSignal(bridge.stateChanged, timeout=10_000,
                              check_params_cb=lambda s: s.online is True):
            pass
        platform.stop(kill=True)
        saved: list[object] = []
        for n in range(5):
            bridge.submit(None, application(n), saved.append)
        qtbot.waitUntil(lambda: len(saved) == 5, timeout=10_000)
        qtbot.waitUntil(lambda: _state(bridge).online is False
                        and _state(bridge).backlog == 5, timeout=10_000)
        # the badge gets the same state by its own queued call: wait for it too
        qtbot.waitUntil(lambda: badge.property("state") == "offline", timeout=10_000)
        platform.start()
        qtbot.waitUntil(lambda: _state(bridge).online is True
                        and _state(bridge).backlog == 0, timeout=20_000)
        qtbot.waitUntil(lambda: badge.property("state") == "online", timeout=10_000)
        assert terminal.outbox.dead_count() == 0
    finally:
        bridge.stop()


@pytest.mark.log_warnings(r"submission not stored")
def test_a_full_disk_is_reported_in_plain_words(qtbot: QtBot, tmp_path: Path) -> None:
    from tests.sync.helpers import make_outbox

    outbox = make_outbox(tmp_path, max_page_count=30)
    bridge = SyncBridge(outbox, None)
    saved: list[object] = []
    failed: list[str] = []
    for number in range(2000):
        bridge.submit(None, ticket(number), saved.append, failed.append)
        answered = number + 1
        qtbot.waitUntil(lambda answered=answered: len(saved) + len(failed) == answered,
                        timeout=10_000)
        if failed:
            break
    bridge.stop()
    assert failed and "disk is full" in failed[0]
    assert outbox.backlog() == len(saved) > 0


def _state(bridge: SyncBridge) -> SyncState:
    state = bridge.last_state
    assert state is not None
    return state


@pytest.mark.log_warnings(r"platform answers but cannot take deliveries")
def test_a_record_submitted_while_the_platform_asks_to_wait_does_not_cut_the_wait(
        qtbot: QtBot, tmp_path: Path) -> None:
    """The platform answers 429 with Retry-After: 2. A record submitted meanwhile
    (the bridge wakes the worker) waits with the others: the worker asks again
    only after the two seconds. Since a platform that answers counts as online,
    the wake that sends a new record at once while online ended the back-off at
    each submission (ten milliseconds after the 429 here)."""
    import time

    from sync.server.faults import FaultRule, write_plan

    with faulty_platform(tmp_path) as (platform, plan):
        terminal_id, key = enroll(platform)
        write_plan(plan, [FaultRule(action="status", status=429, retry_after=2,
                                    path="/v1/transactions/batch", times=None)])
        terminal = make_terminal(tmp_path / "terminal", platform.url, terminal_id, key,
                                 settings=SyncSettings(poll_interval=0.1, backoff_base=0.05,
                                                       backoff_cap=1.0))
        refused: list[float] = []  # when each delivery was answered 429
        worker = SyncWorker(terminal.sync, on_state=lambda s: refused.append(
            time.monotonic()) if "429" in (s.last_error or "") else None)
        worker.start()
        try:
            terminal.outbox.submit(ticket(1))
            worker.wake()
            qtbot.waitUntil(lambda: len(refused) == 1, timeout=15_000)
            for n in range(2, 5):
                terminal.outbox.submit(ticket(n))
                worker.wake()
            qtbot.waitUntil(lambda: len(refused) == 2, timeout=15_000)
            assert refused[1] - refused[0] >= 2.0
        finally:
            worker.stop()
            terminal.close()

