"""The attract screen: who we are, what time it is, who is being served,
the latest notices, and an invitation to touch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QDateTime, QEvent, QLocale, Qt, QTimer, QTimeZone, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sync.paths import DEFAULT_TIME_ZONE

TICKER_SECONDS = 6


class Notice(Protocol):
    """What the ticker needs of a notice (sync.protocol.models.Notice)."""

    title_zh: str
    title_en: str


class AttractScreen(QWidget):
    touched = Signal()

    def __init__(self, center_name: Callable[[], str], notices: Callable[[], Sequence[Notice]],
                 serving: Callable[[], Sequence[tuple[str, str]]], language: Callable[[], str],
                 time_zone: str = DEFAULT_TIME_ZONE, parent: QWidget | None = None) -> None:
        """`time_zone`: the center's, which the clock shows (not the machine's)."""
        super().__init__(parent)
        self.setObjectName("attract")
        self._center_name = center_name
        self._notices = notices
        self._serving = serving
        self._language = language
        self._zone = QTimeZone(time_zone.encode())
        self._ticker_index = 0

        self.center_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.center_label.setProperty("role", "title")
        self.clock_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.clock_label.setProperty("role", "clock")
        self.date_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.date_label.setProperty("role", "subtitle")
        self.serving_title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.serving_title.setProperty("role", "subtitle")
        self.serving_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.serving_label.setProperty("role", "serving")
        self.touch_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.touch_label.setProperty("role", "touch")
        self.ticker_label = QLabel(wordWrap=True)
        self.ticker_label.setProperty("role", "ticker")

        serving_card = QFrame()
        serving_card.setProperty("role", "card")
        serving_layout = QVBoxLayout(serving_card)
        serving_layout.addWidget(self.serving_title)
        serving_layout.addWidget(self.serving_label)

        clock_row = QHBoxLayout()
        clock_column = QVBoxLayout()
        clock_column.addWidget(self.clock_label)
        clock_column.addWidget(self.date_label)
        clock_row.addLayout(clock_column)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.setSpacing(20)
        layout.addWidget(self.center_label)
        layout.addLayout(clock_row)
        layout.addWidget(serving_card)
        layout.addStretch(1)
        layout.addWidget(self.touch_label)
        layout.addStretch(1)
        layout.addWidget(self.ticker_label)

        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self._clock.start(1000)
        self._ticker = QTimer(self)
        self._ticker.timeout.connect(self._next_notice)
        self._ticker.start(TICKER_SECONDS * 1000)
        self.retranslate()

    def retranslate(self) -> None:
        self.center_label.setText(self._center_name())
        self.serving_title.setText(self.tr("Now serving"))
        self.touch_label.setText(self.tr("Touch the screen to start"))
        self.refresh()

    def refresh(self) -> None:
        serving = list(self._serving())
        self.serving_label.setText(
            "   ".join(self.tr("%1 → window %2").replace("%1", number).replace("%2", window)
                       for number, window in serving)
            if serving else self.tr("No numbers are being called right now"))
        self._show_notice()
        self._tick()

    def _tick(self) -> None:
        now = QDateTime.currentDateTime(self._zone)
        locale = QLocale()
        self.clock_label.setText(locale.toString(now.time(), "HH:mm"))
        self.date_label.setText(locale.toString(now.date(), QLocale.FormatType.LongFormat))

    def _next_notice(self) -> None:
        self._ticker_index += 1
        self._show_notice()

    def _show_notice(self) -> None:
        notices = list(self._notices())
        if not notices:
            self.ticker_label.setText(self.tr("Welcome. Self-service is open 24 hours."))
            return
        notice = notices[self._ticker_index % len(notices)]
        title = notice.title_zh if self._language() == "zh_CN" else notice.title_en
        self.ticker_label.setText(self.tr("Notice: %1").replace("%1", title))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.touched.emit()
        super().mouseReleaseEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
