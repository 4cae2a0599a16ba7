"""The passport's access key typed by the resident: number, date of birth, expiry date.

The chip opens only to these three fields of the data page's MRZ (ICAO
9303 Basic Access Control). The resident types them one after the other on
a keyboard of letters and digits; each is checked before the next (a
number of 1 to 9 letters or digits, dates as six digits that make a real
date). `keyReady` carries the `MrzKey` once all three are in.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hardware.passport.mrz import MrzKey
from terminal.widgets.keypad import DIGITS
from terminal.widgets.labels import role_label

BACK = "back"
#: a passport number mixes letters and digits: the digit keypad's digits in one row
#: (as on a computer keyboard), then the alphabet; ten keys a row in portrait,
#: twelve in landscape, where "Delete", "Back" and "Next" share the fourth row so
#: that the keyboard fits beside the fields
KEYS = DIGITS + "0" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
NUMBER, BIRTH, EXPIRY = 0, 1, 2
LIMITS = (9, 6, 6)


def real_yymmdd(text: str) -> bool:
    if len(text) != 6 or not text.isdigit():
        return False
    try:
        date(2000 + int(text[:2]), int(text[2:4]), int(text[4:]))
    except ValueError:
        return False
    return True


class PassportKeyEntry(QWidget):
    """Three fields and a keyboard; emits `keyReady(MrzKey)` when all three check."""

    keyReady = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passportEntry")
        self.values = ["", "", ""]
        self.step = NUMBER
        self.prompt = role_label("subtitle", name="passportPrompt")
        self.error = role_label("error", name="passportError")
        self.error.setProperty("state", "attention")
        self.names: list[QLabel] = []
        self.displays: list[QLabel] = []
        fields = QGridLayout()
        fields.setHorizontalSpacing(24)
        for row in range(3):
            name = role_label("notice")
            shown = role_label("entry", wrap=False, name=f"passportField{row}")
            shown.setMinimumHeight(72)
            fields.addWidget(name, row, 0)
            fields.addWidget(shown, row, 1)
            self.names.append(name)
            self.displays.append(shown)
        fields.setColumnStretch(1, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key in KEYS:
            self._key(key, key)
        self._key(BACK, "")
        self._keys = QGridLayout()
        self._keys.setSpacing(8)
        self._columns = 0
        self.back_button = QPushButton()
        self.back_button.setProperty("role", "secondary")
        self.back_button.clicked.connect(self._previous)
        self.next_button = QPushButton()
        self.next_button.setObjectName("passportNext")
        self.next_button.clicked.connect(self._confirm)
        self._actions = QHBoxLayout()
        text = QVBoxLayout()
        text.setSpacing(16)
        text.addWidget(self.prompt)
        text.addLayout(fields)
        text.addWidget(self.error)
        text.addStretch(1)
        board = QVBoxLayout()
        board.setSpacing(16)
        board.addStretch(1)
        board.addLayout(self._keys)
        board.addLayout(self._actions)
        self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(32)
        self._layout.addLayout(text, 1)
        self._layout.addLayout(board, 1)
        self.set_landscape(False)
        self.retranslate()
        self._refresh()

    def _key(self, key: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"passportKey_{key}")
        button.setProperty("role", "key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _checked=False, k=key: self.press(k))
        self.buttons[key] = button
        return button

    def set_landscape(self, landscape: bool) -> None:
        """The keyboard beside the fields on a landscape screen, below them in portrait."""
        self._layout.setDirection(QBoxLayout.Direction.LeftToRight if landscape
                                  else QBoxLayout.Direction.TopToBottom)
        columns = 12 if landscape else 10
        if columns == self._columns:
            return
        self._columns = columns
        for button in (*self.buttons.values(), self.back_button, self.next_button):
            self._keys.removeWidget(button)
            self._actions.removeWidget(button)
        for index, key in enumerate(KEYS):
            self._keys.addWidget(self.buttons[key], index // columns, index % columns)
        row, column = divmod(len(KEYS), columns)
        if landscape:  # 36 keys fill three rows; delete, back and next share the fourth
            self._keys.addWidget(self.buttons[BACK], row, 0, 1, 4)
            self._keys.addWidget(self.back_button, row, 4, 1, 4)
            self._keys.addWidget(self.next_button, row, 8, 1, 4)
        else:
            self._keys.addWidget(self.buttons[BACK], row, column, 1, columns - column)
            self._actions.addWidget(self.back_button)
            self._actions.addWidget(self.next_button, 1)
        for column in range(12):
            self._keys.setColumnStretch(column, 1 if column < columns else 0)

    def clear(self) -> None:
        self.values = ["", "", ""]
        self.step = NUMBER
        self.error.clear()
        self._refresh()

    def show_key(self, key: MrzKey) -> None:
        """The three fields as read elsewhere (the camera's MRZ), to check or correct
        from the first."""
        self.values = [key.document_number.rstrip("<"), key.birth, key.expiry]
        self.step = NUMBER
        self.error.clear()
        self._refresh()

    def press(self, key: str) -> None:
        value = self.values[self.step]
        if key == BACK:
            value = value[:-1]
        elif len(value) < LIMITS[self.step] and (self.step == NUMBER or key.isdigit()):
            value += key
        self.values[self.step] = value
        self.error.clear()
        self._refresh()

    def _previous(self) -> None:
        if self.step > NUMBER:
            self.step -= 1
            self.error.clear()
            self._refresh()

    def _confirm(self) -> None:
        value = self.values[self.step]
        if self.step == NUMBER:
            if not value:
                self.error.setText(self.tr("Type the passport number as it is printed on the "
                                           "photo page."))
                return
        elif not real_yymmdd(value):
            self.error.setText(self.tr("Type the date as six digits: year, month, day "
                                       "(for example 690806 for 6 August 1969)."))
            return
        if self.step < EXPIRY:
            self.step += 1
            self._refresh()
            return
        self.keyReady.emit(MrzKey.typed(*self.values))

    def _refresh(self) -> None:
        for row, shown in enumerate(self.displays):
            shown.setText(self.values[row] or "—")
            shown.setProperty("state", "attention" if row == self.step else "")
            shown.style().unpolish(shown)
            shown.style().polish(shown)
        letters_ok = self.step == NUMBER
        full = len(self.values[self.step]) >= LIMITS[self.step]
        for key, button in self.buttons.items():
            if key != BACK:
                button.setEnabled(not full and (letters_ok or key.isdigit()))
        self.back_button.setEnabled(self.step > NUMBER)
        self.next_button.setEnabled(bool(self.values[self.step]))
        self.retranslate()

    def retranslate(self) -> None:
        self.names[NUMBER].setText(self.tr("Passport number"))
        self.names[BIRTH].setText(self.tr("Date of birth (YYMMDD)"))
        self.names[EXPIRY].setText(self.tr("Date of expiry (YYMMDD)"))
        self.prompt.setText((
            self.tr("Type the passport number from the photo page"),
            self.tr("Type your date of birth as on the passport"),
            self.tr("Type the passport's date of expiry"),
        )[self.step])
        self.buttons[BACK].setText(self.tr("Delete"))
        self.back_button.setText(self.tr("Back"))
        self.next_button.setText(self.tr("Read the chip") if self.step == EXPIRY
                                 else self.tr("Next"))
