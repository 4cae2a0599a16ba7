"""A one-item mailbox between threads: the newest item wins.

A camera produces frames at its own pace; a consumer that is busy must see
the newest frame when it is free, never a backlog. `put` replaces what is
waiting (the replaced item is dropped and counted), so at most one item is
ever pending, and its boolean answer tells the producer whether the slot was
empty, i.e. whether the consumer needs a wake-up.
"""

from __future__ import annotations

import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class LatestSlot(Generic[T]):
    """Holds at most one item; `put` replaces it, `take`/`wait` empty it."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._item: T | None = None
        self._closed = False
        self.dropped = 0

    def put(self, item: T) -> bool:
        """Leave `item` (dropping a waiting one); true when the slot was empty."""
        with self._condition:
            was_empty = self._item is None
            if not was_empty:
                self.dropped += 1
            self._item = item
            self._condition.notify()
            return was_empty

    def take(self) -> T | None:
        """The waiting item, or None; never blocks."""
        with self._condition:
            item, self._item = self._item, None
            return item

    def wait(self, timeout: float | None = None) -> T | None:
        """Block until an item is there (then take it), the slot closes, or `timeout`."""
        with self._condition:
            self._condition.wait_for(lambda: self._item is not None or self._closed, timeout)
            item, self._item = self._item, None
            return item

    def close(self) -> None:
        """Wake every waiter; later waits return at once."""
        with self._condition:
            self._closed = True
            self._condition.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed
