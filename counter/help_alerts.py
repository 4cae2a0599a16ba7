"""The counter's help alerts: kiosks whose residents asked for a member of
staff ("call staff"), as the platform's help board has them.

A one-line bar above the work, hidden while nobody asks: the kiosk that has
waited longest, the screen its resident was on (as they saw it, with their
language when it is not the counter's) and how long ago, how many other
kiosks wait, and the button that answers it ("I'm coming", also
`ANSWER_KEY`). Answering takes a signed-in clerk. The bar never calls the
platform: it asks by signal, and the next board (on every counter) takes
the request off.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from counter.desk import utc_now

if TYPE_CHECKING:
    from sync.protocol.help import HelpBoard, HelpRequestShown

ANSWER_KEY = "F11"
AGE_REFRESH_MS = 15_000


class HelpAlerts(QFrame):
    answerRequested = Signal(str)  # the request's id

    def __init__(self, language: Callable[[], str], *,
                 clock: Callable[[], datetime] = utc_now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpAlerts")
        self._language = language
        self._clock = clock
        self.requests: list[HelpRequestShown] = []  # open ones, oldest first
        self.answering: set[str] = set()  # asked, not yet off the board
        self.can_answer = False
        self.label = QLabel(objectName="helpAlert")
        self.more = QLabel(objectName="helpMore")
        self.button = QPushButton(objectName="helpAnswer")
        self.button.setProperty("role", "alert")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.answer_oldest)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 4, 16, 4)
        row.setSpacing(16)
        row.addWidget(self.label, 1)
        row.addWidget(self.more)
        row.addWidget(self.button)
        shortcut = QShortcut(QKeySequence(ANSWER_KEY), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.answer_oldest)
        self._ages = QTimer(self, interval=AGE_REFRESH_MS)
        self._ages.timeout.connect(self._redraw)
        self._ages.start()
        self._redraw()

    @property
    def oldest(self) -> HelpRequestShown | None:
        return self.requests[0] if self.requests else None

    # ------------------------------------------------------------ inputs
    def show_board(self, board: HelpBoard) -> None:
        self.requests = [request for request in board.requests if request.open]
        self.answering &= {request.id for request in self.requests}
        self._redraw()

    def set_can_answer(self, can: bool) -> None:
        self.can_answer = can
        self._redraw()

    def answered(self, request_id: str) -> None:
        """The platform took the answer: off this counter now, before the next board."""
        self.requests = [request for request in self.requests if request.id != request_id]
        self.answering.discard(request_id)
        self._redraw()

    def answer_failed(self, request_id: str) -> None:
        self.answering.discard(request_id)
        self._redraw()

    def answer_oldest(self) -> None:
        """Answer "I'm coming" to the kiosk that has waited longest (one at a time)."""
        oldest = self.oldest
        if oldest is None or not self.can_answer or oldest.id in self.answering:
            return
        self.answering.add(oldest.id)
        self._redraw()
        self.answerRequested.emit(oldest.id)

    # ------------------------------------------------------------ drawing
    def _redraw(self) -> None:
        """One line, whatever the number of kiosks: the oldest request in full,
        the others counted (a 768-pixel screen has no room for more)."""
        oldest = self.oldest
        self.setVisible(oldest is not None)
        if oldest is None:
            return
        self.label.setText(self.describe(oldest))
        others = len(self.requests) - 1
        self.more.setVisible(others > 0)
        self.more.setText(self.tr("%n more kiosk(s) waiting", "", others))
        busy = oldest.id in self.answering
        self.button.setText(self.tr("Answering…") if busy
                            else self.tr("I'm coming") + f" ({ANSWER_KEY})")
        self.button.setEnabled(self.can_answer and not busy)
        self.button.setToolTip("" if self.can_answer else self.tr("Sign in to answer"))

    def answered_text(self, shown: HelpRequestShown, window: str) -> str:
        """The status line once the platform took this window's answer."""
        text = self.tr("Kiosk %1: go to the resident; the hall display says staff are on "
                       "the way.") if shown.window == window else \
            self.tr("Kiosk %1: window %2 answered first.").replace("%2", shown.window or "")
        return text.replace("%1", shown.kiosk)

    def not_answered_text(self, refusal: str | None) -> str:
        """The status line when the answer did not reach the platform (refusal None:
        unreachable)."""
        reason = refusal if refusal is not None else self.tr("the platform cannot be reached")
        return self.tr("The call for help was not answered: %1. Go to the kiosk anyway.") \
            .replace("%1", reason)

    def describe(self, request: HelpRequestShown) -> str:
        """Which kiosk, on which screen (in which language) and how long ago."""
        text = self.tr("Kiosk %1 needs help").replace("%1", request.kiosk)
        if request.screen_title:
            text += " · " + self.tr('on "%1"').replace("%1", request.screen_title)
        if request.language != self._language():
            text += " " + (self.tr("(in English)") if request.language == "en"
                           else self.tr("(in Chinese)"))
        return text + " · " + self.age(request.raised_at)

    def age(self, raised_at: datetime) -> str:
        minutes = max(0, int((self._clock() - raised_at).total_seconds()) // 60)
        if minutes < 1:
            return self.tr("just now")
        if minutes < 60:
            return self.tr("%n min ago", "", minutes)
        return self.tr("%1 h %2 min ago").replace("%1", str(minutes // 60)) \
            .replace("%2", str(minutes % 60))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._redraw()
        super().changeEvent(event)
