"""Sealed, purged, rotated backups; `reception-sync restore` and `salvage` on
real SQLite files damaged the way disks damage them."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sync.crypto import Sealer
from sync.maintenance import StoreMaintenance
from sync.outbox import DEAD, PENDING, UNDECRYPTABLE
from sync.protocol.models import ItemResult, ItemStatus
from sync.store.backup import BackupSet
from sync.synchronizer import SyncSettings
from sync.worker import SyncWorker
from tests.sync.helpers import (
    Configured,
    SteppingClock,
    application,
    configure,
    flip_personal_byte,
    make_outbox,
    make_terminal,
)

SECRET_NAME = "张三丰"


def test_a_backup_is_sealed_purged_and_private(tmp_path: Path) -> None:
    clock = SteppingClock(datetime(2026, 11, 25, 9, tzinfo=UTC))
    outbox = make_outbox(tmp_path, clock=clock)
    delivered = [outbox.submit(application(n)).id for n in range(10)]
    waiting = [outbox.submit(application(n)).id for n in range(10, 15)]
    outbox.record_results([ItemResult(id=i, status=ItemStatus.ACCEPTED) for i in delivered],
                          delivered)
    with outbox.database.read() as connection:
        sealed_of_delivered = [bytes(row[0]) for row in connection.execute(text(
            "SELECT personal FROM records WHERE id IN :ids").bindparams(
                __import__("sqlalchemy").bindparam("ids", expanding=True)),
            {"ids": delivered})]
    backups = BackupSet(tmp_path / "backups", Sealer(b"k" * 32), clock=clock)
    backup = backups.make(outbox.database.path)

    assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backups.folder.stat().st_mode) == 0o700
    raw = backup.path.read_bytes()
    assert b"MZ-001" not in raw and b"RC-20261125" not in raw  # sealed as a whole
    backups.open_into(backup, tmp_path / "opened.db")
    plain = (tmp_path / "opened.db").read_bytes()
    assert all(blob not in plain for blob in sealed_of_delivered)  # not even in free pages
    with sqlite3.connect(tmp_path / "opened.db") as copy:
        rows = dict(copy.execute("SELECT id, personal IS NOT NULL FROM records").fetchall())
    assert rows == {**{i: 0 for i in delivered}, **{i: 1 for i in waiting}}
    opened = make_outbox(tmp_path / "check", key=b"k" * 32)
    opened.database.close()


def test_backups_are_rotated_and_never_outlive_the_retention(tmp_path: Path) -> None:
    clock = SteppingClock(datetime(2026, 11, 25, 9, tzinfo=UTC))
    outbox = make_outbox(tmp_path, clock=clock)
    outbox.submit(application(1))
    backups = BackupSet(tmp_path / "backups", Sealer(b"k" * 32), keep=3,
                        retention=timedelta(days=2), clock=clock)
    made = []
    for _ in range(5):
        made.append(backups.make(outbox.database.path).name)
        clock.now += timedelta(hours=6)
    assert [backup.name for backup in backups.list()] == made[:1:-1]  # the newest 3
    (backups.folder / ".terminal-x.backup.tmp").write_bytes(b"left by a kill")
    clock.now += timedelta(days=2, hours=1)
    import os

    os.utime(backups.folder / ".terminal-x.backup.tmp", (0, 0))
    backups.rotate()
    assert backups.list() == [] and not list(backups.folder.iterdir())


def test_a_truncated_or_foreign_backup_is_refused(tmp_path: Path) -> None:
    outbox = make_outbox(tmp_path)
    outbox.submit(application(1))
    backups = BackupSet(tmp_path / "backups", Sealer(b"k" * 32))
    backup = backups.make(outbox.database.path)
    from sync.store.backup import Backup, BackupError

    foreign = BackupSet(tmp_path / "backups", Sealer(b"z" * 32))
    with pytest.raises(BackupError, match="another terminal's key"):
        foreign.open_into(backup, tmp_path / "a.db")
    cut = tmp_path / "cut.backup"
    cut.write_bytes(backup.path.read_bytes()[:-100])
    with pytest.raises(BackupError, match=r"truncated|cannot be decrypted"):
        backups.open_into(Backup(cut, backup.taken_at), tmp_path / "b.db")


@pytest.mark.log_warnings(r"platform unreachable")
def test_the_sync_worker_backs_up_on_schedule_while_offline(qtbot: QtBot,
                                                            tmp_path: Path) -> None:
    terminal = make_terminal(tmp_path / "t", "http://127.0.0.1:9", "K01", b"s" * 32,
                             settings=SyncSettings(poll_interval=0.05, backoff_base=0.02,
                                                   backoff_cap=0.05), read_timeout=0.5)
    terminal.outbox.submit(application(1))
    backups = BackupSet(tmp_path / "backups", Sealer(b"k" * 32), keep=2)
    terminal.sync.maintenance = StoreMaintenance(
        terminal.outbox, backups, retention=timedelta(days=30),
        backup_interval=timedelta(milliseconds=200))
    worker = SyncWorker(terminal.sync)
    worker.start()
    try:
        qtbot.waitUntil(lambda: len(backups.list()) == 2, timeout=20_000)
        first = backups.list()[-1].name
        qtbot.waitUntil(lambda: backups.list()[-1].name != first, timeout=20_000)
    finally:
        worker.stop()
        terminal.close()
    assert len(backups.list()) == 2  # rotated: never more than `keep`


# ------------------------------------------------------------------ restore
def _terminal_with_backup(tmp_path: Path) -> tuple[Configured, list[str]]:
    configured = configure(tmp_path, backup_keep=3)
    runtime = configured.open()
    ids = [runtime.outbox.submit(application(n)).id for n in range(20)]
    runtime.backups.make(runtime.database.path)
    ids += [runtime.outbox.submit(application(n)).id for n in range(20, 25)]
    runtime.close()
    return configured, ids


def test_restore_puts_the_newest_backup_back(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    configured, _ = _terminal_with_backup(tmp_path)
    configured.database.unlink()
    assert configured.cli("status") == 2
    assert "reception-sync restore" in capsys.readouterr().err

    assert configured.cli("restore", "--list") == 0
    assert "1 backup(s)" in capsys.readouterr().out
    assert configured.cli("restore") == 0
    out = capsys.readouterr().out
    assert "records: 20 (pending 20, delivered 0, dead 0)" in out
    assert "records 21-25 (5) were committed after this backup and are not in it" in out
    assert "the store opens again" in out

    runtime = configured.open()
    try:
        assert runtime.outbox.backlog() == 20
        assert runtime.database.high_water() == 25  # numbers 21-25 are never reused
        assert runtime.outbox.submit(application(99)).seq == 26
        from datetime import date

        from sync.tracking import TrackingCounter

        counter = TrackingCounter(runtime.database, "K01")
        assert counter.next_sequence(date.today()) > 1000  # today's numbers skip ahead
    finally:
        runtime.close()


def test_restore_refuses_while_the_terminal_runs(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import os
    import socket

    configured, _ = _terminal_with_backup(tmp_path)
    (configured.data_dir / "reception-kiosk.lock").write_text(
        f"{os.getpid()}\nreception-kiosk\n{socket.gethostname()}\n")
    assert configured.cli("restore") == 2
    assert "Stop it first" in capsys.readouterr().err
    assert configured.database.exists()


# ------------------------------------------------------------------ salvage
def _leaf_pages(database: Path) -> list[int]:
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = 'records' AND pagetype = 'leaf' "
            "ORDER BY path")]


def _scribble(database: Path, page: int) -> None:
    data = bytearray(database.read_bytes())
    start = (page - 1) * 4096
    data[start + 8: start + 4096] = b"\xa5" * (4096 - 8)
    database.write_bytes(bytes(data))


def test_salvage_recovers_every_readable_record_and_names_the_lost(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configured = configure(tmp_path)
    runtime = configured.open()
    outbox = runtime.outbox
    ids = [outbox.submit(application(n)).id for n in range(300)]
    delivered = ids[:50]
    outbox.record_results([ItemResult(id=i, status=ItemStatus.ACCEPTED) for i in delivered],
                          delivered)
    runtime.backups.make(runtime.database.path)  # holds records 1-300
    ids += [outbox.submit(application(n)).id for n in range(300, 400)]
    runtime.close()
    database = configured.database
    flip_personal_byte(database, 301)  # one sealed blob damaged after the backup,
    # far from the pages scribbled below
    with sqlite3.connect(database) as connection:  # every page in the file, none in a WAL
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    leaves = _leaf_pages(database)
    early = next(p for p in leaves[len(leaves) // 4:])  # records the backup holds
    late = leaves[-3]  # records only this file holds
    _scribble(database, early)
    _scribble(database, late)

    assert configured.cli("status") == 2
    assert "failed its integrity check" in capsys.readouterr().err
    assert configured.cli("salvage") == 0
    out = capsys.readouterr().out
    assert "from terminal.db: " in out and "unreadable (numbers" in out
    assert "from backup terminal-" in out
    assert "set aside as damaged: number 301" in out
    lost_line = next(line for line in out.splitlines() if line.startswith("lost:"))
    moved = list(configured.data_dir.glob("terminal.db.damaged-*"))
    assert moved and "moved aside" in out

    runtime = configured.open()
    try:
        with runtime.database.read() as connection:
            kept = dict(connection.execute(text(
                "SELECT r.seq, o.state FROM records r JOIN outbox o ON o.seq = r.seq")).all())
        lost = set(range(1, 401)) - set(kept)
        assert lost and all(seq > 300 for seq in lost)  # the backup filled the early hole
        assert lost_line == f"lost: {len(lost)} record(s) readable nowhere (numbers " \
                            f"{min(lost)}-{max(lost)})"
        assert all(kept[seq] == "delivered" for seq in range(1, 51))
        assert kept[301] == DEAD and all(kept[s] == PENDING for s in kept if 50 < s != 301)
        [letter] = runtime.outbox.dead_letters()
        assert letter.seq == 301 and letter.code == UNDECRYPTABLE and letter.local
        for seq in (51, 200, 399):  # what was recovered is what was submitted
            loaded = runtime.outbox.load(ids[seq - 1])
            assert loaded.applicant.name == SECRET_NAME
            assert loaded.tracking_number == application(seq - 1).tracking_number
        assert runtime.database.high_water() == 400
    finally:
        runtime.close()
    [damaged] = [path for path in moved if not path.name.endswith(("-wal", "-shm"))]
    assert damaged.stat().st_size > 0  # the damaged file is kept, never deleted (its
    # emptied -wal beside it came first in the folder's order on some machines)


def test_salvage_with_nothing_readable_is_a_new_store_said_out_loud(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    configured = configure(tmp_path)
    runtime = configured.open()
    for n in range(5):
        runtime.outbox.submit(application(n))
    runtime.close()
    configured.database.write_bytes(b"")
    assert configured.cli("salvage") == 0
    out = capsys.readouterr().out
    assert "from terminal.db: 0 record(s) read" in out and "empty (0 bytes)" in out
    assert "lost: 5 record(s) readable nowhere (numbers 1-5)" in out
    runtime = configured.open()
    assert runtime.outbox.backlog() == 0 and runtime.outbox.submit(application(9)).seq == 6
    runtime.close()
