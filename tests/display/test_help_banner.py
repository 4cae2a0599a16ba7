"""The hall screen's help box: one line per state naming its kiosks, in the
configured language first; the recent calls give up a row while it shows."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from display.hall_screen import HallScreen
from sync.protocol.help import HelpBoard, HelpRequestShown

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def request(kiosk: str, *, answered: bool = False) -> HelpRequestShown:
    return HelpRequestShown(id=kiosk, kiosk=kiosk, screen="home", raised_at=NOW,
                            acknowledged_at=NOW if answered else None,
                            window="3" if answered else None)


def shown_calls(screen: HallScreen) -> list[str]:
    return [number.text() for number, _window in screen.recent_labels
            if number.isVisibleTo(screen)]


def test_the_help_box_names_kiosks_per_state_and_makes_room(qtbot: QtBot) -> None:
    screen = HallScreen(language="en")
    qtbot.addWidget(screen)
    for index in range(10):
        screen.show_call(f"A{index:03d}", str(index % 9 + 1))
    assert not screen.help_banner.isVisibleTo(screen)
    assert shown_calls(screen) == [f"A{index:03d}" for index in range(8, 0, -1)]

    screen.show_help(HelpBoard(requests=[request("2", answered=True), request("5"),
                                         request("7")]))
    assert screen.help_banner.isVisibleTo(screen)
    assert screen.help_primary.text() == ("Kiosks 5, 7 need help · staff have been called\n"
                                          "Kiosk 2 needs help · staff are on the way")
    assert screen.help_secondary.text() == ("自助机 5、7 需要帮助 · 已通知工作人员\n"
                                            "自助机 2 需要帮助 · 工作人员正在赶来")
    # the newest six calls stay, in order: down the left column, then the right
    assert shown_calls(screen) == [f"A{index:03d}" for index in range(8, 2, -1)]

    screen.set_language("zh_CN")
    assert screen.help_primary.text().startswith("自助机 5、7 需要帮助")
    screen.show_help(HelpBoard(requests=[]))
    assert not screen.help_banner.isVisibleTo(screen)
    assert len(shown_calls(screen)) == 8
