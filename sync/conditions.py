"""Logging that cannot flood: a failure that repeats is one condition.

A `Condition` (the platform, the disk, the store) is logged when it starts,
when a failure not yet seen during it occurs, once an hour while it lasts
(with the count so far), and when it ends (with the count and each distinct
failure's tally). Repeating the same failure every pass adds nothing to the
log but a number.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable

REMIND_EVERY = 3600.0


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


class Condition:
    def __init__(self, log: logging.Logger, name: str, *, remind_every: float = REMIND_EVERY,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._log = log
        self.name = name
        self._remind_every = remind_every
        self._clock = clock
        self._seen: Counter[str] = Counter()
        self._since = self._reminded = 0.0

    @property
    def active(self) -> bool:
        return bool(self._seen)

    @property
    def count(self) -> int:
        return sum(self._seen.values())

    def failed(self, message: str, *, level: int = logging.WARNING,
               exc_info: BaseException | None = None) -> None:
        now = self._clock()
        if not self._seen:
            self._since = self._reminded = now
            self._log.log(level, "%s: %s", self.name, message, exc_info=exc_info)
        elif message not in self._seen:
            self._log.log(level, "%s, now: %s (after %d failure(s))", self.name, message,
                          self.count, exc_info=exc_info)
        elif now - self._reminded >= self._remind_every:
            self._reminded = now
            self._log.log(level, "%s for %s: %s (%d failures so far)", self.name,
                          _duration(now - self._since), message, self.count + 1)
        self._seen[message] += 1

    def ok(self) -> None:
        if not self._seen:
            return
        tally = "; ".join(f"{count}x {message}" for message, count in self._seen.most_common(3))
        more = len(self._seen) - 3
        self._log.info("%s ended after %s, %d failure(s): %s%s", self.name,
                       _duration(self._clock() - self._since), self.count, tally,
                       f"; and {more} other(s)" if more > 0 else "")
        self._seen.clear()
