"""The resident's rating window on the counter's second screen: submitted
through the outbox, delivered to the reference platform, tied to the
tracking number; then thanks, and back to idle by itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from counter.rating.window import IDLE, LEVELS_PAGE, REASONS_PAGE, THANKS, RatingWindow
from tests.counter import acceptance_fixtures
from tests.counter.acceptance_fixtures import CounterEnv, save_shot

counter_env = acceptance_fixtures.counter_env  # the fixture, used by name below
NUMBER = "RC-20261125-C3-00007"


@pytest.fixture
def rating(counter_env: CounterEnv, qtbot: QtBot) -> Iterator[RatingWindow]:
    from sync.protocol.models import AcceptanceOutcome, AcceptancePayload, Person

    # the service rated: a rating is accepted only for a real case of the center
    counter_env.shell.services.runtime.outbox.submit(AcceptancePayload(
        tracking_number=NUMBER, matter_code="MZ-001", outcome=AcceptanceOutcome.ON_THE_SPOT,
        applicant=Person()))
    window = RatingWindow(counter_env.shell.bridge, thanks_ms=200)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    yield window


def test_a_low_rating_with_reasons_is_delivered(counter_env: CounterEnv, rating: RatingWindow,
                                                qtbot: QtBot) -> None:
    assert rating.page() == IDLE
    rating.level_buttons[2].click()  # nothing asked yet: ignored
    assert rating.page() == IDLE
    rating.ask(NUMBER)
    assert rating.page() == LEVELS_PAGE
    rating.level_buttons[2].click()
    assert rating.page() == REASONS_PAGE
    rating.reason_buttons["long_wait"].click()
    rating.reason_buttons["unclear"].click()
    with qtbot.waitSignal(rating.rated, timeout=10_000) as blocker:
        rating.submit_button.click()
    assert blocker.args == [NUMBER, 2]
    assert rating.page() == THANKS
    qtbot.waitUntil(lambda: rating.page() == IDLE, timeout=5_000)  # resets itself
    assert counter_env.drain() == 2
    rows = counter_env.platform_rows("rating")
    assert rows == [{"kind": "rating", "tracking_number": NUMBER, "level": 2,
                     "reasons": ["long_wait", "unclear"], "comment": None,
                     "ticket_number": None, "ticket_day": None}]


def test_a_good_rating_is_one_touch(counter_env: CounterEnv, rating: RatingWindow,
                                    qtbot: QtBot) -> None:
    rating.ask(NUMBER)
    with qtbot.waitSignal(rating.rated, timeout=10_000) as blocker:
        rating.level_buttons[5].click()
    assert blocker.args == [NUMBER, 5]
    rating.level_buttons[4].click()  # one rating per service
    assert counter_env.drain() == 2
    assert [row["level"] for row in counter_env.platform_rows("rating")] == [5]


def test_the_workbench_asks_for_a_rating(counter_env: CounterEnv, rating: RatingWindow) -> None:
    counter_env.workbench.ratingRequested.connect(rating.ask)
    counter_env.workbench.ratingRequested.emit(NUMBER)
    assert rating.page() == LEVELS_PAGE and rating.tracking_number == NUMBER


def test_show_on_screen(rating: RatingWindow) -> None:
    assert not rating.show_on_screen(len(QGuiApplication.screens()))
    assert rating.show_on_screen(0)
    assert rating.isFullScreen()
    assert rating.screen() is QGuiApplication.screens()[0]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_render_the_rating_window(counter_env: CounterEnv, rating: RatingWindow,
                                  language: str) -> None:
    counter_env.shell.gui.language.set_language(language)
    for width, height in ((1920, 1080), (1366, 768)):
        rating.resize(width, height)
        rating.ask(NUMBER)
        save_shot(rating, f"rating-levels-{width}x{height}-{language}")
        rating.choose(1)
        save_shot(rating, f"rating-reasons-{width}x{height}-{language}")
        rating.reset()
