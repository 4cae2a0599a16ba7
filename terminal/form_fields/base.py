"""What every form input is: a `FieldInput` answering `value()` and `problem()`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from sync.protocol.models import FieldType, FormField

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def is_birth_date(field: FormField) -> bool:
    """A person's own date of birth (not a baby's, which is recent)."""
    return field.type is FieldType.DATE and field.key == "birth_date"


def is_applicant_id(field: FormField) -> bool:
    """The applicant's own ID number (pre-filled from the session)."""
    return field.type is FieldType.ID_NUMBER and field.key.startswith("applicant")


class FieldInput(QWidget):
    """One field's input; `value()` is what goes into the payload."""

    changed = Signal()

    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.locked = False  # filled from the session: shown, not asked

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def is_empty(self) -> bool:
        return self.value() in (None, "")

    def problem(self) -> str:
        """A plain sentence saying what to fix, or ""."""
        if self.field.required and self.is_empty():
            return translate("FormFields", "Please fill this in.")
        return ""

    def activate(self) -> None:
        """The input's page is shown (start the camera...)."""

    def deactivate(self) -> None:
        """The input's page is hidden."""

    def retranslate(self) -> None:
        """Re-set texts after a language change."""

