"""Tracking numbers: ``RC-YYYYMMDD-<TERMINAL>-<5 digits>``.

TERMINAL is a short code derived from the terminal id (see `terminal_code`);
the 5 digits come from a per-day counter in the terminal's own database,
incremented in one committed write, so numbers never repeat on this terminal,
across restarts and offline. Gaps are allowed (a number allocated for a
submission that then failed is never reused).

Plain Python: call `TrackingCounter.next_number` off the GUI thread (it
commits, with a disk flush).
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from sqlalchemy import text

from sync.store.database import Database

PREFIX = "RC"
MAX_PER_DAY = 99_999
CODE_LENGTH = 8
_BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
TRACKING_PATTERN = re.compile(r"RC-\d{8}-[A-Z][A-Z0-9]{1,7}-\d{5}")

_ALLOCATE = text(
    "INSERT INTO counters (name, day, value) VALUES (:name, :day, 1) "
    "ON CONFLICT (name, day) DO UPDATE SET value = value + 1 RETURNING value"
)


class CounterExhausted(RuntimeError):
    """More than 99,999 numbers were asked for on one day."""


def terminal_code(terminal_id: str) -> str:
    """An uppercase code, letters and digits, starting with a letter, 2-8 chars.

    An id that already fits (``K01``, ``kiosk-7`` -> ``KIOSK7``) is kept as is;
    a longer one (the platform's ``T-3FA2B19C0D``) becomes its first letter and
    7 base-36 characters of its SHA-256: stable for the terminal, and distinct
    between terminals with overwhelming probability (36^7 codes).
    """
    cleaned = re.sub(r"[^A-Z0-9]", "", terminal_id.upper())
    if 2 <= len(cleaned) <= CODE_LENGTH and cleaned[0].isalpha():
        return cleaned
    first = cleaned[0] if cleaned and cleaned[0].isalpha() else "T"
    number = int.from_bytes(hashlib.sha256(terminal_id.encode("utf-8")).digest()[:8], "big")
    digits = []
    for _ in range(CODE_LENGTH - 1):
        number, rest = divmod(number, 36)
        digits.append(_BASE36[rest])
    return first + "".join(digits)


def format_tracking_number(day: date, code: str, sequence: int) -> str:
    if not 1 <= sequence <= MAX_PER_DAY:
        raise CounterExhausted(f"sequence {sequence} is outside 1..{MAX_PER_DAY}")
    return f"{PREFIX}-{day:%Y%m%d}-{code}-{sequence:05d}"


class TrackingCounter:
    """Allocates tracking numbers for one terminal from its local store."""

    def __init__(self, database: Database, terminal_id: str) -> None:
        self.database = database
        self.code = terminal_code(terminal_id)

    def next_sequence(self, day: date) -> int:
        """The next number of `day` (1, 2, ...), committed before it returns."""
        with self.database.write() as connection:
            value = connection.execute(
                _ALLOCATE, {"name": f"tracking:{self.code}", "day": f"{day:%Y%m%d}"}
            ).scalar_one()
        return int(value)

    def next_number(self, day: date) -> str:
        return format_tracking_number(day, self.code, self.next_sequence(day))
