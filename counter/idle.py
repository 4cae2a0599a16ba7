"""Sign the clerk out after a spell without input, with a warning first."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin,
          QEvent.Type.Wheel}


class IdleSignOut(QObject):
    """Install on the QApplication; `arm()` once signed in.

    `warning(seconds_left)` fires each second of the last `warn_seconds`,
    `cancelled` when input comes during the warning, `expired` at the end.
    """

    warning = Signal(int)
    cancelled = Signal()
    expired = Signal()

    def __init__(self, seconds: float, *, warn_seconds: float | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.seconds = seconds
        self.warn_seconds = warn_seconds
        self._clock = clock
        self._last = clock()
        self._armed = False
        self._warning = False
        self._timer = QTimer(self, interval=250)
        self._timer.timeout.connect(self._tick)

    @property
    def armed(self) -> bool:
        return self._armed

    def warn_window(self) -> float:
        if self.warn_seconds is not None:
            return min(self.warn_seconds, self.seconds)
        return min(60.0, self.seconds / 4)

    def arm(self) -> None:
        self._armed = True
        self._last = self._clock()
        self._timer.start()

    def disarm(self) -> None:
        self._armed = False
        self._timer.stop()
        if self._warning:
            self._warning = False
            self.cancelled.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() in _INPUT:
            self._last = self._clock()
            if self._warning:
                self._warning = False
                self.cancelled.emit()
        return False

    def _tick(self) -> None:
        left = self.seconds - (self._clock() - self._last)
        if left <= 0:
            self._warning = False
            self.disarm()
            self.expired.emit()
        elif left <= self.warn_window():
            self._warning = True
            self.warning.emit(int(left + 0.999))
