"""Device adapters against real drivers: virtual and TCP printers, the GA 467
simulator on a pty, and the simulated camera."""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage

from hardware.camera.synthetic import status_payload
from hardware.health import Health, HealthState
from hardware.idcard.ga467_sim import Ga467Simulator, demo_identity
from hardware.idcard.serial_reader import SerialIdCardReader
from hardware.identity import MSG_CARD_REJECTED, IdentityRecord, Sex, mask_id_number, mask_name
from hardware.printer import Receipt, ReceiptPrinter, Row, create_printer
from hardware.printer.printer import QueuedReceipt
from hardware.printer.simulator import PrinterSimulator
from hardware.printer.status import MSG_OUT, PaperState
from hardware.printer.virtual import VirtualPrinter
from terminal.config import CameraSection, CardReaderSection, DevicesSection, PrinterSection
from terminal.devices import (
    CameraAdapter,
    CardReaderAdapter,
    PrinterAdapter,
    build_camera,
    build_devices,
    printer_config,
)

FAST = {"health_interval": 0.2, "backoff_initial": 0.05, "backoff_max": 0.2}


def receipt(title: str = "受理回执") -> Receipt:
    return Receipt("幸福里社区党群服务中心", title, rows=[Row("编号", "A-0042")],
                   paragraphs=["请凭本回执领取，谢谢！"], qr_payload="RC-20261125-K01-00042")


@pytest.fixture
def stop_later() -> Iterator[list[PrinterAdapter | CardReaderAdapter | CameraAdapter]]:
    adapters: list[PrinterAdapter | CardReaderAdapter | CameraAdapter] = []
    yield adapters
    for adapter in adapters:
        adapter.stop()
        assert not adapter.is_running()


# ---- factory -------------------------------------------------------------------------

def test_printer_config_maps_every_kind(tmp_path: Path) -> None:
    def mapping(kind: str, address: str = "") -> dict[str, object]:
        return printer_config(PrinterSection(kind=kind, address=address), tmp_path)

    assert mapping("virtual")["virtual"] == str(tmp_path / "slips")
    assert mapping("network", "10.0.0.9:9101")["transport"] == {
        "type": "network", "host": "10.0.0.9", "port": 9101}
    assert mapping("usb", "04b8:0202")["transport"] == {
        "type": "usb", "vendor_id": 0x04B8, "product_id": 0x0202}
    assert mapping("serial", "/dev/ttyUSB0@115200")["transport"] == {
        "type": "serial", "device": "/dev/ttyUSB0", "baudrate": 115200}
    assert mapping("cups", "receipt")["transport"] == {"type": "cups", "queue": "receipt"}
    assert mapping("file", "/dev/usb/lp0")["transport"] == {"type": "file", "path": "/dev/usb/lp0"}


# ---- printer -------------------------------------------------------------------------

def test_prints_to_virtual_printer(qtbot, tmp_path: Path, stop_later) -> None:
    printer = VirtualPrinter(tmp_path / "slips")
    adapter = PrinterAdapter(printer, **FAST)
    stop_later.append(adapter)
    with qtbot.waitSignal(adapter.printed, timeout=10_000) as blocker:
        adapter.print_receipt(receipt())
    assert blocker.args[0]
    assert printer.last_files is not None and printer.last_files[0].is_file()


def test_prints_to_tcp_printer_simulator(qtbot, stop_later) -> None:
    with PrinterSimulator() as sim:
        printer = create_printer({"transport": {"type": "network", "host": "127.0.0.1",
                                                "port": sim.port}})
        adapter = PrinterAdapter(printer, **FAST)
        stop_later.append(adapter)
        with qtbot.waitSignal(adapter.printed, timeout=10_000):
            adapter.print_receipt(receipt())
        assert "受理回执".encode("gb18030") in sim.received or len(sim.received) > 500
        adapter.stop()


@pytest.mark.log_warnings(r"printer offline")
def test_paper_out_fails_and_receipt_stays_reprintable(qtbot, tmp_path: Path,
                                                       stop_later) -> None:
    printer = VirtualPrinter(tmp_path)
    printer.set_faults(paper=PaperState.OUT)
    adapter = PrinterAdapter(printer, **FAST)
    stop_later.append(adapter)
    with qtbot.waitSignal(adapter.printFailed, timeout=10_000) as failed:
        adapter.print_receipt(receipt())
    receipt_id, resident, technician = failed.args
    assert resident == MSG_OUT
    assert "paper out" in technician
    assert adapter.pending() == [receipt_id]
    assert any("paper out" in e.message for e in adapter.errors())

    printer.set_faults()
    with qtbot.waitSignal(adapter.printed, timeout=10_000) as printed:
        adapter.reprint(receipt_id)
    assert printed.args == [receipt_id]
    assert adapter.pending() == []


@pytest.mark.log_warnings(r"printer offline")
def test_paper_out_after_the_job_fails_it_over_tcp(qtbot, stop_later) -> None:
    with PrinterSimulator() as sim:
        printer = create_printer({"transport": {"type": "network", "host": "127.0.0.1",
                                                "port": sim.port}, "status_timeout": 2.0})
        adapter = PrinterAdapter(printer, **FAST)
        stop_later.append(adapter)
        sim.fault_after(100)  # the roll ends during the job
        with qtbot.waitSignal(adapter.printFailed, timeout=10_000) as failed:
            adapter.print_receipt(receipt())
        receipt_id, resident, technician = failed.args
        assert resident == MSG_OUT and "but the printer stopped: paper out" in technician
        assert adapter.pending() == [receipt_id]
        adapter.stop()


@pytest.mark.log_warnings(r"printer unknown")
def test_printer_without_status_prints_and_warns_or_fails_as_chosen(qtbot, stop_later) -> None:
    with PrinterSimulator() as sim:
        sim.silent = True
        printer = create_printer({"transport": {"type": "network", "host": "127.0.0.1",
                                                "port": sim.port}, "status_timeout": 0.3})
        adapter = PrinterAdapter(printer, **FAST)
        stop_later.append(adapter)
        with qtbot.waitSignal(adapter.printed, timeout=10_000):
            adapter.print_receipt(receipt())
        assert adapter.health.state is HealthState.UNKNOWN
        assert "does not answer status queries" in adapter.health.reason
        assert any(e.message.startswith("receipts sent without confirmation")
                   for e in adapter.errors())
        assert adapter.pending() == []
        adapter.set_unknown_policy("treat_as_failed")
        with qtbot.waitSignal(adapter.printFailed, timeout=10_000) as failed:
            adapter.print_receipt(receipt())
        assert adapter.pending() == [failed.args[0]]
        adapter.stop()


@pytest.mark.log_warnings(r"printer offline")
def test_printer_unplugged_then_back(qtbot, stop_later) -> None:
    sim = PrinterSimulator().start()
    try:
        printer = create_printer({"transport": {"type": "network", "host": "127.0.0.1",
                                                "port": sim.port}, "status_timeout": 0.2})
        adapter = PrinterAdapter(printer, **FAST)
        stop_later.append(adapter)
        states: list[HealthState] = []
        adapter.healthChanged.connect(lambda h: states.append(h.state))
        adapter.refresh_health()
        # wait for the signals (queued to this thread), not just the adapter's field
        qtbot.waitUntil(lambda: states[-1:] == [HealthState.READY], timeout=10_000)

        sim.stop()
        qtbot.waitUntil(lambda: states[-1] is HealthState.OFFLINE, timeout=10_000)
        sim.start()
        qtbot.waitUntil(lambda: states[-1] is HealthState.READY, timeout=10_000)
        assert adapter.errors()
    finally:
        stop_later.clear()
        adapter.stop()
        sim.stop()


def _warnings(caplog: pytest.LogCaptureFixture, name: str) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "terminal.devices" and r.levelno >= logging.WARNING
            and r.getMessage().startswith(name)]


@pytest.mark.log_warnings(r"printer offline")
def test_printer_that_stays_offline_logs_once_then_its_recovery(
        qtbot, stop_later, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="terminal.devices")
    sim = PrinterSimulator().start()
    sim.stop()  # switched off: its port refuses connections
    printer = create_printer({"transport": {"type": "network", "host": "127.0.0.1",
                                            "port": sim.port}, "status_timeout": 2.0})
    adapter = PrinterAdapter(printer, health_interval=0.05, backoff_initial=0.01,
                             backoff_max=0.02)
    stop_later.append(adapter)
    try:
        adapter.refresh_health()
        qtbot.waitUntil(lambda: adapter.failed_attempts >= 25, timeout=15_000)
        assert _warnings(caplog, "printer") == [
            f"printer offline: connection refused by 127.0.0.1:{sim.port}: printer off, not "
            "on the network, or another port"]
        sim.start()
        qtbot.waitUntil(lambda: adapter.health.state is HealthState.READY, timeout=10_000)
        back = [r.getMessage() for r in caplog.records if "ready again" in r.getMessage()]
        assert len(back) == 1 and back[0].startswith("printer ready again after ")
        assert int(back[0].split("after ")[1].split()[0]) >= 25
        assert len(_warnings(caplog, "printer")) == 1
    finally:
        adapter.stop()
        sim.stop()


@pytest.mark.log_warnings(r"card-reader offline")
def test_repeated_reader_errors_are_one_entry_with_a_count(
        qtbot, tmp_path: Path, stop_later, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="terminal.devices")
    reader = SerialIdCardReader(str(tmp_path / "ttyUSB9"))
    adapter = CardReaderAdapter(reader, poll_interval=0.01, health_interval=0.01,
                                backoff_initial=0.01, backoff_max=0.01)
    stop_later.append(adapter)
    adapter.start_polling()
    qtbot.waitUntil(lambda: adapter.failed_attempts >= 20, timeout=15_000)
    adapter.stop()
    entries = adapter.errors()
    assert len(entries) == 1 and entries[0].count >= 20
    assert "unplugged or port busy" in entries[0].message
    assert len(_warnings(caplog, "card-reader")) == 1


class SlowPrinter(ReceiptPrinter):
    """A driver whose job blocks its thread until released."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def _read_health(self) -> Health:
        return Health.ready()

    def _render(self, item: QueuedReceipt) -> bytes:
        return b"x"

    def _send(self, item: QueuedReceipt, data: bytes) -> None:
        assert self.release.wait(10)

    def close(self) -> None:
        pass


def test_gui_thread_stays_responsive_during_slow_job(qtbot, stop_later) -> None:
    printer = SlowPrinter()
    adapter = PrinterAdapter(printer, **FAST)
    stop_later.append(adapter)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    adapter.print_receipt(receipt())
    qtbot.waitUntil(lambda: len(ticks) >= 20, timeout=5_000)  # the job is still blocked
    assert not printer.release.is_set()
    with qtbot.waitSignal(adapter.printed, timeout=5_000):
        printer.release.set()
    timer.stop()


# ---- card reader -----------------------------------------------------------------------

def test_card_reader_reads_from_ga467_simulator(qtbot, stop_later) -> None:
    with Ga467Simulator() as sim:
        adapter = CardReaderAdapter(SerialIdCardReader(sim.port), poll_interval=0.05, **FAST)
        stop_later.append(adapter)
        with qtbot.waitSignal(adapter.cardRead, timeout=10_000) as blocker:
            adapter.start_polling()
        record: IdentityRecord = blocker.args[0]
        assert mask_id_number(record.id_number) == "110105********002X"
        assert mask_name(record.name) == "张*丰"
        assert adapter.health.state is HealthState.READY
        adapter.stop()


@pytest.mark.log_warnings(r"rejected: its data disagree")
def test_card_reader_refuses_a_card_that_disagrees_with_its_number(qtbot, stop_later) -> None:
    forged = dataclasses.replace(demo_identity(), sex=Sex.MALE)
    with Ga467Simulator(forged) as sim:
        adapter = CardReaderAdapter(SerialIdCardReader(sim.port), poll_interval=0.05, **FAST)
        stop_later.append(adapter)
        no_card: list[bool] = []
        adapter.noCard.connect(lambda: no_card.append(True))
        with qtbot.waitSignal(adapter.cardRejected, timeout=10_000) as refused:
            adapter.read_once()
        resident, technician = refused.args
        assert resident == MSG_CARD_REJECTED
        assert "sex on the card is male (code 1), the ID number says female" in technician
        assert any("rejected" in e.message for e in adapter.errors())
        assert adapter.health.state is HealthState.READY and not no_card
        sim.identity = demo_identity()  # the resident shows their own card
        with qtbot.waitSignal(adapter.cardRead, timeout=10_000) as read:
            adapter.start_polling()
        assert read.args[0].sex is Sex.FEMALE
        adapter.stop()


@pytest.mark.log_warnings(r"card-reader offline")
def test_card_reader_pty_vanishes_then_returns(qtbot, stop_later) -> None:
    sim = Ga467Simulator()
    sim.start()
    reader = SerialIdCardReader(sim.port, step_timeout=0.3, retries=1)
    adapter = CardReaderAdapter(reader, poll_interval=0.05, read_timeout=0.5, **FAST)
    stop_later.append(adapter)
    try:
        adapter.start_polling()
        qtbot.waitUntil(lambda: adapter.health.state is HealthState.READY, timeout=10_000)
        sim.stop()
        qtbot.waitUntil(lambda: adapter.health.state is not HealthState.READY, timeout=10_000)
        reader.port = sim.start()  # a replugged USB reader may come back on a new node
        qtbot.waitUntil(lambda: adapter.health.state is HealthState.READY, timeout=10_000)
    finally:
        adapter.stop()
        sim.stop()


def test_simulated_devices_from_config(qtbot, tmp_path: Path, stop_later) -> None:
    devices = build_devices(DevicesSection(card_reader=CardReaderSection(kind="simulated"),
                                           camera=CameraSection(kind="none")), tmp_path)
    try:
        assert devices.camera is None and devices.card_reader is not None
        adapter = CardReaderAdapter(devices.card_reader, **FAST)
        stop_later.append(adapter)
        with qtbot.waitSignal(adapter.cardRead, timeout=10_000) as blocker:
            adapter.read_once()
        assert blocker.args[0].id_number == "11010519491231002X"
        adapter.stop()
    finally:
        devices.close()


# ---- camera -------------------------------------------------------------------------------

def test_camera_delivers_frames_and_reads_receipt_qr(qtbot, stop_later) -> None:
    source, cleanup = build_camera(CameraSection(kind="simulated"))
    assert source is not None and cleanup is not None
    adapter = CameraAdapter(source)
    stop_later.append(adapter)
    found: list[str] = []
    faces_seen: list[object] = []

    def on_analysed(faces: list[object], payloads: list[str]) -> None:
        faces_seen.extend(faces)
        found.extend(payloads)

    adapter.analysed.connect(on_analysed)
    try:
        with qtbot.waitSignal(adapter.frameReady, timeout=10_000) as blocker:
            adapter.start()
        image: QImage = blocker.args[0]
        assert not image.isNull() and (image.width(), image.height()) == (1280, 720)
        qtbot.waitUntil(lambda: status_payload(42) in found, timeout=10_000)
        assert adapter.health.state is HealthState.READY
        frames: list[QImage] = []
        adapter.frameReady.connect(frames.append)
        qtbot.waitUntil(lambda: len(frames) >= 5, timeout=10_000)
        adapter.stop()
        assert not adapter.capturing
    finally:
        adapter.stop()
        cleanup()


@pytest.mark.log_warnings(r"camera offline")
def test_camera_unplugged_then_back(qtbot, stop_later) -> None:
    source, cleanup = build_camera(CameraSection(kind="simulated"))
    assert source is not None and cleanup is not None
    folder = source.folder  # type: ignore[attr-defined]
    away = folder.with_name(folder.name + "-away")
    adapter = CameraAdapter(source, analysis_fps=0)
    stop_later.append(adapter)
    try:
        adapter.start()
        qtbot.waitUntil(lambda: adapter.health.state is HealthState.READY, timeout=10_000)
        folder.rename(away)  # the camera "unplugged"
        qtbot.waitUntil(lambda: adapter.health.state is HealthState.OFFLINE, timeout=10_000)
        away.rename(folder)
        qtbot.waitUntil(lambda: adapter.health.state is HealthState.READY, timeout=10_000)
        assert any("image folder" in e.message for e in adapter.errors())
    finally:
        adapter.stop()
        if away.exists():
            away.rename(folder)
        cleanup()
