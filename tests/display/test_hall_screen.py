"""The hall screen: it follows the feed, and renders at 1920x1080, at cage's
headless 1280x720 and on a portrait 1080x1920 panel in both languages, scaled
to the screen with nothing cut or overlapping."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.exceptions import TimeoutError as QtTimeout
from pytestqt.qtbot import QtBot

from display.hall_screen import SIZE, HallScreen
from sync.protocol.help import HelpBoard, HelpRequestShown
from sync.protocol.queue import CallShown, CategoryState, QueueState
from tests.helpers.artefacts import artefact_dir

CATEGORIES = [("A", "综合业务", "Civil affairs and general", 12),
              ("B", "社保医保", "Social security and medical insurance", 5),
              ("C", "住房物业", "Housing and property", 0),
              ("D", "预约办理", "Appointments", 3)]


def hall_state(calls: list[tuple[str, str]]) -> QueueState:
    return QueueState(
        center="C001", day=date(2025, 11, 25),
        categories=[CategoryState(code=code, prefix=code, name_zh=zh, name_en=en,
                                  waiting=waiting, longest_wait_seconds=0)
                    for code, zh, en, waiting in CATEGORIES],
        now_serving=[],
        recent_calls=[CallShown(number=number, window=window, called_at=datetime.now(UTC))
                      for number, window in calls])


def screen(qtbot: QtBot, language: str = "zh_CN") -> HallScreen:
    widget = HallScreen(language=language, center_zh="幸福里社区党群服务中心",
                        center_en="Xingfuli Community Service Center",
                        now=lambda: datetime(2025, 11, 25, 9, 41, 7))
    qtbot.addWidget(widget)
    return widget


def test_a_call_goes_big_and_the_previous_one_moves_down(qtbot: QtBot) -> None:
    hall = screen(qtbot)
    hall.show_state(hall_state([("A011", "2"), ("B004", "5"), ("A011", "2")]))
    assert hall.call_number.text() == "A011"
    assert [n.text() for n, _ in hall.recent_labels[:2]] == ["B004", ""]  # duplicates folded
    hall.show_call("A012", "3", "A")
    assert hall.call_number.text() == "A012"
    assert hall.call_window.text() == "请到 3 号窗口"
    assert hall.call_window_secondary.text() == "Please go to window 3"
    assert [(n.text(), w.text()) for n, w in hall.recent_labels[:2]] == [("A011", "2"),
                                                                          ("B004", "5")]
    assert [card.count.text() for card in hall.cards] == ["12", "5", "0", "3"]
    qtbot.waitUntil(lambda: hall.call_panel.property("flash") == "true", timeout=2000)


def test_online_indicator_and_ticker(qtbot: QtBot) -> None:
    hall = screen(qtbot, "en")
    assert "Connecting" in hall.status.text()
    hall.set_online(True)
    assert hall.status.text() == "● Online  在线" and hall.status.property("online") == "true"
    hall.set_online(False)
    assert hall.status.property("online") == "false"
    hall.set_notices(["Closed on Sunday · 周日休息"])
    assert hall.ticker.text == "Closed on Sunday · 周日休息"


def test_the_ticker_band_shows_only_with_notices(qtbot: QtBot) -> None:
    hall = screen(qtbot, "en")
    hall.show()
    qtbot.waitExposed(hall)
    assert not hall.ticker.isVisible()
    calls_bottom = hall.call_panel.geometry().bottom()
    hall.set_notices(["Closed on Sunday · 周日休息"])
    qtbot.waitUntil(lambda: hall.call_panel.geometry().bottom() < calls_bottom)
    assert hall.ticker.isVisible() and hall.ticker.height() > 0
    hall.set_notices([])
    qtbot.waitUntil(lambda: hall.call_panel.geometry().bottom() == calls_bottom)
    assert not hall.ticker.isVisible()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_render_1920x1080(qtbot: QtBot, language: str) -> None:
    hall = screen(qtbot, language)
    hall.show_state(hall_state([("A011", "2"), ("B004", "5"), ("A010", "1"), ("D002", "6"),
                                ("A009", "3"), ("C003", "4"), ("B003", "5"), ("A008", "2"),
                                ("A007", "1")]))
    hall.show_call("A012", "3", "A")
    hall.set_online(language == "zh_CN")
    hall.set_notices(["12月1日起医保窗口延长至18:00 · Medical insurance open until 18:00",
                      "周六上午开放预约办理 · Saturday morning appointments"])
    hall.show()
    qtbot.waitExposed(hall)
    assert (hall.width(), hall.height()) == SIZE
    for label in (hall.call_number, hall.call_window, hall.call_window_secondary):
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()
    image = hall.grab()
    assert (image.width(), image.height()) == SIZE
    assert image.save(str(artefact_dir("display") / f"hall_{language}.png"))


def busy_hall(qtbot: QtBot, language: str) -> HallScreen:
    """A morning's calls, a long category name, two kiosks asking for staff, notices."""
    hall = screen(qtbot, language)
    state = hall_state([("A011", "2"), ("B004", "5"), ("A010", "1"), ("D002", "6"),
                        ("A009", "3"), ("C003", "4"), ("B003", "5"), ("A008", "2")])
    long_name = state.categories[3].model_copy(update={
        "name_zh": "户籍与退役军人事务", "name_en": "Household registration and veterans"})
    hall.show_state(state.model_copy(update={"categories": [*state.categories[:3],
                                                            long_name]}))
    hall.show_call("A012", "3", "A")
    hall.set_online(True)
    hall.set_notices(["12月1日起医保窗口延长至18:00 · Medical insurance open until 18:00"])
    at = datetime(2025, 11, 25, 1, 30, tzinfo=UTC)
    hall.show_help(HelpBoard(requests=[
        HelpRequestShown(id="1", kiosk="2", screen="home", raised_at=at, acknowledged_at=at,
                         window="3"),
        HelpRequestShown(id="2", kiosk="5", screen="home", raised_at=at)]))
    return hall


def shown_rect(hall: HallScreen, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(hall, widget.rect().topLeft()), widget.size())


def problems(hall: HallScreen) -> list[str]:
    """What is cut or overlaps: a text beyond its label or its label beyond the
    screen, or two of the panels, cards and ticker on each other."""
    found = []
    for label in hall.findChildren(QLabel):
        if not label.isVisibleTo(hall) or not label.text():
            continue
        name, box = f"{label.objectName()} {label.text()!r}", label.contentsRect()
        if not hall.rect().contains(shown_rect(hall, label)):
            found.append(f"{name} off the screen")
        if label.wordWrap():
            needed = label.heightForWidth(box.width()) - label.height() + box.height()
            if needed > box.height():
                found.append(f"{name} needs {needed} px of height, has {box.height()}")
        else:
            metrics = label.fontMetrics()
            if metrics.horizontalAdvance(label.text()) > box.width():
                found.append(f"{name} wider than its label")
            if metrics.tightBoundingRect(label.text()).height() > box.height():
                found.append(f"{name} taller than its label")
    blocks = [hall.call_panel, hall.recent_heading[1].parentWidget(), hall.ticker,
              *[card for card in hall.cards if card.isVisibleTo(hall)]]
    for index, block in enumerate(blocks):
        if not hall.rect().contains(shown_rect(hall, block)):
            found.append(f"{block.objectName() or index} off the screen")
        for other in blocks[index + 1:]:
            if shown_rect(hall, block).intersects(shown_rect(hall, other)):
                found.append(f"{block.objectName() or index} on {other.objectName()}")
    return found


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1080, 1920)])
def test_the_hall_fits_every_screen(qtbot: QtBot, language: str, size: tuple[int, int]) -> None:
    hall = busy_hall(qtbot, language)
    hall.resize(*size)
    hall.show()
    qtbot.waitExposed(hall)
    qtbot.waitUntil(lambda: (hall.width(), hall.height()) == size)
    # the design's letters, scaled with the screen: two thirds at 1280x720
    design = 270 if size != (1280, 720) else 180
    qtbot.waitUntil(lambda: hall.call_number.font().pixelSize() == design)  # laid out
    with contextlib.suppress(QtTimeout):  # laid out: its sizes settle in a few events
        qtbot.waitUntil(lambda: not problems(hall), timeout=3000)
    assert problems(hall) == []
    image = hall.grab()
    assert (image.width(), image.height()) == size
    assert image.save(str(artefact_dir("display") / f"hall-{language}-{size[0]}x{size[1]}.png"))
