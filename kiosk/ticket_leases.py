"""Queue numbers leased from the platform, kept on the terminal for offline use.

Rule: while online, each category keeps at least `LOW_WATER` unexpired
numbers; below that, `LEASE_SIZE` more are leased (`top_up`). A number is
taken in one committed write that stamps `used_at`, so it is never handed out
twice, across restarts too. The platform leases from a range of its own (700
and up), so leasing never moves the numbers it issues online (from 001).
Leases end with the platform's day (`expires_at`); expired rows are dropped
when new ones arrive.

Plain Python: call everything here off the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import text

from sync.client import PlatformClient
from sync.protocol.queue import Lease
from sync.store.database import Database
from sync.store.schema import utc_text

log = logging.getLogger("kiosk.leases")
#: Refill a category when fewer unexpired numbers than this are left.
LOW_WATER = 10
#: How many numbers one refill leases (the platform allows up to 50).
LEASE_SIZE = 20
_TOP_UP = threading.Lock()  # one top-up at a time: the others skip, never wait

_TAKE = text(
    "UPDATE ticket_leases SET used_at = :now WHERE rowid = ("
    " SELECT rowid FROM ticket_leases WHERE category = :category AND used_at IS NULL"
    " AND expires_at > :now ORDER BY expires_at, number LIMIT 1) RETURNING number")
_REMAINING = text(
    "SELECT category, count(*) FROM ticket_leases WHERE used_at IS NULL"
    " AND expires_at > :now GROUP BY category")
_ADD = text(
    "INSERT OR IGNORE INTO ticket_leases (lease_id, number, category, expires_at)"
    " VALUES (:lease_id, :number, :category, :expires_at)")
_PURGE = text("DELETE FROM ticket_leases WHERE expires_at <= :now")


def _stamp(moment: datetime) -> str:
    return utc_text(moment.astimezone(UTC))


class LeaseStore:
    """The leased numbers of this terminal, per category."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def add(self, lease: Lease, now: datetime) -> None:
        with self.database.write() as connection:
            connection.execute(_PURGE, {"now": _stamp(now)})
            expires = _stamp(lease.expires_at)
            for number in lease.numbers:
                connection.execute(_ADD, {"lease_id": str(lease.lease_id), "number": number,
                                          "category": lease.category, "expires_at": expires})

    def take(self, category: str, now: datetime) -> str | None:
        """The next free number of `category`, marked used before it returns."""
        with self.database.write() as connection:
            number = connection.execute(
                _TAKE, {"category": category, "now": _stamp(now)}).scalar_one_or_none()
        return str(number) if number is not None else None

    def remaining(self, now: datetime) -> dict[str, int]:
        with self.database.read() as connection:
            rows = connection.execute(_REMAINING, {"now": _stamp(now)}).all()
        return {str(category): int(count) for category, count in rows}


def top_up(store: LeaseStore, client: PlatformClient, categories: Iterable[str],
           now: datetime | None = None) -> int:
    """Lease more numbers for every category running low; how many were leased.

    While another top-up is under way (perhaps waiting on a slow platform) this
    one does nothing: nobody waits behind a top-up. Network errors propagate
    (the caller is online-only work)."""
    if not _TOP_UP.acquire(blocking=False):
        log.debug("a top-up of the leases is under way: not another")
        return 0
    try:
        moment = now or datetime.now(UTC)
        left = store.remaining(moment)
        leased = 0
        for category in categories:
            if left.get(category, 0) >= LOW_WATER:
                continue
            lease = client.lease_numbers(category, LEASE_SIZE)
            store.add(lease, moment)
            leased += len(lease.numbers)
            log.info("leased %d numbers of %s for offline use", len(lease.numbers), category)
        return leased
    finally:
        _TOP_UP.release()
