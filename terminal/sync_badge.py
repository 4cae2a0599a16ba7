"""A small status badge: is the link up, how much waits to be sent, and
whether records need a technician (damaged here, or refused by the platform)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from sync.worker import SyncState


class SyncBadge(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state: SyncState | None = None
        self.setObjectName("syncBadge")
        self._render()

    def show_state(self, state: SyncState) -> None:
        self._state = state
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)

    def _render(self) -> None:
        state = self._state
        if state is None:
            text, kind = self.tr("● Connecting…"), "offline"
        elif state.revoked:
            text = self.tr("● This terminal was withdrawn; enroll it again "
                           "(%n record(s) kept)", "", state.backlog)
            kind = "attention"
        elif state.damaged:
            text = self.tr("● %n damaged record(s): call a technician", "", state.damaged)
            kind = "attention"
        elif state.dead_letters:
            text = self.tr("● %n record(s) need a technician", "", state.dead_letters)
            kind = "attention"
        elif state.online:
            if not state.backlog:
                text = self.tr("● Online")
            elif state.last_error:  # the platform answers but does not take them yet
                text = self.tr("● Online · %n saved, sending is delayed", "", state.backlog)
            else:
                text = self.tr("● Online · %n waiting to send", "", state.backlog)
            kind = "online"
        else:
            text = self.tr("● Offline · %n saved, will be sent", "", state.backlog)
            kind = "offline"
        self.setText(text)
        self.setProperty("state", kind)
        self.style().unpolish(self)
        self.style().polish(self)
