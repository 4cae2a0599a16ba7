"""What a resident sees when the kiosk cannot serve: plain words, no detail."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class OutOfServiceScreen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.title.setProperty("role", "title")
        self.body = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.body.setProperty("role", "subtitle")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("This kiosk is temporarily out of service"))
        self.body.setText(self.tr("Please ask at a service window. We are sorry for the wait."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
