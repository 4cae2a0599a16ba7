"""The base of every kiosk screen and the requests it may make.

A screen never calls another screen: it asks the navigator (by signal) to
go somewhere, with arguments. The navigator calls `enter(args)` on the
screen it shows and `reset()` on every screen when the session is wiped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


class KioskScreen(QWidget):
    navigate = Signal(str, dict)  # screen name, arguments
    goBack = Signal()
    goHome = Signal()
    endSession = Signal()  # the resident is done: wipe and return to attract
    chromeChanged = Signal()  # title or allows_back changed while shown

    #: shown in the navigation bar; screens set it in retranslate()
    title: str = ""
    #: False for screens that must not offer "back" (e.g. after a submission)
    allows_back: bool = True

    def enter(self, args: dict[str, Any]) -> None:
        """Called each time the screen is shown, with the navigator's arguments."""

    def leave(self) -> None:
        """Called when another screen is shown (stop cameras, polling...)."""

    def reset(self) -> None:
        """Forget everything of the last resident (the session wipe)."""

    def retranslate(self) -> None:
        """Set every visible text through self.tr(); called on language change."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.chromeChanged.emit()  # the navigation bar shows the new title
        super().changeEvent(event)


def step_buttons(back: QPushButton, forward: QPushButton) -> QHBoxLayout:
    """The row every step ends with: a narrow way back, a wide way on."""
    back.setProperty("role", "secondary")
    row = QHBoxLayout()
    row.setSpacing(24)
    row.addWidget(back, 1)
    row.addWidget(forward, 2)
    return row
