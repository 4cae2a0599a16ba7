"""The platform's rating settings, from its environment."""

from __future__ import annotations

import os

#: Working days the center manager has to answer a poor rating's follow-up.
ANSWER_DAYS_ENV = "RECEPTION_PLATFORM_FOLLOWUP_DAYS"
DEFAULT_ANSWER_DAYS = 3


def answer_days() -> int:
    """`RECEPTION_PLATFORM_FOLLOWUP_DAYS` (1-60), else 3; a bad value stops the start."""
    raw = os.environ.get(ANSWER_DAYS_ENV, "").strip()
    if not raw:
        return DEFAULT_ANSWER_DAYS
    try:
        days = int(raw)
    except ValueError:
        days = 0
    if not 1 <= days <= 60:
        raise ValueError(f"{ANSWER_DAYS_ENV}={raw!r}: give a whole number of working days "
                         "from 1 to 60, e.g. 3")
    return days
