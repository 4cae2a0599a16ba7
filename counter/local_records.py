"""Today's records of this terminal from its own store (no network).

Reads the non-personal part of `served`, `acceptance` and `rating`
transactions written since midnight in the center's zone (not the machine's);
blocking, so call it off the GUI thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

KINDS = ("served", "acceptance", "rating")


@dataclass
class LocalRecords:
    served: list[dict[str, Any]] = field(default_factory=list)
    acceptances: list[dict[str, Any]] = field(default_factory=list)
    ratings: list[dict[str, Any]] = field(default_factory=list)


def center_midnight(zone: ZoneInfo, now: datetime | None = None) -> datetime:
    """The start of the center's today, in UTC."""
    local = (now or datetime.now(UTC)).astimezone(zone)
    return datetime.combine(local.date(), time(0), zone).astimezone(UTC)


def today_records(database: Any, zone: ZoneInfo, since: datetime | None = None
                  ) -> LocalRecords:
    from sqlalchemy import select

    from sync.store.schema import Record, utc_text

    start = utc_text(since or center_midnight(zone))
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
