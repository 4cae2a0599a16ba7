"""The real-display tests' window into a front end: off by default, answering
on the GUI thread with what is shown and where, and tapping where asked."""

from __future__ import annotations

import json
import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from terminal.e2e_probe import PROBE_ENV, start_probe
from tests.e2e.probe import ProbeConnection, Watchdog
from tests.e2e.stalls import KernelWitness, StallMeter, machine_meter


def ask(qtbot: QtBot, path: str, word: str) -> dict:
    socket = QLocalSocket()
    socket.connectToServer(path)
    assert socket.waitForConnected(2000)
    socket.write(word.encode() + b"\n")
    received = bytearray()

    def answered() -> bool:
        received.extend(bytes(socket.readAll().data()))
        return received.endswith(b"\n")

    qtbot.waitUntil(answered, timeout=2000)  # the GUI thread serves it meanwhile
    socket.disconnectFromServer()
    return json.loads(received)


def test_off_unless_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PROBE_ENV, raising=False)
    assert start_probe(dict) is None


@pytest.mark.log_warnings(r"e2e probe listening")
def test_answers_ping_and_lists_what_is_shown_where(qtbot: QtBot,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    button = QPushButton("Take a number", objectName="takeNumber")
    hidden = QPushButton("Not shown")
    layout.addWidget(QLabel("Welcome"))
    layout.addWidget(button)
    layout.addWidget(hidden)
    hidden.hide()
    window.setGeometry(100, 50, 400, 300)
    window.show()
    qtbot.waitExposed(window)
    with tempfile.TemporaryDirectory(prefix="probe-") as folder:
        path = str(Path(folder) / "probe")
        monkeypatch.setenv(PROBE_ENV, path)
        probe = start_probe(lambda: {"screen": "home"}, window)
        assert probe is not None

        assert "pong" in ask(qtbot, path, "ping")
        state = ask(qtbot, path, "state")
    assert state["screen"] == "home"
    buttons = [w for w in state["widgets"] if w["kind"] == "button"]
    assert [w["text"] for w in buttons] == ["Take a number"]
    shown = buttons[0]
    corner = button.mapToGlobal(button.rect().topLeft())
    assert shown["name"] == "takeNumber" and shown["enabled"]
    assert shown["rect"] == [corner.x(), corner.y(), button.width(), button.height()]
    assert any(w["kind"] == "label" and w["text"] == "Welcome" for w in state["widgets"])
    assert state["input_method"]["visible"] is False


@pytest.mark.log_warnings(r"e2e probe listening")
def test_a_tap_clicks_what_is_at_the_point(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    window = QWidget(objectName="kioskWindow")
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    first, second = QPushButton("First"), QPushButton("Second")
    layout.addWidget(first)
    layout.addWidget(second)
    window.setGeometry(100, 50, 400, 300)
    window.show()
    qtbot.waitExposed(window)
    clicked: list[str] = []
    first.clicked.connect(lambda: clicked.append("first"))
    second.clicked.connect(lambda: clicked.append("second"))
    with tempfile.TemporaryDirectory(prefix="probe-") as folder:
        path = str(Path(folder) / "probe")
        monkeypatch.setenv(PROBE_ENV, path)
        assert start_probe(dict, window) is not None
        centre = second.mapToGlobal(second.rect().center())
        assert ask(qtbot, path, f"tap {centre.x()} {centre.y()}") == {"tapped": "kioskWindow"}
        assert clicked == ["second"]
        assert "error" in ask(qtbot, path, "tap 5000 5000")
        assert "error" in ask(qtbot, path, "tap here")


@pytest.mark.log_warnings(r"e2e probe listening")
def test_a_wheel_scrolls_a_page_taller_than_the_window(qtbot: QtBot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    window = QScrollArea(objectName="kioskWindow")
    qtbot.addWidget(window)
    page = QWidget()
    page.setMinimumHeight(3000)
    window.setWidget(page)
    window.setGeometry(100, 50, 400, 300)
    window.show()
    qtbot.waitExposed(window)
    bar = window.verticalScrollBar()
    with tempfile.TemporaryDirectory(prefix="probe-") as folder:
        path = str(Path(folder) / "probe")
        monkeypatch.setenv(PROBE_ENV, path)
        assert start_probe(dict, window) is not None
        centre = window.mapToGlobal(window.rect().center())
        assert ask(qtbot, path, f"wheel {centre.x()} {centre.y()} 3") == {
            "wheeled": "kioskWindow"}
        assert bar.value() > 0


# ---- the real-display tests' watchdog against the probe ------------------------------

#: the watchdog's deadline in these tests, and the planted stalls around it
DEADLINE = 1.0
SLOW_SNAPSHOT = 1.3  # the tests' own `state` request: longer than the deadline
STALL = 1.5  # the front end's own work: longer than the deadline


class SnapshotAsker(threading.Thread):
    """The tests' driver: `state` requests one after another on a connection of its
    own, while the watchdog pings on another."""

    def __init__(self, path: str, count: int) -> None:
        super().__init__(name="e2e-driver", daemon=True)
        self.path, self.count = path, count
        self.answers: list[dict] = []

    def run(self) -> None:
        connection = ProbeConnection(self.path)
        try:
            for _ in range(self.count):
                self.answers.append(connection.ask("state", deadline=30))
        finally:
            connection.close()


def stall(seconds: float) -> None:
    """The GUI thread busy for `seconds` (a planted stall)."""
    time.sleep(seconds)


@pytest.fixture
def probed(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[str]]]:
    """A probe on a shown window whose `state` extras take SLOW_SNAPSHOT s while
    `slow` is set; the probe's path and `slow`."""
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    slow: list[str] = []

    def extras() -> dict[str, str]:
        if slow:
            stall(SLOW_SNAPSHOT)
        return {"screen": "home"}

    with tempfile.TemporaryDirectory(prefix="probe-") as folder:
        path = str(Path(folder) / "probe")
        monkeypatch.setenv(PROBE_ENV, path)
        assert start_probe(extras, window) is not None
        yield path, slow


def watchdog(path: str, meter: StallMeter | None = None) -> Watchdog:
    """A watchdog on this process's GUI thread (the probe is in this process),
    with the kernel's accounts of it and the machine's stall meter."""
    return Watchdog(path, lambda: "the stacks", interval=0.05, deadline=DEADLINE,
                    witness=KernelWitness(os.getpid(), meter or machine_meter())).start()


@pytest.mark.log_warnings(r"e2e probe listening")
def test_the_watchdog_does_not_count_the_tests_own_snapshots(
        qtbot: QtBot, probed: tuple[str, list[str]]) -> None:
    path, slow = probed
    dog = watchdog(path)
    try:
        qtbot.waitUntil(lambda: dog.worst > 0, timeout=5000)  # pinging
        slow.append("on")
        asker = SnapshotAsker(path, count=2)
        asker.start()
        qtbot.waitUntil(lambda: len(asker.answers) == 2, timeout=20_000)
        answered = dog.pings
        qtbot.waitUntil(lambda: dog.pings > answered + 2, timeout=5000)  # pinged since
    finally:
        dog.stop()
    assert all(answer["took_ms"] >= SLOW_SNAPSHOT * 1000 for answer in asker.answers)
    assert dog.failure == ""
    assert dog.worst_probe >= SLOW_SNAPSHOT * 0.9  # a ping waited on a snapshot...
    assert dog.worst < DEADLINE / 2 and dog.late == []  # ...which is not the GUI's own


@pytest.mark.parametrize("snapshots", [False, True], ids=["alone", "after-a-snapshot"])
@pytest.mark.log_warnings(r"e2e probe listening")
def test_the_watchdog_fails_on_a_stall_of_the_front_end(
        qtbot: QtBot, probed: tuple[str, list[str]], snapshots: bool) -> None:
    path, slow = probed
    dog = watchdog(path)
    try:
        qtbot.waitUntil(lambda: dog.worst > 0, timeout=5000)
        if snapshots:  # the tests' own slow snapshot first, then the front end's stall
            slow.append("on")
            asker = SnapshotAsker(path, count=1)
            asker.start()
            qtbot.waitUntil(lambda: len(asker.answers) == 1, timeout=20_000)
        QTimer.singleShot(0, lambda: stall(STALL))
        qtbot.waitUntil(lambda: dog.failure != "", timeout=10_000)
    finally:
        dog.stop()
    assert "the stacks" in dog.failure  # taken while the ping was awaited


class MachineStalledMeter:
    """A stall meter that saw the whole machine stall for as long as the window."""

    def stalled(self, start: float, end: float) -> float:
        return end - start


@pytest.mark.log_warnings(r"e2e probe listening")
def test_the_watchdog_excuses_a_stall_of_the_whole_machine(
        qtbot: QtBot, probed: tuple[str, list[str]]) -> None:
    path, _ = probed
    dog = watchdog(path, meter=MachineStalledMeter())  # type: ignore[arg-type]
    try:
        qtbot.waitUntil(lambda: dog.worst > 0, timeout=5000)
        QTimer.singleShot(0, lambda: stall(STALL))
        qtbot.waitUntil(lambda: dog.late != [], timeout=10_000)
    finally:
        dog.stop()
    assert dog.failure == ""
    assert "excused by the kernel's account" in dog.late[0]
    assert "machine stalled" in dog.late[0]
