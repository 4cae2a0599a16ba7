"""A rating the platform refuses (no such case or service at the counter's
center) is a permanent refusal at the terminal: a dead letter with the
platform's reason, never sent again, while the records around it deliver."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sync.caches import ReferenceCache
from sync.client import PlatformClient
from sync.protocol.models import RatingPayload, Role
from sync.synchronizer import Synchronizer, SyncSettings
from terminal.local_platform import LocalPlatform
from tests.sync.helpers import DEMO_DIR, Terminal, count_at_platform, make_outbox


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[LocalPlatform]:
    server = LocalPlatform(f"sqlite:///{tmp_path / 'platform.db'}", demo_data=DEMO_DIR)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def counter(tmp_path: Path, platform: LocalPlatform) -> Iterator[Terminal]:
    answer = PlatformClient.enroll(platform.url, platform.enroll_code("C001", Role.COUNTER))
    outbox = make_outbox(tmp_path / "counter")
    client = PlatformClient(platform.url, answer.terminal_id,
                            base64.urlsafe_b64decode(answer.key), read_timeout=5.0)
    sync = Synchronizer(outbox, client, ReferenceCache(outbox.database), SyncSettings(),
                        role=Role.COUNTER,
                        version="test")
    built = Terminal(outbox, client, sync)
    yield built
    built.close()


def test_a_refused_rating_is_a_dead_letter_and_never_sent_again(
        platform: LocalPlatform, counter: Terminal) -> None:
    ghost_case = counter.outbox.submit(RatingPayload(tracking_number="NO-SUCH-CASE",
                                                     level=1)).id
    ghost_ticket = counter.outbox.submit(RatingPayload(
        ticket_number="A999", ticket_day=date(2026, 1, 5), level=2)).id
    counter.sync.drain()
    letters = {letter.id: letter for letter in counter.outbox.dead_letters()}
    assert {letters[ghost_case].code, letters[ghost_ticket].code} == {
        "unknown_case", "unknown_service"}
    assert "real" in letters[ghost_case].reason  # the platform's own words
    assert counter.outbox.backlog() == 0
    assert counter.sync.drain() == 0  # nothing left to send: never retried by itself
    assert count_at_platform(platform, str(ghost_case)) == 0
    assert counter.outbox.dead_count() == 2
