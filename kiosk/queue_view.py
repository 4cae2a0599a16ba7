"""What the kiosk knows of the hall's queue: the latest `QueueState`, polled
off the GUI thread every ~10 s while the link is up (which also tops up the
leased numbers), for the attract screen's "now serving".

Imported in phase one: the sync core is imported only when polling.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.context import KioskContext
from terminal.background import run_in_background

if TYPE_CHECKING:
    from sync.protocol.queue import QueueState

log = logging.getLogger("kiosk.queue_view")
POLL_MS = 10_000
#: An older state is not shown as "now serving" (the link is probably down).
STALE_SECONDS = 60.0


class QueueView(QObject):
    """Polls the queue state; `serving()` answers [(number, window)]."""

    changed = Signal()

    def __init__(self, context: KioskContext, parent: QObject | None = None,
                 interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.context = context
        self.state: QueueState | None = None
        self._fetched = 0.0  # time.monotonic() of the state
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> None:
        shell = self.context.shell
        if shell is None or self._busy or self.context.link_down():
            return
        from kiosk.queue_service import refresh_queue

        self._busy = True
        runtime = shell.services.runtime
        run_in_background(self, lambda: refresh_queue(runtime), self._got, self._failed)

    def _got(self, state: Any) -> None:
        self._busy = False
        self.state = state
        self._fetched = time.monotonic()
        self.changed.emit()

    def _failed(self, message: str) -> None:
        self._busy = False
        log.info("queue state not refreshed: %s", message)
        if self.state is not None and time.monotonic() - self._fetched > STALE_SECONDS:
            self.state = None
            self.changed.emit()

    def serving(self) -> list[tuple[str, str]]:
        """The latest call of each window, [] when unknown or stale."""
        if self.state is None or time.monotonic() - self._fetched > STALE_SECONDS:
            return []
        return [(call.number, call.window) for call in self.state.now_serving]
