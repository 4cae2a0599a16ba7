"""The demo's stand-ins for a resident's hands: "place the ID card", "show
a receipt's QR code" and "show the passport" (its data page under the camera),
shown only when the simulated devices wait for them
(`simulated_card` / `simulated_qr` = "on_tap"; `make demo` sets both)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

if TYPE_CHECKING:
    from terminal.devices.demo_taps import DemoTaps


class DemoButtons(QWidget):
    def __init__(self, taps: DemoTaps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoButtons")
        self.taps = taps
        self.card_button = QPushButton(objectName="demoCard")
        self.scan_button = QPushButton(objectName="demoScan")
        self.passport_button = QPushButton(objectName="demoPassport")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        for button, shown, tap in ((self.card_button, taps.card is not None, taps.place_card),
                                   (self.scan_button, taps.camera is not None, taps.show_qr),
                                   (self.passport_button, taps.camera is not None,
                                    taps.show_passport)):
            button.setProperty("role", "secondary")
            button.setVisible(shown)
            button.clicked.connect(tap)
            layout.addWidget(button)
        self.retranslate()

    def retranslate(self) -> None:
        self.card_button.setText(self.tr("Demo: place the ID card"))
        self.scan_button.setText(self.tr("Demo: show a receipt's QR code"))
        self.passport_button.setText(self.tr("Demo: show the passport"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
