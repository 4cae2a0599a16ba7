"""One pass of sync work, synchronous and thread-agnostic.

The worker thread, the `reception-sync` CLI, tests and benchmarks all drive
this same code: deliver batches, pull reference data, send a heartbeat.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sync.caches import STATUS_CURSOR, ReferenceCache, published_for, pulls_statuses
from sync.client import PlatformClient, RequestRefused
from sync.outbox import Outbox, OutgoingItem, utc_now
from sync.protocol import models as wire

log = logging.getLogger("sync.synchronizer")
STATUS_PAGE = 500


@dataclass(frozen=True)
class SyncSettings:
    batch_max_items: int = 500
    batch_max_bytes: int = 2_000_000
    poll_interval: float = 5.0
    refresh_interval: float = 300.0
    heartbeat_interval: float = 60.0
    backoff_base: float = 0.5
    backoff_cap: float = 30.0
    retention: timedelta = field(default_factory=lambda: timedelta(days=30))


@dataclass(frozen=True)
class BatchOutcome:
    sent: int
    delivered: int
    dead: int


HealthProvider = Callable[[], dict[str, wire.DeviceHealth]]


class Synchronizer:
    def __init__(self, outbox: Outbox, client: PlatformClient, cache: ReferenceCache,
                 settings: SyncSettings, *, role: wire.Role, version: str,
                 device_health: HealthProvider = dict) -> None:
        self.outbox = outbox
        self.client = client
        self.cache = cache
        self.settings = settings
        self.role = role
        self.version = version
        self.device_health = device_health
        self.last_delivery_at: datetime | None = None
        self._batch_limit = settings.batch_max_items

    # ------------------------------------------------------------ delivery
    def deliver_batch(self) -> BatchOutcome:
        """Send the next batch; raises PlatformError subclasses on failure."""
        items = self.outbox.next_batch(self._batch_limit, self.settings.batch_max_bytes)
        if not items:
            return BatchOutcome(0, 0, 0)
        self._upload_attachments(items)
        body = json.dumps({"items": [item.body for item in items]}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        try:
            reply = self.client.post_batch(body)
        except RequestRefused as error:
            return self._refused(items, error)
        ids = [item.id for item in items]
        self.outbox.record_results(reply.results, ids)
        self._batch_limit = self.settings.batch_max_items
        self.last_delivery_at = utc_now()
        dead = sum(result.status is wire.ItemStatus.REJECTED for result in reply.results)
        return BatchOutcome(len(items), len(reply.results) - dead, dead)

    def _refused(self, items: list[OutgoingItem], error: RequestRefused) -> BatchOutcome:
        """The platform refused the request as a whole: isolate the culprit."""
        if len(items) > 1:
            self._batch_limit = max(1, len(items) // 2)
            log.warning("batch of %d refused (%s); retrying in smaller batches",
                        len(items), error)
            return BatchOutcome(len(items), 0, 0)
        self.outbox.mark_dead(items[0].id, error.code or f"http_{error.status}", str(error))
        return BatchOutcome(1, 0, 1)

    def _upload_attachments(self, items: list[OutgoingItem]) -> None:
        hashes = sorted({sha for item in items for sha in item.attachments})
        if not hashes:
            return
        pending = self.outbox.attachments_to_upload(hashes)
        if not pending:
            return
        for sha256 in self.client.missing_attachments(pending):
            self.client.put_attachment(sha256, self.outbox.files.get(sha256))
        self.outbox.mark_uploaded(pending)

    def drain(self, max_batches: int | None = None) -> int:
        """Deliver until the backlog is empty; returns items answered."""
        answered = batches = 0
        while max_batches is None or batches < max_batches:
            outcome = self.deliver_batch()
            batches += 1
            if outcome.sent == 0:
                break
            answered += outcome.delivered + outcome.dead
        return answered

    # ------------------------------------------------------------ pulls
    def refresh(self) -> None:
        for name, (path, model) in published_for(self.role).items():
            value, validator = self.client.fetch(path, model, self.cache.validator(name))
            now = utc_now()
            if value is None:
                self.cache.touch(name, now)
            else:
                self.cache.put(name, value.model_dump_json(), validator, now)
        if pulls_statuses(self.role):
            self._pull_statuses()

    def _pull_statuses(self) -> None:
        cursor = self.cache.validator(STATUS_CURSOR)
        while True:
            page = self.client.statuses(cursor, STATUS_PAGE)
            self.cache.put_statuses(page.items, page.cursor, utc_now())
            cursor = page.cursor
            if len(page.items) < STATUS_PAGE:
                return

    # ------------------------------------------------------------ heartbeat
    def heartbeat(self) -> None:
        self.client.heartbeat(wire.Heartbeat(
            version=self.version, role=self.role, backlog=self.outbox.backlog(),
            dead_letters=self.outbox.dead_count(),
            free_disk_bytes=shutil.disk_usage(self.outbox.database.path.parent).free,
            devices=self.device_health(), last_delivery_at=self.last_delivery_at,
        ))

    def purge(self) -> int:
        return self.outbox.purge(self.settings.retention)
