"""terminal.background: the one shape of a background operation (owner, call,
success, failure, cancel token) on lanes with one long-lived dispatcher."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from terminal.background import Lane, Latest, Token, run_in_background, wait_for_background


@pytest.fixture
def lane() -> Iterator[Lane]:
    lane = Lane(1, "test-lane")
    yield lane
    assert lane.wait(10_000)


class Gate:
    """Holds a call on its worker thread until the test opens it."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self._open = threading.Event()

    def call(self, value: object) -> object:
        self.started.set()
        assert self._open.wait(10)
        return value

    def open(self) -> None:
        self._open.set()


def test_a_one_thread_lane_answers_in_order_on_the_gui_thread(qtbot: QtBot, lane: Lane) -> None:
    answers: list[tuple[int, bool]] = []
    gui = threading.current_thread()
    for n in range(20):
        lane.run(None, lambda n=n: n,
                 lambda value: answers.append((value, threading.current_thread() is gui)))
    qtbot.waitUntil(lambda: len(answers) == 20, timeout=10_000)
    assert answers == [(n, True) for n in range(20)]


def test_a_one_thread_lane_runs_every_call_on_the_same_thread(qtbot: QtBot,
                                                              lane: Lane) -> None:
    threads: list[int] = []
    for _ in range(10):
        lane.run(None, threading.get_ident, threads.append)
    qtbot.waitUntil(lambda: len(threads) == 10, timeout=10_000)
    assert len(set(threads)) == 1 and threads[0] != threading.get_ident()


def test_an_answer_that_is_ready_before_the_caller_returns_still_arrives(
        qtbot: QtBot, lane: Lane) -> None:
    answers: list[object] = []
    lane.run(None, lambda: "stored", answers.append)
    assert lane.wait(10_000)  # the call has finished; nothing was delivered yet
    assert answers == []
    qtbot.waitUntil(lambda: answers == ["stored"], timeout=10_000)


def test_an_owner_deleted_meanwhile_gets_no_answer(qtbot: QtBot, lane: Lane) -> None:
    owner, gate = QObject(), Gate()
    late: list[object] = []
    after: list[object] = []
    lane.run(owner, lambda: gate.call("late"), late.append, late.append)
    assert gate.started.wait(10)
    shiboken6.delete(owner)  # the screen is gone while its call runs
    gate.open()
    lane.run(None, lambda: "after", after.append)  # the same lane: delivered after "late"
    qtbot.waitUntil(lambda: after == ["after"], timeout=10_000)
    assert late == []


def test_a_cancelled_token_drops_the_late_answer_and_its_error(qtbot: QtBot, lane: Lane) -> None:
    token, gate = Token(), Gate()
    dropped: list[object] = []
    after: list[object] = []
    lane.run(None, lambda: gate.call("late"), dropped.append, dropped.append, token=token)
    lane.run(None, lambda: 1 / 0, dropped.append, dropped.append, token=token)
    assert gate.started.wait(10)
    token.cancel()
    gate.open()
    lane.run(None, lambda: "after", after.append)
    qtbot.waitUntil(lambda: after == ["after"], timeout=10_000)
    assert dropped == []


def test_latest_keeps_only_the_newest_answer(qtbot: QtBot, lane: Lane) -> None:
    latest, first = Latest(), Gate()
    shown: list[object] = []
    lane.run(None, lambda: first.call("old"), shown.append, token=latest.next())
    assert first.started.wait(10)
    lane.run(None, lambda: "new", shown.append, token=latest.next())  # the resident typed again
    assert latest.current.cancelled is False
    first.open()
    qtbot.waitUntil(lambda: shown == ["new"], timeout=10_000)
    latest.cancel()  # the session was wiped
    lane.run(None, lambda: "wiped", shown.append, token=latest.current)
    assert lane.wait(10_000)
    lane.run(None, lambda: "marker", shown.append)
    qtbot.waitUntil(lambda: shown[-1] == "marker", timeout=10_000)
    assert shown == ["new", "marker"]


def test_errors_reach_the_failure_callback_as_text_or_exception(qtbot: QtBot,
                                                                lane: Lane) -> None:
    texts: list[str] = []
    errors: list[BaseException] = []
    done: list[object] = []

    def refuse() -> None:
        raise PermissionError("refused by the platform")

    lane.run(None, refuse, done.append, texts.append)
    lane.run(None, refuse, done.append, errors.append, error_as_text=False)
    lane.run(None, refuse, done.append)  # no failure callback: logged, the lane goes on
    lane.run(None, lambda: "next", done.append)
    qtbot.waitUntil(lambda: done == ["next"], timeout=10_000)
    assert texts == ["PermissionError: refused by the platform"]
    assert [type(e) for e in errors] == [PermissionError]


def test_the_shared_lane_runs_off_the_gui_thread(qtbot: QtBot) -> None:
    owner = QObject()
    threads: list[str] = []
    run_in_background(owner, lambda: threading.current_thread().name, threads.append)
    qtbot.waitUntil(lambda: bool(threads), timeout=10_000)
    assert wait_for_background()
    assert threads[0].startswith("background") and threads[0] != threading.current_thread().name
