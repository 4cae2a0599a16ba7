"""The platform side of `served` records, and staff cards."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from uuid import uuid4

from pytestqt.qtbot import QtBot

from tests.counter.conftest import CLERK_PIN, Counter


def _item(payload: object, seq: int) -> dict[str, object]:
    from sync.protocol.models import TransactionItem

    item = TransactionItem(id=uuid4(), seq=seq, created_at=datetime.now(UTC),
                           payload=payload)  # type: ignore[arg-type]
    return item.model_dump(mode="json")


def test_served_records_close_open_tickets_and_refuse_unknown_numbers(counter: Counter) -> None:
    from sync.protocol.models import ServedPayload

    client = counter.shell.services.runtime.client
    now = datetime.now(UTC)
    waiting = counter.issue("A")
    leased = counter.kiosk.lease_numbers("B", 2).numbers[0]  # a kiosk printed it offline

    def served(number: str | None, category: str, outcome: str = "done") -> ServedPayload:
        return ServedPayload(number=number, category=category, window="3", staff_no="1001",
                             outcome=outcome,  # type: ignore[arg-type]
                             called_at=now - timedelta(minutes=3), ended_at=now)

    items = [_item(served(waiting, "A"), 1), _item(served(leased, "B", "no_show"), 2),
             _item(served(None, "A"), 3), _item(served("A999", "A"), 4),
             _item(served(waiting, "A"), 5)]
    results = client.post_batch(json.dumps({"items": items}).encode()).results
    assert [r.status.value for r in results] == [
        "accepted", "accepted", "accepted", "rejected", "accepted"]
    assert results[3].code == "unknown_ticket_number"
    stats = counter.shell.services.runtime.client.queue_stats(window="3").windows[0]
    assert stats.served == 2 and stats.no_shows == 1
    assert {c.code: c.waiting for c in counter.kiosk.queue_state().categories}["A"] == 0


def test_a_staff_card_needs_the_pin_too(qtbot: QtBot, counter: Counter) -> None:
    from counter.staff_card import StaffCardWatcher

    screen = counter.ui.sign_in
    uids = iter([None, "04 a1 b2 c3", "04 a1 b2 c3"])
    watcher = StaffCardWatcher(lambda: next(uids, None), poll=0.05)
    watcher.uidRead.connect(screen.present_card)
    with qtbot.waitSignal(watcher.uidRead, timeout=5000) as blocker:
        watcher.start()
    watcher.stop()
    assert blocker.args == ["04 a1 b2 c3"]
    assert counter.ui.desk.clerk is None  # the card alone signs nobody in
    assert "Type your PIN" in screen.message.text()
    assert not screen.staff_no.isEnabled()
    screen.pin.setText("999999")
    screen.submit()
    qtbot.waitUntil(lambda: "Wrong" in screen.message.text(), timeout=10_000)
    assert counter.ui.desk.clerk is None
    screen.pin.setText(CLERK_PIN)
    screen.submit()
    qtbot.waitUntil(lambda: counter.ui.desk.clerk is not None, timeout=10_000)
    assert counter.ui.desk.clerk.staff_no == "1001"
