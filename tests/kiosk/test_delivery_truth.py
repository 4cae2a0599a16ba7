"""The done screens and their slips tell the same truth about delivery: with
the sync worker running, an application made online is printed as "sent to
the platform" (as the screen says); made offline, both say "saved; will be
sent", and when it reaches the platform later the screen says so and why the
slip still says "will be sent". A booking's screen follows delivery too."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.receipts import rows
from tests.helpers.platform import start_platform
from tests.kiosk import apply_fixtures, queue_fixtures
from tests.kiosk.apply_fixtures import ApplyEnv, identify_as
from tests.kiosk.queue_fixtures import QueueEnv
from tests.kiosk.test_apply_flow import apply_through_review, submit_and_wait_done

apply_env = apply_fixtures.apply_env  # the fixtures, used by name below
queue_env = queue_fixtures.queue_env
SENT, SAVED = "Sent to the platform", "Saved; will be sent"
WAIT_MS = 20_000


def status_on_screen(done: Any) -> str:
    return dict((row.key, row.value) for row in rows(done.outcome, "en"))["Status"]


def printed_status(receipt: Any) -> str:
    return next(row.value for row in receipt.rows if row.key == "Status")


def test_online_the_slip_says_sent_as_the_screen_does(apply_env: ApplyEnv,
                                                      qtbot: QtBot) -> None:
    env = apply_env
    env.shell.bridge.start()  # the sync worker delivers as a kiosk's does
    apply_through_review(env, qtbot)
    submit_and_wait_done(env, qtbot)
    done = env.screen("apply_done")
    qtbot.waitUntil(lambda: done.receipt is not None, timeout=WAIT_MS)
    assert printed_status(done.receipt) == SENT
    assert status_on_screen(done) == SENT
    assert done.headline.text() == "Your application has reached the office."


@pytest.mark.log_warnings(r"platform unreachable")
def test_offline_both_say_saved_then_the_screen_explains(apply_env: ApplyEnv,
                                                         qtbot: QtBot) -> None:
    env = apply_env
    port = int(env.platform.url.rsplit(":", 1)[1])
    env.platform.stop()
    env.shell.bridge.start()
    qtbot.waitUntil(lambda: env.shell.bridge.last_state is not None
                    and env.shell.bridge.last_state.online is False, timeout=WAIT_MS)
    apply_through_review(env, qtbot)
    submit_and_wait_done(env, qtbot)
    done = env.screen("apply_done")
    qtbot.waitUntil(lambda: done.receipt is not None, timeout=WAIT_MS)
    assert printed_status(done.receipt) == SAVED and status_on_screen(done) == SAVED
    assert done.headline.text() == "Your application is saved."
    qtbot.waitUntil(lambda: "take your slip" in done.print_status.text(), timeout=WAIT_MS)
    env.platform = start_platform(env.platform_db, port)  # the link returns
    qtbot.waitUntil(lambda: done.outcome.delivered, timeout=60_000)
    assert done.headline.text() == "Your application has reached the office."
    assert status_on_screen(done) == SENT
    assert "printed a moment before your application reached the office" in \
        done.print_status.text()
    assert printed_status(done.receipt) == SAVED  # the paper does not change


def test_the_booking_screen_follows_delivery(queue_env: QueueEnv, qtbot: QtBot) -> None:
    kiosk = queue_env.kiosk
    kiosk.shell.bridge.start()
    kiosk.navigator.go("book", {"matter": "WJ-006"})
    book = kiosk.screen("book")
    qtbot.waitUntil(lambda: book.found is not None, timeout=WAIT_MS)
    for day in list(book.day_buttons):
        book.choose_day(day)
        qtbot.waitUntil(lambda: book.found is not None, timeout=WAIT_MS)
        if any(button.isEnabled() for button in book.slot_buttons):
            break
    identify_as(kiosk.context)
    next(button for button in book.slot_buttons if button.isEnabled()).click()
    qtbot.waitUntil(lambda: kiosk.navigator.current == "book_confirm", timeout=WAIT_MS)
    kiosk.screen("book_confirm").confirm.click()
    qtbot.waitUntil(lambda: kiosk.navigator.current == "booking_done", timeout=WAIT_MS)
    done = kiosk.screen("booking_done")
    qtbot.waitUntil(lambda: done.printer.receipt is not None, timeout=WAIT_MS)
    assert printed_status(done.printer.receipt) == SENT
    table = done.table.grid
    cells = [table.itemAt(i).widget().text() for i in range(table.count())]
    assert SENT in cells and SAVED not in cells
