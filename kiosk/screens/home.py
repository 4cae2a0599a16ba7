"""The home screen: one big tile per thing a resident can do here.

Tiles only navigate by name; the screens behind them may belong to other
flows. Two columns on a portrait screen, three on a landscape one.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen
from kiosk.widgets import Tile
from terminal.widgets.labels import role_label

#: target screen of each tile, in reading order
TILES = ("take_number", "book", "apply", "repair", "notices", "status", "help")


class HomeScreen(KioskScreen):
    allows_back = False

    def __init__(self, context: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeScreen")
        self.context = context
        self.tiles: dict[str, Tile] = {}
        self.greeting = role_label("title", name="homeGreeting")
        self.grid = QGridLayout()
        self.grid.setSpacing(24)
        for target in TILES:
            tile = Tile(target)
            tile.clicked.connect(lambda _=False, t=target: self.navigate.emit(t, {}))
            self.tiles[target] = tile
        self._columns = 0
        self._arrange(3)  # compact until the screen's shape is known
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(24)
        layout.addWidget(self.greeting)
        layout.addLayout(self.grid, 1)
        self.retranslate()

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles.values()):
            self.grid.addWidget(tile, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = event.size()
        self._arrange(3 if size.width() > size.height() else 2)
        super().resizeEvent(event)

    def retranslate(self) -> None:
        self.title = self.tr("Home")
        self.greeting.setText(self.tr("What would you like to do?"))
        texts = {
            "take_number": (self.tr("Take a number"),
                            self.tr("Queue for a service window")),
            "book": (self.tr("Book or check in"),
                     self.tr("Make an appointment, or tell us you have arrived")),
            "apply": (self.tr("Apply for a service"),
                      self.tr("Fill in an application here, by yourself")),
            "repair": (self.tr("Report a repair"),
                       self.tr("Something broken in your building")),
            "notices": (self.tr("Community notices"),
                        self.tr("News and announcements")),
            "status": (self.tr("Check an application"),
                       self.tr("See how your application is going")),
            "help": (self.tr("Help"),
                     self.tr("How this machine works, and how to ask staff")),
        }
        for target, (name, hint) in texts.items():
            self.tiles[target].set_texts(name, hint)
