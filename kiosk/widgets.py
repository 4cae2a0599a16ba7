"""Widgets several kiosk screens share: a home or catalog tile, a table of
label / value rows, a scroll area that never scrolls sideways, and emptying a grid.

Screens import these from here, never from one another (tests/test_architecture.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from terminal.widgets.labels import role_label

MIN_TILE_HEIGHT = 140


class Tile(QPushButton):
    """A large button with a bold name and a one-line explanation."""

    def __init__(self, target: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.setObjectName(f"tile_{target}")
        self.setProperty("role", "tile")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(MIN_TILE_HEIGHT)
        self.name_label = role_label("tile-name", name="tileName")
        self.hint_label = role_label("tile-hint", name="tileHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(8)
        layout.addStretch(1)
        layout.addWidget(self.name_label)
        layout.addWidget(self.hint_label)
        layout.addStretch(1)
        for label in (self.name_label, self.hint_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_texts(self, name: str, hint: str) -> None:
        self.name_label.setText(name)
        self.hint_label.setText(hint)
        self.setAccessibleName(name)
        self.setAccessibleDescription(hint)
        self._fit_text()

    def _fit_text(self) -> None:
        """At least as tall as the wrapped name and hint need at this width, so a
        long name (or large text) is never cut off at the bottom."""
        layout = self.layout()
        needed = layout.heightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        height = max(MIN_TILE_HEIGHT, needed)
        if height != self.minimumHeight():
            self.setMinimumHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_text()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_text()  # large text, or the theme's sizes changed


class SummaryTable(QWidget):
    """Label / value rows in two columns, wrapping long values. The labels' column
    is as wide as the widest label on one line, up to `LABEL_SHARE` of the table
    (a label wraps only when it is longer than that, never every few characters)."""

    LABEL_SHARE = 0.4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(24, 24, 24, 24)
        self.grid.setHorizontalSpacing(32)
        self.grid.setVerticalSpacing(18)
        self.grid.setColumnStretch(1, 1)
        self._stretch_row = 0
        self._labels: list[QLabel] = []

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        # the spare height goes below the last row only: a stretch left on a row of an
        # earlier, shorter table (the empty one of a reset) would open a gap in this one
        self.grid.setRowStretch(self._stretch_row, 0)
        self._stretch_row = len(rows)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for index, (key, value) in enumerate(rows):
            label = QLabel(key)
            label.setProperty("role", "subtitle")
            label.setWordWrap(True)
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setProperty("role", "value")
            self.grid.addWidget(label, index, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(shown, index, 1, Qt.AlignmentFlag.AlignTop)
        self.grid.setRowStretch(len(rows), 1)
        self._labels = [self.grid.itemAtPosition(row, 0).widget() for row in range(len(rows))]
        self._fit_labels()

    def _fit_labels(self) -> None:
        widest = 0
        for label in self._labels:
            label.ensurePolished()  # the theme's font, not the default one
            widest = max(widest, label.fontMetrics().horizontalAdvance(label.text()) + 2)
        room = int((self.width() - 96) * self.LABEL_SHARE)
        self.grid.setColumnMinimumWidth(0, max(0, min(widest, room)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_labels()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_labels()  # large text, or the theme changed


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


def clear_grid(grid: QGridLayout) -> None:
    while grid.count():
        item = grid.takeAt(0)
        if item.widget() is not None:
            item.widget().hide()
            item.widget().deleteLater()
