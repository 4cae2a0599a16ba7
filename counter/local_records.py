"""Today's records of this terminal from its own store (no network).

Reads the non-personal part of `served`, `acceptance` and `rating`
transactions written since local midnight; blocking, so call it off the GUI
thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

KINDS = ("served", "acceptance", "rating")


@dataclass
class LocalRecords:
    served: list[dict[str, Any]] = field(default_factory=list)
    acceptances: list[dict[str, Any]] = field(default_factory=list)
    ratings: list[dict[str, Any]] = field(default_factory=list)


def local_midnight(now: datetime | None = None) -> datetime:
    """The start of today in the terminal's time zone, in UTC."""
    local = (now or datetime.now(UTC)).astimezone()
    return datetime.combine(local.date(), time(0), local.tzinfo).astimezone(UTC)


def today_records(database: Any, since: datetime | None = None) -> LocalRecords:
    from sqlalchemy import select

    from sync.store.schema import Record, utc_text

    start = utc_text(since or local_midnight())
    with database.read() as connection:
        rows = connection.execute(
            select(Record.kind, Record.payload)
            .where(Record.kind.in_(KINDS), Record.created_at >= start)
            .order_by(Record.seq)
        ).all()
    records = LocalRecords()
    lists = {"served": records.served, "acceptance": records.acceptances,
             "rating": records.ratings}
    for kind, payload in rows:
        lists[kind].append(json.loads(payload))
    return records
