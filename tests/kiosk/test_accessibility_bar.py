"""The accessibility bar on the kiosk's portrait screen: its four switches are never
cut short, whatever the language, text size, contrast and switches on."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from terminal.startup import Gui
from terminal.theme import ThemeMode
from tests.kiosk.conftest import KioskUi

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _switches(kiosk: KioskUi) -> list[QPushButton]:
    bar = kiosk.window.bar
    return [bar.language_button, bar.large_text_button, bar.contrast_button, bar.voice_button]


@pytest.mark.parametrize(("language", "size"), [("en", (1080, 1920)), ("zh_CN", (1080, 1920)),
                                               ("en", (1920, 1080))])
def test_every_switch_shows_its_whole_text(qtbot: QtBot, gui: Gui, kiosk: KioskUi,
                                           language: str, size: tuple[int, int]) -> None:
    """Soak finding (make soak, kiosk zh_CN, seed 5, its booking_done screenshot): with
    the kiosk in English, large text, high contrast and voice on, "✓ Large text",
    "✓ High contrast" and "✓ Voice guidance" were cut at both ends on the 1080 px
    portrait screen. Where the four do not fit one row, they take two."""
    kiosk.window.resize(*size)
    gui.language.set_language(language)
    kiosk.window.bar.set_language(language)
    for button in _switches(kiosk)[1:]:
        button.click()
    try:
        gui.set_theme(ThemeMode(high_contrast=True, large_text=True))

        def whole() -> bool:
            return all(button.width() >= button.sizeHint().width()
                       for button in _switches(kiosk))

        qtbot.waitUntil(whole, timeout=3000)
        SHOTS.mkdir(parents=True, exist_ok=True)
        shot = f"kiosk-bar-large-contrast-{language}-{size[0]}x{size[1]}.png"
        kiosk.window.grab().save(str(SHOTS / shot))
        right = kiosk.window.width() - 24
        assert all(button.geometry().translated(button.parentWidget().mapTo(
            kiosk.window, button.parentWidget().rect().topLeft())).right() <= right
            for button in _switches(kiosk))
    finally:
        gui.set_theme(ThemeMode())
    for button in _switches(kiosk)[1:]:
        button.click()
    qtbot.waitUntil(lambda: len({button.y() for button in _switches(kiosk)}) == 1,
                    timeout=3000)  # plain again: one row
    assert all(button.width() >= button.sizeHint().width() for button in _switches(kiosk))
