"""The one on-screen digit keypad: 1-9 like a telephone, then a left key, 0, a right key.

It only reports keys (`pressed`: "0".."9", X, CLEAR, BACK or OK); the widget that
owns it keeps what is being typed. The kiosk's identification and form inputs, the
technician's PIN gate and the clerk's sign-in all use it:

    keypad = DigitKeypad(left=X, key_height=112)          # an ID number: X, 0, delete
    keypad = DigitKeypad(right=OK, key_role="", action_role="secondary")  # a PIN: clear, 0, OK
    keypad.pressed.connect(self._key)

Its look comes from the theme through `key_role` (digits and X) and `action_role`
(clear and delete); OK keeps the theme's default, primary button look.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

X = "X"
CLEAR = "clear"
BACK = "back"
OK = "ok"
DIGITS = "123456789"

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


class DigitKeypad(QWidget):
    """Twelve big keys. `left` is CLEAR, X or "" (no key); `right` is BACK or OK.

    `key_height` fixes the keys' height (0: as the theme makes them, at least
    `min_size`). `wide_in_landscape` lays the keys out in two rows of six on a landscape window,
    where four rows would not fit beside a screen's step buttons; `short_back` labels
    the delete key with its symbol only (a small pad).
    """

    pressed = Signal(str)

    def __init__(self, *, left: str = CLEAR, right: str = BACK, key_role: str = "keypad",
                 action_role: str = "keypad", spacing: int = 16, key_height: int = 0,
                 min_size: tuple[int, int] = (0, 0), wide_in_landscape: bool = False,
                 short_back: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("digitKeypad")
        self._wide_in_landscape = wide_in_landscape
        self._short_back = short_back
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(spacing)
        self._columns = 0
        self.buttons: dict[str, QPushButton] = {}
        for key in (*DIGITS, left, "0", right):
            if not key:
                continue
            button = QPushButton(key if key.isdigit() or key == X else "")
            button.setObjectName(f"key_{key}")
            role = key_role if key.isdigit() or key == X else "" if key == OK else action_role
            if role:
                button.setProperty("role", role)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumSize(*min_size)
            if key_height:
                button.setFixedHeight(key_height)
            button.clicked.connect(lambda _checked=False, k=key: self.pressed.emit(k))
            self.buttons[key] = button
        self._has_left = bool(left)
        self._arrange(3)
        self.retranslate()

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons.values():
            self._grid.removeWidget(button)
        keys = list(self.buttons)
        for index, key in enumerate(keys):
            cell = index if self._has_left or index < len(DIGITS) else index + 1
            self._grid.addWidget(self.buttons[key], cell // columns, cell % columns)
        for column in range(6):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self._wide_in_landscape:
            window = self.window().size()
            self._arrange(6 if window.width() > window.height() else 3)
        super().resizeEvent(event)

    def set_key_height(self, height: int) -> None:
        for button in self.buttons.values():
            button.setFixedHeight(height)

    def set_digits_enabled(self, enabled: bool) -> None:
        """The digit keys (and X): off when what is typed is full."""
        for key, button in self.buttons.items():
            if key.isdigit() or key == X:
                button.setEnabled(enabled)

    def set_enabled_all(self, enabled: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(enabled)

    def retranslate(self) -> None:
        texts = {
            CLEAR: translate("DigitKeypad", "Clear"),
            BACK: "⌫" if self._short_back else translate("DigitKeypad", "⌫ Delete"),
            OK: translate("DigitKeypad", "OK"),
        }
        for key, text in texts.items():
            if key in self.buttons:
                self.buttons[key].setText(text)
        if BACK in self.buttons:
            self.buttons[BACK].setAccessibleName(
                translate("DigitKeypad", "Delete the last character"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
