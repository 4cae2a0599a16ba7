"""Every time the kiosk shows or prints is the center's (Asia/Shanghai here),
never the machine's: these tests run the kiosk on a machine set to UTC."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from kiosk.receipts import slot_text
from kiosk.screens.notices import notice_date
from kiosk.screens.status import local_time
from tests.kiosk import queue_fixtures
from tests.kiosk.apply_fixtures import identify_as
from tests.kiosk.queue_fixtures import QueueEnv

queue_env = queue_fixtures.queue_env  # the fixture, used by name below
CENTER = ZoneInfo("Asia/Shanghai")
BOOKABLE = "WJ-006"
WAIT_MS = 20_000


@pytest.fixture(autouse=True)
def machine_in_utc() -> Iterator[None]:
    """The machine's clock zone is UTC (eight hours behind the center)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    assert datetime.now().astimezone().utcoffset().total_seconds() == 0
    try:
        yield
    finally:
        os.environ["TZ"] = before or ""
        time.tzset()


def test_slot_texts_notice_dates_and_status_times_are_the_centers() -> None:
    start = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # 09:00 in the center
    end = datetime(2026, 12, 7, 1, 30, tzinfo=UTC)
    assert slot_text(start, end, CENTER) == "2026-12-07 09:00–09:30"
    late = datetime(2026, 12, 6, 17, 30, tzinfo=UTC)  # already the 7th in the center
    assert notice_date(late, "en", CENTER) == "Monday, December 7, 2026"
    assert local_time(late, "en", "Asia/Shanghai").startswith("12/7/26 1:30")


def test_booking_slots_and_the_slip_show_the_centers_hours(queue_env: QueueEnv,
                                                           qtbot: QtBot) -> None:
    kiosk = queue_env.kiosk
    kiosk.navigator.go("book", {"matter": BOOKABLE})
    book = kiosk.screen("book")
    qtbot.waitUntil(lambda: book.found is not None and book.found.slots is not None,
                    timeout=WAIT_MS)
    for day in list(book.day_buttons):  # a day with times (today's may be over)
        book.choose_day(day)
        qtbot.waitUntil(lambda: book.found is not None, timeout=WAIT_MS)
        if any(button.isEnabled() for button in book.slot_buttons):
            break
    slots = book.found.slots.slots
    shown = [button.text().split("\n")[0] for button in book.slot_buttons]
    assert shown[0].startswith("09:00")  # the platform's first slot, in the hall's hours
    assert shown == [f"{s.start.astimezone(CENTER):%H:%M}–{s.end.astimezone(CENTER):%H:%M}"
                     for s in slots]
    free = next(i for i, button in enumerate(book.slot_buttons) if button.isEnabled())
    identify_as(kiosk.context)
    book.slot_buttons[free].click()
    qtbot.waitUntil(lambda: kiosk.navigator.current == "book_confirm", timeout=WAIT_MS)
    kiosk.screen("book_confirm").confirm.click()
    qtbot.waitUntil(lambda: kiosk.navigator.current == "booking_done", timeout=WAIT_MS)
    done = kiosk.screen("booking_done")
    expected = (f"{slots[free].start.astimezone(CENTER):%Y-%m-%d %H:%M}–"
                f"{slots[free].end.astimezone(CENTER):%H:%M}")
    qtbot.waitUntil(lambda: done.printer.receipt is not None, timeout=WAIT_MS)
    printed = {row.key: row.value for row in done.printer.receipt.rows}
    assert printed["Date and time"] == expected
    table = done.table.grid
    cells = [table.itemAt(i).widget().text() for i in range(table.count())]
    assert expected in cells


def test_a_ticket_shows_and_prints_the_centers_time(queue_env: QueueEnv, qtbot: QtBot) -> None:
    kiosk = queue_env.kiosk
    kiosk.navigator.go("take_number")
    screen = kiosk.screen("take_number")
    qtbot.waitUntil(lambda: "A" in screen.tiles and not screen.estimated, timeout=WAIT_MS)
    before = datetime.now(CENTER)
    screen.tiles["A"].click()
    qtbot.waitUntil(lambda: kiosk.navigator.current == "queue_ticket", timeout=WAIT_MS)
    after = datetime.now(CENTER)
    ticket = kiosk.screen("queue_ticket")
    center_times = {f"{moment:%Y-%m-%d %H:%M}" for moment in (before, after)}
    assert any(text in ticket.details.text() for text in center_times)
    qtbot.waitUntil(lambda: ticket.printer.receipt is not None, timeout=WAIT_MS)
    printed = {row.key: row.value for row in ticket.printer.receipt.rows}
    assert printed["Time"] in center_times


def test_the_attract_clock_is_the_centers(qtbot: QtBot) -> None:
    from kiosk.attract import AttractScreen

    attract = AttractScreen(center_name=lambda: "Hall", notices=lambda: [],
                            serving=lambda: [], language=lambda: "en",
                            time_zone="Asia/Shanghai")
    qtbot.addWidget(attract)
    now = datetime.now(CENTER)
    assert attract.clock_label.text() in {f"{now:%H:%M}",
                                          f"{datetime.now(CENTER):%H:%M}"}
