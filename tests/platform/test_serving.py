"""A serving platform process leaves what it built at start-up out of the garbage
collector's full collections (`gc.freeze`), which otherwise paused it for tens of
milliseconds (docs/capacity.md)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from fastapi import FastAPI

from sync.server import cli


def test_a_worker_freezes_what_it_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cli.DB_ENV, f"sqlite:///{tmp_path / 'platform.db'}")
    monkeypatch.delenv("RECEPTION_PLATFORM_FAULTS", raising=False)
    gc.unfreeze()
    app = cli.app_from_environment()
    try:
        assert isinstance(app, FastAPI)
        assert gc.get_freeze_count() > 0
        assert not any(found is app for found in gc.get_objects(generation=2))
    finally:
        gc.unfreeze()
        app.state.engine.dispose()
