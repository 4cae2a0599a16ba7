"""How the receipt printer gets Chinese text, and the technician's check of it.

With `chinese_mode = "auto"` and no printer profile known to carry a Chinese
font, Chinese lines are sent as images (about 24 KB a slip instead of 0.5 KB
as GB18030 text): safe on any printer, slow on a serial link. The panel's
test slip is then printed in GB18030 mode and this widget asks the
technician whether its Chinese lines came out as characters; the answer
becomes the configured mode ("gb18030" or "raster"), so the question is
asked once per printer.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hardware.printer import ChineseMode

BUTTON_HEIGHT = 96


class ChineseFontCheck(QWidget):
    """After a GB18030 test slip, the yes/no question; `state` (a label to place
    beside the printer's settings) names the current Chinese mode."""

    chosen = Signal(str)  # "gb18030" (the printer's font) or "raster" (images)

    def __init__(self, mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = ChineseMode(mode)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setProperty("state", "attention")
        self.yes, self.no = QPushButton(), QPushButton()
        self.yes.setObjectName("chineseFontYes")
        self.no.setObjectName("chineseFontNo")
        self.no.setProperty("role", "secondary")
        for button in (self.yes, self.no):
            button.setMinimumHeight(BUTTON_HEIGHT)
        self.yes.clicked.connect(lambda: self._answer(ChineseMode.GB18030))
        self.no.clicked.connect(lambda: self._answer(ChineseMode.RASTER))
        buttons = QHBoxLayout()
        buttons.addWidget(self.yes, 1)
        buttons.addWidget(self.no, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.question)
        layout.addLayout(buttons)
        self._asking(False)
        self.retranslate()

    @property
    def unconfirmed(self) -> bool:
        """True while "auto" has not been settled by a test slip."""
        return self.mode is ChineseMode.AUTO

    def test_mode(self) -> ChineseMode | None:
        """The mode for the test slip: GB18030 while unconfirmed, else the configured one."""
        return ChineseMode.GB18030 if self.unconfirmed else None

    def ask(self) -> None:
        """The GB18030 test slip came out: ask what it looks like."""
        if self.unconfirmed:
            self._asking(True)

    def asking(self) -> bool:
        return not self.isHidden()

    def _asking(self, on: bool) -> None:
        self.setVisible(on)

    def _answer(self, mode: ChineseMode) -> None:
        self.mode = mode
        self._asking(False)
        self.retranslate()
        self.chosen.emit(mode.value)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.state.setText({
            ChineseMode.AUTO: self.tr(
                "Chinese text: printed as images until a test slip confirms the printer's "
                "own Chinese font (GB18030)."),
            ChineseMode.GB18030: self.tr("Chinese text: the printer's own font (GB18030)."),
            ChineseMode.RASTER: self.tr("Chinese text: printed as images."),
        }[self.mode])
        self.question.setText(self.tr(
            "Are the Chinese lines on the test slip clear Chinese characters (not symbols "
            "or gibberish)?"))
        self.yes.setText(self.tr("Yes: use the printer's font"))
        self.no.setText(self.tr("No: keep images"))


__all__ = ["ChineseFontCheck"]
