"""The center's windows: the number the hall display shows, a name in both
languages, whether it is in service, and the queue categories it calls (one
column a category, named below the table; none ticked: it calls all)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from counter.admin.common import ClientSource, ManagerPage
from sync.protocol.center import CenterSetup, ServiceWindow, SetupView
from sync.protocol.queue import QueueCategory

FIXED = 4  # number, Chinese name, English name, in service


def _checkable(on: bool) -> QTableWidgetItem:
    item = QTableWidgetItem()
    item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
    return item


class WindowsPage(ManagerPage):
    def __init__(self, client: ClientSource, language: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(client, parent)
        self.setObjectName("managerWindows")
        self.language = language
        self.categories: list[QueueCategory] = []
        self.table = QTableWidget(0, FIXED, objectName="windowTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.legend = QLabel(objectName="windowLegend", wordWrap=True)
        self.legend.setProperty("role", "hint")
        self.add_button = QPushButton(objectName="windowAdd")
        self.add_button.clicked.connect(lambda: self.add_row(ServiceWindow(
            number=str(self.table.rowCount() + 1))))
        self.remove_button = QPushButton(objectName="windowRemove")
        self.remove_button.clicked.connect(self.remove_row)
        self.save_button = QPushButton(objectName="windowSave")
        self.save_button.setProperty("role", "action")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.legend)
        self.body.addLayout(buttons)
        self.retranslate()

    def load(self) -> None:
        self.call(lambda client: client.setup(), self._shown)

    def _shown(self, view: SetupView) -> None:
        self.categories = list(view.categories)
        self.table.setRowCount(0)
        self.table.setColumnCount(FIXED + len(self.categories))
        self._headers()
        for window in view.setup.windows:
            self.add_row(window)

    def add_row(self, window: ServiceWindow) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((window.number, window.name_zh, window.name_en)):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setItem(row, 3, _checkable(window.active))
        for offset, category in enumerate(self.categories):
            self.table.setItem(row, FIXED + offset, _checkable(category.code in window.categories))

    def remove_row(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def windows(self) -> list[ServiceWindow] | None:
        """The table as windows, or None (and a message) when a number is missing or twice."""
        found: list[ServiceWindow] = []
        for row in range(self.table.rowCount()):
            def text(column: int, r: int = row) -> str:
                item = self.table.item(r, column)
                return item.text().strip() if item is not None else ""

            def ticked(column: int, r: int = row) -> bool:
                item = self.table.item(r, column)
                return item is not None and item.checkState() == Qt.CheckState.Checked

            number = text(0)
            if not number or len(number) > 8:
                self.tell(self.tr("Every window needs a number of up to 8 characters."),
                          error=True)
                return None
            found.append(ServiceWindow(
                number=number, name_zh=text(1)[:40], name_en=text(2)[:40], active=ticked(3),
                categories=[c.code for offset, c in enumerate(self.categories)
                            if ticked(FIXED + offset)]))
        if len({w.number for w in found}) != len(found):
            self.tell(self.tr("Two windows have the same number."), error=True)
            return None
        return found

    def save(self) -> None:
        windows = self.windows()
        if windows is not None:
            self.call(lambda client: client.put_windows(windows), self._saved)

    def _saved(self, setup: CenterSetup) -> None:
        self.tell(self.tr("Saved. The counters and the hall display of this center "
                          "take it at their next refresh."))
        self._shown(SetupView(setup=setup, categories=self.categories))

    def _headers(self) -> None:
        names = [self.tr("Window"), self.tr("Name (Chinese)"), self.tr("Name (English)"),
                 self.tr("In service")]
        names += [c.code for c in self.categories]
        self.table.setHorizontalHeaderLabels(names)
        self.legend.setText("   ".join(
            f"{c.code} {c.name_zh if self.language == 'zh_CN' else c.name_en}"
            for c in self.categories))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def set_language(self, language: str) -> None:
        self.language = language
        self._headers()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Windows and the queues they call"))
        self.add_button.setText(self.tr("Add a window"))
        self.remove_button.setText(self.tr("Remove"))
        self.save_button.setText(self.tr("Save"))
        self._headers()
