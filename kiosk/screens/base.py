"""The base of every kiosk screen and the requests it may make.

A screen never calls another screen: it asks the navigator (by signal) to
go somewhere, with arguments. The navigator calls `enter(args)` on the
screen it shows and `reset()` on every screen when the session is wiped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

#: label roles voice guidance reads: headings and questions, the card prompt,
#: a ticket's number and queue, an application's status, why the slip is on screen
SPOKEN_ROLES = ("title", "touch", "ticket-number", "ticket-category", "status",
                "slip-message")


class KioskScreen(QWidget):
    navigate = Signal(str, dict)  # screen name, arguments
    goBack = Signal()
    goHome = Signal()
    endSession = Signal()  # the resident is done: wipe and return to attract
    chromeChanged = Signal()  # title or allows_back changed while shown
    promptChanged = Signal()  # what voice guidance reads changed (a new step or page)

    #: shown in the navigation bar; screens set it in retranslate()
    title: str = ""
    #: False for screens that must not offer "back" (e.g. after a submission)
    allows_back: bool = True
    #: True for screens with a "Finish" of their own (the bar's "Exit" is hidden)
    offers_finish: bool = False
    #: True for screens holding what the resident typed and has not sent: the bar's
    #: "Exit" asks to be touched again before it clears it
    unsent_work: bool = False

    def enter(self, args: dict[str, Any]) -> None:
        """Called each time the screen is shown, with the navigator's arguments."""

    def leave(self) -> None:
        """Called when another screen is shown (stop cameras, polling...)."""

    def reset(self) -> None:
        """Forget everything of the last resident (the session wipe)."""

    def retranslate(self) -> None:
        """Set every visible text through self.tr(); called on language change."""

    def queue_moved(self) -> None:
        """The platform pushed a new queue state while this screen is shown."""

    def spoken_text(self) -> str:
        """What voice guidance reads: the title, then the screen's prompts (its
        visible labels of the roles in `SPOKEN_ROLES`, top to bottom)."""
        parts = [self.title]
        for label in self.findChildren(QLabel):
            text = label.text().strip()
            if label.property("role") in SPOKEN_ROLES and label.isVisibleTo(self) \
                    and text and text not in parts:
                parts.append(text)
        return "\n".join(part for part in parts if part)

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
