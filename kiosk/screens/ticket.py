"""The "queue_ticket" and "booking_done" screens: the ticket (number huge,
queue, priority, people ahead, time, QR) or the appointment, printed, or
shown as the slip on screen when the printer cannot print.

Args: {}; the `IssuedTicket` / `BookingOutcome` is the session's `ticket` /
`booking`.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import KioskContext
from kiosk.delivery_watch import DeliveryWatch
from kiosk.receipts import (
    BookingOutcome,
    IssuedTicket,
    booking_receipt,
    booking_rows,
    people_ahead_text,
    priority_text,
    ticket_receipt,
)
from kiosk.screens.base import KioskScreen
from kiosk.slip_printer import SlipPrinter
from kiosk.slip_view import SlipPages
from kiosk.widgets import SummaryTable
from terminal.widgets.labels import message_label, role_label

QR_PIXELS = 240
SlipKind = Literal["ticket", "booking"]


class SlipScreen(KioskScreen):
    allows_back = False
    offers_finish = True

    def __init__(self, context: KioskContext, kind: SlipKind,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{kind}Screen")
        self.context = context
        self.kind: SlipKind = kind
        self.item: IssuedTicket | BookingOutcome | None = None
        self._shown: object = None  # the session's item on show (`item` may be a newer copy)
        self.printer = SlipPrinter(context, self)
        self.printer.printed.connect(self._printed)
        self.printer.slip.connect(self._show_slip)
        self.watch = DeliveryWatch(context, self)  # an appointment: sent yet?
        self.watch.changed.connect(self._delivery_changed)
        self.watch.settled.connect(lambda _delivered: self._print())
        self.headline = role_label("title", name="slipHeadline")
        self.number = role_label("ticket-number", align=Qt.AlignmentFlag.AlignCenter,
                                 wrap=False, name="ticketNumber")
        self.category = role_label("ticket-category", align=Qt.AlignmentFlag.AlignCenter,
                                   name="ticketCategory")
        self.details = role_label("subtitle", align=Qt.AlignmentFlag.AlignCenter,
                                  name="ticketDetails")
        self.table = SummaryTable()
        self.table.setObjectName("bookingTable")
        self.print_status = message_label("subtitle", name="printStatus")
        # the facts beside (landscape) or above (portrait) the QR
        card = QFrame()
        card.setProperty("role", "card")
        facts = QVBoxLayout(card)
        facts.setSpacing(12)
        facts.addStretch(1)
        for widget in (self.number, self.category, self.details, self.table):
            facts.addWidget(widget)
        facts.addStretch(1)
        self.pages = SlipPages(card, QR_PIXELS)
        self.pages.currentChanged.connect(self.promptChanged)
        self.qr_caption, self.slip_message = self.pages.qr_caption, self.pages.slip_page.message
        self.finish = QPushButton()
        self.finish.clicked.connect(self.endSession)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(16)
        layout.addWidget(self.headline)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.print_status)
        layout.addWidget(self.finish)
        self.retranslate()

    # ---- KioskScreen
    def enter(self, args: dict[str, Any]) -> None:
        session = self.context.session
        item = session.ticket if self.kind == "ticket" else session.booking
        if item is None or item is self._shown:
            return
        self.item = self._shown = item
        self.printer.cancel()  # a slip of the last item is not shown for this one
        self.pages.show_summary(item.qr_payload)
        self._show()
        self.print_status.say(lambda: self.tr("Printing your slip…"))
        if isinstance(item, BookingOutcome):
            self.watch.watch(item.record_id)  # printed once the state is known
        else:
            self._print()

    def _print(self) -> None:
        item = self.item
        if item is None:
            return
        language = self.context.language
        center = self.context.gui.settings.center_name(language)
        self.printer.print(ticket_receipt(item, center, language)
                           if isinstance(item, IssuedTicket)
                           else booking_receipt(item, center, language, self.context.zone))

    def _delivery_changed(self, delivered: bool) -> None:
        if isinstance(self.item, BookingOutcome):
            self.item = dataclasses.replace(self.item, delivered=delivered)
            self._show()

    def reset(self) -> None:
        self.watch.stop()
        self.printer.cancel()
        self.item = self._shown = None
        self.table.set_rows([])
        self.pages.show_summary(None)

    def retranslate(self) -> None:
        ticket = self.kind == "ticket"
        self.title = self.tr("Your number") if ticket else self.tr("Your appointment")
        self.finish.setText(self.tr("Finish"))
        self.qr_caption.setText(
            self.tr("Scan to follow the queue on your phone.") if ticket
            else self.tr("Scan to see your appointment on your phone."))
        if self.printer.has_printer:
            self.slip_message.setText(
                self.tr("The printer is not working. Please take a photo of this ticket, "
                        "or remember your number.") if ticket
                else self.tr("The printer is not working. Your appointment is saved. "
                             "Please take a photo of this slip."))
        else:
            self.slip_message.setText(
                self.tr("This kiosk has no printer. Please take a photo of this ticket, "
                        "or remember your number.") if ticket
                else self.tr("This kiosk has no printer. Your appointment is saved. "
                             "Please take a photo of this slip."))
        self._show()

    # ---- content
    def _show(self) -> None:
        item = self.item
        ticket = isinstance(item, IssuedTicket)
        for widget in (self.number, self.category, self.details):
            widget.setVisible(ticket)
        self.table.setVisible(isinstance(item, BookingOutcome))
        if isinstance(item, IssuedTicket):
            self.headline.setText(self.tr("Here is your number. Please wait to be called."))
            self.number.setText(item.number)
            self.category.setText(item.category.pick(self.context.language))
            priority = priority_text(item.priority)
            lines = [self.tr("Priority: %1").replace("%1", priority) if priority else "",
                     people_ahead_text(item),
                     f"{item.issued_at:%Y-%m-%d %H:%M}"]
            self.details.setText("\n".join(line for line in lines if line))
        elif isinstance(item, BookingOutcome):
            self.headline.setText(self.tr("Your appointment is booked."))
            self.table.set_rows([(row.key, row.value) for row in booking_rows(
                item, self.context.language, self.context.zone)])
        else:
            self.headline.clear()

    def _printed(self) -> None:
        self.print_status.say(lambda: self.tr("Please take your slip from the printer."))

    def _show_slip(self, image: Any) -> None:
        self.pages.show_slip(image, self.printer.text())
        self.print_status.clear()

    def slip_shown(self) -> bool:
        return self.pages.slip_shown()
