"""The hall screen: the number called now and its window, the recent calls,
waiting per category, the center, a clock, the notices ticker and whether the
platform feed is live. Bilingual: the configured language first, the other
under it. Only ever fed by signals; it never waits on anything.

Drawn for 1920x1080 and scaled to whatever screen it fills (`display.scaling`:
cage's headless output is 1280x720); on a portrait screen the panels stack
and the waiting cards go two by two.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from display import phrases
from display.phrases import Phrase
from display.scaling import is_portrait, px, scale_for
from display.widgets import CategoryCard, FitLabel, Ticker
from sync.protocol.help import HelpBoard
from sync.protocol.queue import QueueState
from terminal.theme import scale_hall

SIZE = (1920, 1080)  # the design's size, and the window's until it is shown full screen
FLASHES = 6  # on/off toggles of the call panel when a number is called
FLASH_MS = 500
# Fixed label heights in design pixels (the font sizes are in resources/themes/hall.qss).
CALL_NUMBER_PX = 290
CALL_WINDOW_PX = 124
CALL_WINDOW_SECONDARY_PX = 72
RECENT_ROW_PX = 84
CLOCK_PX = 82
TICKER_PX = 76
#: Waiting cards per row, landscape and portrait.
CARDS_PER_ROW = 4
CARDS_PER_ROW_PORTRAIT = 2


@dataclass(frozen=True)
class Shown:
    number: str
    window: str


class HallScreen(QWidget):
    def __init__(self, *, language: str = "zh_CN", center_zh: str = "", center_en: str = "",
                 recent_rows: int = 8, now: Callable[[], datetime] = datetime.now,
                 parent: QWidget | None = None) -> None:
        """`now` gives the local time for the clock."""
        super().__init__(parent)
        self.setObjectName("hall")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.resize(*SIZE)
        self.language = language
        self.center = (center_zh, center_en)
        self.recent_rows = recent_rows
        self._now = now
        self.calls: list[Shown] = []  # newest first; calls[0] is shown big
        self.state: QueueState | None = None
        self.help: HelpBoard | None = None
        self.online: bool | None = None
        self._flashes_left = 0
        self.scale = 0.0  # of the design's sizes; set by the first resize
        self.portrait = False

        self.root = QVBoxLayout(self)
        # any size the screen has: the contents are scaled to it (`_fit_to`)
        self.root.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.root.addLayout(self._header())
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addWidget(self._call_panel(), 11)
        self.body.addWidget(self._recent_panel(), 8)
        self.root.addLayout(self.body, 1)
        self.root.addLayout(self._waiting_row())
        self.ticker = Ticker()
        self.root.addWidget(self.ticker)

        self._clock_timer = QTimer(self)
        self._clock_timer.timeout.connect(self._tick)
        self._clock_timer.start(1000)
        self._flash_timer = QTimer(self)
        self._flash_timer.setInterval(FLASH_MS)
        self._flash_timer.timeout.connect(self._flash)
        self.out_of_service = False
        self.set_online(None)
        self._tick()
        self._render()
        self._fit_to(*SIZE)

    # ------------------------------------------------------------ building
    def _header(self) -> QHBoxLayout:
        self.center_primary = FitLabel("centerPrimary")
        self.center_secondary = FitLabel("centerSecondary", weight=400)
        names = QVBoxLayout()
        names.setSpacing(4)
        for label in (self.center_primary, self.center_secondary):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        names.addWidget(self.center_primary)
        names.addWidget(self.center_secondary)
        self.clock = _label("clock", CLOCK_PX)
        self.date = _label("date")
        self.status = _label("status")
        right = QVBoxLayout()
        right.setSpacing(4)
        right.addWidget(self.clock, alignment=Qt.AlignmentFlag.AlignRight)
        self.status_line = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.status_line.addStretch(1)
        self.status_line.addWidget(self.status, alignment=Qt.AlignmentFlag.AlignRight)
        self.status_line.addWidget(self.date, alignment=Qt.AlignmentFlag.AlignRight)
        right.addLayout(self.status_line)
        self.header = QHBoxLayout()
        self.header.addLayout(names, 1)
        self.header.addLayout(right)
        return self.header

    def _call_panel(self) -> QFrame:
        self.call_panel = _panel()
        self.call_heading = _heading()
        self.call_number = FitLabel("callNumber", weight=800)
        self.call_window = FitLabel("callWindowPrimary", weight=800)
        self.call_window_secondary = FitLabel("callWindowSecondary", weight=600)
        for label in (self.call_number, self.call_window, self.call_window_secondary):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.call_column = QVBoxLayout(self.call_panel)
        self.call_column.addLayout(self.call_heading[0])
        self.call_column.addStretch(1)
        self.call_column.addWidget(self.call_number)
        self.call_column.addWidget(self.call_window)
        self.call_column.addWidget(self.call_window_secondary)
        self.call_column.addStretch(1)
        return self.call_panel

    def _recent_panel(self) -> QFrame:
        """Recent calls in two columns of (number, window), newest first down
        the left column, then the right."""
        panel = _panel()
        self.recent_heading = _heading()
        self.recent_grid = grid = QGridLayout()
        grid.setVerticalSpacing(0)
        rows = (self.recent_rows + 1) // 2
        self.column_headers: list[tuple[QLabel, QLabel]] = []
        self.recent_labels: list[tuple[QLabel, QLabel]] = []
        for column in (0, 3):
            number, window = _label("columnHeader"), _label("columnHeader")
            grid.addWidget(number, 0, column)
            grid.addWidget(window, 0, column + 1, alignment=Qt.AlignmentFlag.AlignRight)
            self.column_headers.append((number, window))
        for index in range(self.recent_rows):
            number, window = _label("recentNumber"), _label("recentWindow")
            row, column = index % rows + 1, 0 if index < rows else 3
            grid.addWidget(number, row, column)
            grid.addWidget(window, row, column + 1, alignment=Qt.AlignmentFlag.AlignRight)
            self.recent_labels.append((number, window))
        self.recent_column = QVBoxLayout(panel)
        self.recent_column.addLayout(self.recent_heading[0])
        self.recent_column.addLayout(grid)
        self.recent_column.addStretch(1)
        self.recent_column.addWidget(self._help_banner())
        return panel

    def _help_banner(self) -> QFrame:
        """Kiosks whose residents asked for staff, under the recent calls: the
        configured language's lines, then the other's."""
        self.help_banner = QFrame(objectName="helpBanner")
        self.help_banner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.help_primary = _label("helpPrimary")
        self.help_secondary = _label("helpSecondary")
        for label in (self.help_primary, self.help_secondary):
            label.setWordWrap(True)
        self.help_lines = QVBoxLayout(self.help_banner)
        self.help_lines.setSpacing(2)
        self.help_lines.addWidget(self.help_primary)
        self.help_lines.addWidget(self.help_secondary)
        self.help_banner.hide()
        return self.help_banner

    def _waiting_row(self) -> QHBoxLayout:
        self.waiting_primary = _label("waitingPrimary")
        self.waiting_secondary = _label("waitingSecondary")
        heading = QVBoxLayout()
        heading.addStretch(1)
        heading.addWidget(self.waiting_primary)
        heading.addWidget(self.waiting_secondary)
        heading.addStretch(1)
        self.categories = QGridLayout()
        self.cards: list[CategoryCard] = []
        self.waiting = QHBoxLayout()
        self.waiting.addLayout(heading)
        self.waiting.addLayout(self.categories, 1)
        return self.waiting

    # ------------------------------------------------------------ sizes
    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_to(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def _fit_to(self, width: int, height: int) -> None:
        """The design's sizes scaled to `width` x `height`, stacked when portrait."""
        scale, portrait = round(scale_for(width, height), 3), is_portrait(width, height)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            scale_hall(app, scale)  # the fonts (a no-op when the sheet has them already)
        if (scale, portrait) == (self.scale, self.portrait):
            return
        self.scale, self.portrait = scale, portrait

        def size(value: float) -> int:
            return px(value, scale)

        self._set_margins()
        self.root.setSpacing(size(20))
        self.status_line.setSpacing(size(28) if not portrait else 0)
        # portrait: the date under the status, so the center's name keeps its width
        self.status_line.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                                      else QBoxLayout.Direction.LeftToRight)
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                               else QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(size(28))
        self.clock.setFixedHeight(size(CLOCK_PX))
        for label, height in ((self.call_number, CALL_NUMBER_PX),
                              (self.call_window, CALL_WINDOW_PX),
                              (self.call_window_secondary, CALL_WINDOW_SECONDARY_PX)):
            label.setFixedHeight(size(height))
        self.call_column.setContentsMargins(size(40), size(28), size(40), size(40))
        self.recent_column.setContentsMargins(size(40), size(28), size(40), size(28))
        self.recent_column.setSpacing(size(8))
        self.recent_grid.setHorizontalSpacing(size(24))
        self.recent_grid.setColumnMinimumWidth(2, size(48))
        for number, window in self.recent_labels:
            number.setFixedHeight(size(RECENT_ROW_PX))
            window.setFixedHeight(size(RECENT_ROW_PX))
        self.help_lines.setContentsMargins(size(24), size(8), size(16), size(8))
        self.waiting.setSpacing(size(24))
        self.categories.setSpacing(size(20))
        for card in self.cards:
            card.set_scale(scale)
        self.ticker.setFixedHeight(size(TICKER_PX))
        self._place_cards()
        self.root.activate()  # now, not at the next event: the new sizes in this frame

    def _place_cards(self) -> None:
        per_row = CARDS_PER_ROW_PORTRAIT if self.portrait else CARDS_PER_ROW
        for column in range(max(CARDS_PER_ROW, CARDS_PER_ROW_PORTRAIT)):
            self.categories.setColumnStretch(column, 1 if column < per_row else 0)
        for index, card in enumerate(self.cards):
            self.categories.addWidget(card, index // per_row, index % per_row)

    # ------------------------------------------------------------ inputs
    def set_language(self, language: str) -> None:
        self.language = language
        self._render()
        self._show_status()  # the status and the date put this language first too
        self._tick()

    def set_center(self, name_zh: str, name_en: str) -> None:
        self.center = (name_zh, name_en)
        self._render()

    def set_online(self, online: bool | None) -> None:
        """True: the feed is live; False: reconnecting; None: not yet connected."""
        self.online, self.out_of_service = online, False
        self._show_status()

    def set_out_of_service(self) -> None:
        """The display could not start (not enrolled, its configuration or store
        broken): nothing is reconnecting, so the hall is not told it is."""
        self.online, self.out_of_service = False, True
        self._show_status()

    def _show_status(self) -> None:
        phrase = phrases.OUT_OF_SERVICE if self.out_of_service else \
            phrases.CONNECTING if self.online is None else \
            phrases.ONLINE if self.online else phrases.OFFLINE
        self.status.setText("● " + _both(phrase, self.language, "  "))
        self.status.setProperty("online", "true" if self.online else "false")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)

    def set_notices(self, items: list[str]) -> None:
        self.ticker.set_items(items)
        self._set_margins()

    def _set_margins(self) -> None:
        """The ticker runs along the bottom edge; without it the hall keeps a margin."""
        bottom = 0 if not self.ticker.isHidden() else px(20, self.scale)
        self.root.setContentsMargins(px(40, self.scale), px(20, self.scale),
                                     px(40, self.scale), bottom)

    def show_state(self, state: QueueState) -> None:
        """The platform's view: counts, and the calls as it has them."""
        self.state = state
        seen: set[str] = set()
        calls = []
        for call in state.recent_calls:
            if call.number not in seen:
                seen.add(call.number)
                calls.append(Shown(call.number, call.window))
        self.calls = calls
        self._render()

    def show_help(self, board: HelpBoard) -> None:
        """Kiosks whose residents asked for staff: a discreet box under the recent
        calls, which give up their last row meanwhile."""
        self.help = board
        self._render()

    def show_call(self, number: str, window: str, _category: str = "") -> None:
        """A new call (or recall): it goes big and the panel flashes."""
        shown = Shown(number, window)
        self.calls = [shown, *[c for c in self.calls if c.number != number]]
        self._render()
        self._flashes_left = FLASHES
        self._flash_timer.start()

    # ------------------------------------------------------------ rendering
    def _render(self) -> None:
        language = self.language
        zh, en = self.center
        first, second = (zh, en) if language == "zh_CN" else (en, zh)
        self.center_primary.setText(first)
        self.center_secondary.setText(second)
        _set_heading(self.call_heading, phrases.NOW_CALLING, language)
        _set_heading(self.recent_heading, phrases.RECENT_CALLS, language)
        for number, window in self.column_headers:
            number.setText(_both(phrases.NUMBER, language, " "))
            window.setText(_both(phrases.WINDOW, language, " "))
        self.waiting_primary.setText(phrases.WAITING.primary(language))
        self.waiting_secondary.setText(phrases.WAITING.secondary(language))
        if self.calls:
            current = self.calls[0]
            self.call_number.setText(current.number)
            self.call_window.setText(
                phrases.PLEASE_GO.primary(language).format(window=current.window))
            self.call_window_secondary.setText(
                phrases.PLEASE_GO.secondary(language).format(window=current.window))
        else:
            self.call_number.setText("—")
            self.call_window.setText(phrases.NO_CALL_YET.primary(language))
            self.call_window_secondary.setText(phrases.NO_CALL_YET.secondary(language))
        slots = self._recent_slots()
        recent = iter(self.calls[1:1 + len(slots)])
        for index, (number, window) in enumerate(self.recent_labels):
            call = next(recent, None) if index in slots else None
            number.setText(call.number if call else "")
            window.setText(call.window if call else "")
            number.setVisible(index in slots)
            window.setVisible(index in slots)
        self._render_categories()
        self._render_help()

    def _recent_slots(self) -> list[int]:
        """The recent-call labels in use, newest first: all of them, or while the
        help box shows under them, all but each column's last row."""
        rows = (self.recent_rows + 1) // 2
        kept = rows - 1 if self.help is not None and self.help.requests else rows
        return [index for index in range(self.recent_rows) if index % rows < kept]

    def _render_help(self) -> None:
        """One line per state (called, staff on the way) naming its kiosks."""
        requests = self.help.requests if self.help else []
        primary, secondary = [], []
        for open_ in (True, False):
            kiosks = [request.kiosk for request in requests if request.open == open_]
            if kiosks:
                phrase = phrases.help_line(kiosks, staff_coming=not open_)
                primary.append(phrase.primary(self.language))
                secondary.append(phrase.secondary(self.language))
        self.help_primary.setText("\n".join(primary))
        self.help_secondary.setText("\n".join(secondary))
        self.help_banner.setVisible(bool(requests))

    def _render_categories(self) -> None:
        states = self.state.categories if self.state else []
        while len(self.cards) < len(states):
            card = CategoryCard()
            card.set_scale(self.scale)
            self.cards.append(card)
            self._place_cards()
        for index, card in enumerate(self.cards):
            card.setVisible(index < len(states))
            if index < len(states):
                category = states[index]
                card.show_category(category.prefix, category.name_zh, category.name_en,
                                   category.waiting, self.language)

    def _tick(self) -> None:
        now = self._now()
        self.clock.setText(now.strftime("%H:%M:%S"))
        weekday = now.weekday()
        zh_day, en_day = f"星期{phrases.WEEKDAYS_ZH[weekday]}", phrases.WEEKDAYS_EN[weekday]
        if self.language == "zh_CN":
            self.date.setText(f"{now.year}年{now.month}月{now.day}日 {zh_day} {en_day}")
        else:
            self.date.setText(f"{en_day} {now.day} {now:%b %Y} {zh_day}")

    def _flash(self) -> None:
        self._flashes_left -= 1
        on = self._flashes_left > 0 and self._flashes_left % 2 == 1
        self.call_panel.setProperty("flash", "true" if on else "false")
        self.call_panel.style().unpolish(self.call_panel)
        self.call_panel.style().polish(self.call_panel)
        if self._flashes_left <= 0:
            self._flash_timer.stop()


def _label(name: str, height: int | None = None) -> QLabel:
    """A label styled by `name`; a fixed `height` trims the tall CJK line box."""
    label = QLabel()
    label.setObjectName(name)
    if height is not None:
        label.setFixedHeight(height)
    return label


def _panel() -> QFrame:
    panel = QFrame()
    panel.setProperty("panel", "true")
    panel.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    return panel


def _heading() -> tuple[QHBoxLayout, QLabel, QLabel]:
    primary, secondary = _label("headingPrimary"), _label("headingSecondary")
    row = QHBoxLayout()
    row.setSpacing(20)
    row.addWidget(primary, alignment=Qt.AlignmentFlag.AlignBaseline)
    row.addWidget(secondary, alignment=Qt.AlignmentFlag.AlignBaseline)
    row.addStretch(1)
    return row, primary, secondary


def _set_heading(heading: tuple[QHBoxLayout, QLabel, QLabel], phrase: Phrase,
                 language: str) -> None:
    heading[1].setText(phrase.primary(language))
    heading[2].setText(phrase.secondary(language))


def _both(phrase: Phrase, language: str, separator: str) -> str:
    return f"{phrase.primary(language)}{separator}{phrase.secondary(language)}"
