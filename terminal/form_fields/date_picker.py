"""A big year / month / day picker (no keyboard)."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sync.protocol.models import FormField
from terminal.form_fields.base import FieldInput, is_birth_date, translate

# Where the date picker starts for a date of birth.
BIRTH_DATE_START = date(1960, 1, 1)


class _Spinner(QObject):
    """One row of the date picker: its caption, ▼ value ▲ (and ±10 for years);
    `DateInput` lays the rows' widgets out in one grid, so the rows line up."""

    changed = Signal()

    def __init__(self, big_step: int = 0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.value = 1
        self.low, self.high = 1, 31
        self.caption = QLabel()
        self.caption.setProperty("role", "subtitle")
        self.shown = QLabel()
        self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.shown.setProperty("role", "entry")
        self.shown.setMinimumHeight(96)
        self.shown.setMinimumWidth(180)
        self.buttons: list[QPushButton] = []  # the ups (the bigger first), then the downs
        steps = ([big_step] if big_step else []) + [1]
        for step in steps:
            self._button(f"▲ +{step}", step)
        for step in reversed(steps):
            self._button(f"▼ −{step}", -step)

    def place(self, grid: QGridLayout, row: int) -> None:
        """caption | ▼ −10 | ▼ −1 | value | ▲ +1 | ▲ +10 (no ±10 for month and day)."""
        grid.addWidget(self.caption, row, 0)
        columns = {-10: 1, -1: 2, 1: 4, 10: 5}
        for button in self.buttons:
            grid.addWidget(button, row, columns[int(button.property("step"))])
        grid.addWidget(self.shown, row, 3)

    def _button(self, text: str, step: int) -> QPushButton:
        button = QPushButton(text)
        button.setProperty("role", "secondary")
        button.setProperty("step", step)
        button.setProperty("compact", True)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setAutoRepeat(True)
        button.setAutoRepeatDelay(500)
        button.clicked.connect(lambda _checked=False: self.step(step))
        self.buttons.append(button)
        return button

    def set_range(self, low: int, high: int) -> None:
        self.low, self.high = low, high
        self.set(self.value)

    def set(self, value: int) -> None:
        self.value = max(self.low, min(self.high, value))
        self.shown.setText(str(self.value))

    def step(self, delta: int) -> None:
        self.set(self.value + delta)
        self.changed.emit()


class DateInput(FieldInput):
    """A big year / month / day picker; no keyboard. It starts at `today()` (the
    injected clock's date), or at `BIRTH_DATE_START` for a resident's date of birth
    (an elderly resident must not press "-10" six times from this year)."""

    def __init__(
        self,
        field: FormField,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field, parent)
        self._today = today
        self._start = BIRTH_DATE_START if is_birth_date(field) else None
        self._picked = False
        self.year, self.month, self.day = _Spinner(10), _Spinner(), _Spinner()
        now = today()
        self.year.set_range(1900, now.year + 5)
        self.month.set_range(1, 12)
        for spinner in (self.year, self.month, self.day):
            spinner.changed.connect(self._changed)
        self.summary = QLabel()
        self.summary.setProperty("role", "subtitle")
        rows = QGridLayout()
        rows.setHorizontalSpacing(12)
        rows.setVerticalSpacing(12)
        for row, spinner in enumerate((self.year, self.month, self.day)):
            spinner.place(rows, row)
        rows.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(rows)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.set_value(None)
        self.retranslate()

    def _changed(self) -> None:
        self._picked = True
        self._clamp_day()
        self._update_summary()
        self.changed.emit()

    def _clamp_day(self) -> None:
        self.day.set_range(1, calendar.monthrange(self.year.value, self.month.value)[1])

    def _update_summary(self) -> None:
        picked = self.picked_date()
        self.summary.setText(
            translate("FormFields", "Chosen: %1").replace("%1", f"{picked:%Y-%m-%d}")
            if self._picked
            else translate("FormFields", "Use ▲ ▼ to choose the date.")
        )

    def picked_date(self) -> date:
        return date(self.year.value, self.month.value, self.day.value)

    def value(self) -> str | None:
        return self.picked_date().isoformat() if self._picked else None

    def set_value(self, value: Any) -> None:
        start = date.fromisoformat(value) if value else self._start or self._today()
        self._picked = bool(value)
        self.year.set(start.year)
        self.month.set(start.month)
        self._clamp_day()
        self.day.set(start.day)
        self._update_summary()

    def problem(self) -> str:
        if self.field.required and not self._picked:
            return translate("FormFields", "Please choose the date with ▲ ▼.")
        return ""

    def retranslate(self) -> None:
        self.year.caption.setText(translate("FormFields", "Year"))
        self.month.caption.setText(translate("FormFields", "Month"))
        self.day.caption.setText(translate("FormFields", "Day"))
        self._update_summary()

