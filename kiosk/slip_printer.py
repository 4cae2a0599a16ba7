"""Prints one receipt at the kiosk, or renders it as the slip to show on screen
when there is no printer or the printer fails (the ticket, appointment and
application done screens)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from hardware.printer import PAPER_80, Receipt, render_png
from kiosk.context import KioskContext
from terminal.background import run_in_background


class SlipPrinter(QObject):
    """Prints one receipt; `printed()`, or `rendering()` then `slip(image)` when it
    cannot. A receipt printed again or cancelled drops the answers of the last one."""

    printed = Signal()
    rendering = Signal()  # the printer cannot print: the slip is being drawn
    slip = Signal(object)  # PIL image of the slip

    def __init__(self, context: KioskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.receipt: Receipt | None = None  # the receipt being printed or shown
        self._printer: Any = None
        self._printing = False

    @property
    def has_printer(self) -> bool:
        """False on a kiosk configured without a printer (every slip is shown)."""
        return self.context.devices.printer is not None

    def text(self) -> str:
        """The words of the receipt being printed or shown, for what cannot read the
        slip's image (a screen reader, the e2e probe)."""
        receipt = self.receipt
        if receipt is None:
            return ""
        lines = [receipt.center_name, receipt.title,
                 *(f"{row.key}: {row.value}" for row in receipt.rows),
                 *receipt.paragraphs, receipt.footer]
        return "\n".join(line for line in lines if line)

    def print(self, receipt: Receipt) -> None:
        self.receipt = receipt
        printer = self.context.devices.printer
        if printer is None:
            self._render()
            return
        if printer is not self._printer:
            printer.printed.connect(self._printed)
            printer.printFailed.connect(self._failed)
            self._printer = printer
        self._printing = True
        printer.print_receipt(receipt)

    def cancel(self) -> None:
        self._printing = False
        self.receipt = None

    def _printed(self, _receipt_id: str) -> None:
        if self._printing:
            self._printing = False
            self.printed.emit()

    def _failed(self, receipt_id: str, _resident: str, _technician: str) -> None:
        if not self._printing:
            return
        self._printing = False
        if receipt_id:
            self.context.session.pending_prints.append(receipt_id)
        self._render()

    def _render(self) -> None:
        receipt = self.receipt
        if receipt is None:
            return
        self.rendering.emit()
        run_in_background(self, lambda: render_png(receipt, PAPER_80),
                          lambda image: self.slip.emit(image) if self.receipt is receipt
                          else None)
