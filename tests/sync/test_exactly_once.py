"""A hypothesis state machine over submit, deliver, lost acknowledgement,
rejection and restart, against the real platform on loopback: every
transaction reaches the platform exactly once or sits visible as a dead letter."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from sync.synchronizer import SyncSettings
from terminal.local_platform import LocalPlatform
from tests.sync.helpers import (
    Terminal,
    application,
    count_at_platform,
    enroll,
    make_terminal,
    running_platform,
)


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalPlatform]:
    with running_platform(tmp_path_factory.mktemp("platform")) as server:
        yield server


def test_every_transaction_arrives_once_or_is_a_dead_letter(platform: LocalPlatform) -> None:
    class Terminal_lifecycle(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.folder = Path(tempfile.mkdtemp(prefix="exactly-once-"))
            self.credentials = enroll(platform)
            self.terminal = self._open()
            self.good: list[str] = []
            self.poison: list[str] = []
            self.number = 0

        def _open(self) -> Terminal:
            terminal_id, key = self.credentials
            return make_terminal(self.folder, platform.url, terminal_id, key,
                                 settings=SyncSettings(batch_max_items=7))

        @rule(poison=st.booleans(), count=st.integers(1, 6))
        def submit(self, poison: bool, count: int) -> None:
            for _ in range(count):
                self.number += 1
                matter = "XX-404" if poison else "MZ-001"
                submitted = self.terminal.outbox.submit(application(self.number, matter))
                (self.poison if poison else self.good).append(submitted.id)

        @rule()
        def deliver(self) -> None:
            self.terminal.sync.deliver_batch()

        @rule()
        def lost_acknowledgement(self) -> None:
            """The platform commits, the terminal dies before recording the answer."""
            items = self.terminal.outbox.next_batch(7, 10**7)
            if items:
                body = json.dumps({"items": [item.body for item in items]}).encode()
                self.terminal.client.post_batch(body)

        @rule()
        def restart(self) -> None:
            self.terminal.close()
            self.terminal = self._open()

        @rule()
        def retry_dead_letters(self) -> None:
            for letter in self.terminal.outbox.dead_letters():
                self.terminal.outbox.retry(letter.id)

        @invariant()
        def never_twice(self) -> None:
            for tx_id in self.good[-5:] + self.poison[-3:]:
                assert count_at_platform(platform, tx_id) <= 1

        def teardown(self) -> None:
            try:
                self.terminal.sync.drain()
                outbox = self.terminal.outbox
                assert outbox.backlog() == 0
                assert all(count_at_platform(platform, tx_id) == 1 for tx_id in self.good)
                assert all(count_at_platform(platform, tx_id) == 0 for tx_id in self.poison)
                assert {letter.id for letter in outbox.dead_letters()} == set(self.poison)
            finally:
                self.terminal.close()
                shutil.rmtree(self.folder, ignore_errors=True)

    run_state_machine_as_test(
        Terminal_lifecycle,
        settings=settings(max_examples=25, stateful_step_count=15, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow]),
    )
