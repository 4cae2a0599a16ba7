"""The kiosk's idle watch (kiosk/idle.py), with real input events on a real
widget: no touch for the idle time starts a countdown that ticks each second
and wipes the session at its end; a touch during the countdown cancels it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.idle import IdleWatcher
from kiosk.input_watch import InputWatch


@pytest.fixture
def screen(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    widget.resize(200, 200)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def watcher(screen: QWidget) -> Iterator[IdleWatcher]:
    idle = IdleWatcher(idle_seconds=1, countdown_seconds=2)
    watch = InputWatch(screen)
    watch.add(idle.see)
    screen.installEventFilter(watch)
    yield idle
    idle.disarm()
    screen.removeEventFilter(watch)


def touch(qtbot: QtBot, screen: QWidget) -> None:
    qtbot.mouseClick(screen, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))


def test_idleness_counts_down_each_second_then_expires(qtbot: QtBot,
                                                       watcher: IdleWatcher) -> None:
    ticks: list[int] = []
    watcher.countdownTick.connect(ticks.append)
    with qtbot.waitSignal(watcher.countdownStarted, timeout=3000) as started:
        watcher.arm()
    assert started.args == [2] and watcher.counting_down
    with qtbot.waitSignal(watcher.expired, timeout=4000):
        pass
    assert ticks == [1]
    assert not watcher.counting_down


def test_a_touch_during_the_countdown_cancels_it(qtbot: QtBot, screen: QWidget,
                                                  watcher: IdleWatcher) -> None:
    with qtbot.waitSignal(watcher.countdownStarted, timeout=3000):
        watcher.arm()
    with qtbot.waitSignal(watcher.countdownCancelled, timeout=1000):
        touch(qtbot, screen)
    assert not watcher.counting_down
    # the watch goes on: idle again, the countdown starts again
    with qtbot.waitSignal(watcher.countdownStarted, timeout=3000):
        pass


def test_touches_keep_the_countdown_away(qtbot: QtBot, screen: QWidget,
                                         watcher: IdleWatcher) -> None:
    resident = QTimer(interval=500)  # a touch every half second
    resident.timeout.connect(lambda: touch(qtbot, screen))
    watcher.arm()
    resident.start()
    with qtbot.assertNotEmitted(watcher.countdownStarted, wait=2500):
        pass
    resident.stop()


def test_a_disarmed_watch_ignores_touches_and_never_expires(qtbot: QtBot, screen: QWidget,
                                                            watcher: IdleWatcher) -> None:
    watcher.arm()
    watcher.disarm()
    with qtbot.assertNotEmitted(watcher.countdownStarted, wait=1500):
        touch(qtbot, screen)
    assert not watcher.counting_down
