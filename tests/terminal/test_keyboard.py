"""Text fields and the on-screen keyboard's rules, offscreen: which keyboard,
what is being composed, and that only a candidate the resident picked is
ever committed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from terminal.widgets.keyboard import (
    NO_KEYBOARD,
    QT_VIRTUAL_KEYBOARD,
    TouchLineEdit,
    TouchTextEdit,
    configure_input_method,
    panel_input,
    qt_virtual_keyboard_available,
)
from terminal.widgets.keyboard_dock import keyboard_locale


def composing(text: str) -> QInputMethodEvent:
    return QInputMethodEvent(text, [])


def committing(text: str) -> QInputMethodEvent:
    event = QInputMethodEvent()
    event.setCommitString(text)
    return event


def test_the_qt_virtual_keyboard_on_a_real_display_none_offscreen() -> None:
    env = {"QT_QPA_PLATFORM": "offscreen"}
    assert configure_input_method(env) == NO_KEYBOARD and "QT_IM_MODULE" not in env
    env = {"QT_IM_MODULE": "ibus"}  # a technician's choice stands
    assert configure_input_method(env) == NO_KEYBOARD and env["QT_IM_MODULE"] == "ibus"
    env = {"QT_QPA_PLATFORM": "xcb"}
    assert configure_input_method(env) == (
        QT_VIRTUAL_KEYBOARD if qt_virtual_keyboard_available() else NO_KEYBOARD)
    if qt_virtual_keyboard_available():
        # its own panel window off: the kiosk docks the panel in its layout
        assert env == {"QT_QPA_PLATFORM": "xcb", "QT_IM_MODULE": QT_VIRTUAL_KEYBOARD,
                       "QT_VIRTUALKEYBOARD_DESKTOP_DISABLE": "1"}
    env = {"QT_QPA_PLATFORM": "offscreen", "QT_IM_MODULE": QT_VIRTUAL_KEYBOARD}
    assert configure_input_method(env) == QT_VIRTUAL_KEYBOARD
    assert env["QT_VIRTUALKEYBOARD_DESKTOP_DISABLE"] == "1"


def test_the_keyboard_speaks_the_kiosks_two_languages() -> None:
    assert keyboard_locale(QLocale("zh_CN")) == "zh_CN"
    assert keyboard_locale(QLocale("en")) == "en_US"
    assert keyboard_locale(QLocale("fr_FR")) == "en_US"


def test_a_field_shows_what_is_being_composed(qtbot: QtBot) -> None:
    field = TouchLineEdit()
    qtbot.addWidget(field)
    field.setText("幸福里")
    seen: list[str] = []
    field.preeditChanged.connect(seen.append)
    QApplication.sendEvent(field, composing("hao lou"))
    assert field.preedit == "hao lou" and field.text() == "幸福里"
    assert field.composed_text() == "幸福里hao lou"
    QApplication.sendEvent(field, committing("号楼"))
    assert field.text() == "幸福里号楼" and field.preedit == "" and seen == ["hao lou", ""]


@pytest.mark.parametrize("kind", [TouchLineEdit, TouchTextEdit])
def test_only_a_picked_candidate_is_committed(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                               kind: type) -> None:
    """Qt commits pending pinyin (its first candidate) when the focus moves;
    under the virtual keyboard only commits from its panel count."""
    monkeypatch.setenv("QT_IM_MODULE", QT_VIRTUAL_KEYBOARD)
    field = kind()
    qtbot.addWidget(field)

    def text() -> str:
        return field.text() if isinstance(field, TouchLineEdit) else field.toPlainText()

    with panel_input():  # typed on the keyboard
        QApplication.sendEvent(field, composing("ao lou"))
    assert field.preedit == "ao lou"
    QApplication.sendEvent(field, composing("奥楼"))  # the focus moved: Qt shows its pick
    assert field.preedit == "ao lou"
    QApplication.sendEvent(field, committing("奥楼"))  # and commits it: nobody picked it
    assert text() == "" and field.preedit == ""
    with panel_input():
        QApplication.sendEvent(field, composing("hao lou"))
    with panel_input():  # a tap on the keyboard's candidate
        QApplication.sendEvent(field, committing("号楼"))
    assert text() == "号楼" and field.preedit == ""


def test_a_search_keeps_the_letters_of_pinyin_left_pending(qtbot: QtBot,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Initials typed in Chinese mode are the query: when the focus moves to a
    result, the field keeps "jzzqz", not Qt's first candidate and not nothing."""
    monkeypatch.setenv("QT_IM_MODULE", QT_VIRTUAL_KEYBOARD)
    field = TouchLineEdit(keeps_pending_letters=True)
    qtbot.addWidget(field)
    with panel_input():
        QApplication.sendEvent(field, composing("j z z q z"))
    assert field.composed_text() == "j z z q z"
    QApplication.sendEvent(field, composing("就自治区在"))  # the focus moved: Qt's pick
    QApplication.sendEvent(field, committing("就自治区在"))
    assert field.text() == "jzzqz" and field.preedit == ""


def test_without_the_virtual_keyboard_every_commit_counts(qtbot: QtBot,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_IM_MODULE", "ibus")  # a system input method picks for itself
    field = TouchLineEdit()
    qtbot.addWidget(field)
    QApplication.sendEvent(field, committing("幸福"))
    assert field.text() == "幸福"
