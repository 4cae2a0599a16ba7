"""Opening the local SQLite store: pragmas, integrity check, migrations.

Every write runs inside `BEGIN IMMEDIATE` so that two writers never deadlock
on a lock upgrade; reads begin deferred. `synchronous=FULL` with WAL makes a
returned commit survive a power cut.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import OperationalError

log = logging.getLogger("sync.store")
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """A known store failure, with a message a technician can act on."""


class StoreFullError(StoreError):
    """The disk (or the database's size limit) is full; nothing was written."""


class StoreCorruptError(StoreError):
    """The database failed its integrity check."""


def _alembic_config(url: str) -> Config:
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
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get("write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """The terminal's SQLite file, opened, checked and migrated."""

    def __init__(self, path: Path, *, max_page_count: int | None = None) -> None:
        self.path = path
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
            except OperationalError as error:
                raise translate_operational_error(error) from error

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as connection, connection.begin():
            yield connection

    def close(self) -> None:
        self.engine.dispose()


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
            f"The local database {path} failed its integrity check ({detail}). "
            f"Restore the newest backup beside it (*.bak) or move it aside to start empty."
        )


def _backup(path: Path, revision: str | None) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{revision or 'empty'}.{stamp}.bak")
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    log.info("copied the database to %s before migrating", target)
    return target


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def migrate(database: Database, target: str = "head") -> Path | None:
    """Bring the schema to `target`; back the file up first if it has data."""
    config = _alembic_config(database.url)
    revision = current_revision(database.engine)
    wanted = head_revision() if target == "head" else target
    if revision == wanted:
        return None
    backup = _backup(database.path, revision) if revision is not None else None
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
    return backup


def open_database(path: Path, *, max_page_count: int | None = None) -> Database:
    """Open (creating if needed), integrity-check and migrate the store."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > 0:
        _integrity_check(path)
    database = Database(path, max_page_count=max_page_count)
    migrate(database)
    return database
