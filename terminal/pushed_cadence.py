"""How often a terminal reads a queue state the platform's event stream also pushes.

Counters and kiosks take the queue state from the hall feed
(`terminal.hall_feed`, its `stateChanged`); the stream sends the state on
connect and whenever counts or calls change, so a reconnect re-syncs by
itself. While the stream is connected the terminal still reads the state
itself every `pushed_ms` (a slow safety re-sync, should an event be missed);
while it is not, every `polled_ms` as before the push, and once at once when
the stream drops.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal


class PushedCadence(QObject):
    """A timer whose `due` fires every `polled_ms`, or every `pushed_ms` while pushed."""

    due = Signal()

    def __init__(self, polled_ms: int, pushed_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.polled_ms = polled_ms
        self.pushed_ms = pushed_ms
        self.pushed = False
        self.timer = QTimer(self, interval=polled_ms)
        self.timer.timeout.connect(self.due)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def interval(self) -> int:
        return self.timer.interval()

    def set_pushed(self, pushed: bool) -> None:
        """The stream connected (True) or dropped (False); dropping makes the
        terminal read at once while the timer runs."""
        self.pushed = pushed
        interval = self.pushed_ms if pushed else self.polled_ms
        if self.timer.interval() != interval:
            self.timer.setInterval(interval)
        if not pushed and self.timer.isActive():
            self.due.emit()
