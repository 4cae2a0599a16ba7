"""The resident's rating, on the counter's customer-facing second screen.

`RatingWindow(bridge)`: `ask(tracking_number)` (a case) or `ask_ticket(number,
day)` (a service at the window without a case) shows five big levels (非常满意
very satisfied … 非常不满意 very dissatisfied); a low rating (1-2) asks for
reasons to pick; the `RatingPayload` goes through the bridge, then the window
thanks the resident and returns to its idle page by itself. Level and reason
names are shown in both languages: the resident may read either.
`show_on_screen(index)` places it full screen on that QScreen when present.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sync.protocol.models import RatingPayload

if TYPE_CHECKING:
    from terminal.sync_bridge import SyncBridge

#: level -> (Chinese, English); 5 is best. Each level's colour is in counter.qss.
LEVELS: dict[int, tuple[str, str]] = {
    5: ("非常满意", "Very satisfied"),
    4: ("满意", "Satisfied"),
    3: ("基本满意", "Fair"),
    2: ("不满意", "Dissatisfied"),
    1: ("非常不满意", "Very dissatisfied"),
}
#: Reasons offered for a low rating: (code sent to the platform, Chinese, English).
REASONS: tuple[tuple[str, str, str], ...] = (
    ("long_wait", "等候时间长", "Long wait"),
    ("attitude", "服务态度不好", "Unfriendly service"),
    ("unclear", "解释不清楚", "Explanations were unclear"),
    ("many_trips", "需要多次跑", "Had to come back again"),
    ("slow", "办理速度慢", "Slow handling"),
    ("other", "其他", "Other"),
)
LOW = 2
THANKS_MS = 4000
IDLE, LEVELS_PAGE, REASONS_PAGE, THANKS = range(4)


def two_lines(zh: str, en: str) -> str:
    return f"{zh}\n{en}"


class RatingWindow(QWidget):
    """Signals: `rated(tracking_number or ticket number, level)` after the local commit."""

    rated = Signal(str, int)
    failed = Signal(str)

    def __init__(self, bridge: SyncBridge, *, thanks_ms: int = THANKS_MS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingWindow")
        self.bridge = bridge
        self.tracking_number: str | None = None
        self.ticket: tuple[str, date] | None = None  # a service without a case
        self.level: int | None = None
        self.pages = QStackedWidget()
        self.idle = self._label("ratingIdle")
        self.prompt = self._label("ratingPrompt")
        self.level_buttons: dict[int, QPushButton] = {}
        self.reason_prompt = self._label("ratingReasonPrompt")
        self.reason_buttons: dict[str, QPushButton] = {}
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("ratingSubmit")
        self.submit_button.setMinimumHeight(110)
        self.submit_button.clicked.connect(self._submit_reasons)
        self.thanks = self._label("ratingThanks")
        self.pages.addWidget(self._page(self.idle))
        self.pages.addWidget(self._levels_page())
        self.pages.addWidget(self._reasons_page())
        self.pages.addWidget(self._page(self.thanks))
        self._reset_timer = QTimer(self)
        self._reset_timer.setSingleShot(True)
        self._reset_timer.setInterval(thanks_ms)
        self._reset_timer.timeout.connect(self.reset)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 40, 48, 40)
        layout.addWidget(self.pages)
        self.retranslate()
        self.reset()

    # ---------------------------------------------------------------- layout
    @staticmethod
    def _label(name: str) -> QLabel:
        label = QLabel(objectName=name)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label

    @staticmethod
    def _page(*widgets: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        return page

    def _levels_page(self) -> QWidget:
        row = QHBoxLayout()
        row.setSpacing(20)
        for level, (zh, en) in LEVELS.items():
            button = QPushButton(two_lines(zh, en))
            button.setObjectName(f"level{level}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setMinimumSize(180, 220)
            button.setProperty("role", "level")
            button.clicked.connect(lambda _checked=False, level=level: self.choose(level))
            self.level_buttons[level] = button
            row.addWidget(button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.prompt)
        layout.addLayout(row, 1)
        return page

    def _reasons_page(self) -> QWidget:
        grid = QGridLayout()
        grid.setSpacing(16)
        for index, (code, zh, en) in enumerate(REASONS):
            button = QPushButton(two_lines(zh, en))
            button.setObjectName(f"reason-{code}")
            button.setCheckable(True)
            button.setMinimumHeight(110)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setProperty("role", "reason")
            self.reason_buttons[code] = button
            grid.addWidget(button, index // 3, index % 3)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.reason_prompt)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.submit_button)
        return page

    # ---------------------------------------------------------------- API
    def ask(self, tracking_number: str) -> None:
        """Ask the resident to rate the service of `tracking_number`."""
        self._ask(tracking_number, None)

    def ask_ticket(self, number: str, day: date) -> None:
        """Ask the resident to rate the service of ticket `number` of center day `day`
        (a service that recorded no case)."""
        self._ask(None, (number, day))

    def _ask(self, tracking_number: str | None, ticket: tuple[str, date] | None) -> None:
        self._reset_timer.stop()
        self.tracking_number, self.ticket = tracking_number, ticket
        self.level = None
        for button in self.reason_buttons.values():
            button.setChecked(False)
        self.pages.setCurrentIndex(LEVELS_PAGE)

    def choose(self, level: int) -> None:
        if self.tracking_number is None and self.ticket is None:
            return
        self.level = level
        if level <= LOW:
            self.pages.setCurrentIndex(REASONS_PAGE)
        else:
            self._submit([])

    def reasons(self) -> list[str]:
        return [code for code, button in self.reason_buttons.items() if button.isChecked()]

    def _submit_reasons(self) -> None:
        self._submit(self.reasons())

    def _submit(self, reasons: list[str]) -> None:
        number, ticket, level = self.tracking_number, self.ticket, self.level
        if level is None or (number is None and ticket is None):
            return
        if ticket is not None:
            number = ticket[0]
            payload = RatingPayload(ticket_number=ticket[0], ticket_day=ticket[1],
                                    level=level, reasons=reasons)
        else:
            payload = RatingPayload(tracking_number=number, level=level, reasons=reasons)
        self.tracking_number = self.ticket = None  # one rating per service
        self.bridge.submit(self, payload, lambda _stored: self.rated.emit(number, level),
                           self.failed.emit)
        self.pages.setCurrentIndex(THANKS)
        self._reset_timer.start()

    def reset(self) -> None:
        """Back to the idle page (also after the thanks, by itself)."""
        self._reset_timer.stop()
        self.tracking_number = self.ticket = None
        self.level = None
        self.pages.setCurrentIndex(IDLE)

    def page(self) -> int:
        return self.pages.currentIndex()

    def show_on_screen(self, index: int) -> bool:
        """Full screen on QGuiApplication.screens()[index]; False when there is none."""
        screens = QGuiApplication.screens()
        if not 0 <= index < len(screens):
            return False
        screen = screens[index]
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()
        return True

    # ---------------------------------------------------------------- texts
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.idle.setText(two_lines("欢迎您，请稍候", "Welcome"))
        self.prompt.setText(two_lines("请您对本次服务进行评价",
                                      "Please rate the service you received"))
        self.reason_prompt.setText(two_lines("请选择不满意的原因（可多选）",
                                             "What went wrong? (choose any)"))
        self.submit_button.setText("提交  Submit")
        self.thanks.setText(two_lines("感谢您的评价！", "Thank you for your rating!"))
