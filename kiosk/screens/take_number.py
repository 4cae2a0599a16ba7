"""The "take_number" screen: optional priority, then one big button per
queue category (with how many wait, when known); a tap takes the number.

Args: {}. The elderly priority comes from the birth date in the ID number,
read from the card or typed (`hardware.identity`, so both agree; a card
whose own birth date disagrees is refused by the reader), or from a
passport's or 2017 foreigner's card's own birth date: "Aged 65 or
over?" sends an unidentified resident through identification and back here.
The categories and waiting counts come from the cached queue state at once,
then fresh from the platform.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QPushButton, QVBoxLayout, QWidget

from hardware.identity import ELDERLY_AGE, GB11643_LIKE, age_on, birth_date_of_number
from kiosk.context import KioskContext
from kiosk.queue_service import TicketIssuer, ask_at_desk, not_giving_numbers
from kiosk.receipts import IssuedTicket, Names
from kiosk.screens.base import KioskScreen
from kiosk.widgets import Tile
from sync.protocol.center import OpeningRules
from sync.protocol.queue import CategoryState, Priority
from sync.queue_cache import get_state
from terminal.background import Latest, Token, run_in_background
from terminal.widgets.labels import message_label, role_label


class TakeNumberScreen(KioskScreen):
    def __init__(self, context: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("takeNumberScreen")
        self.context = context
        self.categories: list[CategoryState] = []
        self.estimated = True  # the counts are from the cache
        self.tiles: dict[str, Tile] = {}
        self._loading = Latest()
        self.issuer = TicketIssuer(context, self)
        self.issuer.issued.connect(self._issued)
        self.issuer.failed.connect(self._failed)
        self.priority_label = role_label("subtitle", name="priorityLabel")
        self.elderly = QPushButton(objectName="elderlyButton", checkable=True)
        self.elderly.setProperty("role", "toggle")
        self.elderly.clicked.connect(self._elderly_clicked)
        self.disabled = QPushButton(objectName="disabledButton", checkable=True)
        self.disabled.setProperty("role", "toggle")
        self.disabled.toggled.connect(self._refresh_toggles)
        self.toggles = toggles = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        toggles.setSpacing(16)
        toggles.addWidget(self.elderly, 1)
        toggles.addWidget(self.disabled, 1)
        self.heading = role_label("title", name="takeNumberHeading")
        self.grid = QGridLayout()
        self.grid.setSpacing(24)
        self.message = message_label("notice", name="takeNumberMessage")
        self.message.hide()
        self.status = message_label("subtitle", align=Qt.AlignmentFlag.AlignCenter,
                                 name="takeNumberStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(20)
        layout.addWidget(self.priority_label)
        layout.addLayout(toggles)
        layout.addWidget(self.heading)
        layout.addLayout(self.grid, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        self.retranslate()

    # ---- KioskScreen
    def enter(self, args: dict[str, Any]) -> None:
        self.estimated = True  # until the platform answers
        self.message.hide()
        self.status.clear()
        self._set_busy(False)
        self._apply_identity()
        self._load()

    def reset(self) -> None:
        self._loading.cancel()
        self.issuer.cancel()
        self.elderly.setChecked(False)
        self.disabled.setChecked(False)
        self.message.hide()
        self.status.clear()

    def retranslate(self) -> None:
        self.title = self.tr("Take a number")
        self.priority_label.setText(self.tr("Priority (optional): choose it first."))
        self.heading.setText(self.tr("Touch the service you need:"))
        self.disabled.setText(("✓ " if self.disabled.isChecked() else "")
                              + self.tr("I have a disability"))
        self._refresh_toggles()
        self._show_categories()

    # ---- priority
    def age(self) -> int | None:
        """From the ID number where it encodes the birth date (ID cards, permits, the
        2023 foreigner's card), else from the document's own (a passport's chip, the
        2017 foreigner's card)."""
        session = self.context.session
        identity = session.identity
        if identity is not None and identity.kind not in GB11643_LIKE:
            birth = identity.birth_date if identity.birth_date > date.min else None
        else:
            birth = birth_date_of_number(session.applicant_id_number)
        return age_on(birth, self.context.clock().date()) if birth else None

    def _apply_identity(self) -> None:
        age = self.age()
        if age is not None and age >= ELDERLY_AGE:
            self.elderly.setChecked(True)
        elif age is not None:
            self.elderly.setChecked(False)
        self._refresh_toggles()

    def _refresh_toggles(self) -> None:
        age = self.age()
        self.elderly.setVisible(age is None or age >= ELDERLY_AGE)
        if age is None:
            self.elderly.setText(self.tr("Aged 65 or over? Show your ID card"))
        else:
            self.elderly.setText(("✓ " if self.elderly.isChecked() else "")
                                 + self.tr("Aged 65 or over (from your ID card)"))
        self.disabled.setText(("✓ " if self.disabled.isChecked() else "")
                              + self.tr("I have a disability"))

    def _elderly_clicked(self) -> None:
        if self.age() is None:  # prove it first: read the card, then come back
            self.elderly.setChecked(False)
            self.navigate.emit("identify", {
                "next": "take_number", "next_args": {},
                "purpose": lambda: self.tr("Your ID card shows your age for the priority queue.")})
            return
        self._refresh_toggles()

    def priority(self) -> Priority | None:
        if self.elderly.isChecked() and self.elderly.isVisible():
            return "elderly"
        if self.disabled.isChecked():
            return "disabled"
        return None

    # ---- categories
    def _load(self) -> None:
        shell, token = self.context.shell, self._loading.next()
        if shell is None:
            self._show_message(lambda: self.tr("One moment, the machine is starting…"))
            return
        live = self.context.live_queue()
        if live is not None:  # the platform's event stream keeps it current: no read
            self._set_categories(live.categories, estimated=False)
            return
        runtime = shell.services.runtime
        run_in_background(self, lambda: get_state(runtime.cache),
                          lambda found: self._cached(runtime, token, found),
                          lambda _message: self._cached(runtime, token, None), token=token)

    def queue_moved(self) -> None:
        """The counts follow the stream while the resident looks at them."""
        live = self.context.live_queue()
        if live is not None:
            self._loading.next()  # a read still under way would bring older counts
            self._set_categories(live.categories, estimated=False)

    def _cached(self, runtime: Any, token: Token, found: Any) -> None:
        """The cached counts at once, then the platform's (when the link is up)."""
        if found is not None and self.estimated:
            self._set_categories(found.value.categories, estimated=True)
        if self.context.link_down():
            self._no_categories()
            return
        run_in_background(self, runtime.client.queue_state, self._read,
                          lambda _message: self._no_categories(), token=token)

    def _read(self, state: Any) -> None:
        self.context.queue_read(state)  # cached, leases topped up: not on this lane
        self._set_categories(state.categories, estimated=False)

    def _no_categories(self) -> None:
        if not self.categories:
            self._show_message(ask_at_desk)

    def _set_categories(self, categories: list[CategoryState], estimated: bool) -> None:
        self.categories = list(categories)
        self.estimated = estimated
        self._show_categories()

    def _show_categories(self) -> None:
        codes = [category.code for category in self.categories]
        if list(self.tiles) != codes:
            for tile in self.tiles.values():
                self.grid.removeWidget(tile)
                tile.deleteLater()
            self.tiles = {}
            for index, category in enumerate(self.categories):
                tile = Tile(f"category_{category.code}")
                tile.clicked.connect(lambda _=False, code=category.code: self.take(code))
                self.tiles[category.code] = tile
                self.grid.addWidget(tile, index // 2, index % 2)
        for category in self.categories:
            name = self.context.localized(category.name_zh, category.name_en)
            if self.estimated:
                hint = self.tr("About %1 waiting").replace("%1", str(category.waiting))
            else:
                hint = self.tr("%1 waiting").replace("%1", str(category.waiting))
            self.tiles[category.code].set_texts(f"{category.prefix}  {name}", hint)

    # ---- taking the number
    def take(self, code: str) -> None:
        category = next((c for c in self.categories if c.code == code), None)
        if category is None or self.issuer.busy:
            return
        self._set_busy(True)
        self.message.hide()
        self.status.say(lambda: self.tr("One moment, taking your number…"))
        self.issuer.issue(code, Names(category.name_zh, category.name_en),
                          self.priority())

    def _set_busy(self, busy: bool) -> None:
        for tile in self.tiles.values():
            tile.setEnabled(not busy)
        self.allows_back = not busy
        self.chromeChanged.emit()

    def _issued(self, ticket: IssuedTicket) -> None:
        self._set_busy(False)
        self.status.clear()
        self.context.session.ticket = ticket
        self.navigate.emit("queue_ticket", {})

    def _failed(self, reason: str) -> None:
        """No number: the center's hours or quota (the platform's code), else ask at
        the desk."""
        self._set_busy(False)
        self.status.clear()
        self._show_message(lambda: not_giving_numbers(reason, self._opening()) or ask_at_desk())

    def _opening(self) -> OpeningRules | None:
        from sync.caches import CENTER
        from sync.protocol.center import CenterSetup

        cached = self.context.cached(CENTER, CenterSetup)
        return cached.value.opening if cached is not None else None

    def _show_message(self, text: Callable[[], str]) -> None:
        self.message.say(text)
        self.message.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() > event.size().height()
        self.toggles.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                  else QBoxLayout.Direction.TopToBottom)
