"""Small builders for the labels and scroll areas every kiosk screen uses."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QScroller, QWidget

LabelT = TypeVar("LabelT", bound=QLabel)


class MessageLabel(QLabel):
    """A label for messages that come and go ("printing…", "not found"): `say`
    takes the text as a function, asked again after every language switch, so
    a message shown before the switch is not left in the other language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text: Callable[[], str] | None = None

    def say(self, text: Callable[[], str]) -> None:
        self._text = text
        self.setText(text())

    def clear(self) -> None:
        self._text = None
        super().clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._text is not None:
            self.setText(self._text())
        super().changeEvent(event)


class ElidedLabel(QLabel):
    """One line that gives way in a full row: narrower than its text it shows the
    start and "…"; the whole text stays its accessible name and tooltip. Its size
    hint is the whole text's, its minimum a few characters."""

    elide_mode = Qt.TextElideMode.ElideRight

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._whole = ""

    def set_whole_text(self, text: str) -> None:
        self._whole = text
        self.setAccessibleName(text)
        self.setToolTip(text)
        self.updateGeometry()
        self._elide()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._whole) + margins.left() + \
            margins.right() + 2
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("MMM…")),
                     hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()
        super().changeEvent(event)

    def _elide(self) -> None:
        room = self.contentsRect().width()
        self.setText(self.fontMetrics().elidedText(self._whole, self.elide_mode, room))


def role_label(role: str = "", *, wrap: bool = True,
               align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
               name: str = "") -> QLabel:
    """A word-wrapped label styled by its theme role (title, subtitle, ...)."""
    return styled(QLabel(), role, wrap=wrap, align=align, name=name)


def message_label(role: str = "", *, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
                  name: str = "") -> MessageLabel:
    """A `MessageLabel` styled like `role_label`."""
    return styled(MessageLabel(), role, wrap=True, align=align, name=name)


def styled(label: LabelT, role: str, *, wrap: bool,
                           align: Qt.AlignmentFlag, name: str) -> LabelT:
    label.setWordWrap(wrap)
    label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        label.setProperty("role", role)
    if name:
        label.setObjectName(name)
    return label


def touch_scroll_area(content: QWidget, name: str = "") -> QScrollArea:
    """A frameless vertical scroll area that a finger can drag."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    if name:
        area.setObjectName(name)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    return area
