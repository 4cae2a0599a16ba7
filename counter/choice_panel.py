"""A small panel of numbered choices (keys 1-9), with an optional typed
value, used for transfer, walk-in category and pause reason. Esc cancels."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ChoicePanel(QWidget):
    chosen = Signal(str)  # an option key
    typed = Signal(str)  # the field's text, on Enter or its button
    cancelled = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.title = QLabel(wordWrap=True)
        self.title.setProperty("role", "subtitle-strong")
        self.grid = QGridLayout()
        self.grid.setSpacing(8)
        self.field_label = QLabel()
        self.field = QLineEdit(objectName=f"{name}Field", maxLength=16)
        self.field.returnPressed.connect(self._typed)
        self.field_button = QPushButton(objectName=f"{name}FieldButton")
        self.field_button.clicked.connect(self._typed)
        self.cancel_button = QPushButton(objectName=f"{name}Cancel")
        self.cancel_button.setProperty("role", "secondary")
        self.cancel_button.clicked.connect(self.cancelled)
        field_row = QHBoxLayout()
        field_row.addWidget(self.field_label)
        field_row.addWidget(self.field, 1)
        field_row.addWidget(self.field_button)
        self.field_row = QWidget()
        self.field_row.setLayout(field_row)
        field_row.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(self.grid)
        layout.addWidget(self.field_row)
        layout.addStretch(1)
        layout.addWidget(self.cancel_button)
        self.buttons: dict[str, QPushButton] = {}
        self._keys: list[str] = []

    def set_options(self, title: str, options: list[tuple[str, str]], *,
                    field_label: str = "", field_button: str = "", cancel: str = "") -> None:
        """`options` are (key, label); the n-th answers to the digit key n."""
        self.title.setText(title)
        for button in self.buttons.values():
            button.deleteLater()
        self.buttons, self._keys = {}, []
        for index, (key, label) in enumerate(options[:9]):
            button = QPushButton(f"{label}  ({index + 1})", objectName=f"choice_{key}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, key=key: self.chosen.emit(key))
            self.grid.addWidget(button, index, 0)
            self.buttons[key] = button
            self._keys.append(key)
        self.field_row.setVisible(bool(field_label))
        self.field_label.setText(field_label)
        self.field_button.setText(field_button)
        self.field.clear()
        self.cancel_button.setText(cancel)

    def choose_index(self, index: int) -> bool:
        if 0 <= index < len(self._keys):
            self.chosen.emit(self._keys[index])
            return True
        return False

    def _typed(self) -> None:
        text = self.field.text().strip()
        if text:
            self.typed.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.cancelled.emit()
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and not self.field.hasFocus():
            self.choose_index(key - Qt.Key.Key_1)
        else:
            super().keyPressEvent(event)
