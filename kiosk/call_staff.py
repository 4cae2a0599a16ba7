"""The "call staff" button: in the window's top strip, so on every screen.

A tap records a help request (`HelpRequestPayload`: this kiosk's name, the
screen the resident is on and its title, their language) through the one
submit path, `SyncBridge.submit`: saved on this kiosk, delivered like any
transaction, online or not, and shown on the center's counters and hall
display. Only when the local commit has returned does the resident read
"Staff have been called; please wait here". A tap while that is being saved
does nothing; one within COOLDOWN_SECONDS of it repeats the message and
records nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

if TYPE_CHECKING:
    from terminal.sync_bridge import Stored, SyncBridge

log = logging.getLogger("kiosk.call_staff")
#: Seconds after a call during which another tap records nothing.
COOLDOWN_SECONDS = 60.0
#: How long the answer stays on screen.
NOTICE_MS = 15_000
CALLED_MARK = "✓ "
#: The name of the attract screen (no title of its own) in a help request.
ATTRACT = "attract"
#: Where the resident is: the screen's name and its title as they see it.
Locate = Callable[[], tuple[str, str]]


class CallStaffButton(QPushButton):
    called = Signal()  # a help request was committed on this kiosk
    answered = Signal(str)  # what the resident is told (for voice guidance)

    def __init__(self, locate: Locate, language: Callable[[], str], *,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callStaffButton")
        self.setProperty("role", "help")
        self._locate = locate
        self._language = language
        self._clock = clock
        self._bridge: SyncBridge | None = None
        self._kiosk = ""
        self._saving = False
        self._called_at: float | None = None
        self._failed = False
        self.notice = QLabel(self, objectName="callStaffNotice", wordWrap=True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.installEventFilter(self)  # a tap on it puts it away
        self.notice.hide()
        self._notice_timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self._notice_timer.timeout.connect(self.dismiss)
        self._cooldown = QTimer(self, singleShot=True)
        self._cooldown.timeout.connect(self.retranslate)
        self.clicked.connect(self.call)
        self.retranslate()

    def attach(self, bridge: SyncBridge, kiosk_name: str) -> None:
        """Phase two: where requests are saved, and this kiosk's name for staff."""
        self._bridge, self._kiosk = bridge, kiosk_name

    @property
    def recently_called(self) -> bool:
        return self._called_at is not None and \
            self._clock() - self._called_at < COOLDOWN_SECONDS

    def call(self) -> None:
        """Save a help request, unless one is being saved (its answer is coming) or
        was just saved (the answer again)."""
        if self._saving:
            return
        if self.recently_called:
            self._show(failed=False)
            return
        if self._bridge is None:  # phase two has not loaded: nothing to save with
            self._show(failed=True)
            return
        from sync.protocol.models import HelpRequestPayload

        screen, title = self._locate()
        if screen == ATTRACT and not title:
            title = self.tr("Start screen")
        language = "en" if self._language() == "en" else "zh_CN"
        payload = HelpRequestPayload(kiosk=self._kiosk, screen=screen[:40],
                                     screen_title=title[:100], language=language)
        self._saving = True
        self._bridge.submit(self, payload, self._saved, self._not_saved)

    def _saved(self, _stored: Stored) -> None:
        self._saving = False
        self._called_at = self._clock()
        self._cooldown.start(int(COOLDOWN_SECONDS * 1000))
        log.info("help request saved (screen %s)", self._locate()[0])
        self._show(failed=False)
        self.called.emit()

    def _not_saved(self, message: str) -> None:
        self._saving = False
        log.error("help request not saved: %s", message)
        self._show(failed=True)

    # ------------------------------------------------------------ the answer
    def _show(self, *, failed: bool) -> None:
        self._failed = failed
        self.retranslate()
        self._place_notice()
        self.notice.show()
        self.notice.raise_()
        self._notice_timer.start()
        self.answered.emit(self.notice.text())

    def dismiss(self) -> None:
        """Hide the answer (its time is up, or the session was wiped)."""
        self._notice_timer.stop()
        self.notice.hide()

    def _place_notice(self) -> None:
        """Over the middle of the window, nearly full width (a tap puts it away)."""
        host = self.window()
        if host is self:
            return
        if self.notice.parent() is not host:
            self.notice.setParent(host)
        margin = 24
        width = max(1, host.width() - 2 * margin)
        height = self.notice.heightForWidth(width)
        self.notice.setGeometry(margin, (host.height() - height) // 2, width, height)

    def retranslate(self) -> None:
        name = self.tr("Call staff")
        self.setText((CALLED_MARK if self.recently_called else "") + name)
        self.setAccessibleName(name)
        self.notice.setText(
            self.tr("Sorry, the call did not go through. Please ask at any service window.")
            if self._failed else
            self.tr("Staff have been called. Please wait here; someone will come to you."))
        if self.notice.isVisible():
            self._place_notice()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notice and event.type() == QEvent.Type.MouseButtonPress:
            self.dismiss()
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
