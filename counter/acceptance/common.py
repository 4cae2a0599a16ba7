"""Small helpers shared by the workbench's steps."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget


def chinese() -> bool:
    """The UI language is Chinese (the switcher sets the default locale)."""
    return QLocale().language() == QLocale.Language.Chinese


def localized(zh: str, en: str) -> str:
    return zh if chinese() else en


def heading(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "title")
    label.setWordWrap(True)
    return label


def note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "subtitle")
    label.setWordWrap(True)
    return label


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def set_state(label: QLabel, state: str) -> None:
    """Re-polish a label after changing its QSS `state` property."""
    label.setProperty("state", state)
    label.style().unpolish(label)
    label.style().polish(label)
