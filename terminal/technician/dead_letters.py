"""The technician panel's list of records that need a technician: damaged on
this terminal (unreadable, undecryptable, failing their checksum) or refused
by the platform, each with its reason. Read off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from terminal.background import run_in_background

if TYPE_CHECKING:
    from sync.outbox import DeadLetter

SHOWN = 6


class DeadLetterList(QFrame):
    def __init__(self, load: Callable[[], Sequence[DeadLetter]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self._load = load
        self._letters: Sequence[DeadLetter] | None = None
        self._error = ""
        self.title = QLabel()
        self.title.setProperty("role", "subtitle")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        small = QFont(self.body.font())
        small.setPointSizeF(max(8.0, small.pointSizeF() * 0.7))
        self.body.setFont(small)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 12, 20, 12)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self._render()

    def refresh(self) -> None:
        """Read the dead letters again (on a background thread)."""
        run_in_background(self, self._load, self._loaded, self._failed)

    def _loaded(self, letters: Sequence[DeadLetter]) -> None:
        self._letters, self._error = list(letters), ""
        self._render()

    def _failed(self, error: str) -> None:
        self._error = error
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)

    def _render(self) -> None:
        self.title.setText(self.tr("Records that need a technician"))
        letters = self._letters
        if self._error:
            self.body.setText(self.tr("Could not read them: %1").replace("%1", self._error))
        elif letters is None:
            self.body.setText(self.tr("Reading…"))
        elif not letters:
            self.body.setText(self.tr("None: every record is delivered or waiting to be sent."))
        else:
            damaged = sum(letter.local for letter in letters)
            lines = [self.tr("%n damaged on this terminal", "", damaged) + " · "
                     + self.tr("%n refused by the platform", "", len(letters) - damaged)]
            for letter in letters[:SHOWN]:
                where = (self.tr("damaged here") if letter.local
                         else self.tr("refused by the platform"))
                lines.append(f"#{letter.seq} {letter.kind} · {where} · {letter.code}: "
                             f"{_clip(letter.reason)}")
            if len(letters) > SHOWN:
                lines.append(self.tr("…and %n more: `reception-sync dead` lists them all", "",
                                     len(letters) - SHOWN))
            self.body.setText("\n".join(lines))


def _clip(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
