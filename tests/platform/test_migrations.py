"""The platform's schema migrations (Alembic) on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, MetaData, Table, select, text

from sync.server.app import create_app
from sync.server.db import Base, make_engine
from sync.server.migrate import (
    FIRST_REVISION,
    MigrationRefused,
    current_revision,
    head_revision,
    upgrade,
)

ROOT = Path(__file__).resolve().parents[2]


def _value(table: Table, column: Any, filled: dict[str, dict[str, Any]]) -> Any:
    for key in column.foreign_keys:
        return filled[key.column.table.name][key.column.name]
    python_type = column.type.python_type
    if python_type is str:
        length = getattr(column.type, "length", None) or 40
        return f"{table.name}.{column.name}"[-length:]
    if python_type is bytes:
        return f"{table.name}.{column.name}".encode()
    if python_type is bool:
        return True
    if python_type is float:
        return 1.5
    return 7


def _fill_every_table(engine: Engine) -> dict[str, dict[str, Any]]:
    """One row in every table of the schema as it is now, values by column type."""
    schema = MetaData()
    schema.reflect(engine)
    filled: dict[str, dict[str, Any]] = {}
    with engine.begin() as connection:
        for table in schema.sorted_tables:
            if table.name == "alembic_version":
                continue
            row = {column.name: _value(table, column, filled) for column in table.columns}
            connection.execute(table.insert().values(row))
            filled[table.name] = row
    return filled


def _rows(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    schema = MetaData()
    schema.reflect(engine)
    with engine.connect() as connection:
        return {name: [dict(row._mapping) for row in connection.execute(select(table))]
                for name, table in schema.tables.items() if name != "alembic_version"}


def _first_schema_without_version(url: str) -> tuple[Engine, dict[str, dict[str, Any]]]:
    """A database as the platform made it before migrations existed, with a row
    in every table: revision 0001 (today's create_all), no alembic_version."""
    engine = make_engine(url)
    upgrade(engine, target=FIRST_REVISION)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
    return engine, _fill_every_table(engine)


def _assert_rows_kept(engine: Engine, filled: dict[str, dict[str, Any]]) -> None:
    now = _rows(engine)
    for table, row in filled.items():
        kept = [{key: value for key, value in present.items() if key in row}
                for present in now[table]]
        assert row in kept, table


def test_the_migrations_make_exactly_the_models_schema(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine, target=FIRST_REVISION)  # every step, no shortcut
        upgrade(engine, backup_dir=tmp_path)  # PostgreSQL: a pg_dump before each later step
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_the_first_schema_is_upgraded_keeping_every_row(db_url: str, tmp_path: Path) -> None:
    engine, filled = _first_schema_without_version(db_url)
    try:
        if engine.dialect.name == "postgresql":
            with pytest.raises(MigrationRefused, match="reception-platform migrate"):
                create_app(db_url)  # no pg_dump without a place for it: refused
            assert current_revision(engine) is None
            if shutil.which("pg_dump") is None:
                pytest.skip("pg_dump is not installed")
        backups = tmp_path / "backups"
        done = subprocess.run(
            [sys.executable, "-m", "sync.server.cli", "migrate", "--db", db_url,
             "--backup-dir", str(backups)],
            cwd=ROOT, capture_output=True, text=True, check=True)
        assert f"schema migrated from nothing to {head_revision()}" in done.stdout
        assert current_revision(engine) == head_revision()
        _assert_rows_kept(engine, filled)
        (backup,) = backups.iterdir()
        assert f"backup taken first: {backup}" in done.stdout
        assert backup.stat().st_mode & 0o777 == 0o600
        if engine.dialect.name == "sqlite":
            saved = make_engine(f"sqlite:///{backup}")
            try:
                _assert_rows_kept(saved, filled)
                assert current_revision(saved) is None  # as it was before
            finally:
                saved.dispose()
        else:
            listing = subprocess.run(["pg_restore", "--list", str(backup)],
                                     capture_output=True, text=True, check=True).stdout
            assert "TABLE DATA public terminal" in listing
        app = create_app(db_url)  # starts on the migrated database
        app.state.engine.dispose()
    finally:
        engine.dispose()


def test_an_sqlite_platform_backs_itself_up_next_to_its_file_on_start(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'platform.db'}"
    engine, filled = _first_schema_without_version(url)
    engine.dispose()
    app = create_app(url)
    try:
        _assert_rows_kept(app.state.engine, filled)
    finally:
        app.state.engine.dispose()
    (backup,) = tmp_path.glob("platform.db.before-unversioned-*.bak")
    saved = make_engine(f"sqlite:///{backup}")
    try:
        _assert_rows_kept(saved, filled)
    finally:
        saved.dispose()
    create_app(url).state.engine.dispose()  # at head: no second backup
    assert len(list(tmp_path.glob("*.bak"))) == 1
