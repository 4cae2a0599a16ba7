"""Touch text entry for a kiosk without a keyboard.

Two backends, chosen once before the QApplication exists:

* **Qt Virtual Keyboard** (`QT_IM_MODULE=qtvirtualkeyboard`), shipped with
  PySide6-Essentials with its Pinyin engine and dictionary: the way to type
  Chinese (addresses, descriptions). In a Widgets app its panel is its own
  window and it only shows on a real screen (X11, Wayland, eglfs), so it is
  chosen only there, and only when its plugin, QML layouts and `libpulse`
  are present.
* **`TouchKeyboard`**, this module's own in-window keyboard (letters, digits,
  common punctuation; no Chinese), used everywhere else: offscreen tests,
  a machine without the plugin. It says plainly that it cannot type Chinese.

`TouchLineEdit` and `TouchTextEdit` open whichever is active when tapped;
a screen places one `TouchKeyboard` in its layout and `serve()`s its fields
(it stays hidden when the Qt Virtual Keyboard is active).
"""

from __future__ import annotations

import ctypes.util
import os
from collections.abc import MutableMapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

QT_VIRTUAL_KEYBOARD = "qtvirtualkeyboard"
TOUCH_KEYBOARD = "touch"
#: platforms where no input panel window can ever show
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc")

LETTER_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl-", "zxcvbnm")
PUNCTUATION = (",", ".", "@", "/", "#")


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
    """Pick the touch-typing backend; call before the QApplication exists.

    Sets `QT_IM_MODULE=qtvirtualkeyboard` when the Qt Virtual Keyboard can
    show on this display, and returns the backend's name. An input module
    already set (by a technician) is respected.
    """
    env = os.environ if environ is None else environ
    chosen = env.get("QT_IM_MODULE", "")
    if chosen:
        return QT_VIRTUAL_KEYBOARD if chosen == QT_VIRTUAL_KEYBOARD else TOUCH_KEYBOARD
    platform = env.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform in HEADLESS_PLATFORMS or not qt_virtual_keyboard_available():
        return TOUCH_KEYBOARD
    env["QT_IM_MODULE"] = QT_VIRTUAL_KEYBOARD
    return QT_VIRTUAL_KEYBOARD


def virtual_keyboard_active() -> bool:
    """True when the running application types through the Qt Virtual Keyboard."""
    app = QGuiApplication.instance()
    return (app is not None and os.environ.get("QT_IM_MODULE") == QT_VIRTUAL_KEYBOARD
            and QGuiApplication.platformName() not in HEADLESS_PLATFORMS)


# ---- fields -----------------------------------------------------------------------

class TouchLineEdit(QLineEdit):
    """A line edit that asks for the on-screen keyboard when tapped."""

    tapped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(96)
        self.setProperty("role", "touch-field")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        _request_panel(self)
        self.tapped.emit()


class TouchTextEdit(QPlainTextEdit):
    """A multi-line text field that asks for the on-screen keyboard when tapped."""

    tapped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(192)
        self.setProperty("role", "touch-field")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        _request_panel(self)
        self.tapped.emit()


def _request_panel(field: QWidget) -> None:
    if virtual_keyboard_active():
        field.setFocus(Qt.FocusReason.MouseFocusReason)
        QGuiApplication.inputMethod().show()


# ---- the project's own keyboard ---------------------------------------------------

class TouchKeyboard(QWidget):
    """An in-window keyboard typing into one target field at a time.

    Keys reach the target as ordinary key events, so validators, maximum
    lengths and undo behave as with a physical keyboard. `pinned` keeps it
    shown after "Done" (a screen whose only task is typing).
    """

    accepted = Signal()  # "Done" was pressed

    def __init__(self, *, chinese_note: bool = True, pinned: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("touchKeyboard")
        self.pinned = pinned
        self._target: QWidget | None = None
        self._shift = False
        self._letter_keys: list[QPushButton] = []
        self.keys: dict[str, QPushButton] = {}
        self.note = QLabel(wordWrap=True)
        self.note.setProperty("role", "hint")
        self.note.setVisible(chinese_note)

        grid = QGridLayout()
        grid.setSpacing(8)
        for row, letters in enumerate(LETTER_ROWS):
            offset = 1 if row == 3 else 0  # Shift opens the last row
            for column, letter in enumerate(letters):
                button = self._key(letter, letter)
                if letter.isalpha():
                    self._letter_keys.append(button)
                grid.addWidget(button, row, column + offset)
        self.shift_key = self._special("shift", self._toggle_shift)
        self.shift_key.setCheckable(True)
        grid.addWidget(self.shift_key, 3, 0)
        grid.addWidget(self._special("backspace", self._backspace), 3, 8, 1, 2)
        for column, mark in enumerate(PUNCTUATION):
            grid.addWidget(self._key(mark, mark), 4, column)
        grid.addWidget(self._key("space", " "), 4, len(PUNCTUATION), 1, 8 - len(PUNCTUATION))
        grid.addWidget(self._special("done", self._done), 4, 8, 1, 2)
        for column in range(10):
            grid.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.note)
        layout.addLayout(grid)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setVisible(pinned)
        self.retranslate()

    # ---- wiring -------------------------------------------------------------
    def serve(self, *fields: TouchLineEdit | TouchTextEdit) -> None:
        """Open this keyboard for each field when it is tapped."""
        for field in fields:
            field.tapped.connect(lambda f=field: self.open_for(f))

    def open_for(self, field: QWidget) -> None:
        """Type into `field` (no-op while the Qt Virtual Keyboard is active)."""
        self._target = field
        field.setFocus(Qt.FocusReason.OtherFocusReason)
        if not virtual_keyboard_active():
            self.show()

    @property
    def target(self) -> QWidget | None:
        return self._target

    def close_keyboard(self) -> None:
        if not self.pinned:
            self.hide()

    # ---- keys ---------------------------------------------------------------
    def press(self, text: str) -> None:
        """Type `text` into the target as key events."""
        if self._target is None:
            return
        for char in text:
            self._send(Qt.Key.Key_unknown, char)

    def _key(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setProperty("role", "key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _=False, b=button, t=text: self._typed(b, t))
        self.keys[name] = button
        return button

    def _special(self, name: str, slot: object) -> QPushButton:
        button = QPushButton()
        button.setProperty("role", "key")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(slot)
        self.keys[name] = button
        return button

    def _typed(self, button: QPushButton, text: str) -> None:
        if text.isalpha():
            text = button.text()
        self.press(text)
        if self._shift:  # one capital, as on a phone
            self._toggle_shift(False)

    def _toggle_shift(self, on: bool | None = None) -> None:
        self._shift = (not self._shift) if on is None else bool(on)
        self.shift_key.setChecked(self._shift)
        for button in self._letter_keys:
            button.setText(button.text().upper() if self._shift else button.text().lower())

    def _backspace(self) -> None:
        if self._target is not None:
            self._send(Qt.Key.Key_Backspace, "")

    def _done(self) -> None:
        self.close_keyboard()
        self.accepted.emit()

    def _send(self, key: Qt.Key, text: str) -> None:
        target = self._target
        assert target is not None
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(
                target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))

    # ---- text -----------------------------------------------------------------
    def retranslate(self) -> None:
        self.note.setText(self.tr(
            "This keyboard types letters and digits only. To write in Chinese, "
            "please ask a member of staff."))
        self.shift_key.setText(self.tr("⇧ ABC"))
        self.keys["backspace"].setText(self.tr("⌫ Delete"))
        self.keys["space"].setText(self.tr("Space"))
        self.keys["done"].setText(self.tr("Done"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
