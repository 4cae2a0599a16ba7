"""Growing lockouts after wrong PINs, shared by the technician pad and the
clerk sign-in.

Five wrong PINs in a row lock for 30 s; each further lockout doubles (60 s,
120 s, ...) up to 15 minutes. The count lives in memory only; a correct PIN
clears it. Plain Python against an injectable clock.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

FAILURES_BEFORE_LOCKOUT = 5
FIRST_LOCKOUT = 30.0
MAX_LOCKOUT = 15 * 60.0


class Lockout:
    """Failure counting and growing lockouts against an injectable clock."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.failures = 0
        self.lockouts = 0
        self._until = 0.0

    def remaining(self) -> float:
        """Seconds left in the current lockout (0 when not locked)."""
        return max(0.0, self._until - self._clock())

    def failed(self) -> float:
        """Count a wrong PIN; returns the lockout it starts (0 if none)."""
        self.failures += 1
        if self.failures < FAILURES_BEFORE_LOCKOUT:
            return 0.0
        duration = min(FIRST_LOCKOUT * 2 ** self.lockouts, MAX_LOCKOUT)
        self.failures = 0
        self.lockouts += 1
        self._until = self._clock() + duration
        return duration

    def hold_for(self, seconds: float) -> None:
        """Stay locked at least `seconds` (the platform's own lockout said so)."""
        self._until = max(self._until, self._clock() + seconds)

    def succeeded(self) -> None:
        self.failures = self.lockouts = 0
        self._until = 0.0


def format_wait(seconds: float) -> str:
    """A lockout's time left as minutes:seconds, rounded up (`0:30`, `15:00`)."""
    whole = math.ceil(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
