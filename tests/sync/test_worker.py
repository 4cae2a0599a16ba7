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
from tests.sync.helpers import DEMO_DIR, Terminal, application, make_terminal, ticket

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
