"""No submit answer is lost, even when the store commits before the caller's
code after `submit` has run (issue 9.1): the callers bind their answers
before the work starts. Real stores on SQLite files, the real bridge."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter.acceptance.submit import OutcomeSubmitter, Recorded
from counter.rating.window import RatingWindow
from sync.protocol.models import AcceptanceOutcome, AcceptancePayload, Person
from terminal.sync_bridge import SyncBridge
from tests.sync.helpers import make_outbox
from tests.terminal.late_commit import commit_before_submit_returns


@pytest.fixture
def bridge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SyncBridge]:
    outbox = make_outbox(tmp_path)
    bridge = SyncBridge(outbox, None)
    commit_before_submit_returns(monkeypatch, bridge)
    yield bridge
    bridge.stop()
    outbox.database.close()


def test_the_rating_window_hears_a_commit_that_beat_it(qtbot: QtBot,
                                                      bridge: SyncBridge) -> None:
    window = RatingWindow(bridge, thanks_ms=60_000)
    qtbot.addWidget(window)
    window.ask("RC-20261125-C3-00007")
    with qtbot.waitSignal(window.rated, timeout=5_000) as rated:
        window.level_buttons[5].click()
    assert rated.args == ["RC-20261125-C3-00007", 5]
    assert bridge.outbox.backlog() == 1


def test_the_counter_hears_a_commit_that_beat_it(qtbot: QtBot, bridge: SyncBridge) -> None:
    numbers: list[date] = []

    def number(day: date) -> str:
        numbers.append(day)
        return f"RC-{day:%Y%m%d}-C3-{len(numbers):05d}"

    submitter = OutcomeSubmitter(bridge, number, lambda: datetime(2026, 11, 25, 10, 30))

    def payload(tracking_number: str) -> AcceptancePayload:
        return AcceptancePayload(tracking_number=tracking_number, matter_code="MZ-001",
                                 outcome=AcceptanceOutcome.ACCEPTED, applicant=Person())

    for expected in ("RC-20261125-C3-00001", "RC-20261125-C3-00002"):
        with qtbot.waitSignal(submitter.recorded, timeout=5_000) as recorded:
            submitter.submit(payload, [])
        answer = recorded.args[0]
        assert isinstance(answer, Recorded) and answer.payload.tracking_number == expected
        assert not submitter.busy  # ready for the next resident
    with qtbot.waitSignal(submitter.recorded, timeout=5_000) as recorded:
        submitter.submit(payload, [], number="RC-20261124-K01-00042")  # a pre-application's
    assert recorded.args[0].payload.tracking_number == "RC-20261124-K01-00042"
    assert bridge.outbox.backlog() == 3


def test_a_refused_payload_is_a_failure_not_silence(qtbot: QtBot, bridge: SyncBridge) -> None:
    submitter = OutcomeSubmitter(bridge, lambda day: "RC", datetime.now)
    with qtbot.waitSignal(submitter.failed, timeout=5_000) as failed:
        submitter.submit(lambda number: AcceptancePayload(
            tracking_number=number, matter_code="MZ-001", outcome=AcceptanceOutcome.ACCEPTED,
            applicant=Person()), [])  # too short a tracking number: the model refuses it
    assert "tracking_number" in failed.args[0]
    assert not submitter.busy and bridge.outbox.backlog() == 0
