"""Platform calls off the GUI thread, one at a time and in order.

`Runner.run(call, on_done, on_error)` runs `call()` on the runner's single
worker thread (a `terminal.background.Lane`) and hands back its result, or
the exception itself (so the caller can tell "platform unreachable" from
"refused"), on the GUI thread. Callbacks are dropped once the runner (and the
window owning it) is gone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from terminal.background import Lane


class Runner(QObject):
    """One ordered lane of blocking calls; `busyChanged` while any runs."""

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lane = Lane(1, "counter-runner")
        self._running = 0

    @property
    def busy(self) -> bool:
        return self._running > 0

    def run(self, call: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[Exception], None] | None = None) -> None:
        self._running += 1
        if self._running == 1:
            self.busyChanged.emit(True)
        self._lane.run(self, call, lambda result: self._finish(on_done, result),
                       lambda error: self._finish(on_error, error), error_as_text=False)

    def _finish(self, callback: Callable[[Any], None] | None, value: Any) -> None:
        self._running -= 1
        if callback is not None:
            callback(value)
        if not self._running:
            self.busyChanged.emit(False)

    def wait(self, msecs: int = 10_000) -> bool:
        """Tests and shutdown: let the running calls finish."""
        return self._lane.wait(msecs)
