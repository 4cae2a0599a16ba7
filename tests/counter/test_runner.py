"""The counter's lane of platform calls (counter/runner.py): calls run off the
GUI thread one at a time in order, answers (or the exception itself) come back
on the GUI thread, `busyChanged` brackets the work, and a gone runner's
answers are dropped. The platform is the reference one on loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QObject
from pytestqt.qtbot import QtBot

from counter.runner import Runner
from sync.client import PlatformClient, TransientError
from terminal.local_platform import LocalPlatform
from tests.helpers.platform import start_platform

WAIT_MS = 10_000


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[LocalPlatform]:
    served = start_platform(tmp_path / "platform.db")
    yield served
    served.stop()


@pytest.fixture
def runner() -> Iterator[Runner]:
    lane = Runner()
    yield lane
    lane.wait()


def test_calls_run_in_order_off_the_gui_thread_and_answer_on_it(qtbot: QtBot,
                                                                runner: Runner) -> None:
    gui = threading.get_ident()
    ran: list[tuple[int, int]] = []
    answered: list[tuple[int, int]] = []

    def call(n: int) -> int:
        ran.append((n, threading.get_ident()))
        return n * 10

    for n in range(5):
        runner.run(lambda n=n: call(n), lambda result: answered.append(
            (result, threading.get_ident())))
    qtbot.waitUntil(lambda: len(answered) == 5, timeout=WAIT_MS)
    assert [n for n, _ in ran] == [0, 1, 2, 3, 4]
    assert len({thread for _, thread in ran}) == 1 and gui not in {t for _, t in ran}
    assert answered == [(n * 10, gui) for n in range(5)]


def test_busy_brackets_the_calls(qtbot: QtBot, runner: Runner) -> None:
    moves: list[bool] = []
    runner.busyChanged.connect(moves.append)
    release = threading.Event()
    runner.run(release.wait, lambda _result: None)
    runner.run(lambda: None, lambda _result: None)
    assert runner.busy and moves == [True]
    with qtbot.waitSignal(runner.busyChanged, timeout=WAIT_MS) as done:
        release.set()
    assert done.args == [False] and moves == [True, False] and not runner.busy


def idle(busy: bool) -> bool:
    return not busy


def test_a_platform_answer_and_an_unreachable_platform(qtbot: QtBot, runner: Runner,
                                                       platform: LocalPlatform) -> None:
    client = PlatformClient(platform.url, "counter-test", b"\1" * 32)
    try:
        answers: list[Any] = []
        with qtbot.waitSignal(runner.busyChanged, timeout=WAIT_MS, check_params_cb=idle):
            runner.run(lambda: client.probe(2.0), answers.append)
        assert answers == [None]
        platform.stop()
        errors: list[Exception] = []
        with qtbot.waitSignal(runner.busyChanged, timeout=WAIT_MS, check_params_cb=idle):
            runner.run(lambda: client.probe(1.0), answers.append, errors.append)
        assert answers == [None]
        assert len(errors) == 1 and isinstance(errors[0], TransientError)  # not its text
    finally:
        client.close()


def test_a_gone_runners_answers_are_dropped(qtbot: QtBot) -> None:
    window = QObject()
    lane = Runner(window)
    answered: list[object] = []
    release = threading.Event()
    lane.run(release.wait, answered.append)
    with qtbot.waitSignal(window.destroyed, timeout=WAIT_MS):
        window.deleteLater()  # the window closes while the call runs
    release.set()
    assert lane.wait()
    QCoreApplication.processEvents()  # an answer still queued would arrive now
    assert answered == []
