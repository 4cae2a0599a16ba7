"""Purge of old queue events: `queue_event` keeps the days statistics are asked
for (RECEPTION_PLATFORM_QUEUE_EVENT_DAYS, 400 by default) and loses the rest.

Run at every platform start and by `reception-platform purge` (a daily timer);
one center at a time, so each DELETE walks the (center, day) index and no
transaction holds a city's rows.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

from sqlalchemy import Engine, delete, select

from sync.server.db import WRITE, QueueCategoryRow, QueueEvent, Terminal
from sync.server.queue.core import local_day

KEEP_DAYS_ENV = "RECEPTION_PLATFORM_QUEUE_EVENT_DAYS"
DEFAULT_KEEP_DAYS = 400


def keep_days() -> int:
    """Days of queue events kept (today included), from the environment."""
    value = os.environ.get(KEEP_DAYS_ENV) or str(DEFAULT_KEEP_DAYS)
    days = int(value) if value.isdigit() else 0
    if days < 1:
        raise ValueError(f"{KEEP_DAYS_ENV} must be at least 1")
    return days


def first_kept_day(now: float, days: int) -> str:
    """The oldest center day whose events stay."""
    return (date.fromisoformat(local_day(now)) - timedelta(days=days - 1)).isoformat()


def purge_events(engine: Engine, now: float, days: int | None = None) -> int:
    """Delete the events of days before the last `days`; how many went."""
    days = keep_days() if days is None else days
    if days < 1:
        raise ValueError("at least today's queue events are kept")
    cutoff = first_kept_day(now, days)
    with engine.connect() as connection:
        centers = set(connection.scalars(select(Terminal.center).distinct()))
        centers |= set(connection.scalars(select(QueueCategoryRow.center).distinct()))
    removed = 0
    for center in sorted(centers):
        with engine.execution_options(**WRITE).begin() as connection:
            removed += connection.execute(
                delete(QueueEvent).where(QueueEvent.center == center, QueueEvent.day < cutoff)
            ).rowcount
    return removed
