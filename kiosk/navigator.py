"""Moves between named screens, keeps the way back, and wipes the session.

The navigation bar (Back, Home) is large and always in the same place; the
idle countdown shows as a banner above it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QMoveEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from kiosk.screens.base import KioskScreen
from kiosk.session import KioskSession

log = logging.getLogger("kiosk.navigator")
HOME = "home"
# how long the exit's warning waits for the second touch
EXIT_WARNING_MS = 10_000


class NavigationBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigationBar")
        self.back_button = QPushButton()
        self.back_button.setProperty("role", "secondary")
        self.home_button = QPushButton()
        self.home_button.setProperty("role", "secondary")
        # while the resident is identified: their name and number leave with them,
        # not with the idle countdown a minute and a half later
        self.exit_button = QPushButton(objectName="exitSession")
        self.exit_button.setProperty("role", "secondary")
        self.exit_button.hide()
        self.title_label = QLabel()
        self.title_label.setProperty("role", "subtitle")
        # a banner floating just above the bar, over the bottom of the screen: in the
        # bar's row it squeezed the title (a long warning was cut off beside "Back"
        # and "Home"), and as a row of its own it made the window taller than the
        # screen on the tallest landscape screens
        self.countdown_label = QLabel(objectName="idleCountdown", wordWrap=True)
        self.countdown_label.setProperty("role", "notice")
        self.countdown_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown_label.hide()
        self._notice: Callable[[], str] | None = None  # the banner's text, in the language now
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 16)
        layout.setSpacing(16)  # "Home" beside "Exit": apart enough for an unsure finger
        layout.addWidget(self.back_button)
        layout.addWidget(self.title_label, 1)
        layout.addWidget(self.home_button)
        layout.addWidget(self.exit_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("‹ Back"))
        self.home_button.setText(self.tr("Home"))
        self.exit_button.setText(self.tr("Exit"))
        if self._notice is not None and self.countdown_label.isVisibleTo(self.window()):
            self._show_notice(self._notice)

    def show_countdown(self, seconds: int) -> None:
        self._show_notice(lambda: self.tr(
            "Still there? Returning to the start in %1 s. Touch to continue.")
            .replace("%1", str(seconds)))

    def show_exit_warning(self) -> None:
        self._show_notice(lambda: self.tr(
            "Leave without sending? What you filled in will be cleared. "
            "Touch “Exit” again to leave."))

    def _show_notice(self, text: Callable[[], str]) -> None:
        """The banner above the bar: the idle countdown, or the exit's warning."""
        self._notice = text
        self.countdown_label.setText(text())
        self._place_countdown()
        self.countdown_label.show()
        self.countdown_label.raise_()

    def _place_countdown(self) -> None:
        """Over the window, just above the bar, as tall as the wrapped warning."""
        host = self.window()
        if host is self:
            return  # not in a window yet
        label = self.countdown_label
        if label.parent() is not host:
            label.setParent(host)
        margins = self.layout().contentsMargins()
        width = max(1, self.width() - margins.left() - margins.right())
        height = label.heightForWidth(width)
        corner = self.mapTo(host, QPoint(margins.left(), -height - 8))
        label.setGeometry(corner.x(), corner.y(), width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.countdown_label.isVisibleTo(self.window()):
            self._place_countdown()

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        if self.countdown_label.isVisibleTo(self.window()):
            self._place_countdown()

    def hide_countdown(self) -> None:
        """The banner goes (the countdown cancelled, the exit's warning over)."""
        self.countdown_label.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ScreenPages(Protocol):
    """Where screens live (the kiosk window's stack of scrollable pages)."""

    def add_screen(self, screen: QWidget) -> object: ...

    def show_screen(self, screen: QWidget) -> None: ...


class Navigator(QObject):
    wentTo = Signal(str)
    sessionEnded = Signal()
    promptChanged = Signal()  # the screen shown has a new step or page
    warned = Signal(str)  # a warning shown over the screen, for voice guidance to read

    def __init__(self, pages: ScreenPages, bar: NavigationBar, session: KioskSession,
                 attract: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pages = pages
        self.bar = bar
        self.session = session
        self.attract = attract
        self.screens: dict[str, KioskScreen] = {}
        self.history: list[str] = []
        self.current: str | None = None
        bar.back_button.clicked.connect(self.back)
        bar.home_button.clicked.connect(lambda: self.go(HOME))
        bar.exit_button.clicked.connect(self._exit)
        # a first touch of "Exit" over unsent work warns; a second within this leaves
        self._exit_warning = QTimer(self, singleShot=True, interval=EXIT_WARNING_MS)
        self._exit_warning.timeout.connect(bar.hide_countdown)
        bar.hide()

    def register(self, name: str, screen: KioskScreen) -> None:
        self.screens[name] = screen
        self.pages.add_screen(screen)
        screen.navigate.connect(self.go)
        screen.goBack.connect(self.back)
        screen.goHome.connect(lambda: self.go(HOME))
        screen.endSession.connect(self.end_session)
        screen.chromeChanged.connect(lambda screen=screen: self._refresh_bar(screen))
        screen.promptChanged.connect(lambda screen=screen: self._prompt_changed(screen))

    def go(self, name: str, args: dict[str, Any] | None = None) -> None:
        screen = self.screens.get(name)
        if screen is None:
            log.error("no screen named %r", name)
            return
        self._drop_exit_warning()
        if self.current is not None and self.current != name:
            self.screens[self.current].leave()
            if name == HOME:
                self.history.clear()
            else:
                self.history.append(self.current)
        self.current = name
        screen.enter(args or {})
        self.pages.show_screen(screen)
        self._update_bar(screen)
        self.wentTo.emit(name)

    def back(self) -> None:
        self._drop_exit_warning()
        if not self.history:
            self.go(HOME)
            return
        target = self.history.pop()
        if self.current is not None:
            self.screens[self.current].leave()
        self.current = target
        screen = self.screens[target]
        screen.enter({})
        self.pages.show_screen(screen)
        self._update_bar(screen)
        self.wentTo.emit(target)

    def end_session(self) -> None:
        """Wipe everything of this resident and return to the attract screen."""
        self._exit_warning.stop()
        if self.current is not None:
            self.screens[self.current].leave()
        for screen in self.screens.values():
            screen.reset()
        self.session.wipe()
        self.history.clear()
        self.current = None
        self.pages.show_screen(self.attract)
        self.bar.hide()
        self.bar.hide_countdown()
        self.sessionEnded.emit()

    def _exit(self) -> None:
        """The bar's "Exit": the session ends, at the second touch where the screen
        holds what the resident typed and has not sent."""
        screen = self.screens.get(self.current) if self.current is not None else None
        if screen is not None and screen.unsent_work and not self._exit_warning.isActive():
            self._exit_warning.start()
            self.bar.show_exit_warning()
            self.warned.emit(self.bar.countdown_label.text())
            return
        self.end_session()

    def _drop_exit_warning(self) -> None:
        """The resident went on elsewhere: no second touch is awaited."""
        if self._exit_warning.isActive():
            self._exit_warning.stop()
            self.bar.hide_countdown()

    def queue_moved(self) -> None:
        """A new queue state came by the platform's stream: the screen shown follows it."""
        if self.current is not None:
            self.screens[self.current].queue_moved()

    def _prompt_changed(self, screen: KioskScreen) -> None:
        if self.current is not None and self.screens[self.current] is screen:
            self.promptChanged.emit()

    def _refresh_bar(self, screen: KioskScreen) -> None:
        if self.current is not None and self.screens[self.current] is screen:
            self._update_bar(screen)

    def _update_bar(self, screen: KioskScreen) -> None:
        self.bar.show()
        self.bar.title_label.setText(screen.title)
        self.bar.back_button.setVisible(screen.allows_back and self.current != HOME)
        self.bar.exit_button.setVisible(self.session.identified and not screen.offers_finish)
        self.bar.home_button.setVisible(screen.allows_back)
        # a title alone, under a screen's own headline and its "Finish", read as a stray
        # label (the ticket's "Your number" at the bottom)
        self.bar.title_label.setVisible(any(
            button.isVisibleTo(self.bar) for button in
            (self.bar.back_button, self.bar.home_button, self.bar.exit_button)))
