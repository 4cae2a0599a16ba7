"""systemd notify: READY=1 once the first screen is up, then WATCHDOG=1 from
the GUI event loop, so a hung kiosk stops pinging and systemd restarts it."""

from __future__ import annotations

import os
import socket

from PySide6.QtCore import QObject, QTimer


def notify(message: str) -> bool:
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as channel:
        channel.sendto(message.encode("utf-8"), address)
    return True


def watchdog_interval_ms() -> int | None:
    microseconds = os.environ.get("WATCHDOG_USEC")
    if not microseconds or not microseconds.isdigit():
        return None
    return max(1000, int(microseconds) // 2000)  # ping at half the deadline


def start_watchdog(parent: QObject) -> QTimer | None:
    notify("READY=1")
    interval = watchdog_interval_ms()
    if interval is None:
        return None
    timer = QTimer(parent)
    timer.timeout.connect(lambda: notify("WATCHDOG=1"))
    timer.start(interval)
    return timer
