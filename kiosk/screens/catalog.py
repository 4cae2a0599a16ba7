"""The "apply" screen: browse matters by department, then category, or search.

The catalog comes from the local cache (`kiosk.catalog_source`, read off
the GUI thread). `SearchIndex` matches Chinese and English names and pinyin
initials, also of the names' usual short forms ("dbsq" finds
居民最低生活保障申请 as 居民低保申请), built once per catalog. Browsing
shows only matters a kiosk may take; search shows all, and the matter
screen says "please go to a window" for the others.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog_source import CatalogSource
from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen
from kiosk.widgets import Tile
from sync.protocol.models import Matter
from terminal.widgets.keyboard import TouchLineEdit

MAX_RESULTS = 12
# --------------------------------------------------------------------- tiles
class TileGrid(QScrollArea):
    """Big tiles in a scrollable grid; `chosen(key)` when one is touched. A tile's
    name wraps at the tile's own width (as wide as a third or half of the screen)."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.inner = QWidget()
        self.grid = QGridLayout(self.inner)
        self.grid.setSpacing(20)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.setWidget(self.inner)
        self.buttons: dict[str, Tile] = {}
        self._items: list[tuple[str, str, str]] = []

    def set_tiles(self, items: list[tuple[str, str, str]]) -> None:
        """(key, name, hint) triples, laid out for the current width. The same
        tiles again are left alone: a tile being pressed stays under the finger."""
        if items == self._items and self.buttons:
            return
        self._items = items
        self._lay_out()

    def _columns(self) -> int:
        return 3 if self.width() > 1400 else 2

    def resizeEvent(self, event: Any) -> None:
        columns = self._columns()
        super().resizeEvent(event)
        if columns != self._columns():
            self._lay_out()

    def _lay_out(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.buttons.clear()
        columns = self._columns()
        for index, (key, name, hint) in enumerate(self._items):
            button = Tile(key)
            button.set_texts(name, hint)
            button.hint_label.setVisible(bool(hint))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
            button.clicked.connect(lambda _checked=False, key=key: self.chosen.emit(key))
            self.grid.addWidget(button, index // columns, index % columns)
            self.buttons[key] = button
        for row in range(self.grid.rowCount()):  # no stretch left from a longer list
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(len(self._items) // columns + 1, 1)
        for column in range(3):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)



# --------------------------------------------------------------------- screen
class CatalogScreen(KioskScreen):
    """Department -> category -> matter, or a search on top."""

    def __init__(self, context: KioskContext, source: CatalogSource,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.source = source
        self.department: str | None = None
        self.category: str | None = None
        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        self.heading.setWordWrap(True)
        self.search_box = TouchLineEdit(keeps_pending_letters=True)
        self.search_box.setObjectName("catalogSearch")
        self.search_box.textChanged.connect(self._show)
        self.search_box.preeditChanged.connect(self._show)  # pinyin being typed counts
        self.clear_button = QPushButton()
        self.clear_button.setProperty("role", "secondary")
        self.clear_button.clicked.connect(self.search_box.clear)
        self.up_button = QPushButton()
        self.up_button.setProperty("role", "secondary")
        self.up_button.clicked.connect(self._up)
        self.hint = QLabel()
        self.hint.setProperty("role", "subtitle")
        self.hint.setWordWrap(True)
        self.tiles = TileGrid()
        self.tiles.chosen.connect(self._chosen)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(20)
        layout.addWidget(self.heading)
        layout.addLayout(search_row)
        layout.addWidget(self.up_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.hint)
        layout.addWidget(self.tiles, 1)
        source.changed.connect(self._show)
        self.retranslate()

    # ---- KioskScreen
    def enter(self, args: dict[str, Any]) -> None:
        if args.get("reset", False):
            self.reset()
        self.source.refresh()
        self._show()

    def reset(self) -> None:
        self.department = self.category = None
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self._show()

    def retranslate(self) -> None:
        self.title = self.tr("Apply for a service")
        self.search_box.setPlaceholderText(self.tr("Search: name or pinyin initials, e.g. dbsq"))
        self.clear_button.setText(self.tr("Clear"))
        self._show()

    # ---- navigation inside the screen
    def _up(self) -> None:
        several = self.department is not None and len(self._categories(self.department)) > 1
        if self.category is not None and several:
            self.category = None
        else:
            self.department = self.category = None
        self._show()
        self.promptChanged.emit()

    def _chosen(self, key: str) -> None:
        kind, _, code = key.partition(":")
        if kind == "department":
            self.department = code
            categories = self._categories(code)
            self.category = categories[0] if len(categories) == 1 else None
        elif kind == "category":
            self.category = code
        else:
            self.navigate.emit("matter", {"matter": code})
            return
        self._show()
        self.promptChanged.emit()

    # ---- content
    def _kiosk_matters(self) -> list[Matter]:
        catalog = self.source.catalog
        return [m for m in catalog.matters if m.kiosk_allowed] if catalog else []

    def _categories(self, department: str) -> list[str]:
        seen: list[str] = []
        for matter in self._kiosk_matters():
            if matter.department == department and matter.category not in seen:
                seen.append(matter.category)
        return seen

    def _name(self, matter: Matter) -> str:
        return self.context.localized(matter.name_zh, matter.name_en)

    def query(self) -> str:
        """What the resident typed, with the pinyin still being composed
        (shown as "xing fu" or "x'f'l"), letters only."""
        return self.search_box.composed_text().replace("'", "").strip()

    def _show(self) -> None:
        catalog = self.source.catalog
        query = self.query()
        self.clear_button.setVisible(bool(query))
        if catalog is None:
            self.heading.setText(self.tr("Apply for a service"))
            self.hint.setText(self.tr("One moment, the list of services is loading…"))
            self.up_button.hide()
            self.tiles.set_tiles([])
            return
        if query:
            self._show_search(query)
        elif self.department is None:
            self._show_departments()
        elif self.category is None:
            self._show_categories(self.department)
        else:
            self._show_matters(self.department, self.category)

    def _show_search(self, query: str) -> None:
        found = self.source.index.search(query) if self.source.index else []
        self.heading.setText(self.tr("Search results"))
        self.up_button.hide()
        self.hint.setText(self.tr("Nothing found. Try other words, or browse below after "
                                  "clearing the search.") if not found else
                          self.tr("Touch a service to see what you need."))
        self.tiles.set_tiles([
            (f"matter:{matter.code}", self._name(matter),
             "" if matter.kiosk_allowed else self.tr("(at a window only)"))
            for matter in found])

    def _show_departments(self) -> None:
        self.heading.setText(self.tr("Which office is it for?"))
        self.up_button.hide()
        self.hint.setText(self.tr("Touch an office, or search above."))
        departments = {m.department for m in self._kiosk_matters()}
        catalog = self.source.catalog
        assert catalog is not None
        self.tiles.set_tiles([
            (f"department:{d.code}", self.context.localized(d.name_zh, d.name_en), "")
            for d in catalog.departments if d.code in departments])

    def _show_categories(self, department: str) -> None:
        self.heading.setText(self.source.department_name(department))
        self.up_button.setText(self.tr("‹ All offices"))
        self.up_button.show()
        self.hint.setText(self.tr("What is it about?"))
        self.tiles.set_tiles([(f"category:{code}", self.source.category_name(code), "")
                              for code in self._categories(department)])

    def _show_matters(self, department: str, category: str) -> None:
        self.heading.setText(f"{self.source.department_name(department)} · "
                             f"{self.source.category_name(category)}")
        several = len(self._categories(department)) > 1
        self.up_button.setText(self.tr("‹ Other topics") if several else self.tr("‹ All offices"))
        self.up_button.show()
        self.hint.setText(self.tr("Touch a service to see what you need."))
        self.tiles.set_tiles([
            (f"matter:{m.code}", self._name(m), "") for m in self._kiosk_matters()
            if m.department == department and m.category == category])
