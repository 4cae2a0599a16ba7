"""Run blocking calls (disk, network, CPU-heavy image work) off the GUI thread.

Shared by the kiosk and the counter. A `Lane` runs calls on Python worker
threads (one lane of one thread keeps calls in order) and hands each result,
or the exception, back on the GUI thread through one long-lived dispatcher
object's queued signal. No Qt object is made per call: a per-call QObject
holding its own callbacks forms a cycle through Qt that Python cannot collect,
and deleting one while its pool thread is still returning is a use-after-free.
Callbacks bound to an `owner` that is gone are dropped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

log = logging.getLogger("terminal.background")


class _Dispatcher(QObject):
    """Lives on the GUI thread; calls back there."""

    finished = Signal(object, object, object)  # owner, callback, value

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(object, object, object)
    def _deliver(self, owner: QObject | None, callback: Callable[[Any], None] | None,
                 value: Any) -> None:
        if callback is None or not _alive(owner):
            return
        callback(value)


def _alive(owner: QObject | None) -> bool:
    if owner is None:
        return True
    try:
        owner.objectName()
    except RuntimeError:  # the owner's C++ object was deleted
        return False
    return True


_DISPATCHER: _Dispatcher | None = None
_DISPATCHER_LOCK = threading.Lock()


def _dispatcher() -> _Dispatcher:
    global _DISPATCHER
    with _DISPATCHER_LOCK:
        if _DISPATCHER is None:
            _DISPATCHER = _Dispatcher()
            app = QCoreApplication.instance()
            if app is not None:
                _DISPATCHER.moveToThread(app.thread())
        return _DISPATCHER


class Lane:
    """Worker threads for blocking calls; `workers=1` keeps them in order."""

    def __init__(self, workers: int, name: str) -> None:
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._pending: set[Future[None]] = set()
        self._lock = threading.Lock()

    def run(self, owner: QObject | None, call: Callable[[], Any],
            on_done: Callable[[Any], None],
            on_error: Callable[[Any], None] | None = None,
            *, error_as_text: bool = True) -> None:
        """`call()` off the GUI thread; `on_done(result)` or `on_error(error)` on it.

        `on_error` gets the exception's text, or the exception itself when
        `error_as_text` is false (to tell "unreachable" from "refused")."""
        dispatcher = _dispatcher()

        def work() -> None:
            try:
                result = call()
            except Exception as error:
                log.info("background call failed: %s: %s", type(error).__name__, error)
                value = f"{type(error).__name__}: {error}" if error_as_text else error
                dispatcher.finished.emit(owner, on_error, value)
                return
            dispatcher.finished.emit(owner, on_done, result)

        future = self._executor.submit(work)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._pending.discard(future)

    @property
    def busy(self) -> bool:
        with self._lock:
            return bool(self._pending)

    def wait(self, msecs: int = 10_000) -> bool:
        """Tests and shutdown: wait until the calls queued so far have run."""
        with self._lock:
            pending = set(self._pending)
        _done, not_done = wait(pending, timeout=msecs / 1000)
        return not not_done


_SHARED = Lane(2, "background")


def run_in_background(owner: QObject, call: Callable[[], Any],
                      on_done: Callable[[Any], None],
                      on_error: Callable[[str], None] | None = None) -> None:
    """On the shared lane of two threads; `on_error` gets the error's text."""
    _SHARED.run(owner, call, on_done, on_error)


def wait_for_background(msecs: int = 10_000) -> bool:
    """Tests and shutdown: wait for the shared lane to drain."""
    return _SHARED.wait(msecs)
