"""The kiosk's composition root: every piece built and wired here, once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.accessibility_bar import AccessibilityBar
from kiosk.attract import AttractScreen
from kiosk.window import KioskWindow
from sync.caches import NOTICES
from sync.protocol.models import Notice, NoticeList
from terminal.shell import Shell
from terminal.sync_badge import SyncBadge
from terminal.theme import ThemeMode


def build_kiosk(shell: Shell, *, kiosk_mode: bool) -> KioskWindow:
    config = shell.config.terminal

    def center_name() -> str:
        return config.center_name_zh if shell.language.language == "zh_CN" \
            else config.center_name_en

    def notices() -> list[Notice]:
        cached = shell.runtime.cache.get(NOTICES, NoticeList)
        return list(cached.value.notices) if cached else []

    attract = AttractScreen(center_name, notices, serving=lambda: [],
                            language=lambda: shell.language.language)
    badge = SyncBadge()
    bar = AccessibilityBar()
    bar.set_language(shell.language.language)
    window = KioskWindow(attract, badge, bar, kiosk_mode=kiosk_mode)
    shell.bridge.stateChanged.connect(badge.show_state)
    shell.bridge.stateChanged.connect(lambda _state: attract.refresh())

    def switch_language(language: str) -> None:
        shell.language.set_language(language)
        bar.set_language(language)

    bar.languageRequested.connect(switch_language)
    bar.largeTextToggled.connect(
        lambda on: shell.set_theme(ThemeMode(shell.theme.high_contrast, on)))
    bar.highContrastToggled.connect(
        lambda on: shell.set_theme(ThemeMode(on, shell.theme.large_text)))
    if kiosk_mode and shell.config.kiosk.hide_cursor:
        window.setCursor(Qt.CursorShape.BlankCursor)
    return window
