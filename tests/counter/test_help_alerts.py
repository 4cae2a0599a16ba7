"""The counter's help alerts from the real event stream of the reference
platform on loopback: a kiosk's "call staff" appears (kiosk, screen, how
long ago), the clerk answers with one key, and an answer from any counter
takes it off."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from counter.help_alerts import ANSWER_KEY
from sync.protocol.models import Role
from tests.counter.conftest import WINDOW, Counter, enroll_client, sign_in


def call_staff(kiosk: Any, name: str = "2", title: str = "Report a repair",
               language: str = "en", minutes_ago: int = 0) -> None:
    """What a kiosk's "call staff" button delivers."""
    item = {"id": str(uuid.uuid4()), "seq": 1,
            "created_at": (datetime.now(UTC) - timedelta(minutes=minutes_ago)).isoformat(),
            "payload": {"kind": "help_request", "kiosk": name, "screen": "repair",
                        "screen_title": title, "language": language}}
    [result] = kiosk.post_batch(json.dumps({"items": [item]}).encode()).results
    assert result.status.value == "accepted", result


def answered_by(counter: Counter) -> list[tuple[str | None, str | None]]:
    from sync.server.db import HelpRequestRow

    with Session(counter.platform.app.state.engine) as session:
        return [tuple(row) for row in session.execute(  # type: ignore[misc]
            select(HelpRequestRow.window, HelpRequestRow.staff_no))]


def test_a_call_appears_and_the_clerk_answers_with_one_key(qtbot: QtBot,
                                                           counter: Counter) -> None:
    alerts = counter.ui.help_alerts
    assert not alerts.isVisible()
    call_staff(counter.kiosk, minutes_ago=3)
    qtbot.waitUntil(lambda: alerts.isVisible(), timeout=10_000)
    label, button = alerts.label, alerts.button
    assert label.text() == 'Kiosk 2 needs help · on "Report a repair" · 3 min ago'
    assert button.text() == f"I'm coming ({ANSWER_KEY})" and not button.isEnabled()
    assert not alerts.more.isVisible()
    QTest.keyClick(counter.ui.window, Qt.Key.Key_F11)  # nobody signed in: no answer
    assert answered_by(counter) == [(None, None)]

    sign_in(qtbot, counter)
    assert button.isEnabled()
    QTest.keyClick(counter.ui.window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not alerts.isVisible(), timeout=10_000)
    assert answered_by(counter) == [(WINDOW, "1001")]
    assert "Kiosk 2: go to the resident" in counter.ui.window.status.text()


def test_an_answer_from_another_counter_clears_it_here(qtbot: QtBot, counter: Counter) -> None:
    alerts = counter.ui.help_alerts
    second_kiosk = enroll_client(counter.url, counter.platform.enroll_code("C001", Role.KIOSK))
    other = enroll_client(counter.url, counter.platform.enroll_code("C001", Role.COUNTER))
    call_staff(counter.kiosk, "2", "Report a repair", "en")
    call_staff(second_kiosk, "5", "取号", "zh_CN")
    qtbot.waitUntil(lambda: len(alerts.requests) == 2, timeout=10_000)
    assert alerts.label.text().startswith("Kiosk 2 needs help")  # the one waiting longest
    assert alerts.more.text() == "1 more kiosk waiting" and alerts.more.isVisible()
    first = next(request for request in alerts.requests if request.kiosk == "2")
    other.acknowledge_help(first.id, "7", "1002")
    qtbot.waitUntil(lambda: [r.kiosk for r in alerts.requests] == ["5"], timeout=10_000)
    # the counter shows English here: a resident reading Chinese is pointed out
    assert alerts.label.text() == 'Kiosk 5 needs help · on "取号" (in Chinese) · just now'
    assert not alerts.more.isVisible()
    for client in (second_kiosk, other):
        client.close()
