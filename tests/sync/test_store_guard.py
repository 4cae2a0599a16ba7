"""The store never starts afresh where it existed: a missing or emptied
database, or one that lost its write-ahead log, is refused with the way back.
Real SQLite files; the lost log comes from a terminal really killed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sync.store.database import StoreCorruptError, StoreFullError
from tests.sync.helpers import Configured, application, configure

ROOT = Path(__file__).resolve().parents[2]


def _fill(configured: Configured, count: int) -> None:
    runtime = configured.open()
    try:
        for number in range(count):
            runtime.outbox.submit(application(number))
    finally:
        runtime.close()


@pytest.mark.parametrize("damage", ["missing", "missing_keep_wal", "zero_bytes",
                                    "zero_bytes_keep_wal"])
def test_an_emptied_or_missing_database_is_refused_not_started_afresh(
        tmp_path: Path, damage: str, capsys: pytest.CaptureFixture[str]) -> None:
    configured = configure(tmp_path)
    _fill(configured, 200)
    database = configured.database
    wal = database.with_name("terminal.db-wal")
    if damage.endswith("keep_wal"):
        wal.write_bytes(b"\x37\x7f\x06\x82" + bytes(60))  # what a kill can leave behind
    if damage.startswith("missing"):
        database.unlink()
    else:
        database.write_bytes(b"")

    with pytest.raises(StoreCorruptError) as refused:
        configured.open()
    message = str(refused.value)
    assert ("missing" if damage.startswith("missing") else "empty (0 bytes)") in message
    assert "records up to number 200" in message
    assert "reception-sync salvage" in message and "reception-sync restore" in message
    assert not database.exists() or database.stat().st_size == 0  # nothing created over it
    # the shell tool says the same, in one line, and does not open a new store either
    assert configured.cli("status") == 2
    assert "reception-sync salvage" in capsys.readouterr().err
    assert not database.exists() or database.stat().st_size == 0


def test_a_first_start_makes_a_new_store_and_remembers_it(tmp_path: Path) -> None:
    configured = configure(tmp_path)
    _fill(configured, 3)
    _fill(configured, 2)  # opening again is fine
    runtime = configured.open()
    assert runtime.outbox.backlog() == 5
    runtime.close()


KILLED_TERMINAL = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, sys.argv[1])
    from tests.sync.helpers import Configured, application
    from pathlib import Path
    configured = Configured(Path(sys.argv[2]), Path(sys.argv[3]))
    runtime = configured.open()
    for number in range(10):
        runtime.outbox.submit(application(number))
    runtime.database.checkpoint()
    raw = runtime.database.engine.raw_connection()
    raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    for number in range(10, 30):
        runtime.outbox.submit(application(number))
    print("submitted", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
""")


def test_a_lost_write_ahead_log_is_detected(tmp_path: Path) -> None:
    """A terminal killed with 20 commits only in terminal.db-wal; the -wal is then lost."""
    configured = configure(tmp_path)
    _fill(configured, 0)
    done = subprocess.run(
        [sys.executable, "-c", KILLED_TERMINAL, str(ROOT), str(configured.config_dir),
         str(configured.data_dir)], capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL and "submitted" in done.stdout, done.stderr
    wal = configured.database.with_name("terminal.db-wal")
    assert wal.stat().st_size > 0
    kept = tmp_path / "kept-wal"
    shutil.move(wal, kept)

    with pytest.raises(StoreCorruptError) as refused:
        configured.open()
    message = str(refused.value)
    assert "holds records up to number 10" in message
    assert "up to number 30" in message and "the last 20 are missing" in message
    assert "terminal.db-wal" in message and "reception-sync salvage" in message

    shutil.move(kept, wal)  # the technician finds the -wal and puts it back
    runtime = configured.open()
    assert runtime.outbox.backlog() == 30
    runtime.close()


FULL_DISK = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, sys.argv[1])
    from pathlib import Path
    from tests.sync.helpers import make_outbox, application
    from sync.store.database import StoreFullError
    folder = Path(sys.argv[2])
    outbox = make_outbox(folder)
    database = outbox.database
    for number in range(100):            # grow the write-ahead log ...
        outbox.submit(application(number))
    database.checkpoint()                # ... then empty it (the file keeps its size)
    filler = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)   # the disk fills up
    try:
        while True:
            os.write(filler, b"x" * 4096)
    except OSError:
        os.close(filler)
    saved = 0
    for number in range(100, 400):
        try:
            outbox.submit(application(number))
        except StoreFullError:
            break
        saved += 1
    print("saved while full", saved)
    try:
        database.checkpoint()
        print("checkpoint ok")
    except StoreFullError as error:
        print("checkpoint:", error)
    (folder / "filler").unlink()         # space comes back
    database.checkpoint()
    print("checkpoint after space ok")
    database.close()
""")


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare for a small tmpfs")
def test_on_a_full_disk_commits_in_the_log_only_are_known_and_checkpointed_later(
        tmp_path: Path) -> None:
    """A real 16 MB tmpfs: records committed while the disk is full live only in
    terminal.db-wal; the checkpoint says so, and writes them in once space is back."""
    mount = tmp_path / "disk"
    mount.mkdir()
    script = (f"mount -t tmpfs -o size=16m none {mount} && "
              f"{sys.executable} -c \"$SCRIPT\" {ROOT} {mount} && "
              f"cp {mount}/terminal.db {tmp_path}/copy.db && "
              f"ls {mount} > {tmp_path}/listing")
    done = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "SCRIPT": FULL_DISK})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    saved = int(lines[0].split()[-1])
    assert saved > 0  # the log had room: these commits succeeded ...
    assert lines[1].startswith("checkpoint: The terminal's disk is full")
    assert "only in terminal.db-wal" in lines[1]  # ... and that they live only there is said
    assert lines[2] == "checkpoint after space ok"
    import sqlite3

    with sqlite3.connect(tmp_path / "copy.db") as copy:  # the database file alone has them
        assert copy.execute("SELECT count(*) FROM records").fetchone() == (100 + saved,)
    assert issubclass(StoreFullError, Exception)


def test_status_says_when_commits_wait_in_the_log_for_a_reader(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    configured = configure(tmp_path)
    _fill(configured, 1)
    reader = sqlite3.connect(configured.database, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM records").fetchone()  # holds its snapshot
    try:
        _fill(configured, 5)
        runtime = configured.open()
        try:
            assert runtime.database.checkpoint() > 0
        finally:
            runtime.close()
        assert configured.cli("status") == 0
        assert "still only in terminal.db-wal while a reader needs them" in \
            capsys.readouterr().out
    finally:
        reader.close()
    assert configured.cli("status") == 0
    assert "database: every commit is in the database file" in capsys.readouterr().out
