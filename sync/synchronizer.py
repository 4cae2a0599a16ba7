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

from sync import workdays
from sync.caches import (
    CALENDAR,
    STATUS_CURSOR,
    ReferenceCache,
    published_for,
    pulls_statuses,
)
from sync.client import PlatformClient, RequestRefused, ServerError
from sync.crypto import DecryptionError
from sync.maintenance import StoreMaintenance
from sync.outbox import UNREADABLE, Outbox, OutgoingItem, utc_now
from sync.protocol import models as wire
from sync.protocol.work_calendar import WorkCalendar

log = logging.getLogger("sync.synchronizer")
STATUS_PAGE = 500
# Consecutive 5xx answers to batches before they are split to find a culprit;
# 503 (unavailable) is the platform's state, never one record's doing.
REPEATED_SERVER_ERRORS = 3
SPLIT_ON = (500, 502, 504)
MAX_SPLIT_AFTER = 96


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
                 device_health: HealthProvider = dict,
                 maintenance: StoreMaintenance | None = None) -> None:
        self.outbox = outbox
        self.client = client
        self.cache = cache
        self.settings = settings
        self.role = role
        self.version = version
        self.device_health = device_health
        self.maintenance = maintenance or StoreMaintenance(outbox, None,
                                                           retention=settings.retention)
        self.last_delivery_at: datetime | None = None
        self._batch_limit = settings.batch_max_items
        self._server_failures = 0  # consecutive 5xx answers to batches
        self._isolating = False  # splitting batches to find the record the platform fails on
        # 5xx in a row before splitting; doubled each time every record failed alike
        self._split_after = REPEATED_SERVER_ERRORS
        if CALENDAR in published_for(role) and \
                (calendar := cache.get(CALENDAR, WorkCalendar)) is not None:
            workdays.use_calendar(calendar.value)  # the last one pulled, offline too

    # ------------------------------------------------------------ delivery
    def deliver_batch(self) -> BatchOutcome:
        """Send the next batch; raises PlatformError subclasses on failure.

        A request refused as a whole, or answered with 5xx again and again
        while the platform is otherwise up, is split in halves until the one
        record that causes it stands alone; that record becomes a dead letter
        and the others are delivered."""
        items = self._next_readable(self._batch_limit)
        if not items:
            self._end_isolation()
            return BatchOutcome(0, 0, 0)
        try:
            reply = self.client.post_batch(self._body(items))
        except RequestRefused as error:
            return self._refused(items, error)
        except ServerError as error:
            return self._server_failed(items, error)
        return self._answered(items, reply)

    @staticmethod
    def _body(items: list[OutgoingItem]) -> bytes:
        return json.dumps({"items": [item.body for item in items]}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")

    def _answered(self, items: list[OutgoingItem], reply: wire.BatchResponse) -> BatchOutcome:
        self.outbox.record_results(reply.results, [item.id for item in items])
        if not self._isolating:
            self._batch_limit = self.settings.batch_max_items
            self._server_failures = 0
        self._split_after = REPEATED_SERVER_ERRORS
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

    def _server_failed(self, items: list[OutgoingItem], error: ServerError) -> BatchOutcome:
        if error.status not in SPLIT_ON:
            raise error
        self._server_failures += 1
        if self._server_failures < self._split_after:
            raise error
        if not self._isolating:
            log.warning("the platform answered %d batches in a row with HTTP %d: splitting "
                        "them to find a record it fails on", self._server_failures, error.status)
            self._isolating = True
        if len(items) > 1:
            self._batch_limit = max(1, len(items) // 2)
            return BatchOutcome(len(items), 0, 0)
        return self._probe_past(items[0], error)

    def _probe_past(self, suspect: OutgoingItem, error: ServerError) -> BatchOutcome:
        """`suspect` alone gets 5xx: does the platform take the record after it?"""
        others = self._next_readable(1, after_seq=suspect.seq)
        if not others:
            raise error  # nothing to compare with: keep retrying with back-off
        try:
            reply = self.client.post_batch(self._body(others))
        except ServerError:
            log.warning("the platform fails on every record (HTTP %d): it is the platform, "
                        "not a record; retrying with back-off", error.status)
            self._end_isolation()
            self._split_after = min(self._split_after * 2, MAX_SPLIT_AFTER)
            raise
        except RequestRefused as refusal:
            probe = self._refused(others, refusal)
        else:
            probe = self._answered(others, reply)
        reason = (f"the platform answered HTTP {error.status} to this record again and again "
                  f"while it took the others; ask the platform's operators, then "
                  f"`reception-sync retry {suspect.id}`")
        log.error("record %s set aside: %s", suspect.id, reason)
        self.outbox.mark_dead(suspect.id, f"http_{error.status}", reason)
        self._end_isolation()
        return BatchOutcome(probe.sent + 1, probe.delivered, probe.dead + 1)

    def _end_isolation(self) -> None:
        self._isolating = False
        self._server_failures = 0
        self._batch_limit = self.settings.batch_max_items

    def _next_readable(self, limit: int, after_seq: int = 0) -> list[OutgoingItem]:
        """The next batch of records that can be sent (empty: nothing pending)."""
        while True:
            batch = self.outbox.next_batch(limit, self.settings.batch_max_bytes,
                                           after_seq=after_seq)
            items = self._readable(batch)
            if items or not batch:
                return items

    def _readable(self, items: list[OutgoingItem]) -> list[OutgoingItem]:
        """Upload the attachments the platform lacks; a record whose attachment
        file is missing or damaged is quarantined instead of sent."""
        hashes = sorted({sha for item in items for sha in item.attachments})
        if not hashes:
            return items
        pending = self.outbox.attachments_to_upload(hashes)
        missing = self.client.missing_attachments(pending) if pending else []
        broken: dict[str, str] = {}
        for sha256 in missing:
            try:
                data = self.outbox.files.get(sha256)
            except (OSError, DecryptionError) as failure:
                broken[sha256] = (f"attachment file {sha256[:12]}… cannot be read "
                                  f"({type(failure).__name__}: {failure})")
                continue
            self.client.put_attachment(sha256, data)
        self.outbox.mark_uploaded([sha for sha in pending if sha not in broken])
        if not broken:
            return items
        keep = []
        for item in items:
            faults = [broken[sha] for sha in item.attachments if sha in broken]
            if faults:
                self.outbox.quarantine(item.seq, item.id, UNREADABLE, faults[0])
            else:
                keep.append(item)
        return keep

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
                if isinstance(value, WorkCalendar):
                    workdays.use_calendar(value)  # promised dates count on the center's
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
            dead_letters=self.outbox.dead_count(), damaged_records=self.outbox.damaged_count(),
            free_disk_bytes=shutil.disk_usage(self.outbox.database.path.parent).free,
            devices=self.device_health(), last_delivery_at=self.last_delivery_at,
        ))

    def purge(self) -> int:
        return self.outbox.purge(self.settings.retention)

    def maintain(self) -> None:
        """Checkpoint, purge and sweep, back up when due (see sync.maintenance)."""
        self.maintenance.run()
