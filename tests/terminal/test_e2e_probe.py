"""The real-display tests' window into a front end: off by default, answering
on the GUI thread with what is shown and where, and tapping where asked."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from terminal.e2e_probe import PROBE_ENV, start_probe


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
