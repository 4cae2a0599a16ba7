"""The ways back from a damaged, emptied or lost store.

`restore` puts a sealed backup back in place of the database. `salvage`
builds a new store from every record still readable in the damaged file (and
its write-ahead log), in the newest backup and in any other copy named, and
reports what could not be read. Neither deletes anything: the damaged files
are moved aside, named `terminal.db.damaged-<time>`.

After either, record numbers go on above the highest ever committed, today's
tracking numbers skip ahead by `TRACKING_GAP` (numbers handed out after the
copy was taken must not be handed out twice) and ticket numbers leased for
offline use are retired (the platform leases fresh ones).

Run them with the terminal stopped; they refuse while it runs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sync.crypto import Sealer
from sync.outbox import (
    DEAD,
    DELIVERED,
    PENDING,
    UNREADABLE,
    RecordDamaged,
    open_payload,
    verify_checksum,
)
from sync.store.backup import Backup, BackupError, BackupSet, is_backup, unseal_file
from sync.store.database import Database, StoreError, migrate, wal_path
from sync.store.files import AttachmentFiles
from sync.store.marker import StoreMarker
from sync.store.private import fsync_directory, private_folder
from sync.store.schema import utc_text

TRACKING_GAP = 1000
_TRACKING = re.compile(r"^RC-(\d{8})-([A-Z][A-Z0-9]{1,7})-(\d{5})$")
_STATE_RANK = {PENDING: 1, DEAD: 2, DELIVERED: 3}
RECORD_COLUMNS = ("seq", "id", "kind", "created_at", "corrects", "payload", "personal",
                  "sealed_at", "purged_at", "checksum")
OUTBOX_COLUMNS = ("seq", "state", "size", "attempts", "delivered_at", "result", "error_code",
                  "error_reason")
COPIED_TABLES = ("caches", "application_statuses", "kiosk_bookings", "ticket_leases",
                 "store_meta")


class RecoveryError(StoreError):
    """Recovery cannot go ahead; the message says why and what to do."""


def running_terminal(data_dir: Path) -> str | None:
    """A terminal holding its single-instance lock on `data_dir`, if any."""
    for lock in sorted(data_dir.glob("*.lock")):
        try:
            pid_text, _app, host = [*lock.read_text("utf-8").splitlines(), "", ""][:3]
            pid = int(pid_text)
        except (OSError, ValueError):
            continue
        if host and host != socket.gethostname():
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        except PermissionError:
            pass
        return f"{lock.stem} (process {pid})"
    return None


def _refuse_while_running(data_dir: Path) -> None:
    running = running_terminal(data_dir)
    if running is not None:
        raise RecoveryError(f"The terminal is running on {data_dir}: {running}. Stop it first "
                            f"(e.g. `systemctl stop reception-kiosk`), then run this again.")


def _stamp(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%S}Z"


def move_aside(path: Path, now: datetime) -> list[Path]:
    """Rename the database and its -wal/-shm to `<name>.damaged-<time>`."""
    moved = []
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            target = path.with_name(f"{path.name}.damaged-{_stamp(now)}{suffix}")
            os.replace(source, target)
            moved.append(target)
    return moved


def _install(new: Path, path: Path) -> None:
    os.replace(new, path)
    fsync_directory(path.parent)


def _ranges(numbers: Iterable[int]) -> str:
    """1, 2, 3, 7 -> "1-3, 7"."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _integrity(path: Path) -> list[str]:
    try:
        with closing(sqlite3.connect(path)) as connection:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    return [] if rows == [("ok",)] else [str(row[0]) for row in rows[:5]]


def _after_recovery(connection: sqlite3.Connection, high_water: int, now: datetime) -> None:
    """Never reuse a record number, today's tracking numbers, or leased tickets."""
    current = connection.execute(
        "SELECT seq FROM sqlite_sequence WHERE name = 'records'").fetchone()
    if current is None:
        connection.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('records', ?)",
                           (high_water,))
    elif current[0] < high_water:
        connection.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'records'",
                           (high_water,))
    today = f"{now.astimezone():%Y%m%d}"
    issued: dict[str, int] = {}
    for name, day, value in connection.execute("SELECT name, day, value FROM counters"):
        issued[name] = max(issued.get(name, 0), value if day == today else 0)
    for (payload,) in connection.execute("SELECT payload FROM records"):
        number = _tracking_number(payload)
        if number is not None:
            name, day, value = number
            issued[name] = max(issued.get(name, 0), value if day == today else 0)
    for name, value in issued.items():
        connection.execute(
            "INSERT INTO counters (name, day, value) VALUES (?, ?, ?) "
            "ON CONFLICT (name, day) DO UPDATE SET value = excluded.value",
            (name, today, value + TRACKING_GAP))
    connection.execute("UPDATE ticket_leases SET used_at = ? WHERE used_at IS NULL",
                       (utc_text(now),))


def _tracking_number(payload: Any) -> tuple[str, str, int] | None:
    try:
        number = json.loads(payload).get("tracking_number")
    except (TypeError, ValueError, AttributeError):
        return None
    match = _TRACKING.match(number) if isinstance(number, str) else None
    if match is None:
        return None
    return f"tracking:{match[2]}", match[1], int(match[3])


def _counts(connection: sqlite3.Connection) -> Counter[str]:
    return Counter(dict(connection.execute(
        "SELECT state, count(*) FROM outbox GROUP BY state").fetchall()))


def _describe(counts: Counter[str]) -> str:
    total = sum(counts.values())
    parts = ", ".join(f"{state} {counts.get(state, 0)}" for state in (PENDING, DELIVERED, DEAD))
    return f"{total} ({parts})"


# ---------------------------------------------------------------- restore
@dataclass
class RestoreReport:
    backup: Backup
    database: Path
    counts: Counter[str]
    backup_high_water: int
    committed_high_water: int
    moved_aside: list[Path]

    def lines(self) -> list[str]:
        lines = [f"restored {self.backup.name} (taken {self.backup.taken_at:%Y-%m-%d %H:%M:%S} "
                 f"UTC) into {self.database}",
                 f"records: {_describe(self.counts)}"]
        missing = self.committed_high_water - self.backup_high_water
        if missing > 0:
            lines.append(f"records {self.backup_high_water + 1}-{self.committed_high_water} "
                         f"({missing}) were committed after this backup and are not in it")
            if self.moved_aside:
                lines.append(f"  to recover those still readable in the damaged file: "
                             f"reception-sync salvage --from {self.moved_aside[0]}")
        for path in self.moved_aside:
            lines.append(f"moved aside: {path}")
        lines.append(f"today's tracking numbers skip {TRACKING_GAP} ahead; ticket numbers "
                     f"leased for offline use were retired")
        return lines


def restore(database: Path, backups: BackupSet, backup: Backup, *,
            marker: StoreMarker | None, now: datetime | None = None) -> RestoreReport:
    now = now or datetime.now(UTC)
    _refuse_while_running(database.parent)
    private_folder(database.parent)
    temporary = database.with_name(f".{database.name}.restore.tmp")
    backups.open_into(backup, temporary)
    try:
        problems = _integrity(temporary)
        if problems:
            raise BackupError(f"{backup.name} fails its integrity check ({'; '.join(problems)}): "
                              f"choose an older one (`reception-sync restore --list`).")
        state = marker.read() if marker is not None else None
        committed = state.high_water if state is not None else 0
        with closing(sqlite3.connect(temporary, isolation_level=None)) as connection:
            row = connection.execute(
                "SELECT seq FROM sqlite_sequence WHERE name = 'records'").fetchone()
            backup_high = int(row[0]) if row else 0
            counts = _counts(connection)
            connection.execute("BEGIN")
            _after_recovery(connection, max(committed, backup_high), now)
            connection.execute("COMMIT")
        moved = move_aside(database, now)
        _install(temporary, database)
    finally:
        temporary.unlink(missing_ok=True)
    if marker is not None:
        marker.create(max(committed, backup_high))
    return RestoreReport(backup, database, counts, backup_high, committed, moved)


# ---------------------------------------------------------------- salvage
@dataclass
class SourceReport:
    label: str
    read: int = 0
    unreadable: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Version:
    row: dict[str, Any]
    damage: RecordDamaged | None
    outbox: dict[str, Any] | None
    links: list[str] | None


@dataclass
class _Source:
    report: SourceReport
    records: dict[int, _Version] = field(default_factory=dict)
    attachments: dict[str, dict[str, Any]] = field(default_factory=dict)
    counters: list[dict[str, Any]] = field(default_factory=list)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    upper: int = 0


class _Reader:
    """Queries on a damaged SQLite copy: each failure is one query's, not the reader's."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path, isolation_level=None)
        self.connection.row_factory = sqlite3.Row

    def rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[dict[str, Any]] | None:
        try:
            return [dict(row) for row in self.connection.execute(sql, parameters)]
        except sqlite3.DatabaseError:
            return None

    def columns(self, table: str) -> set[str]:
        rows = self.rows(f"PRAGMA table_info({table})")
        return {row["name"] for row in rows or []}

    def close(self) -> None:
        self.connection.close()


def _select(columns: Sequence[str], present: set[str], table: str) -> str:
    chosen = ", ".join(name if name in present else f"NULL AS {name}" for name in columns)
    return f"SELECT {chosen} FROM {table}"


def _read_source(path: Path, label: str, sealer: Sealer, high_water: int) -> _Source:
    source = _Source(SourceReport(label))
    reader = _Reader(path)
    try:
        _read_records(reader, source, sealer, high_water)
        if not source.records and not source.report.unreadable:
            return source
        _read_links(reader, source)
        found = reader.rows("SELECT sha256, size, media_type, uploaded_at, purged_at "
                            "FROM attachments")
        if found is None:
            source.report.notes.append("attachment list unreadable: rebuilt from the files")
            found = []
        source.attachments = {row["sha256"]: row for row in found}
        counters = reader.rows("SELECT name, day, value FROM counters")
        if counters is None:
            source.report.notes.append("tracking counters unreadable: taken from the records")
        source.counters = counters or []
        for table in COPIED_TABLES:
            if not reader.columns(table):
                continue
            rows = reader.rows(f"SELECT * FROM {table}")
            if rows is None:
                source.report.notes.append(f"table {table} unreadable: left out")
            else:
                source.tables[table] = rows
    finally:
        reader.close()
    return source


def _read_records(reader: _Reader, source: _Source, sealer: Sealer, high_water: int) -> None:
    present = reader.columns("records")
    if not present:
        source.report.notes.append("empty (0 bytes)" if _empty(reader) else
                                   "unreadable as a whole (no readable table of records)")
        return
    select = _select(RECORD_COLUMNS, present, "records")
    rows = reader.rows(select + " ORDER BY seq")
    if rows is None:  # a damaged page: one record at a time
        bounds = [high_water]
        for query in ("SELECT seq AS n FROM sqlite_sequence WHERE name = 'records'",
                      "SELECT max(seq) AS n FROM records"):
            found = reader.rows(query)
            if found and found[0]["n"] is not None:
                bounds.append(int(found[0]["n"]))
        rows = []
        for seq in range(1, max(bounds) + 1):
            found = reader.rows(select + " WHERE seq = ?", (seq,))
            if found is None:
                source.report.unreadable.append(seq)
            else:
                rows.extend(found)
    outbox_present = reader.columns("outbox")
    outbox_select = _select(OUTBOX_COLUMNS, outbox_present, "outbox")
    entries = reader.rows(outbox_select)
    by_seq = {row["seq"]: row for row in entries} if entries is not None else None
    for row in rows:
        seq = row["seq"]
        entry = by_seq.get(seq) if by_seq is not None else _one(
            reader.rows(outbox_select + " WHERE seq = ?", (seq,)))
        source.records[seq] = _Version(row, _damage(row, sealer), entry, None)
    source.report.read = len(source.records)
    source.upper = max([*source.records, *source.report.unreadable, 0])


def _empty(reader: _Reader) -> bool:
    rows = reader.rows("PRAGMA page_count")
    return bool(rows) and next(iter(rows[0].values())) == 0


def _one(rows: list[dict[str, Any]] | None) -> dict[str, Any] | None:
    return rows[0] if rows else None


def _damage(row: dict[str, Any], sealer: Sealer) -> RecordDamaged | None:
    try:
        payload = open_payload(sealer, row["id"], row["payload"], row["personal"])
        if row["purged_at"] is None:
            verify_checksum(payload, row["checksum"])
    except RecordDamaged as damage:
        return damage
    return None


def _read_links(reader: _Reader, source: _Source) -> None:
    links = reader.rows("SELECT seq, sha256 FROM record_attachments ORDER BY seq, sha256")
    if links is not None:
        grouped: dict[int, list[str]] = {seq: [] for seq in source.records}
        for link in links:
            grouped.setdefault(link["seq"], []).append(link["sha256"])
        for seq, version in source.records.items():
            version.links = grouped.get(seq, [])
        return
    for seq, version in source.records.items():
        found = reader.rows("SELECT sha256 FROM record_attachments WHERE seq = ? "
                            "ORDER BY sha256", (seq,))
        version.links = None if found is None else [row["sha256"] for row in found]


@dataclass
class SalvageReport:
    database: Path
    sources: list[SourceReport]
    counts: Counter[str]
    set_aside: list[tuple[int, str, str]]
    lost: list[int]
    moved_aside: list[Path]

    def lines(self) -> list[str]:
        lines = [f"salvaged into {self.database}"]
        for report in self.sources:
            line = f"  from {report.label}: {report.read} record(s) read"
            if report.unreadable:
                line += (f", {len(report.unreadable)} unreadable (numbers "
                         f"{_ranges(report.unreadable)})")
            lines.append(line)
            lines.extend(f"    {note}" for note in report.notes)
        lines.append(f"records: {_describe(self.counts)}")
        for seq, record_id, reason in self.set_aside:
            lines.append(f"  set aside as damaged: number {seq} {record_id}: {reason}")
        if self.lost:
            lines.append(f"lost: {len(self.lost)} record(s) readable nowhere (numbers "
                         f"{_ranges(self.lost)})")
        else:
            lines.append("lost: none")
        for path in self.moved_aside:
            lines.append(f"moved aside: {path}")
        lines.append(f"today's tracking numbers skip {TRACKING_GAP} ahead; ticket numbers "
                     f"leased for offline use were retired")
        return lines


def salvage(database: Path, sealer: Sealer, files: AttachmentFiles, *,
            extra_sources: Sequence[Path] = (), backups: BackupSet | None = None,
            marker: StoreMarker | None, now: datetime | None = None) -> SalvageReport:
    """Build a new store from every readable record of the damaged `database`,
    `extra_sources` (plain SQLite copies) and the newest backup in `backups`."""
    now = now or datetime.now(UTC)
    data_dir = database.parent
    _refuse_while_running(data_dir)
    state = marker.read() if marker is not None else None
    high_water = state.high_water if state is not None else 0
    work = private_folder(data_dir / f".salvage-{_stamp(now)}")
    try:
        sources = []
        for index, path in enumerate([database, *extra_sources]):
            if index > 0 and is_backup(path):
                copy = work / f"source-{index}.db"
                unseal_file(path, copy, sealer)
                sources.append(_read_source(copy, f"backup {path.name}", sealer, high_water))
                continue
            copy = _copy_source(path, work / f"source-{index}.db")
            if copy is None:
                if index > 0:
                    raise RecoveryError(f"No database at {path}.")
                continue
            sources.append(_read_source(copy, path.name, sealer, high_water))
        newest = backups.newest() if backups is not None else None
        if newest is not None:
            plain = work / "backup.db"
            try:
                backups.open_into(newest, plain)  # type: ignore[union-attr]
            except BackupError as error:
                sources.append(_Source(SourceReport(f"backup {newest.name}",
                                                    notes=[str(error)])))
            else:
                sources.append(_read_source(plain, f"backup {newest.name}", sealer, high_water))
        temporary = data_dir / f".{database.name}.salvage.tmp"
        temporary.unlink(missing_ok=True)
        try:
            counts, set_aside, top = _build(temporary, sources, files, now)
            ceiling = max([high_water, top, *(source.upper for source in sources)])
            lost = sorted(set(range(1, ceiling + 1)) - _kept_seqs(temporary))
            with closing(sqlite3.connect(temporary, isolation_level=None)) as connection:
                connection.execute("BEGIN")
                _after_recovery(connection, ceiling, now)
                connection.execute("COMMIT")
            moved = move_aside(database, now)
            _install(temporary, database)
        finally:
            temporary.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm", "-journal"):
                temporary.with_name(temporary.name + suffix).unlink(missing_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if marker is not None:
        marker.create(ceiling)
    return SalvageReport(database, [source.report for source in sources], counts, set_aside,
                         lost, moved)


def _copy_source(path: Path, target: Path) -> Path | None:
    """Copy a database and its -wal (never touching the originals); None if absent."""
    if not path.exists() and not wal_path(path).exists():
        return None
    for suffix in ("", "-wal"):
        origin = path.with_name(path.name + suffix)
        if origin.exists():
            shutil.copyfile(origin, target.with_name(target.name + suffix))
            os.chmod(target.with_name(target.name + suffix), 0o600)
    if not target.exists():
        target.touch(mode=0o600)
    return target


def _kept_seqs(path: Path) -> set[int]:
    with closing(sqlite3.connect(path)) as connection:
        return {row[0] for row in connection.execute("SELECT seq FROM records")}


def _best(versions: list[_Version]) -> _Version:
    """The first whole version, else the first readable one."""
    for version in versions:
        if version.damage is None:
            return version
    return versions[0]


def _build(path: Path, sources: list[_Source], files: AttachmentFiles,
           now: datetime) -> tuple[Counter[str], list[tuple[int, str, str]], int]:
    fresh = Database(path)
    try:
        migrate(fresh)
    finally:
        fresh.close()
    records, entries, links, set_aside = [], [], [], []
    ids: set[str] = set()
    needed: set[str] = set()
    for seq in sorted({seq for source in sources for seq in source.records}):
        versions = [source.records[seq] for source in sources if seq in source.records]
        best = _best(versions)
        if best.row["id"] in ids:
            continue
        ids.add(best.row["id"])
        readable = [v.outbox for v in versions if v.outbox is not None]
        entry = dict(max(readable, key=lambda e: _STATE_RANK.get(e["state"], 0))) if readable \
            else {"seq": seq, "state": PENDING, "size": _size(best.row), "attempts": 0,
                  "delivered_at": None, "result": None, "error_code": None,
                  "error_reason": None}
        linked = best.links if best.links is not None else next(
            (v.links for v in versions if v.links is not None), None)
        problem = (best.damage.code, str(best.damage)) if best.damage is not None else None
        if linked is None:
            linked = []
            problem = problem or (UNREADABLE, "its list of attachments is unreadable")
        if problem is not None and entry["state"] == PENDING:
            entry.update(state=DEAD, error_code=problem[0], error_reason=problem[1])
            set_aside.append((seq, best.row["id"], problem[1]))
        records.append(best.row)
        entries.append(entry)
        links.extend({"seq": seq, "sha256": sha} for sha in linked)
        needed.update(linked)
    attachments = _attachments(sources, needed, files)
    counters: dict[tuple[str, str], int] = {}
    for source in sources:
        for row in source.counters:
            key = (row["name"], row["day"])
            counters[key] = max(counters.get(key, 0), row["value"])
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("BEGIN")
        _insert(connection, "records", records)
        _insert(connection, "outbox", entries)
        _insert(connection, "attachments", attachments)
        _insert(connection, "record_attachments", links)
        _insert(connection, "counters", [{"name": name, "day": day, "value": value}
                                         for (name, day), value in counters.items()])
        for table in COPIED_TABLES:
            rows = next((source.tables[table] for source in sources if table in source.tables),
                        [])
            _insert(connection, table, rows, ignore=True)
        # copies from before free text was sealed: the runtime seals it on start
        connection.execute("INSERT OR IGNORE INTO store_meta (key, value) "
                           "VALUES ('reseal_free_text', '1')")
        connection.execute("COMMIT")
        counts = _counts(connection)
    return counts, set_aside, max((row["seq"] for row in records), default=0)


def _size(row: dict[str, Any]) -> int:
    return len(str(row["payload"]).encode("utf-8")) + len(row["personal"] or b"") + 200


def _attachments(sources: list[_Source], needed: set[str],
                 files: AttachmentFiles) -> list[dict[str, Any]]:
    rows = []
    for sha256 in sorted(needed):
        known = [source.attachments[sha256] for source in sources
                 if sha256 in source.attachments]
        if known:
            rows.append(max(known, key=lambda row: row["uploaded_at"] is not None))
            continue
        path = files.path_for(sha256)
        try:
            size = len(files.get(sha256))
        except Exception:  # missing or damaged: delivery sets its records aside
            size = path.stat().st_size if path.exists() else 0
        rows.append({"sha256": sha256, "size": size, "media_type": "application/octet-stream",
                     "uploaded_at": None, "purged_at": None})
    return rows


def _insert(connection: sqlite3.Connection, table: str, rows: list[dict[str, Any]], *,
            ignore: bool = False) -> None:
    if not rows:
        return
    columns = list(rows[0])
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    connection.executemany(
        f"{verb} INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(':' + name for name in columns)})", rows)
