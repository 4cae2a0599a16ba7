"""The one digit keypad (terminal/widgets/keypad.py) as each of its users sets it up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from terminal.widgets.keypad import BACK, CLEAR, OK, DigitKeypad, X


def cells(keypad: DigitKeypad) -> dict[str, tuple[int, int]]:
    grid = keypad.layout()
    assert isinstance(grid, QGridLayout)
    found = {}
    for key, button in keypad.buttons.items():
        row, column, _rows, _columns = grid.getItemPosition(grid.indexOf(button))
        found[key] = (row, column)
    return found


def test_keys_sit_like_a_telephones_and_report_their_names(qtbot: QtBot) -> None:
    keypad = DigitKeypad(left=X)
    qtbot.addWidget(keypad)
    assert cells(keypad) == {"1": (0, 0), "2": (0, 1), "3": (0, 2), "4": (1, 0), "5": (1, 1),
                             "6": (1, 2), "7": (2, 0), "8": (2, 1), "9": (2, 2), X: (3, 0),
                             "0": (3, 1), BACK: (3, 2)}
    pressed: list[str] = []
    keypad.pressed.connect(pressed.append)
    for key in ("4", X, "0", BACK):
        qtbot.mouseClick(keypad.buttons[key], Qt.MouseButton.LeftButton)
    assert pressed == ["4", X, "0", BACK]
    assert keypad.buttons[BACK].text() == "⌫ Delete"
    keypad.set_digits_enabled(False)
    assert not keypad.buttons["7"].isEnabled() and not keypad.buttons[X].isEnabled()
    assert keypad.buttons[BACK].isEnabled()


def test_without_a_left_key_its_cell_stays_empty(qtbot: QtBot) -> None:
    keypad = DigitKeypad(left="", short_back=True)
    qtbot.addWidget(keypad)
    assert set(keypad.buttons) == {*"0123456789", BACK}
    assert cells(keypad)["0"] == (3, 1) and cells(keypad)[BACK] == (3, 2)
    assert keypad.buttons[BACK].text() == "⌫"


def test_a_pin_pad_has_clear_and_ok_with_their_roles(qtbot: QtBot) -> None:
    keypad = DigitKeypad(right=OK, key_role="", action_role="secondary")
    qtbot.addWidget(keypad)
    assert (keypad.buttons[CLEAR].text(), keypad.buttons[OK].text()) == ("Clear", "OK")
    assert keypad.buttons[CLEAR].property("role") == "secondary"
    assert keypad.buttons[OK].property("role") is None
    assert keypad.buttons["5"].property("role") is None
    keypad.set_enabled_all(False)
    assert not any(button.isEnabled() for button in keypad.buttons.values())


def test_two_rows_of_six_on_a_landscape_window(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    keypad = DigitKeypad(wide_in_landscape=True)
    QVBoxLayout(window).addWidget(keypad)  # it is resized with the window
    window.resize(1920, 1080)
    window.show()
    qtbot.waitUntil(lambda: cells(keypad)[CLEAR] == (1, 3))
    assert cells(keypad)["6"] == (0, 5) and cells(keypad)[BACK] == (1, 5)
    window.resize(1080, 1920)
    qtbot.waitUntil(lambda: cells(keypad)[CLEAR] == (3, 0))
