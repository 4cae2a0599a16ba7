"""The kiosk's composition root: every piece built and wired here, once.

Built in two steps to match start-up: the window with its attract screen
from the display settings alone (phase one), then `attach` wires the store
and the sync bridge when phase two has loaded them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.accessibility_bar import AccessibilityBar
from kiosk.attract import AttractScreen, Notice
from kiosk.out_of_service import OutOfServiceScreen
from kiosk.window import KioskWindow
from terminal.shell import Shell
from terminal.startup import Gui
from terminal.sync_badge import SyncBadge
from terminal.theme import ThemeMode


class KioskComposition:
    def __init__(self, gui: Gui, *, kiosk_mode: bool) -> None:
        self.gui = gui
        self.shell: Shell | None = None
        self.attract = AttractScreen(
            center_name=lambda: gui.settings.center_name(gui.language.language),
            notices=self._notices, serving=lambda: [],
            language=lambda: gui.language.language)
        self.badge = SyncBadge()
        self.bar = AccessibilityBar()
        self.bar.set_language(gui.language.language)
        self.out_of_service = OutOfServiceScreen()
        self.window = KioskWindow(self.attract, self.badge, self.bar, kiosk_mode=kiosk_mode)
        self.window.screens.addWidget(self.out_of_service)
        self.bar.languageRequested.connect(self._switch_language)
        self.bar.largeTextToggled.connect(
            lambda on: gui.set_theme(ThemeMode(gui.theme.high_contrast, on)))
        self.bar.highContrastToggled.connect(
            lambda on: gui.set_theme(ThemeMode(on, gui.theme.large_text)))
        if kiosk_mode and gui.settings.hide_cursor:
            self.window.setCursor(Qt.CursorShape.BlankCursor)

    def attach(self, shell: Shell) -> None:
        self.shell = shell
        shell.bridge.stateChanged.connect(self.badge.show_state)
        shell.bridge.stateChanged.connect(lambda _state: self.attract.refresh())
        self.attract.refresh()

    def show_out_of_service(self) -> None:
        self.window.screens.setCurrentWidget(self.out_of_service)

    def _notices(self) -> list[Notice]:
        if self.shell is None:
            return []
        from sync.caches import NOTICES
        from sync.protocol.models import NoticeList

        cached = self.shell.services.runtime.cache.get(NOTICES, NoticeList)
        return list(cached.value.notices) if cached else []

    def _switch_language(self, language: str) -> None:
        self.gui.language.set_language(language)
        self.bar.set_language(language)
