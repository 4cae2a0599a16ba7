"""The Qt Virtual Keyboard docked in a window's layout.

`KeyboardDock` hosts the keyboard's QML panel (`resources/keyboard/`) in a
QQuickWidget that the window lays out like any other widget, below its
screens on a portrait display and beside them on a landscape one, so the
keyboard never covers the window's buttons nor pushes them out of view.
The panel loads in the background once the window has painted. The dock:

* shows while the input method is visible (a text field has the focus) and
  hides when it is not, but never while a finger is down: the layout moves
  only after the tap that caused it, so a tap never lands on what moved;
* follows the application's language (Chinese pinyin for zh_CN, English for
  en; only those two) and its text size;
* marks touches on its panel as the resident's own input (`panel_input`),
  so only a candidate the resident picked is ever committed;
* `discard()`s pending pinyin (a screen change, the idle wipe).

A "handwriting" toggle above the panel swaps the keyboard for a handwriting
pad (`terminal.widgets.handwriting_pad`) that types into the same focused
field, and back; pending pinyin is dropped at each swap, and the pad takes
the keyboard's height, so nothing else moves. The toggle shows only once
the recognizer has opened, and never when it cannot.
"""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QLocale, QObject, QSignalBlocker, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface
from PySide6.QtQuickWidgets import QQuickWidget
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from terminal.theme import BASE_POINT_SIZE
from terminal.widgets.handwriting_pad import HandwritingPad
from terminal.widgets.keyboard import panel_input

log = logging.getLogger("terminal.keyboard")
QML_DIR = Path(__file__).resolve().parents[2] / "resources" / "keyboard"
#: the languages the keyboard offers, by application language
KEYBOARD_LOCALES = {"zh": "zh_CN", "en": "en_US"}
#: beside the screens (landscape) the keyboard takes this share of the window's width
BESIDE_SHARE = 0.5
POINTER_EVENTS = {
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel,
}
RELEASES = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}
UNLIMITED = 16_777_215  # QWIDGETSIZE_MAX


def keyboard_locale(locale: QLocale | None = None) -> str:
    """The keyboard language for the application's (default: QLocale's default)."""
    name = (locale or QLocale()).name()
    return KEYBOARD_LOCALES.get(name.split("_")[0], KEYBOARD_LOCALES["en"])


class PanelView(QQuickWidget):
    """The keyboard's QML view: never takes the focus from the field it types
    into; whatever a touch on it commits is the resident's pick."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)

    def event(self, event: QEvent) -> bool:
        if event.type() in POINTER_EVENTS:
            with panel_input():
                return super().event(event)
        return super().event(event)


class KeyboardDock(QWidget):
    """The on-screen keyboard as a part of the window's layout."""

    ready = Signal()  # the keyboard panel has loaded
    shownChanged = Signal(bool)
    handwritingChanged = Signal(bool)  # True: the pad is in the keyboard's place

    def __init__(self, handwriting: HandwritingPad | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboardDock")
        # Qt Quick's software renderer: a QQuickWidget drawn through a GPU API
        # turns its whole window to GPU composition, so every repaint of the
        # kiosk went through OpenGL (llvmpipe where there is no GPU), tens of ms
        # slower, with a half-laid-out frame on each screen change. Keys and
        # candidates are flat shapes and text that QPainter draws at once.
        QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
        self.view = PanelView()
        self.view.engine().addImportPath(str(QML_DIR))
        self._root: QObject | None = None
        self._wanted = False
        self._waiting_for_release = False
        self.handwriting = handwriting if handwriting is not None else HandwritingPad()
        self.handwriting.hide()
        self.handwriting.ready.connect(self._handwriting_ready)
        self.handwriting.unavailable.connect(self._handwriting_unavailable)
        self.toggle = QPushButton()
        self.toggle.setObjectName("handwritingToggle")
        self.toggle.setProperty("role", "toggle")
        self.toggle.setCheckable(True)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus
        self.toggle.setVisible(self.handwriting.available is True)
        self.toggle.toggled.connect(self.use_handwriting)
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 12, 12, 12)
        bar.addStretch(1)
        bar.addWidget(self.toggle)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(0)
        self.row.addWidget(self.view, 1)
        self.row.addWidget(self.handwriting, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addStretch(1)  # beside the screens, the keyboard sits at the bottom
        column.addLayout(bar)
        column.addLayout(self.row)
        self._retranslate()
        self.place(beside=False, width=0)
        self.hide()
        QGuiApplication.inputMethod().visibleChanged.connect(self._follow)

    # ---- loading ---------------------------------------------------------------
    def load(self) -> None:
        """Start loading the panel (in the background); call once the window shows."""
        if self._root is not None:
            return
        self.view.setSource(QUrl.fromLocalFile(str(QML_DIR / "Dock.qml")))
        root = self.view.rootObject()
        if root is None:
            log.error("the keyboard did not load: %s",
                      "; ".join(error.toString() for error in self.view.errors()))
            return
        self._root = root
        root.readyChanged.connect(self._loaded)
        root.implicitHeightChanged.connect(self._fit_height)
        self._follow_application()

    def is_ready(self) -> bool:
        return self._alive() and bool(self._root.property("ready"))

    def _alive(self) -> bool:
        return self._root is not None and shiboken6.isValid(self._root)

    def _loaded(self) -> None:
        if not self.is_ready():
            return
        log.info("keyboard loaded")
        method = QGuiApplication.inputMethod()
        method.update(Qt.InputMethodQuery.ImQueryAll)
        focus = QApplication.focusWidget()
        if focus is not None and focus.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled):
            method.show()
        self._fit_height()
        self.ready.emit()

    # ---- what the window asks ---------------------------------------------------
    def place(self, *, beside: bool, width: int) -> None:
        """Below the screens (full width), or beside them, `width` wide."""
        if beside:
            self.setFixedWidth(width)
            self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        else:
            self.setMinimumWidth(0)
            self.setMaximumWidth(UNLIMITED)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def use_handwriting(self, on: bool) -> None:
        """The handwriting pad (True) or the keyboard in the panel's place."""
        on = on and self.handwriting.available is True
        if on != self.handwriting.isHidden() and on == self.toggle.isChecked():
            return
        self.discard()  # pinyin pending on the keyboard is not typed by the swap
        self.handwriting.rewrite()
        self.view.setVisible(not on)
        self.handwriting.setVisible(on)
        with QSignalBlocker(self.toggle):
            self.toggle.setChecked(on)
        self._retranslate()
        host = self.parentWidget()
        if host is not None and host.layout() is not None:
            host.layout().activate()
        self.handwritingChanged.emit(on)

    def _handwriting_ready(self) -> None:
        self.toggle.show()

    def _handwriting_unavailable(self, _reason: str) -> None:
        self.use_handwriting(False)
        self.toggle.hide()

    def discard(self) -> None:
        """Drop pending pinyin: nothing the resident did not pick is committed."""
        QGuiApplication.inputMethod().reset()

    def preedit(self) -> str:
        return str(self._root.property("preedit")) if self._alive() else ""

    # ---- showing ------------------------------------------------------------
    def _follow(self) -> None:
        self._wanted = QGuiApplication.inputMethod().isVisible()
        if QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
            if not self._waiting_for_release:
                self._waiting_for_release = True
                QApplication.instance().installEventFilter(self)
            return
        self._apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._waiting_for_release and event.type() in RELEASES:
            self._waiting_for_release = False
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, self._apply)  # after the release reached its widget
        return super().eventFilter(watched, event)

    def _apply(self) -> None:
        if self._wanted == self.isVisible():
            return
        self.setVisible(self._wanted)
        host = self.parentWidget()
        if host is not None and host.layout() is not None:
            host.layout().activate()  # in place now, not when the layout gets round to it
        self.shownChanged.emit(self._wanted)

    # ---- size and language ----------------------------------------------------
    def _fit_height(self) -> None:
        if self._alive():
            height = max(0, round(float(self._root.property("implicitHeight"))))
            self.view.setFixedHeight(height)
            # the pad in the keyboard's place: swapping them moves nothing else
            self.handwriting.setFixedHeight(
                max(height, self.handwriting.minimumSizeHint().height()))

    def _follow_application(self) -> None:
        if not self._alive():
            return
        self._root.setProperty("locale", keyboard_locale())
        scale = QApplication.font().pointSizeF() / BASE_POINT_SIZE
        self._root.setProperty("textScale", max(1.0, scale))

    def _retranslate(self) -> None:
        """The toggle names what a tap brings: handwriting, or the keyboard again."""
        if self.toggle.isChecked():
            self.toggle.setText(self.tr("Keyboard"))
            self.toggle.setAccessibleName(self.tr("Back to the keyboard"))
        else:
            self.toggle.setText(self.tr("Handwriting"))
            self.toggle.setAccessibleName(self.tr("Write characters by hand instead"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.FontChange):
            QTimer.singleShot(0, self._follow_application)  # after QLocale's default moved
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
