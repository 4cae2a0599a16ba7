"""The "apply_done" screen, after the commit: what was promised, a status QR,
and the printed slip, or the slip on screen when the printer cannot print.

Args: {"mode": "application" | "repair"}; the `Outcome` is the session's
`outcome`. Whether the record reached the platform is read
off the GUI thread, and again whenever the sync state changes.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hardware.printer import PAPER_80, Receipt, render_png
from hardware.printer.raster import qr_image
from kiosk.context import KioskContext
from kiosk.delivery_watch import DeliveryWatch
from kiosk.receipts import Outcome, build_receipt, rows
from kiosk.screens.base import KioskScreen
from kiosk.slip_view import SlipPage, flow_layout, pil_to_qimage
from kiosk.widgets import SummaryTable, scrolled
from terminal.background import Latest, run_in_background
from terminal.widgets.labels import message_label

QR_PIXELS = 360


class DoneScreen(KioskScreen):
    allows_back = False

    def __init__(self, context: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.mode = "application"
        self.outcome: Outcome | None = None
        self.receipt: Receipt | None = None
        self._printing = False
        self._slip_delivered = False  # what the printed slip says
        self._shown: Outcome | None = None  # the session's outcome on show (`outcome`: a copy)
        self._slip_printed = False
        self._outcome = Latest()  # the operations for the outcome shown
        self._printer = None
        self.watch = DeliveryWatch(context, self)
        self.watch.changed.connect(self._delivery_changed)
        self.watch.settled.connect(lambda _delivered: self._print())
        self.headline = QLabel()
        self.headline.setProperty("role", "title")
        self.headline.setWordWrap(True)
        self.table = SummaryTable()
        self.table.setObjectName("doneTable")
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption = QLabel()
        self.qr_caption.setWordWrap(True)
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption.setProperty("role", "subtitle")
        self.print_status = message_label("subtitle", name="printStatus")
        # summary page: the rows beside (or above) the QR
        summary = QWidget()
        self.summary_layout = flow_layout(summary)
        card = QFrame()
        card.setProperty("role", "card")
        QVBoxLayout(card).addWidget(self.table)
        qr_box = QWidget()
        qr_layout = QVBoxLayout(qr_box)
        qr_layout.addWidget(self.qr)
        qr_layout.addWidget(self.qr_caption)
        qr_layout.addStretch(1)
        self.summary_layout.addWidget(card, 3)
        self.summary_layout.addWidget(qr_box, 2)
        # slip page: the message beside (or above) the slip image
        slip_page = SlipPage()
        self.slip_layout, self.slip_message, self.slip = (
            slip_page.flow, slip_page.message, slip_page.slip)
        self.pages = QStackedWidget()
        self.pages.currentChanged.connect(self.promptChanged)
        self.pages.addWidget(scrolled(summary))
        self.pages.addWidget(slip_page)
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

    # ---- KioskScreen
    def enter(self, args: dict[str, Any]) -> None:
        outcome = self.context.session.outcome
        self.mode = str(args.get("mode", self.mode))
        if not isinstance(outcome, Outcome) or outcome is self._shown:
            return
        self._outcome.next()
        self._slip_printed = False
        self.outcome = self._shown = outcome
        self.receipt = None
        self.pages.setCurrentIndex(0)
        self.slip.set_slip(None)
        self.qr.setPixmap(QPixmap.fromImage(pil_to_qimage(
            qr_image(outcome.qr_payload, QR_PIXELS * 2)).scaled(
                QR_PIXELS, QR_PIXELS, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation)))
        self._connect()
        self._show()
        self.print_status.say(lambda: self.tr("Printing your slip…"))
        self.watch.watch(outcome.record_id)  # the slip is printed once the state is known

    def reset(self) -> None:
        self._outcome.cancel()
        self.watch.stop()
        self._slip_printed = False
        self._shown = None
        self.outcome = self.receipt = None
        self._printing = False
        self.table.set_rows([])
        self.slip.set_slip(None)
        self.qr.clear()

    def retranslate(self) -> None:
        self.title = self.tr("Done")
        self.finish.setText(self.tr("Finish"))
        self.qr_caption.setText(self.tr("Scan this code with your phone to check the progress."))
        self.slip_message.setText(self.tr(
            "The printer is not working. Your application is saved. "
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

    def _connect(self) -> None:
        printer = self.context.devices.printer
        if printer is not None and printer is not self._printer:
            printer.printed.connect(self._printed)
            printer.printFailed.connect(self._print_failed)
            self._printer = printer

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
        self.receipt = build_receipt(self.outcome, self._center_name(), self.context.language)
        printer = self.context.devices.printer
        if printer is None:
            self._show_slip()
            return
        self._printing = True
        printer.print_receipt(self.receipt)

    def _printed(self, _receipt_id: str) -> None:
        if not self._printing:
            return
        self._printing = False
        self._slip_printed = True
        self.print_status.say(self._take_slip)

    def _print_failed(self, receipt_id: str, _resident: str, _technician: str) -> None:
        if not self._printing:
            return
        self._printing = False
        if receipt_id:
            self.context.session.pending_prints.append(receipt_id)
        self._show_slip()

    def _show_slip(self) -> None:
        receipt = self.receipt
        if receipt is None:
            return
        self.print_status.say(lambda: self.tr("One moment, the slip is shown on the screen…"))

        run_in_background(self, lambda: render_png(receipt, PAPER_80), self._slip_rendered,
                          token=self._outcome.current)

    def _slip_rendered(self, image: Any) -> None:
        self.slip.set_slip(image)
        self.pages.setCurrentIndex(1)
        self.print_status.clear()

    def slip_shown(self) -> bool:
        return self.pages.currentIndex() == 1 and self.slip.has_slip()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.width() > self.height()
        direction = (QBoxLayout.Direction.LeftToRight if wide
                     else QBoxLayout.Direction.TopToBottom)
        self.summary_layout.setDirection(direction)
        self.slip_layout.setDirection(direction)
