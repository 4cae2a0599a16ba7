"""Shared fixtures: an app on a fresh database, enrolled terminals, signing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from platform_helpers import SignedClient, enroll_terminal, tiny_catalog
from sqlalchemy import Engine, MetaData

from sync.protocol.models import Catalog, Role
from sync.server import documents
from sync.server.app import create_app
from sync.server.db import make_engine

PG_ENV = "RECEPTION_TEST_PG_URL"


def pg_url_or_skip() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set; PostgreSQL tests need a server URL")
    return url


def drop_every_table(url: str) -> None:
    """Empty a PostgreSQL database: every table, Alembic's version table too."""
    engine = make_engine(url)
    try:
        tables = MetaData()
        tables.reflect(engine)
        tables.drop_all(engine)
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database: an SQLite file, or PostgreSQL with its tables dropped."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'platform.db'}"
    url = pg_url_or_skip()
    drop_every_table(url)
    return url


@pytest.fixture
def app(db_url: str) -> Iterator[FastAPI]:
    app = create_app(db_url)
    yield app
    app.state.engine.dispose()


@pytest.fixture
def engine(app: FastAPI) -> Engine:
    engine: Engine = app.state.engine
    return engine


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def kiosk(client: TestClient, engine: Engine) -> SignedClient:
    return enroll_terminal(client, engine, Role.KIOSK)


@pytest.fixture
def counter(client: TestClient, engine: Engine) -> SignedClient:
    return enroll_terminal(client, engine, Role.COUNTER)


@pytest.fixture
def catalog(engine: Engine) -> Catalog:
    catalog = tiny_catalog()
    documents.put_document(engine, "catalog", catalog)
    return catalog
