"""Small builders for the labels and scroll areas every kiosk screen uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QScroller, QWidget


def role_label(role: str = "", *, wrap: bool = True,
               align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
               name: str = "") -> QLabel:
    """A word-wrapped label styled by its theme role (title, subtitle, ...)."""
    label = QLabel(wordWrap=wrap)
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
