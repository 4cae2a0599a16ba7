"""Numbers typed on the big digit keypad: a number, a phone number, an ID number."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sync.protocol.models import FormField
from terminal.form_fields.base import FieldInput, translate
from terminal.validation import ID_LENGTH, PHONE_MAX_LENGTH, check_id_number, is_phone
from terminal.widgets.keypad import BACK, CLEAR, DigitKeypad

# Digits of a plain number field.
NUMBER_LENGTH = 9


class KeypadInput(FieldInput):
    """A number typed on the on-screen keypad (number, phone, ID number)."""

    def __init__(
        self, field: FormField, max_length: int, extra: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(field, parent)
        self.max_length = max_length
        self._text = ""
        self.display = QLabel()
        self.display.setObjectName("keypadDisplay")
        self.display.setProperty("role", "entry")
        self.display.setMinimumHeight(96)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setProperty("role", "subtitle")
        self.note.hide()
        self.keypad = DigitKeypad(left=extra or CLEAR, key_role="", action_role="secondary",
                                  spacing=12, min_size=(120, 96), wide_in_landscape=True)
        self.keypad.pressed.connect(self._key)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.display)
        layout.addWidget(self.note)
        layout.addWidget(self.keypad)
        layout.addStretch(1)

    def _key(self, key: str) -> None:
        if key == BACK:
            self._text = self._text[:-1]
        elif key == CLEAR:
            self._text = ""
        elif len(self._text) < self.max_length:
            self._text += key
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        self.display.setText(self._text)

    def text(self) -> str:
        return self._text

    def value(self) -> Any:
        return self._text

    def set_value(self, value: Any) -> None:
        self._text = "" if value is None else str(value)[: self.max_length]
        self._show()

    def lock(self, shown: str, note: str) -> None:
        """Filled from the ID card: show it masked, no keypad."""
        self.locked = True
        self.display.setText(shown)
        self.note.setText(note)
        self.note.show()
        self.keypad.hide()

    def retranslate(self) -> None:
        self.keypad.retranslate()


class NumberInput(KeypadInput):
    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, NUMBER_LENGTH, parent=parent)

    def value(self) -> int | None:
        return int(self._text) if self._text else None


class PhoneInput(KeypadInput):
    """A mobile number, or a landline with its area code (`terminal.validation`)."""

    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, PHONE_MAX_LENGTH, parent=parent)

    def problem(self) -> str:
        if self._text and not is_phone(self._text):
            return translate(
                "FormFields", "This phone number looks wrong. A mobile number has 11 digits."
            )
        return super().problem()


class IdNumberInput(KeypadInput):
    """An ID number, checked against the day `today` (the injected clock) tells."""

    def __init__(
        self, field: FormField, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(field, ID_LENGTH, extra="X", parent=parent)
        self._today = today
        #: the number came from an identified document (a passport, a foreigner's card)
        #: whose own rules were checked where it was read: no GB 11643 rule here
        self.document_checked = False

    def problem(self) -> str:
        if (self._text and not (self.locked or self.document_checked)
                and not check_id_number(self._text, today=self._today())):
            return translate(
                "FormFields", "This ID number is not right. Please check each digit."
            )
        return super().problem()
