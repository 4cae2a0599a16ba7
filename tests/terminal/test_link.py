"""The terminal's one answer to "is the platform reachable?" (terminal/link.py):
the probe against a real platform on loopback that goes away and comes back on
the same port, evidence from any thread delivered on the GUI thread, a refusal
that overrides reachability, and the sync worker's state published with the
link's truth through the real bridge."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sync.client import PlatformClient
from sync.server.faults import FaultRule, write_plan
from sync.synchronizer import SyncSettings
from sync.worker import SyncState
from terminal.link import Link, LinkedState
from terminal.local_platform import LocalPlatform
from terminal.shell import link_sync
from terminal.sync_badge import SyncBadge
from terminal.sync_bridge import SyncBridge
from tests.helpers.platform import start_platform
from tests.sync.helpers import (
    count_at_platform,
    enroll,
    faulty_platform,
    make_terminal,
    ticket,
)

WAIT_MS = 15_000


def never_called(_timeout: float) -> None:
    raise AssertionError("the probe runs only after start()")


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[list[LocalPlatform]]:
    """The platform on loopback; a test may replace it by one on the same port."""
    running = [start_platform(tmp_path / "platform.db")]
    yield running
    running[-1].stop()


@pytest.mark.log_warnings(r"WARNING terminal\.link: platform unreachable")
def test_the_probe_follows_the_platform_down_and_back(
        qtbot: QtBot, tmp_path: Path, platform: list[LocalPlatform]) -> None:
    url = platform[0].url
    client = PlatformClient(url, "probe-only", b"\0" * 32)  # /healthz is unsigned
    link = Link(client.probe, interval=0.1, timeout=0.5, retry_first=0.05, retry_cap=0.2)
    try:
        with qtbot.waitSignal(link.changed, timeout=WAIT_MS) as first:
            link.start()
        assert first.args == [True] and link.online is True
        with qtbot.waitSignal(link.changed, timeout=WAIT_MS) as gone:
            platform[0].stop()
        assert gone.args == [False] and link.online is False
        with qtbot.waitSignal(link.changed, timeout=WAIT_MS) as back:
            platform.append(start_platform(tmp_path / "platform.db", int(url.split(":")[-1])))
        assert back.args == [True] and link.truth() is True
    finally:
        link.stop()
        client.close()


@pytest.mark.log_warnings(r"WARNING terminal\.link: platform unreachable")
def test_evidence_from_another_thread_is_announced_on_the_gui_thread(qtbot: QtBot) -> None:
    link = Link(never_called)
    gui = threading.get_ident()
    heard: list[tuple[Any, int]] = []
    # a direct connection runs the listener on the thread that emits
    link.changed.connect(lambda online: heard.append((online, threading.get_ident())),
                         Qt.ConnectionType.DirectConnection)
    worker = threading.Thread(target=link.report, args=(False,))
    with qtbot.waitSignal(link.changed, timeout=WAIT_MS):
        worker.start()
    worker.join()
    assert heard == [(False, gui)] and link.online is False


@pytest.mark.log_warnings(r"WARNING terminal\.link: platform unreachable")
def test_a_failed_call_makes_the_probe_check_at_once(qtbot: QtBot) -> None:
    probes: list[float] = []
    link = Link(probes.append, interval=60.0)  # the probe answers; next due in a minute
    try:
        with qtbot.waitSignal(link.changed, timeout=WAIT_MS):
            link.start()
        with qtbot.waitSignal(link.changed, timeout=WAIT_MS,
                              check_params_cb=lambda online: online is True):
            link.report(False)  # a screen's call did not reach the platform: False now
        assert len(probes) == 2  # the probe checked at once and found it reachable
    finally:
        link.stop()


@pytest.mark.log_warnings(r"WARNING terminal\.link: platform unreachable")
def test_a_loss_is_logged_once_and_the_return_with_its_length(
        qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    link = Link(never_called)
    with caplog.at_level(logging.INFO, "terminal.link"):
        link.report(True)
        link.report(False)
        link.report(False)
        link.report(True)
    lines = [record.getMessage() for record in caplog.records]
    assert lines[0] == "platform unreachable" and len(lines) == 2
    assert re.fullmatch(r"platform reachable again \(unreachable for \d+\.\d s\)", lines[1])


def test_only_a_move_is_announced(qtbot: QtBot) -> None:
    link = Link(never_called)
    assert link.online is None and link.truth() is None
    heard: list[bool] = []
    link.changed.connect(heard.append)
    link.report(True)
    link.report(True)
    link.report(True)
    assert heard == [True]


def test_a_refused_terminal_is_offline_until_accepted_again(qtbot: QtBot) -> None:
    link = Link(never_called)
    heard: list[bool] = []
    link.changed.connect(heard.append)
    link.report(True)
    link.refuse(True)
    assert link.truth() is False
    link.report(True)  # the platform answers, but still refuses this terminal
    assert link.online is False
    link.refuse(False)
    assert heard == [True, False, True]


def state(online: bool | None, *, backlog: int = 0, auth_failed: bool = False) -> SyncState:
    return SyncState(online, backlog, 0, datetime.now(UTC), auth_failed=auth_failed)


@pytest.mark.log_warnings(r"WARNING terminal\.link: platform unreachable")
def test_the_worker_state_is_published_with_the_link_truth(qtbot: QtBot,
                                                          bridge: SyncBridge) -> None:
    link = Link(never_called)
    linked = LinkedState(bridge, link)
    link.report(True)
    # the worker (its thread) has not reached the platform yet; the link has
    worker = threading.Thread(target=linked.worker_state, args=(state(None, backlog=3),))
    with qtbot.waitSignal(bridge.stateChanged, timeout=WAIT_MS) as published:
        worker.start()
    worker.join()
    assert (published.args[0].online, published.args[0].backlog) == (True, 3)

    with qtbot.waitSignal(bridge.stateChanged, timeout=WAIT_MS):
        linked.worker_state(state(False, backlog=4))  # a network failure of the worker
    qtbot.waitUntil(lambda: bridge.last_state is not None and bridge.last_state.backlog == 4)
    assert link.online is False and bridge.last_state.online is False

    link.report(True)  # a screen's call got an answer
    assert link.online is True and bridge.last_state.online is True
    with qtbot.waitSignal(bridge.stateChanged, timeout=WAIT_MS):
        linked.worker_state(state(True, backlog=4, auth_failed=True))  # refused
    qtbot.waitUntil(lambda: bridge.last_state is not None and bridge.last_state.auth_failed)
    assert link.truth() is False and bridge.last_state.online is False


@pytest.mark.log_warnings(r"platform answers but cannot take deliveries")
def test_a_platform_that_answers_garbage_stays_reachable_and_is_waited_for(
        qtbot: QtBot, tmp_path: Path) -> None:
    """/healthz answers while every /v1 reply is unreadable: the link does not flip
    (a flip ended the worker's back-off each time, a tight loop), the badge says
    the records wait, and they go once the platform heals."""
    with faulty_platform(tmp_path) as (platform, plan):
        terminal_id, key = enroll(platform)
        write_plan(plan, [FaultRule(action="garbage", path="/v1/", times=None)])
        terminal = make_terminal(tmp_path / "terminal", platform.url, terminal_id, key,
                                 settings=SyncSettings(backoff_base=0.02, backoff_cap=0.1))
        link = Link(terminal.client.probe, interval=0.02, timeout=1.0, retry_first=0.02,
                    retry_cap=0.1)
        bridge, _linked = link_sync(terminal.sync, link)
        moves: list[bool] = []
        link.changed.connect(moves.append)
        garbled: list[SyncState] = []
        bridge.stateChanged.connect(
            lambda s: garbled.append(s) if "garbled" in (s.last_error or "") else None)
        terminal.outbox.submit(ticket(1))
        badge = SyncBadge()
        bridge.stateChanged.connect(badge.show_state)
        try:
            link.start()
            bridge.start()
            qtbot.waitUntil(lambda: len(garbled) >= 5, timeout=WAIT_MS)
            assert moves == [True]
            assert (garbled[-1].online, garbled[-1].backlog) == (True, 1)
            assert badge.text() == "● Online · 1 saved, sending is delayed"

            write_plan(plan, [])
            qtbot.waitUntil(lambda: count_at_platform(platform) == 1, timeout=WAIT_MS)
            qtbot.waitUntil(lambda: badge.text() == "● Online", timeout=WAIT_MS)
            assert moves == [True]
        finally:
            link.stop()
            bridge.stop()
            terminal.close()
