"""A big on-screen numeric keypad: digits, optionally X, and backspace.

It only reports keys; the screen that owns it keeps the number being typed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

BACKSPACE = "back"
LAYOUT = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("X", "0", BACKSPACE))


class NumericKeypad(QWidget):
    keyPressed = Signal(str)  # "0".."9" or "X"
    backspacePressed = Signal()

    def __init__(self, *, with_x: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("numericKeypad")
        self.setMinimumWidth(540)
        self.setMaximumWidth(720)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(16)
        for row, keys in enumerate(LAYOUT):
            for column, key in enumerate(keys):
                button = QPushButton(key)
                button.setProperty("role", "keypad")
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                button.setFixedHeight(112)
                if key == BACKSPACE:
                    button.setObjectName("keypadBackspace")
                    button.clicked.connect(self.backspacePressed)
                else:
                    button.clicked.connect(lambda _=False, k=key: self.keyPressed.emit(k))
                grid.addWidget(button, row, column)
                self.buttons[key] = button
        for column in range(3):
            grid.setColumnStretch(column, 1)
        self.set_x_visible(with_x)
        self.retranslate()

    def set_key_height(self, height: int) -> None:
        for button in self.buttons.values():
            button.setFixedHeight(height)

    def set_x_visible(self, visible: bool) -> None:
        """Show the X key (the last character of some ID numbers)."""
        self.buttons["X"].setVisible(visible)

    def set_x_enabled(self, enabled: bool) -> None:
        self.buttons["X"].setEnabled(enabled)

    def retranslate(self) -> None:
        self.buttons[BACKSPACE].setText(self.tr("⌫ Delete"))
        self.buttons[BACKSPACE].setAccessibleName(self.tr("Delete the last character"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
