"""The kiosk's submit path (kiosk/submitter.py) on a real shell enrolled with a
platform on loopback: a tracking number of the center's day from the local
counter, the payload committed to the local store, then `done(Outcome)`; one
submission at a time; a cancelled one says nothing."""

from __future__ import annotations

import re
from collections.abc import Callable

from pytestqt.qtbot import QtBot

from kiosk.context import KioskContext
from kiosk.receipts import Names, Outcome
from kiosk.submitter import Submitter
from sync.outbox import Submitted
from sync.protocol.models import Person, RepairPayload
from terminal.background import wait_for_background
from tests.kiosk.conftest import Enrolled

WAIT_MS = 10_000


def repair(number: str) -> RepairPayload:
    return RepairPayload(tracking_number=number, repair_kind="water", location="3-401室",
                         description="漏水", reporter=Person(phone="13600002222"))


def outcome_of(context: KioskContext) -> Callable[[str, Submitted], Outcome]:
    """What the repair screen makes of a committed request."""
    def make(number: str, stored: Submitted) -> Outcome:
        return Outcome(kind="repair", record_id=stored.id,
                       tracking_number=number, subject=Names("水管漏水", "Water"),
                       person="136****2222", submitted_at=context.clock())
    return make


def stored(context: KioskContext) -> int:
    """Transactions in the local store, not yet delivered."""
    assert context.shell is not None
    return int(context.shell.bridge.outbox.backlog())


def test_a_repair_is_numbered_stored_then_done(qtbot: QtBot, enrolled: Enrolled) -> None:
    context = enrolled.context
    submitter = Submitter(context)
    with qtbot.waitSignal(submitter.done, timeout=WAIT_MS) as done:
        submitter.submit(repair, outcome_of(context))
    outcome = done.args[0]
    day = context.clock().date()
    assert re.fullmatch(rf"RC-{day:%Y%m%d}-[A-Z0-9]+-00001", outcome.tracking_number)
    assert context.shell is not None
    assert context.shell.bridge.outbox.load(outcome.record_id) == repair(outcome.tracking_number)
    with qtbot.waitSignal(submitter.done, timeout=WAIT_MS) as again:
        submitter.submit(repair, outcome_of(context))
    assert again.args[0].tracking_number.endswith("-00002")


def test_one_submission_at_a_time(qtbot: QtBot, enrolled: Enrolled) -> None:
    context = enrolled.context
    submitter = Submitter(context)
    refused: list[str] = []
    submitter.failed.connect(refused.append)
    with qtbot.waitSignal(submitter.done, timeout=WAIT_MS):
        submitter.submit(repair, outcome_of(context))
        assert submitter.busy
        submitter.submit(repair, outcome_of(context))  # a second tap on "Submit"
    assert refused == ["the terminal is still starting"]
    assert stored(context) == 1


def test_a_cancelled_submission_says_nothing_and_frees_the_submitter(
        qtbot: QtBot, enrolled: Enrolled) -> None:
    context = enrolled.context
    submitter = Submitter(context)
    heard: list[object] = []
    submitter.done.connect(heard.append)
    submitter.failed.connect(heard.append)
    submitter.submit(repair, outcome_of(context))
    submitter.cancel()  # the session was wiped
    assert not submitter.busy
    assert wait_for_background()
    with qtbot.waitSignal(submitter.done, timeout=WAIT_MS) as next_one:
        submitter.submit(repair, outcome_of(context))  # the next resident's
    assert heard == [next_one.args[0]]


def test_before_the_shell_is_up_nothing_is_submitted(qtbot: QtBot,
                                                     context: KioskContext) -> None:
    submitter = Submitter(context)
    with qtbot.waitSignal(submitter.failed, timeout=WAIT_MS) as failed:
        submitter.submit(repair, outcome_of(context))
    assert failed.args == ["the terminal is still starting"]
