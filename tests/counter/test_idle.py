"""The counter's idle sign-out (counter/idle.py), on a clock the test moves and
real input events on a real widget: a warning each second of the last stretch,
input during the warning cancels it, and at the end the clerk is signed out."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from counter.idle import IdleSignOut

WAIT_MS = 3000


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def desk(qtbot: QtBot) -> QLineEdit:
    field = QLineEdit()
    qtbot.addWidget(field)
    return field


@pytest.fixture
def idle(clock: Clock, desk: QLineEdit) -> Iterator[IdleSignOut]:
    watch = IdleSignOut(600, warn_seconds=30, clock=clock)
    desk.installEventFilter(watch)
    yield watch
    watch.disarm()
    desk.removeEventFilter(watch)


def test_the_last_stretch_warns_with_the_seconds_left_then_signs_out(
        qtbot: QtBot, clock: Clock, idle: IdleSignOut) -> None:
    idle.arm()
    clock.now += 574.5
    with qtbot.waitSignal(idle.warning, timeout=WAIT_MS) as warned:
        pass
    assert warned.args == [26]  # 25.5 s left: the seconds shown are rounded up
    clock.now += 25.5
    with qtbot.waitSignal(idle.expired, timeout=WAIT_MS):
        pass
    assert not idle.armed


def test_typing_during_the_warning_cancels_it_and_starts_again(
        qtbot: QtBot, clock: Clock, desk: QLineEdit, idle: IdleSignOut) -> None:
    idle.arm()
    clock.now += 590
    with qtbot.waitSignal(idle.warning, timeout=WAIT_MS):
        pass
    with qtbot.waitSignal(idle.cancelled, timeout=WAIT_MS):
        qtbot.keyClick(desk, Qt.Key.Key_5)
    clock.now += 590  # 590 s after the key: ten seconds to go, not expired
    with qtbot.waitSignal(idle.warning, timeout=WAIT_MS) as warned:
        pass
    assert warned.args == [10] and idle.armed


def test_no_warning_before_the_last_stretch(qtbot: QtBot, clock: Clock,
                                            idle: IdleSignOut) -> None:
    idle.arm()
    clock.now += 560
    with qtbot.assertNotEmitted(idle.warning, wait=600):
        pass


@pytest.mark.parametrize(("seconds", "warn", "window"), [
    (600, None, 60.0),   # a minute's warning at most
    (120, None, 30.0),   # else the last quarter
    (600, 30, 30.0),
    (20, 30, 20.0),      # never longer than the whole time
])
def test_the_warning_window(seconds: float, warn: float | None, window: float) -> None:
    assert IdleSignOut(seconds, warn_seconds=warn).warn_window() == window
