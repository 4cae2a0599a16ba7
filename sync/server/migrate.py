"""The platform's schema migrations (Alembic), with a backup first.

One transaction holds a lock for the whole check-and-upgrade (SQLite's
BEGIN IMMEDIATE, PostgreSQL's advisory lock), so processes started together
migrate once. A database made before migrations existed (tables, no
`alembic_version`) holds revision 0001's schema and is stamped so first.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, inspect, text

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: The schema `create_all` made before migrations existed.
FIRST_REVISION = "0001"
#: PostgreSQL advisory lock key serialising migrations ("reception").
_PG_LOCK_KEY = 0x7265636570
_LOCKED = {"sqlite_immediate": True}


class MigrationRefused(RuntimeError):
    """The schema is behind and cannot be upgraded here without a backup."""


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _sqlite_file(engine: Engine) -> Path | None:
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database)


def _backup_name(database: str, revision: str) -> str:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    return f"{database}.before-{revision}-{stamp}.bak"


def _backup_sqlite(path: Path, revision: str, folder: Path | None) -> Path:
    """A copy through a second connection: WAL lets it read the last commit
    while the migrating one holds the write lock (its own would wait forever)."""
    target = (folder or path.parent) / _backup_name(path.name, revision)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.touch(mode=0o600)
    source = sqlite3.connect(path)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target


def _backup_postgres(engine: Engine, revision: str, folder: Path) -> Path:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise MigrationRefused("pg_dump is not installed: it backs the database up first")
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / _backup_name(engine.url.database or "platform", revision)
    target.touch(mode=0o600)
    subprocess.run([pg_dump, "--format=custom", f"--file={target}", f"--dbname={url}"],
                   check=True, capture_output=True)
    return target


def _backup(engine: Engine, revision: str, folder: Path | None) -> Path | None:
    path = _sqlite_file(engine)
    if path is not None:
        return _backup_sqlite(path, revision, folder)
    if engine.dialect.name == "sqlite":
        return None  # in memory: nothing outlives the process
    if folder is None:
        raise MigrationRefused(
            f"the platform's database is at schema {revision}, this version needs "
            f"{head_revision()}: run `reception-platform migrate --db URL --backup-dir DIR` "
            "(it saves a pg_dump first)")
    return _backup_postgres(engine, revision, folder)


def upgrade(engine: Engine, *, backup_dir: Path | None = None, target: str = "head",
            metadata: MetaData | None = None) -> Path | None:
    """Bring the schema to `target`; returns the backup taken first, if any.

    With `metadata` (the models' tables), an empty database gets them created
    at once and stamped head: the same schema as running every migration (a
    test compares them), in a fraction of the time.

    A database with tables is backed up before anything changes: an SQLite
    file next to itself (or into `backup_dir`), PostgreSQL with pg_dump into
    `backup_dir` (without one, a pending migration raises MigrationRefused)."""
    config = _config()
    wanted = head_revision() if target == "head" else target
    with engine.execution_options(**_LOCKED).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": _PG_LOCK_KEY})
        revision = MigrationContext.configure(connection).get_current_revision()
        if revision == wanted:
            return None
        tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
        config.attributes["connection"] = connection
        if not tables and metadata is not None and target == "head":
            metadata.create_all(connection)
            command.stamp(config, "head")
            return None
        backup = None
        if tables:
            backup = _backup(engine, revision or "unversioned", backup_dir)
            if backup is not None:
                log.info("platform database backed up to %s before migrating", backup)
        if revision is None and tables:
            command.stamp(config, FIRST_REVISION)
        command.upgrade(config, target)
    log.info("platform schema migrated from %s to %s", revision, wanted)
    return backup
