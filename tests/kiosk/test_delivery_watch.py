"""Whether a stored record has reached the platform (kiosk/delivery_watch.py),
on a real shell enrolled with a platform on loopback: a delivered record
settles at once as delivered; an undelivered one settles as "will be sent"
after the wait, at once when the link is down, and says when it arrives."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from kiosk.delivery_watch import SETTLE_MS, DeliveryWatch
from sync.protocol.models import Person, RepairPayload
from sync.worker import SyncState
from terminal.background import wait_for_background
from tests.kiosk.conftest import Enrolled

WAIT_MS = 10_000


def store_repair(enrolled: Enrolled) -> str:
    """A repair request committed to the kiosk's store; its record id."""
    shell = enrolled.context.shell
    assert shell is not None
    stored = shell.bridge.outbox.submit(RepairPayload(
        tracking_number="RC-20251125-K01-00001", repair_kind="water", location="3-401室",
        description="漏水", reporter=Person(phone="13600002222")))
    return stored.id


def deliver(enrolled: Enrolled) -> None:
    """One sync pass, as the worker makes it, and the state it publishes."""
    shell = enrolled.context.shell
    assert shell is not None
    shell.services.runtime.synchronizer.drain()
    shell.bridge.publish(SyncState(True, shell.bridge.outbox.backlog(), 0, datetime.now(UTC)))


def test_a_delivered_record_settles_at_once_as_delivered(qtbot: QtBot,
                                                         enrolled: Enrolled) -> None:
    record = store_repair(enrolled)
    deliver(enrolled)
    watch = DeliveryWatch(enrolled.context)
    with qtbot.waitSignal(watch.settled, timeout=SETTLE_MS // 2) as settled:
        watch.watch(record)
    assert settled.args == [True] and watch.delivered


def test_an_undelivered_record_settles_after_the_wait_then_says_when_it_arrives(
        qtbot: QtBot, enrolled: Enrolled) -> None:
    record = store_repair(enrolled)
    watch = DeliveryWatch(enrolled.context)
    with qtbot.waitSignal(watch.settled, timeout=SETTLE_MS + WAIT_MS) as settled:
        watch.watch(record)
    assert settled.args == [False]
    with qtbot.assertNotEmitted(watch.settled), \
            qtbot.waitSignal(watch.changed, timeout=WAIT_MS) as changed:
        deliver(enrolled)
    assert changed.args == [True] and watch.delivered


def test_with_the_link_down_it_settles_at_once_as_will_be_sent(qtbot: QtBot,
                                                               enrolled: Enrolled) -> None:
    shell = enrolled.context.shell
    assert shell is not None
    shell.bridge.publish(SyncState(False, 0, 0, None))  # the worker found no platform
    watch = DeliveryWatch(enrolled.context)
    with qtbot.waitSignal(watch.settled, timeout=SETTLE_MS // 2) as settled:
        watch.watch(store_repair(enrolled))
    assert settled.args == [False]


def test_a_stopped_watch_ignores_sync_passes(qtbot: QtBot, enrolled: Enrolled) -> None:
    watch = DeliveryWatch(enrolled.context)
    record = store_repair(enrolled)
    watch.watch(record)
    watch.stop()
    with qtbot.assertNotEmitted(watch.changed), qtbot.assertNotEmitted(watch.settled):
        deliver(enrolled)
        assert wait_for_background()
        QCoreApplication.processEvents()  # any read's answer arrives now
    assert not watch.delivered and watch.record_id == ""
