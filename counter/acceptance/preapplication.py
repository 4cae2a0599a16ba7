"""Opening a resident's kiosk pre-application at the window.

`ScanLineEdit` takes a USB barcode scanner (a keyboard that types fast and
ends with Enter) as well as a typed tracking number; the camera path feeds
QR payloads to the same `lookup`. `PreApplicationFinder` asks the platform
(`application_detail`, off the GUI thread) and, when it cannot be reached,
falls back to this terminal's own record of that number.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from sync.protocol.models import ApplicationPayload
from terminal.background import run_in_background

if TYPE_CHECKING:
    from sync.client import PlatformClient
    from sync.outbox import Outbox

#: Keystrokes closer than this (seconds, on average) come from a scanner.
SCANNER_INTERVAL = 0.05


def tracking_number_in(text: str) -> str | None:
    """The tracking number in a status QR payload or typed text, or None."""
    from hardware.camera.status_qr import ParseError, parse_status_qr

    text = text.strip()
    try:
        return parse_status_qr(text if "://" in text else text.upper())
    except ParseError:
        return None


class ScanLineEdit(QLineEdit):
    """`entered(text, scanned)` on Enter; `scanned` when the keys came scanner-fast."""

    entered = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stamps: list[float] = []

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            stamps, self._stamps = self._stamps, []
            fast = len(stamps) > 4 and (stamps[-1] - stamps[0]) / (len(stamps) - 1) \
                < SCANNER_INTERVAL
            text = self.text()
            self.clear()
            if text.strip():
                self.entered.emit(text, fast)
            return
        if event.text():
            self._stamps.append(time.monotonic())
        super().keyPressEvent(event)


@dataclass(frozen=True)
class Found:
    payload: ApplicationPayload | None
    source: str  # "platform", "local", "none", "offline"


def find_local(outbox: Outbox, tracking_number: str) -> ApplicationPayload | None:
    """This terminal's own stored application with that number (personal data kept)."""
    from sqlalchemy import func, select

    from sync.store.schema import Record

    with outbox.database.read() as connection:
        ids = connection.execute(
            select(Record.id).where(
                Record.kind == "application",
                func.json_extract(Record.payload, "$.tracking_number") == tracking_number)
            .order_by(Record.seq.desc())
        ).scalars().all()
    for record_id in ids:
        loaded = outbox.load(record_id)
        if isinstance(loaded, ApplicationPayload):
            return loaded
    return None


def find(client: PlatformClient | None, outbox: Outbox | None, number: str) -> Found:
    """Blocking: the platform first, this terminal's store when it is unreachable."""
    from sync.client import PlatformError

    if client is not None:
        try:
            payload = client.application_detail(number)
        except PlatformError:
            pass
        else:
            return Found(payload, "platform" if payload else "none")
    local = find_local(outbox, number) if outbox is not None else None
    return Found(local, "local") if local else Found(None, "offline")


class PreApplicationFinder(QObject):
    found = Signal(str, object)  # tracking number, Found

    def __init__(self, client: Callable[[], Any], outbox: Callable[[], Any],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._client = client
        self._outbox = outbox
        self.busy = False

    def lookup(self, number: str) -> None:
        if self.busy:
            return
        self.busy = True
        client, outbox = self._client(), self._outbox()
        run_in_background(self, lambda: find(client, outbox, number), lambda result:
                          self._done(number, result),
                          lambda _error: self._done(number, Found(None, "offline")))

    def _done(self, number: str, result: Found) -> None:
        self.busy = False
        self.found.emit(number, result)
