"""The queue state and booking slots last fetched, kept in the local caches
table so an offline kiosk can still show categories, waiting counts and
(clearly marked) slots."""

from __future__ import annotations

from datetime import date, datetime

from sync.caches import Cached, ReferenceCache
from sync.protocol.queue import BookingSlots, QueueState

QUEUE_STATE = "queue_state"


def slots_name(matter_code: str, day: date) -> str:
    return f"slots:{matter_code}:{day.isoformat()}"


def put_state(cache: ReferenceCache, state: QueueState, fetched_at: datetime) -> None:
    cache.put(QUEUE_STATE, state.model_dump_json(), None, fetched_at)


def get_state(cache: ReferenceCache) -> Cached[QueueState] | None:
    return cache.get(QUEUE_STATE, QueueState)


def put_slots(cache: ReferenceCache, slots: BookingSlots, fetched_at: datetime) -> None:
    cache.put(slots_name(slots.matter, slots.date), slots.model_dump_json(), None, fetched_at)


def get_slots(cache: ReferenceCache, matter_code: str, day: date) -> Cached[BookingSlots] | None:
    return cache.get(slots_name(matter_code, day), BookingSlots)
