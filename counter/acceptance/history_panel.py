"""Today's outcomes at this window, newest first, with reprint."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.acceptance.common import heading, note
from counter.acceptance.history import HistoryEntry, todays_outcomes
from counter.acceptance.receipts import titles
from terminal.background import run_in_background

if TYPE_CHECKING:
    from sync.outbox import Outbox


class HistoryPanel(QWidget):
    """`reprintRequested(entry)` when the clerk asks for a slip again."""

    reprintRequested = Signal(object)  # HistoryEntry
    loaded = Signal()

    def __init__(self, outbox: Callable[[], Outbox | None], clock: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._outbox = outbox
        self._clock = clock
        self.entries: list[HistoryEntry] = []
        self.title = heading()
        self.list = QListWidget()
        self.list.setObjectName("historyList")
        self.list.setWordWrap(True)  # a narrow desk screen wraps an entry, never cuts it
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(lambda _item: self._reprint())
        self.status = note()
        self.refresh_button = QPushButton()
        self.refresh_button.setProperty("role", "secondary")
        self.refresh_button.clicked.connect(self.refresh)
        self.reprint = QPushButton()
        self.reprint.setObjectName("reprint")
        self.reprint.clicked.connect(self._reprint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reprint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.retranslate()

    def refresh(self) -> None:
        outbox = self._outbox()
        if outbox is None:
            return
        now = self._clock()
        run_in_background(self, lambda: todays_outcomes(outbox, now), self._show,
                          lambda message: self.status.setText(message))

    def _show(self, entries: list[HistoryEntry]) -> None:
        self.entries = entries
        self.list.clear()
        names = titles()
        for entry in entries:
            payload = entry.payload
            mark = "✓" if entry.delivered else "…"
            item = QListWidgetItem(f"{entry.when:%H:%M}  {payload.tracking_number}  {mark}\n"
                                   f"{payload.matter_code}  {names[payload.outcome]}")
            item.setData(Qt.ItemDataRole.UserRole, entry.record_id)
            self.list.addItem(item)
        if entries:
            self.list.setCurrentRow(0)
        self.status.setText(self.tr("%1 today. ✓ sent to the platform, … waiting to be sent.")
                            .replace("%1", str(len(entries))))
        self.loaded.emit()

    def _reprint(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.entries):
            self.reprintRequested.emit(self.entries[row])

    def retranslate(self) -> None:
        self.title.setText(self.tr("Today at this window"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.reprint.setText(self.tr("Reprint slip"))
        if self.entries:
            self._show(self.entries)

