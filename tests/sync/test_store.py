"""The SQLite store: pragmas, write locking, integrity, migrations, fullness."""

from __future__ import annotations

import errno
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from sync.crypto import Sealer
from sync.store.backup import BackupSet
from sync.store.database import (
    Database,
    StoreCorruptError,
    StoreFullError,
    current_revision,
    head_revision,
    migrate,
    open_database,
)
from sync.store.files import AttachmentFiles
from tests.sync.helpers import application, make_outbox, ticket

ROOT = Path(__file__).resolve().parents[2]


def test_pragmas_are_durable(tmp_path: Path) -> None:
    database = open_database(tmp_path / "t.db")
    with database.read() as connection:
        pragma = lambda name: connection.execute(text(f"PRAGMA {name}")).scalar_one()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 5000


def test_writes_take_the_write_lock_at_begin(tmp_path: Path) -> None:
    database = open_database(tmp_path / "t.db")
    with database.write():
        other = sqlite3.connect(tmp_path / "t.db", timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_a_corrupt_file_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    outbox = make_outbox(tmp_path)
    for number in range(50):
        outbox.submit(ticket(number))
    outbox.database.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) >= 4 * page
    data[page: 3 * page] = b"\xa5" * (2 * page)  # scribble over two b-tree pages
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    with pytest.raises(StoreCorruptError, match="backup"):
        open_database(path)


def test_upgrade_from_the_first_migration_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    old = Database(path)
    migrate(old, "0001")
    assert current_revision(old.engine) == "0001"
    with old.write() as connection:
        connection.execute(text(
            "INSERT INTO records (id, kind, created_at, payload, personal) "
            "VALUES ('01900000-0000-7000-8000-000000000001', 'ticket', '2026-11-25T08:00:00', "
            "'{\"kind\":\"ticket\",\"number\":\"A001\",\"category\":\"A\"}', x'0102')"))
        connection.execute(text("INSERT INTO outbox (seq, state, size) VALUES (1, 'pending', 90)"))
    old.close()

    backup_set = BackupSet(tmp_path / "backups", Sealer(b"k" * 32))
    upgraded = open_database(path, backup=lambda database: backup_set.make(database.path))
    assert current_revision(upgraded.engine) == head_revision()
    with upgraded.read() as connection:
        row = connection.execute(text("SELECT id, payload, personal FROM records")).one()
        state = connection.execute(text("SELECT state, size FROM outbox")).one()
    assert row.id == "01900000-0000-7000-8000-000000000001"
    assert '"number":"A001"' in row.payload and row.personal == b"\x01\x02"
    assert tuple(state) == ("pending", 90)
    assert not list(tmp_path.glob("*.bak"))  # no plain copy beside the database any more
    [backup] = backup_set.list()  # a sealed one, under the backups' rotation and retention
    assert b"A001" not in backup.path.read_bytes()
    backup_set.open_into(backup, tmp_path / "opened.db")
    with sqlite3.connect(tmp_path / "opened.db") as copy:
        assert copy.execute("SELECT count(*) FROM records").fetchone() == (1,)


def test_sealed_records_cannot_change(tmp_path: Path) -> None:
    outbox = make_outbox(tmp_path)
    submitted = outbox.submit(ticket(1))
    outbox.next_batch(10, 1_000_000)  # first send seals it
    with pytest.raises(Exception, match="sealed"), outbox.database.write() as connection:
        connection.execute(text("UPDATE records SET payload = '{}' WHERE id = :id"),
                           {"id": submitted.id})


def test_a_full_database_saves_nothing_half(tmp_path: Path) -> None:
    outbox = make_outbox(tmp_path, max_page_count=40)
    saved = 0
    with pytest.raises(StoreFullError, match="disk is full"):
        for number in range(10_000):
            outbox.submit(application(number))
            saved += 1
    assert saved > 0
    with outbox.database.read() as connection:
        records = connection.execute(text("SELECT count(*) FROM records")).scalar_one()
        entries = connection.execute(text("SELECT count(*) FROM outbox")).scalar_one()
    assert records == entries == saved


def test_a_full_disk_while_writing_a_photo_leaves_no_trace(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outbox = make_outbox(tmp_path)

    def no_space(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("sync.store.files.os.fsync", no_space)
    from sync.outbox import NewAttachment

    with pytest.raises(StoreFullError, match="disk is full"):
        outbox.submit(application(1), attachments=[NewAttachment(b"photo" * 100, "image/jpeg")])
    assert outbox.backlog() == 0
    assert not [p for p in (tmp_path / "attachments").rglob("*") if p.is_file()]


def test_attachment_files_are_encrypted_and_content_addressed(tmp_path: Path) -> None:
    files = make_outbox(tmp_path).files
    assert isinstance(files, AttachmentFiles)
    data = b"\x89PNG document scan " * 50
    sha256 = files.put(data)
    assert files.put(data) == sha256
    stored = files.path_for(sha256).read_bytes()
    assert data not in stored and b"document scan" not in stored
    assert files.get(sha256) == data


def test_the_head_revision_read_from_the_scripts_is_alembics() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from sync.store.database import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()


def test_an_up_to_date_store_opens_without_importing_alembic(tmp_path: Path) -> None:
    path = tmp_path / "terminal.db"
    open_database(path).close()  # created and migrated here
    probe = ("import json, sys\n"
             "from pathlib import Path\n"
             "from sync.store.database import current_revision, open_database\n"
             f"database = open_database(Path({str(path)!r}))\n"
             "print(json.dumps([current_revision(database.engine),"
             " sorted(m for m in ('alembic', 'mako') if m in sys.modules)]))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [head_revision(), []]


def test_a_due_migration_runs_in_a_child_process_without_alembic_here(tmp_path: Path) -> None:
    old_path = tmp_path / "old.db"
    old = Database(old_path)
    migrate(old, "0001")
    with old.write() as connection:
        connection.execute(text(
            "INSERT INTO records (id, kind, created_at, payload, personal) "
            "VALUES ('01900000-0000-7000-8000-000000000001', 'ticket', '2026-11-25T08:00:00', "
            "'{\"kind\":\"ticket\",\"number\":\"A001\",\"category\":\"A\"}', x'0102')"))
        connection.execute(text("INSERT INTO outbox (seq, state, size) VALUES (1, 'pending', 9)"))
    old.close()
    probe = ("import json, sys\n"
             "from pathlib import Path\n"
             "from sqlalchemy import text\n"
             "from sync.store.database import current_revision, open_database\n"
             f"folder = Path({str(tmp_path)!r})\n"
             "answers = []\n"
             "for name in ('old.db', 'new.db'):\n"
             "    database = open_database(folder / name, migrate_in_child=True)\n"
             "    with database.read() as connection:\n"
             "        rows = connection.execute(text('SELECT count(*) FROM outbox')).scalar()\n"
             "    answers.append([current_revision(database.engine), rows])\n"
             "print(json.dumps([answers,"
             " sorted(m for m in ('alembic', 'mako') if m in sys.modules)]))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, timeout=180, check=True)
    answers, loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert answers == [[head_revision(), 1], [head_revision(), 0]]
    assert loaded == []


def test_a_failed_migration_in_a_child_process_is_a_store_error(tmp_path: Path) -> None:
    from sync.store.database import StoreError

    database = Database(tmp_path / "t.db")
    with pytest.raises(StoreError, match="0099"):
        migrate(database, "0099", in_child=True)  # no such revision
    database.close()
