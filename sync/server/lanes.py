"""Threads the event loop hands blocking work to, cheaper than an executor.

`loop.run_in_executor` chains a concurrent future to an asyncio one, with locks
and callbacks on both sides; a hot path hands over once a request, and that
hand-over cost as much as its statement's own Python. A lane puts the work on a
queue its threads take from and sets the request's future from the thread
(`call_soon_threadsafe`). The threads end when the lane is collected."""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
import weakref
from collections.abc import Callable
from typing import Any

_Work = tuple[asyncio.AbstractEventLoop, asyncio.Future[Any], Callable[..., Any], tuple[Any, ...]]


class Lane:
    """`threads` threads (started at the first `run`) running work in turn."""

    def __init__(self, threads: int, name: str) -> None:
        self._queue: queue.SimpleQueue[_Work | None] = queue.SimpleQueue()
        self._threads, self._name = threads, name
        self._started = False
        self._lock = threading.Lock()
        weakref.finalize(self, _stop, self._queue, threads)

    async def run(self, work: Callable[..., Any], *args: Any) -> Any:
        """`work(*args)` on one of the lane's threads; its result or its exception."""
        if not self._started:
            self._start()
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._queue.put((loop, future, work, args))
        return await future

    def _start(self) -> None:
        with self._lock:
            if self._started:
                return
            for n in range(self._threads):
                threading.Thread(target=_serve, args=(self._queue,), name=f"{self._name}_{n}",
                                 daemon=True).start()
            self._started = True


def _serve(work_queue: queue.SimpleQueue[_Work | None]) -> None:
    while (item := work_queue.get()) is not None:
        loop, future, work, args = item
        try:
            result, error = work(*args), None
        except BaseException as raised:  # handed to the awaiting request
            result, error = None, raised
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits
            loop.call_soon_threadsafe(_settle, future, result, error)
        del item, future, result, error


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.done():  # the request was cancelled (its client went away)
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


def _stop(work_queue: queue.SimpleQueue[_Work | None], threads: int) -> None:
    for _ in range(threads):
        work_queue.put(None)
