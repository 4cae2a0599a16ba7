"""Touch text entry: the Qt Virtual Keyboard, and the fields it types into.

The one on-screen keyboard for text is the **Qt Virtual Keyboard**, shipped
with PySide6 with its Pinyin engine: English and Chinese by pinyin. It is
chosen once, before the QApplication exists (`configure_input_method`), on a
real display (X11, Wayland, eglfs) when its plugin, QML and `libpulse` are
present. Its panel is not a window of its own: the kiosk docks it in its
layout (`terminal.widgets.keyboard_dock`). Headless platforms (offscreen
tests) have no on-screen keyboard; the fields still take key events.
Digit-only fields use the digit keypad (`terminal.widgets.keypad.DigitKeypad`).

`TouchLineEdit` and `TouchTextEdit` ask for the keyboard when they get the
focus, show what is being composed (`preedit`), and take committed text only
from the keyboard's own panel (`panel_input`): Qt commits pending pinyin
when the focus moves (the first candidate), and the resident did not pick it.
A search field keeps the letters instead: "jzzqz" left pending is the query.
"""

from __future__ import annotations

import ctypes.util
import os
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent, QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

QT_VIRTUAL_KEYBOARD = "qtvirtualkeyboard"
NO_KEYBOARD = "none"
#: platforms where no input panel can show
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc")

_panel_input_depth = 0


# ---- backend choice -----------------------------------------------------------

def _qt_dir() -> Path:
    import PySide6

    return Path(PySide6.__file__).resolve().parent / "Qt"


def qt_virtual_keyboard_available(qt_dir: Path | None = None) -> bool:
    """True when the Qt VK plugin, its QML layouts, Pinyin and libpulse are present."""
    root = qt_dir or _qt_dir()
    plugin = root / "plugins" / "platforminputcontexts" / "libqtvirtualkeyboardplugin.so"
    qml = root / "qml" / "QtQuick" / "VirtualKeyboard"
    if os.name == "nt":  # wheels on Windows name the plugin differently
        plugin = plugin.with_name("qtvirtualkeyboardplugin.dll")
    return (plugin.exists() and (qml / "qmldir").exists()
            and (qml / "Plugins" / "Pinyin").is_dir()
            and (os.name == "nt" or ctypes.util.find_library("pulse") is not None))


def configure_input_method(environ: MutableMapping[str, str] | None = None) -> str:
    """Pick the on-screen keyboard; call before the QApplication exists.

    Sets `QT_IM_MODULE=qtvirtualkeyboard` (with its own panel window turned
    off: the kiosk docks the panel) when the Qt Virtual Keyboard can show on
    this display, and returns the backend's name. An input module already
    set (by a technician) is respected.
    """
    env = os.environ if environ is None else environ
    chosen = env.get("QT_IM_MODULE", "")
    if not chosen:
        platform = env.get("QT_QPA_PLATFORM", "").split(":")[0]
        if platform in HEADLESS_PLATFORMS or not qt_virtual_keyboard_available():
            return NO_KEYBOARD
        env["QT_IM_MODULE"] = chosen = QT_VIRTUAL_KEYBOARD
    if chosen != QT_VIRTUAL_KEYBOARD:
        return NO_KEYBOARD
    env["QT_VIRTUALKEYBOARD_DESKTOP_DISABLE"] = "1"
    return QT_VIRTUAL_KEYBOARD


def virtual_keyboard_active() -> bool:
    """True when the running application types through the Qt Virtual Keyboard."""
    return (QGuiApplication.instance() is not None
            and os.environ.get("QT_IM_MODULE") == QT_VIRTUAL_KEYBOARD)


@contextmanager
def panel_input() -> Iterator[None]:
    """While a keyboard panel handles the resident's touch: its commits are picked."""
    global _panel_input_depth
    _panel_input_depth += 1
    try:
        yield
    finally:
        _panel_input_depth -= 1


def picked(event: QInputMethodEvent, pending_letters: str = "") -> QInputMethodEvent | None:
    """`event` as the resident meant it. Under the virtual keyboard only its
    panel's touches pick: when the focus moves, Qt first shows its own pick
    (the first candidate) as the composition, then commits it. That pick is
    ignored (None: the composition stays as typed), and its commit becomes
    `pending_letters` (nothing by default)."""
    if _panel_input_depth or not virtual_keyboard_active():
        return event
    if event.commitString():
        replacement = QInputMethodEvent()
        replacement.setCommitString(pending_letters)
        return replacement
    if event.preeditString():
        return None
    return event


# ---- fields -----------------------------------------------------------------------

class _TouchField:
    """What both touch fields share: keyboard on focus, composition, picked commits."""

    preeditChanged: Signal
    _preedit: str
    #: a search keeps the letters of pinyin left pending (initials are a query)
    keeps_pending_letters = False

    def _focus_in(self) -> None:
        if virtual_keyboard_active():
            QGuiApplication.inputMethod().show()

    def _input_method(self, event: QInputMethodEvent,
                      apply: Callable[[QInputMethodEvent], None]) -> None:
        """Apply `event` as picked; the composition is told once the text holds
        the commit, so no listener sees the letters gone from both."""
        letters = self._preedit.replace("'", "").replace(" ", "")
        meant = picked(event, letters if self.keeps_pending_letters else "")
        if meant is None:
            return
        event = meant
        changed = event.preeditString() != self._preedit
        self._preedit = event.preeditString()
        apply(event)
        if changed:
            self.preeditChanged.emit(self._preedit)

    @property
    def preedit(self) -> str:
        """Text being composed (pinyin not yet turned into characters)."""
        return self._preedit


class TouchLineEdit(_TouchField, QLineEdit):
    """A line edit that brings up the on-screen keyboard when it gets the focus."""

    preeditChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None, *,
                 keeps_pending_letters: bool = False) -> None:
        super().__init__(parent)
        self._preedit = ""
        self.keeps_pending_letters = keeps_pending_letters
        self.setMinimumHeight(96)
        self.setProperty("role", "touch-field")

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._focus_in()

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._input_method(event, super().inputMethodEvent)

    def composed_text(self) -> str:
        """The text with what is being composed at the cursor."""
        text, cursor = self.text(), self.cursorPosition()
        return text[:cursor] + self._preedit + text[cursor:]


class TouchTextEdit(_TouchField, QPlainTextEdit):
    """A multi-line text field that brings up the on-screen keyboard on focus."""

    preeditChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preedit = ""
        self.setMinimumHeight(192)
        self.setProperty("role", "touch-field")

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._focus_in()

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._input_method(event, super().inputMethodEvent)
