"""systemd notify (terminal/watchdog.py), against a real datagram socket standing
in for systemd's: READY=1 at start, then WATCHDOG=1 pings from the GUI event loop
at half the deadline systemd gives in WATCHDOG_USEC."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from terminal.watchdog import notify, start_watchdog, watchdog_interval_ms


class Systemd:
    """The receiving end of NOTIFY_SOCKET."""

    def __init__(self, address: str | bytes) -> None:
        self.channel = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.channel.bind(address)
        self.channel.setblocking(False)
        self.heard: list[str] = []

    def listen(self) -> list[str]:
        """What arrived so far (never waits)."""
        while True:
            try:
                self.heard.append(self.channel.recv(256).decode("utf-8"))
            except BlockingIOError:
                return self.heard

    def close(self) -> None:
        self.channel.close()


@pytest.fixture
def systemd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Systemd]:
    path = tmp_path / "notify.sock"
    listener = Systemd(str(path))
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    yield listener
    listener.close()


def test_notify_sends_the_message_to_the_socket(systemd: Systemd) -> None:
    assert notify("STATUS=serving")
    assert systemd.listen() == ["STATUS=serving"]


def test_an_abstract_socket_address_is_understood(monkeypatch: pytest.MonkeyPatch) -> None:
    name = f"reception-test-{uuid.uuid4().hex}"
    listener = Systemd(b"\0" + name.encode())
    try:
        monkeypatch.setenv("NOTIFY_SOCKET", f"@{name}")
        assert notify("READY=1")
        assert listener.listen() == ["READY=1"]
    finally:
        listener.close()


def test_without_systemd_nothing_is_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert not notify("READY=1")


@pytest.mark.parametrize(("usec", "interval"), [
    (None, None), ("", None), ("soon", None), ("-5", None),
    ("30000000", 15_000),  # WatchdogSec=30: a ping every 15 s
    ("1000000", 1000),     # never more often than once a second
])
def test_the_ping_interval_is_half_the_deadline(monkeypatch: pytest.MonkeyPatch,
                                                usec: str | None,
                                                interval: int | None) -> None:
    if usec is None:
        monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    else:
        monkeypatch.setenv("WATCHDOG_USEC", usec)
    assert watchdog_interval_ms() == interval


def test_ready_then_pings_from_the_event_loop(qtbot: QtBot, systemd: Systemd,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATCHDOG_USEC", "2000000")
    owner = QObject()
    timer = start_watchdog(owner)
    assert timer is not None and timer.interval() == 1000 and timer.parent() is owner
    assert systemd.listen() == ["READY=1"]
    qtbot.waitUntil(lambda: systemd.listen().count("WATCHDOG=1") >= 2, timeout=5000)
    assert systemd.heard[0] == "READY=1"
    timer.stop()


def test_ready_without_a_watchdog_starts_no_timer(systemd: Systemd) -> None:
    assert start_watchdog(QObject()) is None
    assert systemd.listen() == ["READY=1"]
