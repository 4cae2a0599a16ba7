"""Moves between named screens, keeps the way back, and wipes the session.

The navigation bar (Back, Home) is large and always in the same place; the
idle countdown shows as a banner above it.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
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
        self.finish_button = QPushButton(objectName="finishSession")
        self.finish_button.setProperty("role", "secondary")
        self.finish_button.hide()
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
        self._seconds_left = 0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 16)
        layout.setSpacing(16)  # "Home" beside "Finish": apart enough for an unsure finger
        layout.addWidget(self.back_button)
        layout.addWidget(self.title_label, 1)
        layout.addWidget(self.home_button)
        layout.addWidget(self.finish_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("‹ Back"))
        self.home_button.setText(self.tr("Home"))
        self.finish_button.setText(self.tr("Finish"))
        if self.countdown_label.isVisibleTo(self.window()):
            self.show_countdown(self._seconds_left)

    def show_countdown(self, seconds: int) -> None:
        self._seconds_left = seconds
        self.countdown_label.setText(
            self.tr("Still there? Returning to the start in %1 s. Touch to continue.")
            .replace("%1", str(seconds)))
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
        bar.finish_button.clicked.connect(self.end_session)
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
        self.bar.finish_button.setVisible(self.session.identified and not screen.offers_finish)
        self.bar.home_button.setVisible(screen.allows_back)
