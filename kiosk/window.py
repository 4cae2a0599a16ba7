"""The kiosk's one window: a status strip, the accessibility bar, the
screens, the docked on-screen keyboard and the navigation bar; in kiosk
mode full screen, frameless, deaf to escape keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QScroller,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.accessibility_bar import AccessibilityBar
from kiosk.attract import AttractScreen
from kiosk.navigator import NavigationBar
from terminal.sync_badge import SyncBadge
from terminal.widgets.keyboard import virtual_keyboard_active
from terminal.widgets.keyboard_dock import BESIDE_SHARE, KeyboardDock

ESCAPE_KEYS = {Qt.Key.Key_Escape, Qt.Key.Key_F4, Qt.Key.Key_Tab, Qt.Key.Key_Meta,
               Qt.Key.Key_Super_L, Qt.Key.Key_Super_R}


def leaves_the_kiosk(event: QEvent) -> bool:
    """A key that could leave the kiosk (Esc, Alt+F4, Alt+Tab, Super): swallow it
    (an input watcher of `kiosk.input_watch`, in kiosk mode)."""
    return event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) \
        and isinstance(event, QKeyEvent) and bool(
            event.key() in ESCAPE_KEYS or event.modifiers() & Qt.KeyboardModifier.AltModifier)


def opens_a_menu(event: QEvent) -> bool:
    """A context menu (a long press where the touch driver makes it a right click, a
    mouse's right button, a keyboard's Menu key): swallow it, in kiosk mode. A text
    field's menu offers Paste (whatever the clipboard kept) and leaves a touch user a
    popup with no way back in their words."""
    return event.type() == QEvent.Type.ContextMenu


class ScreenPage(QScrollArea):
    """A screen in the window's stack. When a screen needs more height than
    the display has (large text on a landscape screen), it scrolls, by finger
    as well, instead of being squeezed or clipped; otherwise it just fills the
    page. The stack's own minimum then never exceeds the display.

    "Needs" is the screen's minimum height at the page's width: a resizable
    QScrollArea would go by the preferred height of a screen with wrapping
    labels, and scroll a landscape screen (Back and Next below the fold) that
    fits well when its lists and inputs take less than they would like."""

    def __init__(self, screen: QWidget) -> None:
        super().__init__()
        self.screen_widget = screen
        self.setWidget(screen)
        self.setWidgetResizable(False)  # `_fit` sizes the screen
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        screen.installEventFilter(self)

    def needed_height(self) -> int:
        screen = self.screen_widget
        return screen.minimumSizeHint().expandedTo(screen.minimumSize()).height()

    def _fit(self) -> None:
        room = self.maximumViewportSize()
        width, needed = room.width(), self.needed_height()
        if needed > room.height():  # it scrolls: the bar takes room
            width -= self.verticalScrollBar().sizeHint().width()
        self.screen_widget.resize(width, max(room.height(), needed))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.screen_widget and event.type() == QEvent.Type.LayoutRequest:
            self._fit()  # its content changed: its minimum may have too
        return super().eventFilter(watched, event)


class KioskWindow(QWidget):
    def __init__(self, attract: AttractScreen, badge: SyncBadge, bar: AccessibilityBar,
                 *, kiosk_mode: bool, may_close: Callable[[], bool] = lambda: False) -> None:
        super().__init__()
        self.setObjectName("kioskWindow")
        self.setWindowTitle("Reception kiosk")
        self.attract = attract
        self.badge = badge
        self.bar = bar
        self._kiosk_mode = kiosk_mode
        self._may_close = may_close
        self.screens = QStackedWidget()
        self.attract_page = ScreenPage(attract)
        self.screens.addWidget(self.attract_page)
        self.navigation = NavigationBar()
        #: the on-screen keyboard, below the screens in portrait and beside them
        #: in landscape (None where there is none: offscreen tests)
        self.keyboard = KeyboardDock() if virtual_keyboard_active() else None
        self.middle = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.middle.setSpacing(0)
        self.middle.addWidget(self.screens, 1)

        # the sync badge and the accessibility bar: side by side on a landscape
        # display; on a portrait one the bar takes a row of its own (four switches
        # in large English text are wider than a portrait screen beside the badge)
        self.strip = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.strip.setContentsMargins(24, 16, 24, 0)
        self.strip.setSpacing(12)
        #: the sync badge and the controls of every screen ("call staff") after it
        self.lead = QHBoxLayout()
        self.lead.setSpacing(12)
        self.lead.addWidget(badge)
        self.lead.addStretch(1)
        self.strip.addLayout(self.lead)
        self.strip.addStretch(1)
        self.strip.addWidget(bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.strip)
        layout.addLayout(self.middle, 1)
        if self.keyboard is not None:
            self.middle.addWidget(self.keyboard)
            self.keyboard.shownChanged.connect(self._keep_focus_in_view)
        layout.addWidget(self.navigation)

        if kiosk_mode:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint)

    def add_to_strip(self, widget: QWidget) -> None:
        """A control of every screen, in the top strip just after the sync badge."""
        self.lead.insertWidget(self.lead.count() - 1, widget)

    def add_screen(self, screen: QWidget) -> ScreenPage:
        page = ScreenPage(screen)
        self.screens.addWidget(page)
        return page

    def show_screen(self, screen: QWidget) -> None:
        if self.keyboard is not None:
            self.keyboard.discard()  # pending pinyin stays with the screen it was typed on
            if screen is self.attract:
                self.keyboard.use_handwriting(False)  # the next resident starts with keys
        page = screen.parentWidget()
        while page is not None and not isinstance(page, ScreenPage):
            page = page.parentWidget()
        self.screens.setCurrentWidget(page if page is not None else screen)

    def current_screen(self) -> QWidget | None:
        page = self.screens.currentWidget()
        return page.screen_widget if isinstance(page, ScreenPage) else page

    def present(self) -> None:
        if self._kiosk_mode:
            # the screen's size first: with no window manager (a bare X server)
            # nobody honours the full-screen request, and the window kept its hint
            screen = self.screen() or QGuiApplication.primaryScreen()
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.show()
        self.activateWindow()  # typing needs the input focus, also without a window manager
        if self.keyboard is not None:
            QTimer.singleShot(0, self.keyboard.load)  # after the first paint

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The keyboard goes beside the screens on a landscape display, and the
        accessibility bar beside the sync badge."""
        size = event.size()
        beside = size.width() > size.height()
        way = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        self.middle.setDirection(way)
        self.strip.setDirection(way)
        if self.keyboard is not None:
            self.keyboard.place(beside=beside, width=round(size.width() * BESIDE_SHARE))
        super().resizeEvent(event)

    def _keep_focus_in_view(self, _shown: bool) -> None:
        QTimer.singleShot(0, self._scroll_to_focus)  # once the layout gave the page its size

    def _scroll_to_focus(self) -> None:
        page = self.screens.currentWidget()
        focus = QApplication.focusWidget()
        if isinstance(page, ScreenPage) and focus is not None and page.isAncestorOf(focus):
            page.ensureWidgetVisible(focus)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._kiosk_mode and not self._may_close():
            event.ignore()
            return
        super().closeEvent(event)
