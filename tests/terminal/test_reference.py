"""Reference data as the screens read it (terminal/reference.py), from a real
local cache on SQLite: read off the GUI thread, read again after every sync
pass, and `changed` names only the documents whose validator moved."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from sync.caches import CATALOG, NOTICES, STAFF, ReferenceCache
from sync.worker import SyncState
from terminal.reference import ReferenceData
from terminal.sync_bridge import SyncBridge

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
WAIT_MS = 5000


def notices_body(*titles: str) -> str:
    return json.dumps({"notices": [
        {"id": f"n{index}", "title_zh": title, "title_en": title, "body_zh": "", "body_en": "",
         "published_at": "2025-11-25T01:00:00Z"} for index, title in enumerate(titles)]})


@pytest.fixture
def cache(bridge: SyncBridge) -> ReferenceCache:
    return ReferenceCache(bridge.outbox.database)


@pytest.fixture
def data(cache: ReferenceCache) -> Iterator[ReferenceData]:
    reference = ReferenceData(cache)
    yield reference
    reference.stop()


def put(cache: ReferenceCache, name: str, body: str, validator: str) -> None:
    cache.put(name, body, validator, datetime.now(UTC))


def a_sync_pass(bridge: SyncBridge) -> None:
    bridge.publish(SyncState(True, 0, 0, datetime.now(UTC)))


def test_the_first_read_brings_what_the_cache_holds(qtbot: QtBot, cache: ReferenceCache,
                                                    data: ReferenceData) -> None:
    put(cache, CATALOG, (DEMO / "catalog.json").read_text("utf-8"), '"c1"')
    put(cache, NOTICES, notices_body("Water off on Friday"), '"n1"')
    gui = threading.get_ident()
    seen: list[tuple[Any, int]] = []
    data.changed.connect(lambda names: seen.append((names, threading.get_ident())))
    with qtbot.waitSignal(data.changed, timeout=WAIT_MS):
        data.check()
    # the roster is not cached yet: known to be empty, announced with the rest
    assert seen == [(frozenset({CATALOG, NOTICES, STAFF}), gui)]
    assert data.catalog is not None and data.catalog.matters
    assert [notice.title_en for notice in data.notices] == ["Water off on Friday"]
    assert data.roster == []


def test_a_sync_pass_rereads_only_the_document_that_moved(
        qtbot: QtBot, bridge: SyncBridge, cache: ReferenceCache, data: ReferenceData) -> None:
    put(cache, CATALOG, (DEMO / "catalog.json").read_text("utf-8"), '"c1"')
    put(cache, NOTICES, notices_body("Water off on Friday"), '"n1"')
    with qtbot.waitSignal(data.changed, timeout=WAIT_MS):
        data.follow(bridge)
    catalog = data.catalog

    put(cache, NOTICES, notices_body("Water off on Friday", "Flu shots"), '"n2"')
    with qtbot.waitSignal(data.changed, timeout=WAIT_MS) as moved:
        a_sync_pass(bridge)
    assert moved.args == [frozenset({NOTICES})]
    assert [notice.title_en for notice in data.notices] == ["Water off on Friday", "Flu shots"]
    assert data.catalog is catalog  # not read again: its validator did not move

    roster = {"staff": [{"staff_no": "1001", "name": "王芳", "role": "clerk"}]}
    put(cache, STAFF, json.dumps(roster), '"s1"')
    with qtbot.waitSignal(data.changed, timeout=WAIT_MS) as moved:
        a_sync_pass(bridge)
    assert moved.args == [frozenset({STAFF})]
    assert [member.name for member in data.roster] == ["王芳"]


def test_a_document_whose_validator_did_not_move_is_not_read_again(
        qtbot: QtBot, bridge: SyncBridge, cache: ReferenceCache, data: ReferenceData) -> None:
    put(cache, NOTICES, notices_body("Water off on Friday"), '"n1"')
    with qtbot.waitSignal(data.changed, timeout=WAIT_MS):
        data.follow(bridge)
    seen: list[Any] = []
    data.changed.connect(seen.append)
    # the validator did not move: the document is not read again (its body is not
    # even looked at, so a body changed under the same validator stays unseen)
    put(cache, NOTICES, notices_body("Not read: the validator is the same"), '"n1"')
    a_sync_pass(bridge)
    put(cache, CATALOG, (DEMO / "catalog.json").read_text("utf-8"), '"c1"')
    with qtbot.waitSignal(data.changed, timeout=WAIT_MS):
        a_sync_pass(bridge)  # read after the first pass's read: one at a time
    assert seen == [frozenset({CATALOG})]
    assert [notice.title_en for notice in data.notices] == ["Water off on Friday"]


def test_after_stop_sync_passes_are_not_followed(
        qtbot: QtBot, bridge: SyncBridge, cache: ReferenceCache, data: ReferenceData) -> None:
    with qtbot.waitSignal(data.changed, timeout=WAIT_MS):
        data.follow(bridge)
    data.stop()
    put(cache, NOTICES, notices_body("Flu shots"), '"n3"')
    with qtbot.assertNotEmitted(data.changed, wait=300):
        a_sync_pass(bridge)
    assert data.notices == []
