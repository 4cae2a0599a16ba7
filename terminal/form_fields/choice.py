"""One big button per choice of a catalog field."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QButtonGroup, QGridLayout, QPushButton, QSizePolicy, QWidget

from sync.protocol.models import FormField
from terminal.form_fields.base import FieldInput, translate


@dataclass(frozen=True)
class Choice:
    value: str
    zh: str
    en: str


def catalog_choice(text: str) -> Choice:
    """Catalog choices read "疾病 Illness": Chinese first, then English."""
    match = re.match(r"^([^A-Za-z]+?)\s+([A-Za-z].*)$", text.strip())
    if match:
        return Choice(text, match.group(1).strip(), match.group(2).strip())
    return Choice(text, text, text)


class ChoiceInput(FieldInput):
    """One big button per choice; exactly one may be chosen."""

    def __init__(
        self,
        field: FormField,
        choices: list[Choice],
        language: Callable[[], str],
        columns: int = 2,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field, parent)
        self.choices = choices
        self._language = language
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(16)
        self.buttons: list[QPushButton] = []
        for index, _choice in enumerate(choices):
            button = QPushButton()
            button.setCheckable(True)
            button.setProperty("role", "choice")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.group.addButton(button, index)
            grid.addWidget(button, index // columns, index % columns)
            self.buttons.append(button)
        grid.setRowStretch(len(choices) // columns + 1, 1)
        self.group.idToggled.connect(self._toggled)
        self.retranslate()

    def _toggled(self, _index: int, checked: bool) -> None:
        self.retranslate()
        if checked:
            self.changed.emit()

    def label(self, choice: Choice) -> str:
        return choice.zh if self._language() == "zh_CN" else choice.en

    def value(self) -> str | None:
        index = self.group.checkedId()
        return self.choices[index].value if index >= 0 else None

    def set_value(self, value: Any) -> None:
        for index, choice in enumerate(self.choices):
            if choice.value == value:
                self.buttons[index].setChecked(True)
                return
        checked = self.group.checkedButton()
        if checked is not None:
            self.group.setExclusive(False)
            checked.setChecked(False)
            self.group.setExclusive(True)
        self.retranslate()

    def problem(self) -> str:
        if self.field.required and self.value() is None:
            return translate("FormFields", "Please choose one.")
        return ""

    def retranslate(self) -> None:
        for button, choice in zip(self.buttons, self.choices, strict=True):
            mark = "✓  " if button.isChecked() else ""
            button.setText(mark + self.label(choice))

