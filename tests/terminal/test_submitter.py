"""terminal/submitter.py, the one submit path of kiosk and counter: a number off
the GUI thread, the payload made from it, the commit through the real bridge
into a real outbox on SQLite; one submission at a time, a refused payload is an
error, and a cancelled submission's answer is dropped (nothing stored)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QObject
from pytestqt.qtbot import QtBot

from sync.protocol.models import AcceptanceOutcome, AcceptancePayload, Person
from terminal.background import wait_for_background
from terminal.submitter import Submitter
from terminal.sync_bridge import Stored, SyncBridge

NUMBER = "RC-20261125-C3-00007"


def payload(tracking_number: str) -> AcceptancePayload:
    return AcceptancePayload(tracking_number=tracking_number, matter_code="MZ-001",
                             outcome=AcceptanceOutcome.ACCEPTED, applicant=Person())


def test_a_number_from_its_source_is_committed_once(qtbot: QtBot, bridge: SyncBridge) -> None:
    owner = QObject()
    submitter = Submitter(owner)
    threads: list[threading.Thread] = []
    done: list[Stored] = []

    def number() -> str:
        threads.append(threading.current_thread())
        return NUMBER

    assert submitter.submit(bridge, payload, number, done.append, pytest.fail)
    assert submitter.busy
    assert not submitter.submit(bridge, payload, "RC-20261125-C3-00008", done.append,
                                pytest.fail)  # one at a time
    qtbot.waitUntil(lambda: bool(done), timeout=5_000)
    assert [stored.payload.tracking_number for stored in done] == [NUMBER]
    assert threads and threads[0] is not threading.main_thread()
    assert not submitter.busy and bridge.outbox.backlog() == 1


def test_a_payload_the_models_refuse_is_an_error(qtbot: QtBot, bridge: SyncBridge) -> None:
    submitter = Submitter(QObject())
    errors: list[str] = []
    assert submitter.submit(bridge, payload, "RC", pytest.fail, errors.append)
    assert errors and "tracking_number" in errors[0]  # given numbers are checked at once
    assert not submitter.busy and bridge.outbox.backlog() == 0


def test_a_cancelled_submission_stores_nothing_and_answers_nobody(
        qtbot: QtBot, bridge: SyncBridge) -> None:
    owner = QObject()
    submitter = Submitter(owner)
    release = threading.Event()
    answers: list[Stored] = []

    def slow_number() -> str:
        release.wait(5)
        return NUMBER

    assert submitter.submit(bridge, payload, slow_number, answers.append, answers.append)
    submitter.cancel()
    assert not submitter.busy
    release.set()
    assert wait_for_background(5_000)
    QCoreApplication.processEvents()  # what the lane queued for the GUI thread
    assert answers == []
    # the next resident's submission: the store's one thread keeps the order, so a
    # cancelled one that went on would be committed and answered before it
    assert submitter.submit(bridge, payload, "RC-20261125-C3-00009", answers.append,
                            pytest.fail)
    qtbot.waitUntil(lambda: bool(answers), timeout=5_000)
    assert [stored.payload.tracking_number for stored in answers] == ["RC-20261125-C3-00009"]
    assert bridge.outbox.backlog() == 1
