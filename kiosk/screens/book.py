"""Booking an appointment: "book" (which service, then day and time) and
"book_confirm" (check, confirm, commit; then "booking_done").

"book" args: {} (the list of services that take appointments, and a way to
check in) or {"matter": code} (straight to that service's days and times).
A chosen slot goes through "identify" (unless identified) to "book_confirm"
with {"matter", "start", "end", "offline"}. Slots come from the platform;
offline, the cached ones are shown marked "availability may have changed".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog_source import CatalogSource
from kiosk.context import KioskContext
from kiosk.local_bookings import LocalBooking, LocalBookings, next_booking_code
from kiosk.queue_service import SlotsFound, fetch_slots, slot_still_free
from kiosk.receipts import BookingOutcome, Names, slot_text
from kiosk.screens.base import KioskScreen, step_buttons
from kiosk.widgets import SummaryTable, Tile, clear_grid, scrolled
from sync.protocol.models import BookingPayload, Matter, Person
from sync.protocol.queue import BookingSlot
from sync.workdays import is_working_day
from terminal.background import Latest, Token, run_in_background
from terminal.center_time import in_center
from terminal.slips import masked_person
from terminal.widgets.labels import role_label

if TYPE_CHECKING:
    from sync.runtime import SyncRuntime
    from terminal.sync_bridge import Stored, SyncBridge

BOOKABLE_DAYS = 7
WEEKDAYS_ZH = "一二三四五六日"
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def working_days(today: date, count: int = BOOKABLE_DAYS) -> list[date]:
    """Today (if a working day) and the following working days, `count` in all."""
    days, day = [], today
    while len(days) < count:
        if is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


class BookScreen(KioskScreen):
    def __init__(self, context: KioskContext, source: CatalogSource,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookScreen")
        self.context = context
        self.source = source
        self.matter: Matter | None = None
        self.day: date | None = None
        self.found: SlotsFound | None = None
        self.matter_tiles: dict[str, Tile] = {}
        self.day_buttons: dict[date, QPushButton] = {}
        self.slot_buttons: list[QPushButton] = []
        self._slots = Latest()
        self._columns = 2
        self.pages = QStackedWidget()
        self.pages.currentChanged.connect(self.promptChanged)
        self.pages.addWidget(self._matters_page())
        self.pages.addWidget(self._slots_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addWidget(self.pages)
        self.retranslate()

    def _matters_page(self) -> QWidget:
        page = QWidget()
        self.matters_heading = role_label("title", name="bookHeading")
        self.matters_grid = QGridLayout()
        self.matters_grid.setSpacing(24)
        holder = QWidget()
        holder.setLayout(self.matters_grid)
        self.check_in_button = QPushButton(objectName="checkInButton")
        self.check_in_button.setProperty("role", "secondary")
        self.check_in_button.clicked.connect(self._check_in)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        layout.addWidget(self.matters_heading)
        layout.addWidget(scrolled(holder), 1)
        layout.addWidget(self.check_in_button)
        return page

    def _slots_page(self) -> QWidget:
        page = QWidget()
        self.matter_name = role_label("title", name="bookMatter")
        self.day_label = role_label("subtitle")
        self.days_grid = QGridLayout()
        self.days_grid.setSpacing(12)
        self.day_group = QButtonGroup(self)
        self.day_group.setExclusive(True)
        self.time_label = role_label("subtitle")
        self.offline_note = role_label("notice", name="slotsOffline")
        self.offline_note.hide()
        self.slots_grid = QGridLayout()
        self.slots_grid.setSpacing(12)
        slots = QWidget()
        slots_layout = QVBoxLayout(slots)
        slots_layout.setContentsMargins(0, 0, 0, 0)
        slots_layout.addLayout(self.slots_grid)
        slots_layout.addStretch(1)
        self.other_services = QPushButton(objectName="otherServices")
        self.other_services.setProperty("role", "secondary")
        self.other_services.clicked.connect(lambda: self._show_matters())
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        top = QHBoxLayout()
        top.setSpacing(24)
        top.addWidget(self.matter_name, 1)
        top.addWidget(self.other_services)
        layout.addLayout(top)
        layout.addWidget(self.day_label)
        layout.addLayout(self.days_grid)
        layout.addWidget(self.time_label)
        layout.addWidget(self.offline_note)
        layout.addWidget(scrolled(slots), 1)
        return page

    # ---- KioskScreen
    def enter(self, args: dict[str, Any]) -> None:
        code = args.get("matter")
        self.source.when_ready(lambda: self._ready(str(code) if code else None))

    def reset(self) -> None:
        self._slots.cancel()
        self.matter, self.day, self.found = None, None, None
        self.pages.setCurrentIndex(0)

    def retranslate(self) -> None:
        self.title = self.tr("Book an appointment")
        self.matters_heading.setText(self.tr("Which service is the appointment for?"))
        self.check_in_button.setText(self.tr("I have an appointment today: check in ›"))
        self.day_label.setText(self.tr("1. Choose a day:"))
        self.time_label.setText(self.tr("2. Choose a time:"))
        self.other_services.setText(self.tr("‹ Other services"))
        if self.matter is not None:
            self.matter_name.setText(self.context.localized(self.matter.name_zh,
                                                            self.matter.name_en))
        self._show_matter_list()
        self._show_days()
        if self.matter is not None:
            self._show_slots()

    # ---- services
    def _bookable(self) -> list[Matter]:
        catalog = self.source.catalog
        return [m for m in catalog.matters if m.needs_appointment] if catalog else []

    def _ready(self, code: str | None) -> None:
        self._show_matter_list()
        matter = self.source.matter(code) if code else None
        if matter is not None and matter.needs_appointment:
            self.choose_matter(matter.code)
        elif code is not None or self.matter is None:
            self._show_matters()

    def _show_matters(self) -> None:
        self._slots.cancel()
        self.matter = None
        self.pages.setCurrentIndex(0)

    def _show_matter_list(self) -> None:
        bookable = self._bookable()
        if [m.code for m in bookable] != list(self.matter_tiles):
            clear_grid(self.matters_grid)
            self.matter_tiles = {}
            for index, matter in enumerate(bookable):
                tile = Tile(f"book_{matter.code}")
                tile.clicked.connect(lambda _=False, code=matter.code: self.choose_matter(code))
                self.matter_tiles[matter.code] = tile
                self.matters_grid.addWidget(tile, index // self._columns, index % self._columns)
            for row in range(self.matters_grid.rowCount()):  # tiles as tall as their text
                self.matters_grid.setRowStretch(row, 0)
            self.matters_grid.setRowStretch(len(bookable) // self._columns + 1, 1)
        for matter in bookable:
            self.matter_tiles[matter.code].set_texts(
                self.context.localized(matter.name_zh, matter.name_en),
                self.source.department_name(matter.department))

    def _check_in(self) -> None:
        if self.context.session.identified:
            self.navigate.emit("check_in", {})
        else:
            self.navigate.emit("identify", {
                "next": "check_in", "next_args": {},
                "purpose": lambda: self.tr("Show your ID card to find your appointment.")})

    # ---- days and times
    def choose_matter(self, code: str) -> None:
        matter = self.source.matter(code)
        if matter is None:
            return
        self._slots.cancel()
        self.matter = matter
        self.found = None
        self.matter_name.setText(self.context.localized(matter.name_zh, matter.name_en))
        self.pages.setCurrentIndex(1)
        days = working_days(self.context.clock().date())
        self._build_days(days)
        self.choose_day(days[0])

    def _build_days(self, days: list[date]) -> None:
        if list(self.day_buttons) == days:
            self._show_days()  # the same days, perhaps in the other language now
            return
        clear_grid(self.days_grid)
        for button in self.day_group.buttons():
            self.day_group.removeButton(button)
        self.day_buttons = {}
        columns = 7 if self.width() > self.height() else 4
        for index, day in enumerate(days):
            button = QPushButton(checkable=True)
            button.setProperty("role", "toggle")
            button.clicked.connect(lambda _=False, d=day: self.choose_day(d))
            self.day_group.addButton(button)
            self.day_buttons[day] = button
            self.days_grid.addWidget(button, index // columns, index % columns)
        self._show_days()

    def _show_days(self) -> None:
        today = self.context.clock().date()
        for day, button in self.day_buttons.items():
            if day == today:
                name = self.tr("Today")
            else:
                name = self.context.localized(f"周{WEEKDAYS_ZH[day.weekday()]}",
                                              WEEKDAYS_EN[day.weekday()])
            shown = self.context.localized(f"{day.month}月{day.day}日", f"{day:%d %b}")
            button.setText(f"{name}\n{shown}")

    def choose_day(self, day: date) -> None:
        matter, shell = self.matter, self.context.shell
        if matter is None or shell is None:
            return
        self.day = day
        self.day_buttons[day].setChecked(True)
        runtime, online = shell.services.runtime, not self.context.link_down()
        self.found = None
        self._show_slots(loading=True)
        run_in_background(self, lambda: fetch_slots(runtime, matter.code, day, online),
                          self._found, lambda _message: self._found(SlotsFound(None, True)),
                          token=self._slots.next())

    def _found(self, result: SlotsFound) -> None:
        self.found = result
        self._show_slots()

    def _show_slots(self, loading: bool = False) -> None:
        clear_grid(self.slots_grid)
        self.slot_buttons = []
        found = self.found
        self.offline_note.setVisible(loading or found is None or found.offline
                                     or not found.slots or not found.slots.slots)
        if loading or found is None:
            self.offline_note.setText(self.tr("One moment…"))
            return
        if found.slots is None:
            self.offline_note.setText(self.tr(
                "Booking needs the connection to the office, which is down right now. "
                "Please try again later, or ask at the front desk."))
            return
        if found.offline:
            self.offline_note.setText(self.tr(
                "Offline: these times were saved earlier; availability may have changed."))
        elif not found.slots.slots:
            self.offline_note.setText(self.tr("No times are left on this day. "
                                              "Please choose another day."))
        columns = 3 if self.width() > self.height() else 2
        zone = self.context.zone
        for index, slot in enumerate(found.slots.slots):
            button = QPushButton()
            button.setProperty("role", "secondary")
            start, end = in_center(slot.start, zone), in_center(slot.end, zone)
            if slot.remaining > 0:
                left = self.tr("%1 left").replace("%1", str(slot.remaining))
            else:
                left = self.tr("Full")
            button.setText(f"{start:%H:%M}–{end:%H:%M}\n{left}")
            button.setEnabled(slot.remaining > 0)
            button.clicked.connect(lambda _=False, s=slot: self.choose_slot(s))
            self.slot_buttons.append(button)
            self.slots_grid.addWidget(button, index // columns, index % columns)

    def choose_slot(self, slot: BookingSlot) -> None:
        if self.matter is None or self.found is None:
            return
        args = {"matter": self.matter.code, "start": slot.start.isoformat(),
                "end": slot.end.isoformat(), "offline": self.found.offline}
        if self.context.session.identified:
            self.navigate.emit("book_confirm", args)
        else:
            self.navigate.emit("identify", {
                "next": "book_confirm", "next_args": args,
                "purpose": lambda: self.tr("Your appointment is made in your name.")})

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        columns = 3 if event.size().width() > event.size().height() else 2
        if columns != self._columns:
            self._columns = columns
            self.matter_tiles = {}
            self._show_matter_list()
            if self.day_buttons:
                days = list(self.day_buttons)
                self.day_buttons = {}
                self._build_days(days)
                if self.day in self.day_buttons:
                    self.day_buttons[self.day].setChecked(True)
            if self.found is not None:
                self._show_slots()


class BookConfirmScreen(KioskScreen):
    """Args: {"matter", "start", "end", "offline"} from "book"."""

    def __init__(self, context: KioskContext, source: CatalogSource,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookConfirmScreen")
        self.context = context
        self.source = source
        self.args: dict[str, Any] = {}
        self.busy = False
        self._saving = Latest()
        self._rows: list[tuple[str, str]] = []
        self.heading = role_label("title", name="bookConfirmHeading")
        self.table = SummaryTable()
        self.table.setObjectName("bookConfirmTable")
        self.status = role_label("notice", name="bookConfirmStatus")
        self.status.hide()
        self.change = QPushButton()
        self.change.clicked.connect(lambda: self.navigate.emit("book", {}))
        self.confirm = QPushButton(objectName="confirmBooking")
        self.confirm.clicked.connect(self.submit)
        buttons = step_buttons(self.change, self.confirm)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(20)
        layout.addWidget(self.heading)
        layout.addWidget(scrolled(self.table), 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.retranslate()

    def enter(self, args: dict[str, Any]) -> None:
        if args.get("matter"):
            self.args = dict(args)
        self.status.hide()
        self._set_busy(False)
        self.source.when_ready(self._show)

    def reset(self) -> None:
        self._saving.cancel()
        self.args = {}
        self.busy = False
        self._rows = []
        self.table.set_rows([])

    def retranslate(self) -> None:
        self.title = self.tr("Check your appointment")
        self.heading.setText(self.tr("Is this right? Then touch “Confirm”."))
        self.change.setText(self.tr("‹ Change"))
        self.confirm.setText(self.tr("Confirm"))
        self._show()

    def _slot(self) -> tuple[datetime, datetime] | None:
        try:
            return (datetime.fromisoformat(self.args["start"]),
                    datetime.fromisoformat(self.args["end"]))
        except (KeyError, TypeError, ValueError):
            return None

    def _person(self) -> str:
        session = self.context.session
        name = session.identity.name if session.identity else ""
        return masked_person(name, session.applicant_id_number, session.phone,
                             session.applicant().document_kind)

    def _show(self) -> None:
        matter = self.source.matter(str(self.args.get("matter", "")))
        slot = self._slot()
        if matter is None or slot is None:
            self._rows = []
            self.table.set_rows([])
            return
        rows = [(self.tr("Service"), self.context.localized(matter.name_zh, matter.name_en)),
                (self.tr("Date and time"), slot_text(*slot, self.context.zone))]
        person = self._person()
        if person:
            rows.append((self.tr("Name"), person))
        if rows != self._rows:  # rebuilding the same rows would flicker
            self._rows = rows
            self.table.set_rows(rows)
        if self.args.get("offline") and not self.busy:
            self._say(self.tr("Offline: this time may already be taken. If so, the office "
                              "will contact you."), attention=False)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.confirm.setEnabled(not busy)
        self.change.setEnabled(not busy)
        self.allows_back = not busy
        self.chromeChanged.emit()

    def _say(self, text: str, attention: bool) -> None:
        self.status.setProperty("state", "attention" if attention else "")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(text)
        self.status.show()

    def submit(self) -> None:
        shell, session = self.context.shell, self.context.session
        matter = self.source.matter(str(self.args.get("matter", "")))
        slot = self._slot()
        if self.busy or shell is None or matter is None or slot is None:
            return
        if not session.applicant_id_number:
            self.navigate.emit("identify", {"next": "book_confirm", "next_args": self.args})
            return
        self._set_busy(True)
        self._say(self.tr("Saving your appointment… please wait."), attention=False)
        runtime, terminal_id = shell.services.runtime, shell.services.terminal_id
        online, today = not self.context.link_down(), self.context.clock().date()
        booking = _Booking(
            matter, slot, session.applicant(phone=session.phone),
            self._person(), self.context.clock(), runtime, shell.bridge, self._saving.next())
        run_in_background(
            self, lambda: _booking_code(runtime, matter.code, slot[0], online, terminal_id, today),
            lambda code: self._coded(booking, code), self._failed, token=booking.token)

    def _coded(self, booking: _Booking, code: str | None) -> None:
        """The slot is still free (or offline) and `code` allocated: store the booking."""
        if code is None:
            self._set_busy(False)
            self._say(self.tr("Sorry, this time has just been taken. "
                              "Please touch “Change” and choose another."), attention=True)
            return
        start, end = booking.slot
        payload = BookingPayload(booking_code=code, matter_code=booking.matter.code,
                                 slot_start=start, slot_end=end, applicant=booking.applicant)
        booking.bridge.submit(self, payload, lambda stored: self._stored(booking, code, stored),
                              self._failed, token=booking.token)

    def _stored(self, booking: _Booking, code: str, stored: Stored) -> None:
        """Committed: remember the booking locally (for check-in), then say done."""
        matter, (start, end) = booking.matter, booking.slot
        outcome = BookingOutcome(
            record_id=stored.result.id, booking_code=code,
            subject=Names(matter.name_zh, matter.name_en),
            person=booking.person, slot_start=start, slot_end=end)
        local = LocalBooking(code, matter.code, start, end)
        database, key = booking.runtime.database, booking.applicant.document_key
        run_in_background(
            self, lambda: LocalBookings(database).add(local, key, booking.now),
            lambda _none: self._done(outcome), lambda _message: self._done(outcome),
            token=booking.token)

    def _done(self, outcome: BookingOutcome) -> None:
        self._set_busy(False)
        self.status.hide()
        self.context.session.booking = outcome
        self.navigate.emit("booking_done", {})

    def _failed(self, _message: str) -> None:
        self._set_busy(False)
        self._say(self.tr("Your appointment could not be saved. Please try again, "
                          "or ask at the front desk."), attention=True)


@dataclass(frozen=True)
class _Booking:
    """One confirmation in flight: what its steps need, and its cancel token."""

    matter: Matter
    slot: tuple[datetime, datetime]
    applicant: Person
    person: str  # masked, for the slip
    now: datetime
    runtime: SyncRuntime
    bridge: SyncBridge
    token: Token


def _booking_code(runtime: SyncRuntime, matter: str, start: datetime, online: bool,
                  terminal_id: str, today: date) -> str | None:
    """Blocking: a new booking code, or None when the slot has just been taken."""
    if not slot_still_free(runtime, matter, start, online):
        return None
    return next_booking_code(runtime.database, terminal_id, today)
