"""Sealed online backups of the store.

A backup is taken with SQLite's backup API while the terminal runs (a
consistent snapshot, write-ahead log included), then, in the copy and before
it is sealed, the personal data of every record already delivered is dropped
and the file vacuumed, so no purged byte survives in a free page. The copy is
encrypted with the store's own key in 1 MiB chunks (AES-GCM; each chunk bound
to its index and to whether it is the last, so a truncated or reordered file
is refused) and renamed into place, 0600 in a 0700 folder.

What a backup still holds personal data for was undelivered when it was
taken; the live store keeps that data until delivery plus the retention
period, so deleting every backup older than the retention period keeps
backups within the same rule. Beyond that, only the newest `keep` are kept.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sync.crypto import DecryptionError, Sealer
from sync.store.database import StoreError, StoreFullError
from sync.store.private import create_private, fsync_directory, private_folder

log = logging.getLogger("sync.store.backup")
MAGIC = b"RECEPTION-STORE-BACKUP 1\n"
CHUNK = 1 << 20
SUFFIX = ".backup"
_NAME = re.compile(r"^terminal-(\d{8}T\d{6})\.(\d{3})Z\.backup$")
STALE_TEMPORARY = timedelta(hours=1)


class BackupError(StoreError):
    """A backup cannot be made, found or opened; the message says why."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime

    @property
    def name(self) -> str:
        return self.path.name


def _aad(index: int, last: bool) -> bytes:
    return MAGIC + index.to_bytes(8, "big") + (b"\x01" if last else b"\x00")


def seal_file(source: Path, target: Path, sealer: Sealer) -> None:
    size = source.stat().st_size
    with open(source, "rb") as plain, os.fdopen(create_private(target), "wb") as out:
        out.write(MAGIC)
        index = 0
        while True:
            chunk = plain.read(CHUNK)
            last = plain.tell() >= size
            sealed = sealer.seal(chunk, _aad(index, last))
            out.write(len(sealed).to_bytes(4, "big"))
            out.write(sealed)
            index += 1
            if last:
                break
        out.flush()
        os.fsync(out.fileno())


def is_backup(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def unseal_file(source: Path, target: Path, sealer: Sealer) -> None:
    total = source.stat().st_size
    with open(source, "rb") as sealed, os.fdopen(create_private(target), "wb") as out:
        if sealed.read(len(MAGIC)) != MAGIC:
            raise BackupError(f"{source} is not a backup of a terminal's store.")
        index = 0
        while True:
            header = sealed.read(4)
            length = int.from_bytes(header, "big") if len(header) == 4 else -1
            blob = sealed.read(length) if length > 0 else b""
            if length <= 0 or len(blob) < length:
                raise BackupError(f"{source} is truncated: it cannot be restored.")
            last = sealed.tell() == total
            try:
                out.write(sealer.open(blob, _aad(index, last)))
            except DecryptionError as error:
                raise BackupError(
                    f"{source} cannot be decrypted: it is damaged, or it was made with "
                    f"another terminal's key.") from error
            index += 1
            if last:
                break
        out.flush()
        os.fsync(out.fileno())


def purge_copy(path: Path, stamp: str) -> int:
    """In a plain copy: drop delivered records' personal data, vacuum; return how many."""
    with closing(sqlite3.connect(path, isolation_level=None)) as copy:
        copy.execute("PRAGMA journal_mode=DELETE")
        copy.execute("PRAGMA secure_delete=ON")
        purged = copy.execute(
            "UPDATE records SET personal = NULL, purged_at = ? WHERE personal IS NOT NULL "
            "AND seq IN (SELECT seq FROM outbox WHERE state = 'delivered')", (stamp,)).rowcount
        copy.execute("VACUUM")
    return purged


class BackupSet:
    """The sealed backups in one folder: made, listed, rotated, opened."""

    def __init__(self, folder: Path, sealer: Sealer, *, keep: int = 8,
                 retention: timedelta = timedelta(days=30),
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.folder = folder
        self._sealer = sealer
        self.keep = keep
        self.retention = retention
        self._clock = clock

    def list(self) -> list[Backup]:
        """Newest first."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.iterdir():
            match = _NAME.match(path.name)
            if match:
                moment = datetime.strptime(match[1], "%Y%m%dT%H%M%S").replace(
                    microsecond=int(match[2]) * 1000, tzinfo=UTC)
                found.append(Backup(path, moment))
        return sorted(found, key=lambda backup: backup.taken_at, reverse=True)

    def newest(self) -> Backup | None:
        backups = self.list()
        return backups[0] if backups else None

    def find(self, name: str) -> Backup:
        """A backup by file name or path."""
        for backup in self.list():
            if name in (backup.name, str(backup.path)):
                return backup
        path = Path(name)
        if path.is_file():
            return Backup(path, datetime.fromtimestamp(path.stat().st_mtime, UTC))
        raise BackupError(f"No backup {name!r} in {self.folder} "
                          f"(`reception-sync restore --list` shows them).")

    def due(self, interval: timedelta) -> bool:
        newest = self.newest()
        return newest is None or self._clock() - newest.taken_at >= interval

    def make(self, database: Path) -> Backup:
        """Back `database` up now (it may be in use); then rotate."""
        private_folder(self.folder)
        now = self._clock()
        name = f"terminal-{now:%Y%m%dT%H%M%S}.{now.microsecond // 1000:03d}Z{SUFFIX}"
        plain = self.folder / f".{name}.plain.tmp"
        sealed = self.folder / f".{name}.tmp"
        target = self.folder / name
        try:
            os.close(create_private(plain))
            with closing(sqlite3.connect(database, timeout=30)) as source, \
                    closing(sqlite3.connect(plain)) as copy:
                source.backup(copy)
            purged = purge_copy(plain, now.isoformat(timespec="microseconds"))
            seal_file(plain, sealed, self._sealer)
            os.replace(sealed, target)
            fsync_directory(self.folder)
        except sqlite3.DatabaseError as error:
            if "full" in str(error).lower():
                raise StoreFullError(f"The terminal's disk is full: no backup could be made "
                                     f"in {self.folder}. Free space there.") from error
            raise BackupError(f"Could not back up {database}: {error}") from error
        except OSError as error:
            if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                raise StoreFullError(f"The disk is full: no backup could be made in "
                                     f"{self.folder}. Free space there.") from error
            raise BackupError(f"Could not write a backup to {self.folder}: {error}") from error
        finally:
            plain.unlink(missing_ok=True)
            sealed.unlink(missing_ok=True)
        log.info("backed the store up to %s (%d delivered records' personal data left out)",
                 target, purged)
        self.rotate()
        return Backup(target, now)

    def rotate(self) -> list[Path]:
        """Delete backups beyond `keep` or older than the retention period, and
        temporary files a killed backup left; return what was deleted."""
        now = self._clock()
        removed = []
        for index, backup in enumerate(self.list()):
            if index >= self.keep or now - backup.taken_at > self.retention:
                backup.path.unlink(missing_ok=True)
                removed.append(backup.path)
        if self.folder.is_dir():
            cutoff = (now - STALE_TEMPORARY).timestamp()
            for path in self.folder.glob(".*.tmp"):
                if path.stat().st_mtime < cutoff:
                    path.unlink(missing_ok=True)
                    removed.append(path)
        for path in removed:
            log.info("deleted old backup file %s", path)
        return removed

    def open_into(self, backup: Backup, target: Path) -> None:
        """Decrypt `backup` into the plain SQLite file `target` (0600)."""
        try:
            unseal_file(backup.path, target, self._sealer)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
