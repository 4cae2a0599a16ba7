"""The "apply_done" screen, after the commit: what was promised, a status QR,
and the printed slip, or the slip on screen when the printer cannot print.

Args: {"mode": "application" | "repair"}; the `Outcome` is the session's
`outcome`. Whether the record reached the platform is read
off the GUI thread, and again whenever the sync state changes.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtWidgets import (
    QFrame,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hardware.printer import Receipt
from kiosk.context import KioskContext
from kiosk.delivery_watch import DeliveryWatch
from kiosk.receipts import Outcome, build_receipt, rows
from kiosk.screens.base import KioskScreen
from kiosk.slip_printer import SlipPrinter
from kiosk.slip_view import SlipPages
from kiosk.widgets import SummaryTable, scrolled
from terminal.widgets.labels import message_label, role_label

QR_PIXELS = 360


class DoneScreen(KioskScreen):
    allows_back = False
    offers_finish = True

    def __init__(self, context: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.mode = "application"
        self.outcome: Outcome | None = None
        self._slip_delivered = False  # what the printed slip says
        self._shown: Outcome | None = None  # the session's outcome on show (`outcome`: a copy)
        self._slip_printed = False
        self.printer = SlipPrinter(context, self)
        self.printer.printed.connect(self._printed)
        self.printer.rendering.connect(lambda: self.print_status.say(
            lambda: self.tr("One moment, the slip is shown on the screen…")))
        self.printer.slip.connect(self._slip_rendered)
        self.watch = DeliveryWatch(context, self)
        self.watch.changed.connect(self._delivery_changed)
        self.watch.settled.connect(lambda _delivered: self._print())
        self.headline = role_label("title")
        self.table = SummaryTable()
        self.table.setObjectName("doneTable")
        self.print_status = message_label("subtitle", name="printStatus")
        # the rows beside (or above) the QR
        card = QFrame()
        card.setProperty("role", "card")
        QVBoxLayout(card).addWidget(self.table)
        self.pages = SlipPages(card, QR_PIXELS, wrap=scrolled)
        self.pages.currentChanged.connect(self.promptChanged)
        self.qr_caption, self.slip_message = self.pages.qr_caption, self.pages.slip_page.message
        self.finish = QPushButton()
        self.finish.clicked.connect(self.endSession)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(20)
        layout.addWidget(self.headline)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.print_status)
        layout.addWidget(self.finish)
        self.retranslate()

    @property
    def receipt(self) -> Receipt | None:
        """The slip being printed or shown."""
        return self.printer.receipt

    # ---- KioskScreen
    def enter(self, args: dict[str, Any]) -> None:
        outcome = self.context.session.outcome
        self.mode = str(args.get("mode", self.mode))
        if not isinstance(outcome, Outcome) or outcome is self._shown:
            return
        self.printer.cancel()  # a slip of the last outcome is not shown for this one
        self._slip_printed = False
        self.outcome = self._shown = outcome
        self.pages.show_summary(outcome.qr_payload)
        self._show()
        self.print_status.say(lambda: self.tr("Printing your slip…"))
        self.watch.watch(outcome.record_id)  # the slip is printed once the state is known

    def reset(self) -> None:
        self.printer.cancel()
        self.watch.stop()
        self._slip_printed = False
        self._shown = None
        self.outcome = None
        self.table.set_rows([])
        self.pages.show_summary(None)

    def retranslate(self) -> None:
        self.title = self.tr("Done")
        self.finish.setText(self.tr("Finish"))
        self.qr_caption.setText(self.tr("Scan this code with your phone to check the progress."))
        self.slip_message.setText(self.tr(
            "The printer is not working. Your application is saved. "
            "Please take a photo of this slip.") if self.printer.has_printer else self.tr(
            "This kiosk has no printer. Your application is saved. "
            "Please take a photo of this slip."))
        self._show()

    # ---- content
    def _show(self) -> None:
        outcome = self.outcome
        if outcome is None:
            self.headline.clear()
            return
        repair = outcome.kind == "repair"
        if outcome.delivered:
            self.headline.setText(self.tr("Your repair request has reached the office.") if repair
                                  else self.tr("Your application has reached the office."))
        else:
            self.headline.setText(self.tr("Your repair request is saved.") if repair
                                  else self.tr("Your application is saved."))
        self.table.set_rows([(row.key, row.value)
                             for row in rows(outcome, self.context.language)])

    # ---- delivery state
    def _delivery_changed(self, delivered: bool) -> None:
        if self.outcome is None:
            return
        self.outcome = dataclasses.replace(self.outcome, delivered=delivered)
        self._show()
        if self._slip_printed:
            self.print_status.say(self._take_slip)

    def _take_slip(self) -> str:
        """"Take your slip", and why it says "will be sent" if it was printed just
        before the record reached the platform (the slip was right for its moment)."""
        text = self.tr("Please take your slip from the printer.")
        outcome = self.outcome
        if outcome is None or not outcome.delivered or self._slip_delivered:
            return text
        return text + "\n" + (
            self.tr("It was printed a moment before your repair request reached the office, "
                    "so it says “Saved; will be sent”.") if outcome.kind == "repair" else
            self.tr("It was printed a moment before your application reached the office, "
                    "so it says “Saved; will be sent”."))

    # ---- printing
    def _center_name(self) -> str:
        return self.context.gui.settings.center_name(self.context.language)

    def _print(self) -> None:
        if self.outcome is None:
            return
        self._slip_delivered = self.outcome.delivered
        self.printer.print(build_receipt(self.outcome, self._center_name(),
                                         self.context.language))

    def _printed(self) -> None:
        self._slip_printed = True
        self.print_status.say(self._take_slip)

    def _slip_rendered(self, image: Any) -> None:
        self.pages.show_slip(image, self.printer.text())
        self.print_status.clear()

    def slip_shown(self) -> bool:
        return self.pages.slip_shown()
