"""The counter's queue state is pushed by the platform's event stream (the one
its help alerts come by): a ticket issued at a kiosk shows on the desk without
the desk reading the queue, which it then does once a minute instead of every
5 s; without the stream it reads every 5 s again."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from counter.desk import PUSHED_REFRESH_MS, REFRESH_MS
from tests.counter.conftest import Counter, settle, sign_in


def waiting(counter: Counter, category: str = "A") -> int | None:
    state = counter.ui.desk.state
    if state is None:
        return None
    return {c.code: c.waiting for c in state.categories}.get(category)


def test_a_ticket_issued_at_a_kiosk_reaches_the_desk_without_a_read(
        qtbot: QtBot, counter: Counter) -> None:
    desk = counter.ui.desk
    sign_in(qtbot, counter)
    settle(qtbot, counter)
    qtbot.waitUntil(lambda: counter.ui.help_feed.connected, timeout=10_000)
    assert desk.cadence.interval() == PUSHED_REFRESH_MS
    qtbot.waitUntil(lambda: waiting(counter) == 0, timeout=10_000)
    reads: list[Any] = []
    client = desk.client
    original = client.queue_state
    client.queue_state = lambda: reads.append(1) or original()  # type: ignore[method-assign]
    counter.issue("A")
    qtbot.waitUntil(lambda: waiting(counter) == 1, timeout=10_000)
    assert reads == []  # it came by the stream
    desk.set_pushed(False)  # the stream is gone: the desk reads as before
    assert desk.cadence.interval() == REFRESH_MS
    qtbot.waitUntil(lambda: len(reads) >= 1, timeout=10_000)
