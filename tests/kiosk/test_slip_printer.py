"""The kiosk's one receipt (kiosk/slip_printer.py): printed on the real printer
adapter over a virtual printer; drawn as the slip to show on screen when there
is no printer or the printer fails (the failed receipt kept for a reprint); a
receipt printed again drops the answer of the last one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from hardware.printer import Receipt, Row
from hardware.printer.status import PaperState
from hardware.printer.virtual import VirtualPrinter
from kiosk.context import KioskContext
from kiosk.slip_printer import SlipPrinter
from terminal.background import wait_for_background
from terminal.devices import PrinterAdapter

FAST = {"health_interval": 0.2, "backoff_initial": 0.05, "backoff_max": 0.2}
WAIT_MS = 10_000


def receipt(lines: int = 1) -> Receipt:
    return Receipt("幸福里社区党群服务中心", "排队小票",
                   rows=[Row("号码", f"A{n:03d}") for n in range(1, lines + 1)],
                   paragraphs=["请留意叫号。"])


@pytest.fixture
def virtual_printer(tmp_path: Path) -> VirtualPrinter:
    return VirtualPrinter(tmp_path / "slips")


@pytest.fixture
def with_printer(context: KioskContext,
                 virtual_printer: VirtualPrinter) -> Iterator[KioskContext]:
    adapter = PrinterAdapter(virtual_printer, **FAST)
    context.devices.printer = adapter
    yield context
    adapter.stop()


def test_a_receipt_is_printed(qtbot: QtBot, with_printer: KioskContext,
                              virtual_printer: VirtualPrinter) -> None:
    slips = SlipPrinter(with_printer)
    with qtbot.assertNotEmitted(slips.rendering), \
            qtbot.waitSignal(slips.printed, timeout=WAIT_MS):
        slips.print(receipt())
    assert virtual_printer.last_files is not None and virtual_printer.last_files[0].is_file()


def test_without_a_printer_the_slip_is_drawn(qtbot: QtBot, context: KioskContext) -> None:
    slips = SlipPrinter(context)
    heard: list[object] = []
    slips.rendering.connect(lambda: heard.append("rendering"))
    slips.slip.connect(heard.append)
    with qtbot.waitSignal(slips.slip, timeout=WAIT_MS):
        slips.print(receipt())
    assert heard[0] == "rendering" and len(heard) == 2
    assert getattr(heard[1], "width", None) == 576  # 80 mm paper at 203 dpi


@pytest.mark.log_warnings(r"printer offline")
def test_a_failed_print_is_drawn_and_kept_for_a_reprint(
        qtbot: QtBot, with_printer: KioskContext, virtual_printer: VirtualPrinter) -> None:
    virtual_printer.set_faults(paper=PaperState.OUT)
    slips = SlipPrinter(with_printer)
    with qtbot.assertNotEmitted(slips.printed), \
            qtbot.waitSignal(slips.slip, timeout=WAIT_MS):
        slips.print(receipt())
    assert with_printer.devices.printer is not None
    assert with_printer.session.pending_prints == with_printer.devices.printer.pending()
    assert len(with_printer.session.pending_prints) == 1


def test_a_receipt_printed_again_drops_the_last_ones_slip(qtbot: QtBot,
                                                          context: KioskContext) -> None:
    slips = SlipPrinter(context)
    drawn: list[object] = []
    slips.slip.connect(drawn.append)
    slips.print(receipt(lines=12))  # the longer slip: the one that must not show
    latest = receipt(lines=1)
    slips.print(latest)
    qtbot.waitUntil(lambda: bool(drawn), timeout=WAIT_MS)
    assert wait_for_background()
    QCoreApplication.processEvents()  # any answer still queued arrives now
    assert len(drawn) == 1 and slips.receipt is latest
    assert drawn[0].height < 600


def test_a_cancelled_receipt_is_not_drawn(qtbot: QtBot, context: KioskContext) -> None:
    slips = SlipPrinter(context)
    drawn: list[object] = []
    slips.slip.connect(drawn.append)
    with qtbot.waitSignal(slips.rendering, timeout=WAIT_MS):
        slips.print(receipt())
    slips.cancel()
    assert wait_for_background()
    QCoreApplication.processEvents()
    assert drawn == [] and slips.receipt is None
