"""Fixtures the terminal tests share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from terminal.sync_bridge import SyncBridge
from tests.sync.helpers import make_outbox


@pytest.fixture
def bridge(tmp_path: Path) -> Iterator[SyncBridge]:
    """The real sync bridge over a real outbox on SQLite, without a sync worker."""
    outbox = make_outbox(tmp_path)
    bridge = SyncBridge(outbox, None)
    yield bridge
    bridge.stop()
    outbox.database.close()
