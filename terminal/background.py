"""Run a blocking call (disk, network, CPU-heavy image work) off the GUI thread.

Shared by the kiosk and the counter.

`run_in_background(call, on_done, on_error)` runs `call()` on a shared pool
and delivers its result (or the exception's text) on the GUI thread through
queued signals. Receivers are bound to `owner`, so a screen that is gone
never gets called back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("terminal.background")
_POOL: QThreadPool | None = None
_RUNNING: set[_Task] = set()


def pool() -> QThreadPool:
    """One pool of two threads for the front end's own background calls."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(2)
    return _POOL


class _Task(QObject, QRunnable):
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, call: Callable[[], Any]) -> None:
        QObject.__init__(self)
        QRunnable.__init__(self)
        self.setAutoDelete(False)
        self._call = call

    def run(self) -> None:
        try:
            result = self._call()
        except Exception as error:
            log.exception("background call failed")
            self.failed.emit(f"{type(error).__name__}: {error}")
            return
        self.done.emit(result)


def run_in_background(owner: QObject, call: Callable[[], Any],
                      on_done: Callable[[Any], None],
                      on_error: Callable[[str], None] | None = None) -> None:
    task = _Task(call)
    _RUNNING.add(task)
    task.setParent(None)
    task.done.connect(lambda result: _finish(task, owner, on_done, result))
    task.failed.connect(lambda message: _finish(task, owner, on_error, message))
    pool().start(task)


def _finish(task: _Task, owner: QObject, callback: Callable[[Any], None] | None,
            value: Any) -> None:
    _RUNNING.discard(task)
    try:
        alive = owner.objectName() is not None
    except RuntimeError:  # the owner's C++ object was deleted
        alive = False
    if alive and callback is not None:
        callback(value)


def wait_for_background(msecs: int = 10_000) -> bool:
    """Tests and shutdown: wait for the pool to drain."""
    return pool().waitForDone(msecs)
