"""The hall screen: it follows the feed, and renders at 1920x1080 in both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pytestqt.qtbot import QtBot

from display.hall_screen import SIZE, HallScreen
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
