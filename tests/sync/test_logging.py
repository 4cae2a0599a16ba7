"""Logs that cannot flood: a failure repeated every pass is one line when it
starts, a line when it ends, with the count; an outage of the real platform."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from sync.conditions import Condition
from sync.protocol.models import Role
from sync.server.process import PlatformProcess
from sync.store.database import StoreFullError
from sync.synchronizer import SyncSettings
from sync.worker import SyncWorker
from tests.sync.helpers import DEMO_DIR, Terminal, make_terminal, ticket

FAST = SyncSettings(poll_interval=0.02, backoff_base=0.01, backoff_cap=0.02,
                    refresh_interval=60, heartbeat_interval=60)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.log_warnings(r"disk full")
def test_a_condition_logs_start_change_reminder_and_end(
        caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    condition = Condition(logging.getLogger("test.condition"), "disk full", clock=clock)
    caplog.set_level(logging.INFO, "test.condition")
    for _ in range(500):
        condition.failed("no space left")
        clock.now += 0.5
    condition.failed("quota exceeded")
    for _ in range(8000):  # over an hour more of the same
        condition.failed("no space left")
        clock.now += 0.5
    condition.ok()
    condition.ok()
    lines = [record.getMessage() for record in caplog.records]
    assert lines == [
        "disk full: no space left",
        "disk full, now: quota exceeded (after 500 failure(s))",
        "disk full for 60 min: no space left (7202 failures so far)",
        "disk full ended after 70 min, 8501 failure(s): 8500x no space left; "
        "1x quota exceeded",
    ]


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
                          base64.urlsafe_b64decode(answer.key), settings=FAST,
                          read_timeout=1.0)
    yield built
    built.close()


def _messages(caplog: pytest.LogCaptureFixture, name: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == name]


@pytest.mark.log_warnings(r"platform unreachable")
def test_a_platform_outage_is_logged_when_it_starts_and_ends(
        qtbot: QtBot, caplog: pytest.LogCaptureFixture, platform: PlatformProcess,
        terminal: Terminal) -> None:
    caplog.set_level(logging.INFO, "sync.worker")
    worker = SyncWorker(terminal.sync)
    platform.stop(kill=True)
    worker.start()
    try:
        terminal.outbox.submit(ticket(1))
        qtbot.waitUntil(lambda: worker._platform.count >= 50, timeout=30_000)
        assert _messages(caplog, "sync.worker")[0].startswith("platform unreachable: ")
        assert len(_messages(caplog, "sync.worker")) <= 3  # a line per distinct failure
        platform.start()
        qtbot.waitUntil(lambda: terminal.outbox.backlog() == 0, timeout=30_000)
        qtbot.waitUntil(lambda: not worker._platform.active, timeout=30_000)
    finally:
        worker.stop()
    ended = _messages(caplog, "sync.worker")[-1]
    assert ended.startswith("platform unreachable ended after ")
    assert int(ended.split(", ")[1].split()[0]) >= 50  # the count of failed passes


@pytest.mark.log_warnings(r"disk full", r"sync pass failed")
def test_a_full_disk_and_a_bug_are_logged_once_per_kind(
        qtbot: QtBot, caplog: pytest.LogCaptureFixture, terminal: Terminal) -> None:
    caplog.set_level(logging.INFO, "sync.worker")
    passes = {"n": 0}

    def full() -> None:
        passes["n"] += 1
        raise StoreFullError("The terminal's disk is full: the last commits (12 KB) are only "
                             "in terminal.db-wal, not yet in terminal.db.")

    def bug() -> None:
        raise KeyError("a bug")

    terminal.sync.maintain = full  # type: ignore[method-assign]
    terminal.sync.outbox.next_batch = lambda *a, **k: bug()  # type: ignore[method-assign]
    worker = SyncWorker(terminal.sync)
    worker.start()
    try:
        qtbot.waitUntil(lambda: passes["n"] >= 100, timeout=30_000)
    finally:
        worker.stop()
    messages = _messages(caplog, "sync.worker")
    assert sum("disk full" in m for m in messages) == 1
    assert sum("sync pass failed" in m for m in messages) == 1
    tracebacks = [r for r in caplog.records if r.name == "sync.worker" and r.exc_info]
    assert len(tracebacks) == 1  # the bug's traceback, once
