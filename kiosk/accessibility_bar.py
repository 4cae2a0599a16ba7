"""Language, large text, high contrast and voice guidance: on every kiosk screen.

The switches show their state twice: filled when on (the theme's `toggle`
role) and a tick before the name when on. `reset` turns them all off (the
next resident starts plain) and says so once: each switch's own signal would
restyle the whole kiosk in turn, seconds of the GUI thread at the idle wipe."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

ON_MARK = "✓ "


def toggle_button(name: str) -> QPushButton:
    button = QPushButton(objectName=name, checkable=True)
    button.setProperty("role", "toggle")
    return button


class AccessibilityBar(QWidget):
    languageRequested = Signal(str)
    largeTextToggled = Signal(bool)
    highContrastToggled = Signal(bool)
    voiceToggled = Signal(bool)
    #: `reset` turned off what was on (instead of each switch's own signal)
    turnedOff = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accessibilityBar")
        self.language_button = QPushButton(objectName="languageButton")
        self.language_button.setProperty("role", "secondary")
        self.large_text_button = toggle_button("largeTextButton")
        self.contrast_button = toggle_button("highContrastButton")
        self.voice_button = toggle_button("voiceButton")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.language_button)
        layout.addWidget(self.large_text_button)
        layout.addWidget(self.contrast_button)
        layout.addWidget(self.voice_button)
        self._current_language = "zh_CN"
        self.language_button.clicked.connect(self._switch_language)
        for button, signal in ((self.large_text_button, self.largeTextToggled),
                               (self.contrast_button, self.highContrastToggled),
                               (self.voice_button, self.voiceToggled)):
            button.toggled.connect(self.retranslate)
            button.toggled.connect(signal)
        self.retranslate()

    def set_language(self, language: str) -> None:
        self._current_language = language
        self.retranslate()

    def reset(self) -> None:
        switches = (self.large_text_button, self.contrast_button, self.voice_button)
        if not any(button.isChecked() for button in switches):
            return
        for button in switches:
            blocked = button.blockSignals(True)
            button.setChecked(False)
            button.blockSignals(blocked)
        self.retranslate()
        self.turnedOff.emit()

    def _switch_language(self) -> None:
        self.languageRequested.emit("en" if self._current_language == "zh_CN" else "zh_CN")

    def retranslate(self) -> None:
        # The button names the language it switches to, in that language.
        self.language_button.setText("English" if self._current_language == "zh_CN" else "中文")
        for button, name in ((self.large_text_button, self.tr("Large text")),
                             (self.contrast_button, self.tr("High contrast")),
                             (self.voice_button, self.tr("Voice guidance"))):
            on = button.isChecked()
            button.setText((ON_MARK if on else "") + name)
            button.setAccessibleName(name)
            button.setAccessibleDescription(self.tr("On") if on else self.tr("Off"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
