"""Run blocking calls (disk, network, CPU-heavy work) off the GUI thread.

The one shape of a background operation in the GUI code (kiosk, counter,
display, terminal): an owner, a call, a success and a failure callback, and
optionally a cancel token::

    self._lookups = Latest()
    ...
    run_in_background(self, lambda: look_up(number), self._show, self._failed,
                      token=self._lookups.next())

A `Lane` runs the call on a Python worker thread (one lane of one thread
keeps calls in order) and hands its result, or the exception, back on the
GUI thread through one long-lived dispatcher object's queued signal. Both
callbacks are bound before the work starts, so an answer can never finish
before anybody listens. The answer is dropped when the owner's C++ object
is gone or the token was cancelled (a newer request replaced it, the
resident left). No Qt object is made per call: a per-call QObject holding
its own callbacks forms a cycle through Qt that Python cannot collect, and
deleting one while its pool thread is still returning is a use-after-free.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

log = logging.getLogger("terminal.background")

Callback = Callable[[Any], None]


class Token:
    """Cancels the operations started with it: answers after `cancel()` are dropped.

    Made, cancelled and read on the GUI thread only."""

    __slots__ = ("cancelled",)

    def __init__(self) -> None:
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class Latest:
    """A series of operations where only the newest counts (lookups, a submission).

    `next()` cancels the token before and gives a fresh one; `cancel()` drops
    every answer still to come (the session was wiped). The steps of one
    chained operation share the token they were started with."""

    def __init__(self) -> None:
        self._token = Token()

    def next(self) -> Token:
        self._token.cancel()
        self._token = Token()
        return self._token

    @property
    def current(self) -> Token:
        """The newest token, for the later steps of the newest operation."""
        return self._token

    def cancel(self) -> None:
        self._token.cancel()


class _Dispatcher(QObject):
    """Lives on the GUI thread; calls back there."""

    finished = Signal(object, object, object, object)  # owner, token, callback, value

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(object, object, object, object)
    def _deliver(self, owner: QObject | None, token: Token | None, callback: Callback | None,
                 value: Any) -> None:
        if callback is None or (token is not None and token.cancelled) or not _alive(owner):
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
            on_done: Callback | None, on_error: Callback | None = None, *,
            token: Token | None = None, error_as_text: bool = True) -> None:
        """`call()` off the GUI thread; `on_done(result)` or `on_error(error)` on it.

        `on_error` gets the exception's text, or the exception itself when
        `error_as_text` is false (to tell "unreachable" from "refused").
        Nothing is called back once `owner` is deleted or `token` cancelled."""
        dispatcher = _dispatcher()

        def work() -> None:
            try:
                result = call()
            except Exception as error:
                log.info("background call failed: %s: %s", type(error).__name__, error)
                value = f"{type(error).__name__}: {error}" if error_as_text else error
                dispatcher.finished.emit(owner, token, on_error, value)
                return
            dispatcher.finished.emit(owner, token, on_done, result)

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

    def close(self) -> None:
        """Drop the calls not started yet and end the threads when idle (no waiting)."""
        self._executor.shutdown(wait=False, cancel_futures=True)


_SHARED = Lane(2, "background")


def run_in_background(owner: QObject | None, call: Callable[[], Any],
                      on_done: Callback | None,
                      on_error: Callable[[str], None] | None = None, *,
                      token: Token | None = None) -> None:
    """On the shared lane of two threads; `on_error` gets the error's text."""
    _SHARED.run(owner, call, on_done, on_error, token=token)


def wait_for_background(msecs: int = 10_000) -> bool:
    """Tests and shutdown: wait for the shared lane to drain."""
    return _SHARED.wait(msecs)
