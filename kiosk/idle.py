"""Idle detection: no touch for `idle_seconds` starts a visible countdown;
when it runs out the session is wiped. Any touch cancels the countdown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove,
    QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.KeyPress, QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    countdownStarted = Signal(int)  # seconds left
    countdownTick = Signal(int)
    countdownCancelled = Signal()
    expired = Signal()

    def __init__(self, idle_seconds: int, countdown_seconds: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.idle_seconds = idle_seconds
        self.countdown_seconds = countdown_seconds
        self._left = 0
        self._armed = False
        self._idle = QTimer(self, singleShot=True)
        self._idle.timeout.connect(self._start_countdown)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._on_tick)

    def arm(self) -> None:
        """Watch for idleness (a resident session is open)."""
        self._armed = True
        self.poke()

    def disarm(self) -> None:
        """Stop watching (back on the attract screen)."""
        self._armed = False
        self._idle.stop()
        self._tick.stop()

    @property
    def counting_down(self) -> bool:
        return self._tick.isActive()

    def poke(self) -> None:
        if not self._armed:
            return
        if self._tick.isActive():
            self._tick.stop()
            self.countdownCancelled.emit()
        self._idle.start(self.idle_seconds * 1000)

    def see(self, event: QEvent) -> bool:
        """An input event (`kiosk.input_watch`): activity restarts the wait."""
        if event.type() in ACTIVITY:
            self.poke()
        return False

    def _start_countdown(self) -> None:
        self._left = self.countdown_seconds
        self.countdownStarted.emit(self._left)
        self._tick.start()

    def _on_tick(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.countdownTick.emit(self._left)
            return
        self._tick.stop()
        self._armed = False
        self.expired.emit()
