"""The "check_in" screen: the resident's appointments for today, and a
priority ("booked") ticket for the one they choose.

Args: {}. Unidentified residents are offered identification first. Online
the platform's list is used; offline only the bookings made on this kiosk
(from its local store), and the ticket comes from a leased number with a
check-in transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.catalog_source import CatalogSource
from kiosk.context import KioskContext
from kiosk.local_bookings import LocalBooking
from kiosk.queue_service import TicketIssuer, TodaysBookings, ask_at_desk, todays_bookings
from kiosk.receipts import IssuedTicket, Names
from kiosk.screens.base import KioskScreen
from kiosk.widgets import Tile, clear_grid, scrolled
from terminal.background import Latest, run_in_background
from terminal.center_time import in_center
from terminal.widgets.labels import message_label, role_label


class CheckInScreen(KioskScreen):
    def __init__(self, context: KioskContext, source: CatalogSource,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkInScreen")
        self.context = context
        self.source = source
        self.found: TodaysBookings | None = None
        self.tiles: dict[str, Tile] = {}
        self._lookups = Latest()
        self.issuer = TicketIssuer(context, self)
        self.issuer.issued.connect(self._issued)
        self.issuer.failed.connect(self._failed)
        self.heading = role_label("title", name="checkInHeading")
        self.grid = QGridLayout()
        self.grid.setSpacing(24)
        holder = QWidget()
        holder.setLayout(self.grid)
        self.message = message_label("notice", name="checkInMessage")
        self.message.hide()
        self.status = message_label("subtitle", align=Qt.AlignmentFlag.AlignCenter)
        self.identify_button = QPushButton(objectName="checkInIdentify")
        self.identify_button.clicked.connect(self._identify)
        self.take_number = QPushButton(objectName="checkInTakeNumber")
        self.take_number.setProperty("role", "secondary")
        self.take_number.clicked.connect(lambda: self.navigate.emit("take_number", {}))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(20)
        layout.addWidget(self.heading)
        layout.addWidget(scrolled(holder), 1)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addWidget(self.identify_button)
        layout.addWidget(self.take_number)
        self.retranslate()

    # ---- KioskScreen
    def enter(self, args: dict[str, Any]) -> None:
        self._lookups.cancel()
        self.message.hide()
        self.status.clear()
        self.take_number.hide()
        identified = self.context.session.identified
        self.identify_button.setVisible(not identified)
        if not identified:
            self._show([])
            self._say(lambda: self.tr("Please show your ID card first, so we can find your "
                              "appointment."))
            return
        self._lookup()

    def reset(self) -> None:
        self._lookups.cancel()
        self.issuer.cancel()
        self.found = None
        self._show([])

    def retranslate(self) -> None:
        self.title = self.tr("Check in")
        self.heading.setText(self.tr("Your appointments today: touch one to check in."))
        self.identify_button.setText(self.tr("Show my ID card"))
        self.take_number.setText(self.tr("Take a normal number instead"))
        if self.found is not None:
            self._show(self.found.bookings)

    def _identify(self) -> None:
        self.navigate.emit("identify", {
            "next": "check_in", "next_args": {},
            "purpose": lambda: self.tr("Show your ID card to find your appointment.")})

    # ---- looking up
    def _lookup(self) -> None:
        shell = self.context.shell
        if shell is None:
            self._say(ask_at_desk)
            return
        runtime = shell.services.runtime
        person = self.context.session.applicant()
        today, online = self.context.clock().date(), not self.context.link_down()
        zone = self.context.zone
        self.status.say(lambda: self.tr("One moment, looking for your appointment…"))

        run_in_background(
            self, lambda: todays_bookings(runtime, person, today, online, zone), self._found,
            lambda _message: self._say(ask_at_desk), token=self._lookups.next())

    def _found(self, result: TodaysBookings) -> None:
        self.status.clear()
        self.found = result
        self.source.when_ready(lambda: self._show(result.bookings))
        if not result.bookings:
            self.take_number.show()
            self._say(lambda: self.tr(
                "We cannot reach the office right now, and this machine has no "
                "appointment for you today. Please ask at the front desk.")
                if result.offline else
                self.tr("We found no appointment for today with this ID card."))
        elif result.offline:
            self._say(lambda: self.tr("Offline: only appointments made at this machine "
                              "are shown."))

    def _show(self, bookings: list[LocalBooking]) -> None:
        clear_grid(self.grid)
        self.tiles = {}
        for index, booking in enumerate(bookings):
            matter = self.source.matter(booking.matter_code)
            name = (self.context.localized(matter.name_zh, matter.name_en) if matter
                    else booking.matter_code)
            zone = self.context.zone
            start, end = in_center(booking.slot_start, zone), in_center(booking.slot_end, zone)
            tile = Tile(f"booking_{booking.booking_code}")
            tile.set_texts(name, f"{start:%H:%M}–{end:%H:%M}   {booking.booking_code}")
            tile.clicked.connect(lambda _=False, b=booking: self.check_in(b))
            self.tiles[booking.booking_code] = tile
            self.grid.addWidget(tile, index, 0)
        for row in range(self.grid.rowCount()):  # no stretch left from a shorter list
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(len(bookings), 1)

    # ---- checking in
    def check_in(self, booking: LocalBooking) -> None:
        if self.issuer.busy or self.found is None:
            return
        matter = self.source.matter(booking.matter_code)
        code = matter.queue_category if matter else "A"
        state = self.found.categories.get(code)
        name = (Names(state.name_zh, state.name_en) if state
                else Names(matter.name_zh, matter.name_en) if matter
                else Names(code, code))
        for tile in self.tiles.values():
            tile.setEnabled(False)
        self.message.hide()
        self.status.say(lambda: self.tr("One moment, checking you in…"))
        self.issuer.issue(code, name, None, booking.booking_code)

    def _issued(self, ticket: IssuedTicket) -> None:
        self.status.clear()
        self.context.session.ticket = ticket
        self.navigate.emit("queue_ticket", {})

    def _failed(self, _reason: str) -> None:
        self.status.clear()
        for tile in self.tiles.values():
            tile.setEnabled(True)
        self._say(ask_at_desk)

    def _say(self, text: Callable[[], str]) -> None:
        self.message.say(text)
        self.message.show()
