"""Today's outcomes at this terminal, newest first, read from the local store.

`todays_outcomes` is blocking (call it off the GUI thread). Personal data is
decrypted while the store keeps it; after the retention purge an entry still
shows, without the applicant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from sync.protocol.models import AcceptancePayload, Person
from sync.store.schema import OutboxEntry, Record, utc_text

if TYPE_CHECKING:
    from sync.outbox import Outbox


@dataclass(frozen=True)
class HistoryEntry:
    record_id: str
    when: datetime  # local time
    payload: AcceptancePayload
    delivered: bool


def _payload(loaded: Any) -> AcceptancePayload:
    if isinstance(loaded, AcceptancePayload):
        return loaded
    document = dict(loaded)
    document.setdefault("applicant", Person().model_dump())
    return AcceptancePayload.model_validate(document)


def todays_outcomes(outbox: Outbox, now: datetime, limit: int = 200) -> list[HistoryEntry]:
    """Acceptance outcomes stored since local midnight of `now`, newest first."""
    local_now = now if now.tzinfo else now.astimezone()
    midnight = datetime.combine(local_now.date(), time(), local_now.tzinfo).astimezone(UTC)
    with outbox.database.read() as connection:
        rows = connection.execute(
            select(Record.id, Record.created_at, OutboxEntry.state)
            .join(OutboxEntry, OutboxEntry.seq == Record.seq)
            .where(Record.kind == "acceptance", Record.created_at >= utc_text(midnight))
            .order_by(Record.seq.desc()).limit(limit)
        ).all()
    return [HistoryEntry(row.id, datetime.fromisoformat(row.created_at).astimezone(),
                         _payload(outbox.load(row.id)), row.state == "delivered")
            for row in rows]
