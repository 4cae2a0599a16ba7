"""Small widgets of the hall screen: the notices ticker and a category card.

Their sizes and colours come from resources/themes/hall.qss: the labels that
fit their text take their pixel sizes as `qproperty-` values, the ticker
paints with the colours of its palette."""

from __future__ import annotations

from PySide6.QtCore import Property, QRectF, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

TICKER_STEP_PX = 3
TICKER_INTERVAL_MS = 30
TICKER_SEPARATOR = "      ◆      "
CARD_MIN_HEIGHT = 112


class SizedLabel(QLabel):
    """A label whose font pixel sizes the style sheet sets: `fitPixelSize` (the
    size it wants) and `fitMinPixelSize` (the smallest it may shrink to)."""

    def __init__(self, name: str, weight: int = 700, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.pixel_size = 0  # until the style sheet has set it
        self.min_px = 0
        font = QFont(self.font())
        font.setWeight(QFont.Weight(weight))
        self.setFont(font)

    def _get_pixel_size(self) -> int:
        return self.pixel_size

    def _set_pixel_size(self, value: int) -> None:
        self.pixel_size = value
        self._fit()

    def _get_min_px(self) -> int:
        return self.min_px

    def _set_min_px(self, value: int) -> None:
        self.min_px = value
        self._fit()

    fitPixelSize = Property(int, _get_pixel_size, _set_pixel_size)
    fitMinPixelSize = Property(int, _get_min_px, _set_min_px)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        raise NotImplementedError


class FitLabel(SizedLabel):
    """A one-line label whose font shrinks (down to the minimum) to fit its width."""

    def _fit(self) -> None:
        if self.pixel_size <= 0:
            return
        font = QFont(self.font())
        font.setPixelSize(self.pixel_size)
        width = QFontMetrics(font).horizontalAdvance(self.text())
        room = self.contentsRect().width()
        if width > room > 0:
            font.setPixelSize(max(self.min_px, int(self.pixel_size * room / width)))
        if font.pixelSize() != self.font().pixelSize():
            self.setFont(font)


class NameLabel(SizedLabel):
    """A category's name: one line, a little smaller when that makes it fit (户籍与退役军人
    事务 must not wrap to an orphan character); a name far too long for one line (most
    English ones) wraps instead, at `wrapPixelSize`, still read from the back of the hall."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent=parent)
        self.setWordWrap(True)
        self.wrap_px = 0

    def _get_wrap_px(self) -> int:
        return self.wrap_px

    def _set_wrap_px(self, value: int) -> None:
        self.wrap_px = value
        self._fit()

    wrapPixelSize = Property(int, _get_wrap_px, _set_wrap_px)

    def _fit(self) -> None:
        if self.pixel_size <= 0:
            return
        font = QFont(self.font())
        font.setPixelSize(self.pixel_size)
        width = QFontMetrics(font).horizontalAdvance(self.text())
        room = self.contentsRect().width()
        if width > room > 0:
            shrunk = int(self.pixel_size * room / width)
            font.setPixelSize(shrunk if shrunk >= self.min_px else max(1, self.wrap_px))
        if font.pixelSize() != self.font().pixelSize():
            self.setFont(font)


class Ticker(QWidget):
    """Notices scrolling right to left in one line; hidden while there are none (an
    empty band at the bottom of the hall looked like a fault)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticker")
        self._text = ""
        self._offset = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(TICKER_INTERVAL_MS)
        self._timer.timeout.connect(self._step)
        self.hide()

    @property
    def text(self) -> str:
        return self._text

    def set_items(self, items: list[str]) -> None:
        text = TICKER_SEPARATOR.join(item for item in items if item)
        if text == self._text:
            return
        self._text = text
        self._offset = 0.0
        if text:
            self._timer.start()
        else:
            self._timer.stop()
        self.setVisible(bool(text))
        self.update()

    def _step(self) -> None:
        width = self.fontMetrics().horizontalAdvance(self._text + TICKER_SEPARATOR)
        self._offset = (self._offset + TICKER_STEP_PX) % max(1, width)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        if not self._text:
            return
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.setFont(self.font())
        loop = self._text + TICKER_SEPARATOR
        width = self.fontMetrics().horizontalAdvance(loop)
        x = 32 - self._offset
        while x < self.width():
            painter.drawText(QRectF(x, 0, width, self.height()),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             loop)
            x += width


class CategoryCard(QFrame):
    """One queue category: its letter, bilingual name and how many wait."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("categoryCard")
        self.prefix = _label("categoryPrefix")
        self.primary = NameLabel("categoryPrimary")
        self.primary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.secondary = _label("categorySecondary")
        self.secondary.setWordWrap(True)
        self.count = _label("categoryCount")
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.primary)
        names.addWidget(self.secondary)
        self.row = QHBoxLayout(self)
        self.row.addWidget(self.prefix)
        self.row.addLayout(names, 1)
        self.row.addWidget(self.count)
        self.set_scale(1.0)

    def set_scale(self, scale: float) -> None:
        """Margins and height at `scale` of the 1920x1080 design (the fonts are the sheet's)."""
        self.row.setContentsMargins(round(16 * scale), round(12 * scale),
                                    round(20 * scale), round(12 * scale))
        self.row.setSpacing(round(14 * scale))
        self.setMinimumHeight(round(CARD_MIN_HEIGHT * scale))

    def show_category(self, prefix: str, name_zh: str, name_en: str, waiting: int,
                      language: str) -> None:
        self.prefix.setText(prefix)
        first, second = (name_zh, name_en) if language == "zh_CN" else (name_en, name_zh)
        self.primary.setText(first)
        self.secondary.setText(second)
        self.count.setText(str(waiting))


def _label(name: str, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    return label
