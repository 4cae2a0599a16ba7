"""A service at the window that recorded no case is rated too: when the clerk
ends a ticket without an application's rating, the rating window asks about the
ticket on the resident's screen, and the platform keeps the rating against that
window and clerk; a ticket whose case was rated is not asked again, and a
counter without a resident's screen does not cover the clerk's after every
ticket."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from counter.rating.window import LEVELS_PAGE
from tests.counter.conftest import CLERK, WINDOW, Counter, counter_terminal, sign_in


@pytest.fixture
def counter(tmp_path: Path, qtbot: QtBot) -> Iterator[Counter]:
    """A counter whose resident has a screen of their own (the rating window's)."""
    with counter_terminal(tmp_path, qtbot, customer_screen=0) as result:
        assert not result.ui.rating_popup
        yield result


def _serve_to_the_end(qtbot: QtBot, counter: Counter) -> str:
    number = counter.issue("A")
    desk = counter.ui.desk
    desk.call_next()
    qtbot.waitUntil(lambda: desk.current is not None and desk.current.number == number,
                    timeout=10_000)
    desk.serve()
    qtbot.waitUntil(lambda: desk.can("end"), timeout=10_000)
    desk.end()
    return number


def test_a_served_ticket_without_a_case_is_rated_at_the_window(
        qtbot: QtBot, counter: Counter) -> None:
    from sync.server.db import RatingRow
    from sync.server.queue.core import ZONE

    sign_in(qtbot, counter)
    rating = counter.ui.rating
    assert rating is not None
    number = _serve_to_the_end(qtbot, counter)
    qtbot.waitUntil(lambda: rating.page() == LEVELS_PAGE, timeout=10_000)
    assert rating.ticket == (number, datetime.now(ZONE).date())
    with qtbot.waitSignal(rating.rated, timeout=10_000) as blocker:
        rating.level_buttons[4].click()
    assert blocker.args == [number, 4]
    counter.drain()
    runtime = counter.shell.services.runtime
    assert runtime.outbox.dead_count() == 0 and runtime.outbox.backlog() == 0
    with counter.platform.app.state.engine.connect() as connection:
        row = connection.execute(select(RatingRow.ticket_number, RatingRow.level,
                                        RatingRow.window, RatingRow.staff_no)).one()
    assert tuple(row) == (number, 4, WINDOW, CLERK)


def test_a_ticket_whose_case_was_rated_is_not_asked_again(
        qtbot: QtBot, counter: Counter) -> None:
    sign_in(qtbot, counter)
    rating = counter.ui.rating
    assert rating is not None
    counter.ui.workbench.ratingRequested.emit("RC-20261206-C3-00001")  # the case's rating
    assert rating.tracking_number == "RC-20261206-C3-00001"
    rating.reset()
    _serve_to_the_end(qtbot, counter)
    qtbot.waitUntil(lambda: counter.ui.desk.current is None, timeout=10_000)
    assert rating.ticket is None and rating.page() != LEVELS_PAGE


def test_a_single_screen_counter_does_not_ask_after_every_ticket(
        qtbot: QtBot, tmp_path: Path) -> None:
    with counter_terminal(tmp_path, qtbot) as single:
        assert single.ui.rating_popup
        sign_in(qtbot, single)
        _serve_to_the_end(qtbot, single)
        qtbot.waitUntil(lambda: single.ui.desk.current is None, timeout=10_000)
        assert single.ui.rating.ticket is None and not single.ui.rating.isVisible()
