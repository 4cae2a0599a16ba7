"""Text typed on the on-screen keyboard the window docks."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from sync.protocol.models import FormField
from terminal.form_fields.base import FieldInput, translate
from terminal.widgets.keyboard import TouchLineEdit, TouchTextEdit

MAX_TEXT = 200
MAX_LONG_TEXT = 2000


class TextInput(FieldInput):
    def __init__(
        self, field: FormField, multiline: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(field, parent)
        self.multiline = multiline
        self.limit = MAX_LONG_TEXT if multiline else MAX_TEXT
        self.editor: TouchLineEdit | TouchTextEdit = (
            TouchTextEdit() if multiline else TouchLineEdit()
        )
        self.editor.setObjectName(f"text_{field.key}")
        if isinstance(self.editor, QLineEdit):
            self.editor.setMaxLength(self.limit)
        self.editor.textChanged.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.editor)
        layout.addStretch(1)

    def value(self) -> str:
        raw = (
            self.editor.text() if isinstance(self.editor, QLineEdit) else self.editor.toPlainText()
        )
        return raw.strip()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if isinstance(self.editor, QLineEdit):
            self.editor.setText(text)
        else:
            self.editor.setPlainText(text)

    def problem(self) -> str:
        if len(self.value()) > self.limit:
            return translate("FormFields", "This is too long. Please shorten it.")
        return super().problem()

    def activate(self) -> None:
        """The field takes the focus: the on-screen keyboard comes up."""
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def deactivate(self) -> None:
        """The keyboard goes with the field (pending pinyin is dropped, not committed)."""
        self.editor.clearFocus()

