"""Opening the local SQLite store: pragmas, integrity check, migrations.

Every write runs inside `BEGIN IMMEDIATE` so that two writers never deadlock
on a lock upgrade; reads begin deferred. `synchronous=FULL` with WAL makes a
returned commit survive a power cut. `secure_delete` overwrites what a purge
removes instead of leaving it in free pages.

With a `StoreMarker` the store never starts afresh where it existed before:
a missing or 0-byte file, or one holding fewer records than were committed
(a lost write-ahead log), is refused with the way back.
"""

from __future__ import annotations

import ast
import logging
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError

from sync.store.private import private_folder, tighten

if TYPE_CHECKING:
    from alembic.config import Config

    from sync.store.marker import MarkerState, StoreMarker

log = logging.getLogger("sync.store")
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000
#: the terminal bundle's switch that runs `sync.store.migrate` (packaging/bundle_entry.py)
MIGRATE_CHILD_ARG = "--migrate-store"
MIGRATE_TIMEOUT_S = 600


class StoreError(Exception):
    """A known store failure, with a message a technician can act on."""


class StoreFullError(StoreError):
    """The disk (or the database's size limit) is full; nothing was written."""


class StoreCorruptError(StoreError):
    """The database is damaged, missing or emptied: never started afresh."""


def way_back(path: Path) -> str:
    """What a technician can do about a damaged store, in plain words."""
    return (f"Stop the terminal, then either run `reception-sync salvage` to copy every "
            f"readable record of {path.name} (and of the newest backup) into a new store, "
            f"or `reception-sync restore` to put back the newest backup "
            f"(`reception-sync restore --list` shows them). See docs/operations.md.")


def _alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url)
    return config


def _install_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """The terminal's SQLite file, opened, checked and migrated."""

    def __init__(self, path: Path, *, max_page_count: int | None = None,
                 marker: StoreMarker | None = None) -> None:
        self.path = path
        self.marker = marker
        self.url = f"sqlite:///{path}"
        self.engine = create_engine(self.url, pool_size=4, max_overflow=4)
        _install_pragmas(self.engine)
        if max_page_count is not None:
            self._limit_pages(max_page_count)

    def _limit_pages(self, max_page_count: int) -> None:
        @event.listens_for(self.engine, "connect")
        def _limit(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count={int(max_page_count)}")

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction (BEGIN IMMEDIATE); committed when the block ends."""
        with self.engine.connect() as connection:
            connection.execution_options(write=True)
            try:
                with connection.begin():
                    yield connection
            except DatabaseError as error:
                raise translate_database_error(error, self.path) from error

    @contextmanager
    def read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as connection, connection.begin():
                yield connection
        except DatabaseError as error:
            raise translate_database_error(error, self.path) from error

    def close(self) -> None:
        self.engine.dispose()
        if self.marker is not None:
            self.marker.close()

    @property
    def wal_path(self) -> Path:
        return wal_path(self.path)

    def committed(self, seq: int) -> None:
        """A record with this number was committed: move the marker on."""
        if self.marker is not None:
            self.marker.advance(seq)

    def high_water(self) -> int:
        """The highest record number ever committed here (0 if none)."""
        with self.read() as connection:
            value = connection.exec_driver_sql(
                "SELECT seq FROM sqlite_sequence WHERE name = 'records'").scalar()
        return int(value or 0)

    def checkpoint(self) -> int:
        """Copy committed pages from the write-ahead log into the database file;
        return how many pages stay only in the log (a reader still needs them).

        On a full disk the file cannot grow: the last commits then live only
        in the -wal file. They are safe there, but that must be known."""
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            _busy, logged, copied = cursor.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            cursor.close()
        except sqlite3.OperationalError as error:
            if "full" not in str(error).lower():
                raise StoreError(f"Could not checkpoint {self.path}: {error}") from error
            size = self.wal_path.stat().st_size if self.wal_path.exists() else 0
            raise StoreFullError(
                f"The terminal's disk is full: the last commits ({size // 1024} KB) are only "
                f"in {self.wal_path.name}, not yet in {self.path.name}. They are safe on disk; "
                f"keep {self.wal_path.name} beside the database and free space on the data "
                f"disk so they can be written in.") from error
        finally:
            raw.close()
        return max(0, logged - copied)


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def translate_database_error(error: DatabaseError, path: Path) -> Exception:
    text = str(error.orig).lower()
    if "malformed" in text or "not a database" in text:
        return StoreCorruptError(f"The local database {path} is damaged ({error.orig}). "
                                 + way_back(path))
    if isinstance(error, OperationalError):
        return translate_operational_error(error)
    return error


def translate_operational_error(error: OperationalError) -> Exception:
    text = str(error.orig).lower()
    if "full" in text:
        return StoreFullError(
            "The terminal's disk is full: the transaction was not saved. "
            "Free space on the data disk, then try again."
        )
    if "locked" in text or "busy" in text:
        return StoreError("The local database stayed locked by another process.")
    return error


def _integrity_check(path: Path) -> None:
    try:
        with sqlite3.connect(path) as connection:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as error:
        rows = [(str(error),)]
    if rows != [("ok",)]:
        detail = "; ".join(str(row[0]) for row in rows[:5])
        raise StoreCorruptError(
            f"The local database {path} failed its integrity check ({detail}). " + way_back(path)
        )


def current_revision(engine: Engine) -> str | None:
    """The schema's revision as alembic recorded it; None for a store without one."""
    with engine.connect() as connection:
        if not engine.dialect.has_table(connection, "alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def head_revision() -> str:
    """The newest revision of the migration scripts, read without alembic.

    Alembic (about 12 MB of modules with Mako) is imported only when a store
    has a migration to run; the scripts' `revision`/`down_revision` lines say
    which one is the head (a test compares this with alembic's own answer)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for node in ast.parse(script.read_text("utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Name):
                name = node.targets[0].id
                if name == "revision":
                    revisions.add(ast.literal_eval(node.value))
                elif name == "down_revision" and (down := ast.literal_eval(node.value)):
                    parents.update([down] if isinstance(down, str) else down)
    heads = revisions - parents
    if len(heads) != 1:
        raise StoreError(f"the store's migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


BackupHook = Callable[["Database"], object]


def migrate(database: Database, target: str = "head", *,
            backup: BackupHook | None = None, in_child: bool = False) -> None:
    """Bring the schema to `target`; `backup` is called first if it has data.

    `in_child`: alembic runs in a child process (`sync.store.migrate`), so that
    this process never imports it."""
    revision = current_revision(database.engine)
    wanted = head_revision() if target == "head" else target
    if revision == wanted:
        return
    if revision is not None and backup is not None:
        backup(database)
        log.info("backed the store up before migrating it from %s", revision)
    if in_child:
        _migrate_in_child(database.path, target)
        log.info("store migrated from %s to %s in a child process", revision, wanted)
        return
    from alembic import command

    config = _alembic_config(database.url)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)


def _migrate_in_child(path: Path, target: str) -> None:
    """Blocking: `sync.store.migrate` in a child process; StoreError with its last words."""
    command = [sys.executable, MIGRATE_CHILD_ARG] if getattr(sys, "frozen", False) \
        else [sys.executable, "-m", "sync.store.migrate"]
    try:
        done = subprocess.run([*command, str(path), target], capture_output=True, text=True,
                              timeout=MIGRATE_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise StoreError(f"the migration of {path} to {target} did not run: {error}") from error
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        raise StoreError(f"the migration of {path} to {target} failed: {last}")


def open_database(path: Path, *, max_page_count: int | None = None,
                  marker: StoreMarker | None = None,
                  backup: BackupHook | None = None, migrate_in_child: bool = False) -> Database:
    """Open (creating if needed), integrity-check and migrate the store.

    With a `marker`, a store that existed before must still be there, whole.
    `migrate_in_child`: see `migrate`."""
    private_folder(path.parent)
    state = marker.read() if marker is not None else None
    present = path.exists() and path.stat().st_size > 0
    if state is not None and not present:
        raise StoreCorruptError(_missing(path, state))
    for existing in (path, wal_path(path), path.with_name(path.name + "-shm")):
        tighten(existing)
    if state is not None and not wal_path(path).exists():
        # Checked before any connection: one would reset the -shm index and a
        # -wal put back afterwards would then be ignored and deleted.
        high_water = _file_high_water(path)
        if high_water is not None and high_water < state.high_water:
            raise StoreCorruptError(_behind(path, high_water, state.high_water))
    if present:
        _integrity_check(path)
    else:
        path.touch(mode=0o600)  # SQLite gives -wal and -shm the same mode
    database = Database(path, max_page_count=max_page_count, marker=marker)
    try:
        migrate(database, backup=backup, in_child=migrate_in_child)
        if marker is not None:
            high_water = database.high_water()
            if state is None:
                marker.create(high_water)
            elif high_water < state.high_water:
                raise StoreCorruptError(_behind(path, high_water, state.high_water))
            else:
                marker.advance(high_water)
    except BaseException:
        database.close()
        raise
    return database


def _file_high_water(path: Path) -> int | None:
    """The highest record number in the database file alone, read without a
    trace (no lock, no -wal, no -shm); None if it cannot be read."""
    try:
        with closing(sqlite3.connect(f"file:{path}?immutable=1", uri=True)) as connection:
            row = connection.execute(
                "SELECT seq FROM sqlite_sequence WHERE name = 'records'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return int(row[0]) if row else 0


def _missing(path: Path, state: MarkerState) -> str:
    what = "missing" if not path.exists() else "empty (0 bytes)"
    wal = " (its write-ahead log is still there)" if wal_path(path).exists() else ""
    return (f"The local database {path} is {what}{wal}, but this terminal has kept its store "
            f"there since {state.created_at}, with records up to number {state.high_water}. "
            f"It will not start with a new, empty store: every record not yet delivered would "
            f"be lost. " + way_back(path))


def _behind(path: Path, high_water: int, expected: int) -> str:
    wal = wal_path(path).name
    return (f"The local database {path} holds records up to number {high_water}, but this "
            f"terminal had committed records up to number {expected}: the last "
            f"{expected - high_water} are missing. Its write-ahead log ({wal}) was lost, or an "
            f"older copy was put in its place. If you still have that {wal}, stop the "
            f"terminal and put it back beside {path.name}. Otherwise: " + way_back(path))
