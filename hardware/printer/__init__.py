"""Receipt printers: document model, ESC/POS rendering, transports, driver, virtual printer.

Kiosk and counter use `create_printer(config)` and the `ReceiptPrinter` interface,
on one worker thread per printer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hardware.printer.escpos_render import ChineseMode, RenderOptions, render_escpos
from hardware.printer.printer import (
    EscposPrinter,
    PrintError,
    PrintResult,
    QueuedReceipt,
    ReceiptPrinter,
    UnknownStatusPolicy,
)
from hardware.printer.raster import render_png
from hardware.printer.receipt import PAPER_58, PAPER_80, Paper, Receipt, Row, paper_for
from hardware.printer.transports import open_transport
from hardware.printer.virtual import VirtualPrinter

__all__ = [
    "PAPER_58", "PAPER_80", "ChineseMode", "EscposPrinter", "Paper", "PrintError",
    "PrintResult", "QueuedReceipt", "Receipt", "ReceiptPrinter", "RenderOptions", "Row",
    "UnknownStatusPolicy", "VirtualPrinter", "create_printer", "render_escpos", "render_png",
]


def render_options(config: Mapping[str, Any]) -> RenderOptions:
    """RenderOptions from `paper_mm`, `profile`, `chinese_mode`, `native_qr`, `font_path`."""
    return RenderOptions(
        paper=paper_for(int(config.get("paper_mm", 80))),
        profile=str(config.get("profile", "default")),
        chinese_mode=ChineseMode(config.get("chinese_mode", "auto")),
        native_qr=config.get("native_qr"),
        font_path=config.get("font_path"),
    )


def create_printer(config: Mapping[str, Any]) -> ReceiptPrinter:
    """A printer from configuration; nothing is opened until the first call.

    `{"transport": {"type": "network", "host": "10.0.0.9"}, "paper_mm": 58,
    "chinese_mode": "auto", "profile": "POS-5890", "unknown_status": "print_and_warn"}` or
    `{"virtual": "/var/lib/x/slips"}`. `unknown_status` is the `UnknownStatusPolicy` for a
    printer whose status cannot be read.
    """
    options = render_options(config)
    if config.get("virtual"):
        return VirtualPrinter(config["virtual"], options, int(config.get("queue_size", 20)))
    return EscposPrinter(open_transport(config["transport"]), options,
                         int(config.get("queue_size", 20)),
                         float(config.get("status_timeout", 0.5)),
                         UnknownStatusPolicy(config.get("unknown_status", "print_and_warn")))
