"""Whether a stored record has reached the platform, for the screens that say
so (an application or repair is done, an appointment is booked).

The slip and the screen must tell the same truth. So the slip is printed once
the state is known: at once when the record is already delivered or the link
is down (it says "saved; will be sent"), else after the first sync passes, up
to `SETTLE_MS` (the worker is woken by the commit: online, that is usually
well under a second). Reads run off the GUI thread, again after every sync
pass, until the record is delivered.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.context import KioskContext
from terminal.background import Latest, run_in_background

#: Longest wait for the delivery before the slip is printed anyway.
SETTLE_MS = 4000


class DeliveryWatch(QObject):
    changed = Signal(bool)  # delivered, whenever the state read differs from the last
    settled = Signal(bool)  # once per record: time to print; delivered?

    def __init__(self, context: KioskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.record_id = ""
        self.delivered = False
        self._settled = False
        self._reads = Latest()
        self._bridge: object | None = None
        self._deadline = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._deadline.timeout.connect(self._settle)

    def watch(self, record_id: str) -> None:
        """Follow a new record (its state is read at once)."""
        self._reads.next()
        self.record_id, self.delivered, self._settled = record_id, False, False
        shell = self.context.shell
        if shell is not None and shell.bridge is not self._bridge:
            shell.bridge.stateChanged.connect(self._sync_passed)
            self._bridge = shell.bridge
        if shell is None or self.context.link_down():
            self._read()
            self._settle()  # offline: "will be sent" is the truth now
            return
        self._deadline.start()
        self._read()

    def stop(self) -> None:
        self._reads.cancel()
        self._deadline.stop()
        self.record_id = ""

    def _sync_passed(self, _state: object) -> None:
        if self.record_id and not self.delivered:
            if self.context.link_down():
                self._settle()
            self._read()

    def _read(self) -> None:
        shell, record_id = self.context.shell, self.record_id
        if shell is None or not record_id:
            return
        outbox = shell.bridge.outbox
        run_in_background(self, lambda: outbox.delivery(record_id), self._answered,
                          lambda _message: None, token=self._reads.current)

    def _answered(self, delivery: object) -> None:
        delivered = getattr(delivery, "state", None) == "delivered"
        if delivered != self.delivered:
            self.delivered = delivered
            self.changed.emit(delivered)
        if delivered:
            self._settle()

    def _settle(self) -> None:
        self._deadline.stop()
        if not self._settled and self.record_id:
            self._settled = True
            self.settled.emit(self.delivered)
