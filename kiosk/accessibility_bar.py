"""Language, large text, high contrast and voice guidance: on every kiosk screen.

The switches show their state twice: filled when on (the theme's `toggle`
role) and a tick before the name when on. `reset` turns them all off (the
next resident starts plain) and says so once: each switch's own signal would
restyle the whole kiosk in turn, seconds of the GUI thread at the idle wipe.

The four take one row where they fit it, and two rows of two where they do
not (large English text, high contrast and the ticks on a portrait screen):
a switch is never cut short."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

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
    # `reset` turned off what was on (instead of each switch's own signal)
    turnedOff = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accessibilityBar")
        self.language_button = QPushButton(objectName="languageButton")
        self.language_button.setProperty("role", "secondary")
        self.large_text_button = toggle_button("largeTextButton")
        self.contrast_button = toggle_button("highContrastButton")
        self.voice_button = toggle_button("voiceButton")
        self.switches = (self.language_button, self.large_text_button, self.contrast_button,
                         self.voice_button)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(16)
        self._rows = 0
        self._arrange(1)
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

    # ---- one row or two ------------------------------------------------------------
    def _one_row_width(self) -> int:
        spacing = self._grid.horizontalSpacing() * (len(self.switches) - 1)
        return sum(button.sizeHint().width() for button in self.switches) + spacing

    def _arrange(self, rows: int) -> None:
        if rows == self._rows:
            return
        self._rows = rows
        columns = len(self.switches) // rows
        for index, button in enumerate(self.switches):
            self._grid.removeWidget(button)
            self._grid.addWidget(button, index // columns, index % columns)
        for column in range(len(self.switches)):
            self._grid.setColumnStretch(column, 1 if column < columns and rows > 1 else 0)

    def _fit(self) -> None:
        self._arrange(1 if self._one_row_width() <= self.width() else 2)

    def sizeHint(self) -> QSize:
        """One row's width (where there is room for it, the bar gets it)."""
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._one_row_width()), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a switch's text or font changed
            self._fit()
        return super().event(event)
