"""Local upkeep of the store, run by the sync worker every pass, online or not.

Every pass: a checkpoint (so commits do not linger in the write-ahead log,
and a full disk that keeps them there is known). Every hour: the retention
purge and the sweep of files a kill left behind. When due: a sealed backup.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from sync.outbox import Outbox
from sync.store.backup import BackupSet
from sync.store.schema import Attachment

log = logging.getLogger("sync.maintenance")
UPKEEP_EVERY = 3600.0
BACKUP_RETRY = 600.0


class StoreMaintenance:
    def __init__(self, outbox: Outbox, backups: BackupSet | None, *, retention: timedelta,
                 backup_interval: timedelta = timedelta(hours=6),
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.outbox = outbox
        self.backups = backups
        self.retention = retention
        self.backup_interval = backup_interval
        self._clock = clock
        self._next_upkeep = 0.0
        self._next_backup_try = 0.0

    def run(self) -> None:
        self.outbox.database.checkpoint()
        now = self._clock()
        if now >= self._next_upkeep:
            self.outbox.purge(self.retention)
            self.sweep()
            self._next_upkeep = now + UPKEEP_EVERY
        if self.backups is not None and now >= self._next_backup_try \
                and self.backups.due(self.backup_interval):
            self._next_backup_try = now + BACKUP_RETRY  # a failing backup waits before again
            self.backups.make(self.outbox.database.path)
            self._next_backup_try = now

    def sweep(self) -> list[Path]:
        """Delete attachment files no record needs any more (a kill between the
        file and the commit, or between a purge and the file's deletion),
        stale temporary files, and copies older versions made before a
        migration once they are past the retention period."""
        with self.outbox.database.read() as connection:
            kept = set(connection.execute(
                select(Attachment.sha256).where(Attachment.purged_at.is_(None))).scalars())
        removed = self.outbox.files.sweep(kept)
        database = self.outbox.database.path
        cutoff = time.time() - self.retention.total_seconds()
        for copy in database.parent.glob(f"{database.name}.*.bak"):
            if copy.stat().st_mtime < cutoff:
                copy.unlink(missing_ok=True)
                removed.append(copy)
        for path in removed:
            log.info("swept %s", path)
        return removed
