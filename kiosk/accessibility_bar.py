"""Language, large text and high contrast: on every kiosk screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget


class AccessibilityBar(QWidget):
    languageRequested = Signal(str)
    largeTextToggled = Signal(bool)
    highContrastToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language_button = QPushButton()
        self.language_button.setProperty("role", "secondary")
        self.large_text_button = QPushButton(checkable=True)
        self.large_text_button.setProperty("role", "secondary")
        self.contrast_button = QPushButton(checkable=True)
        self.contrast_button.setProperty("role", "secondary")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.language_button)
        layout.addWidget(self.large_text_button)
        layout.addWidget(self.contrast_button)
        self._current_language = "zh_CN"
        self.language_button.clicked.connect(self._switch_language)
        self.large_text_button.toggled.connect(self.largeTextToggled)
        self.contrast_button.toggled.connect(self.highContrastToggled)
        self.retranslate()

    def set_language(self, language: str) -> None:
        self._current_language = language
        self.retranslate()

    def _switch_language(self) -> None:
        self.languageRequested.emit("en" if self._current_language == "zh_CN" else "zh_CN")

    def retranslate(self) -> None:
        # The button names the language it switches to, in that language.
        self.language_button.setText("English" if self._current_language == "zh_CN" else "中文")
        self.large_text_button.setText(self.tr("Large text"))
        self.contrast_button.setText(self.tr("High contrast"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
