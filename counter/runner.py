"""Platform calls off the GUI thread, one at a time and in order.

`Runner.run(call, on_done, on_error)` runs `call()` on the runner's single
pool thread and hands back its result, or the exception itself (so the
caller can tell "platform unreachable" from "refused"), on the GUI thread.
Callbacks are dropped once the runner (and the window owning it) is gone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("counter.runner")


class _Task(QObject, QRunnable):
    done = Signal(object)
    failed = Signal(object)  # the exception

    def __init__(self, call: Callable[[], Any]) -> None:
        QObject.__init__(self)
        QRunnable.__init__(self)
        self.setAutoDelete(False)
        self._call = call

    def run(self) -> None:
        try:
            result = self._call()
        except Exception as error:
            log.info("platform call failed: %s: %s", type(error).__name__, error)
            self.failed.emit(error)
            return
        self.done.emit(result)


class Runner(QObject):
    """One ordered lane of blocking calls; `busyChanged` while any runs."""

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._tasks: set[_Task] = set()

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    def run(self, call: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[Exception], None] | None = None) -> None:
        task = _Task(call)
        self._tasks.add(task)
        task.done.connect(lambda result: self._finish(task, on_done, result))
        task.failed.connect(lambda error: self._finish(task, on_error, error))
        if len(self._tasks) == 1:
            self.busyChanged.emit(True)
        self._pool.start(task)

    def _finish(self, task: _Task, callback: Callable[[Any], None] | None, value: Any) -> None:
        self._tasks.discard(task)
        if callback is not None:
            callback(value)
        if not self._tasks:
            self.busyChanged.emit(False)

    def wait(self, msecs: int = 10_000) -> bool:
        """Tests and shutdown: let the running calls finish."""
        return self._pool.waitForDone(msecs)
