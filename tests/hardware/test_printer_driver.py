"""The ESC/POS driver over real TCP to the loopback simulator, the virtual printer, CUPS."""

from __future__ import annotations

import os
import socket
import stat
import time
from pathlib import Path

import pytest
from PIL import Image

from hardware.health import DeviceError, HealthState
from hardware.printer import create_printer
from hardware.printer.escpos_render import ChineseMode, RenderOptions, render_escpos
from hardware.printer.escpos_text import extract_text, read_escpos
from hardware.printer.printer import EscposPrinter, JobState, PrintError, UnknownStatusPolicy
from hardware.printer.receipt import PAPER_58, PAPER_80, Receipt
from hardware.printer.simulator import PrinterSimulator
from hardware.printer.status import MSG_COVER, MSG_OUT, MSG_UNKNOWN, PaperState
from hardware.printer.transports import (
    CupsTransport,
    FileTransport,
    NetworkTransport,
    open_transport,
)
from hardware.printer.virtual import VirtualPrinter

GB = RenderOptions(PAPER_58, chinese_mode=ChineseMode.GB18030)


def _printer(sim: PrinterSimulator, options: RenderOptions = GB,
             status_timeout: float = 2.0) -> EscposPrinter:
    # A generous timeout: replies return at once; a loaded CI box must not read "unknown".
    return EscposPrinter(NetworkTransport("127.0.0.1", sim.port, connect_timeout=2.0),
                         options, status_timeout=status_timeout)


def _wait_for(predicate, timeout: float = 2.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


def test_print_over_tcp_and_read_text_back(printer_sim, chinese_receipt) -> None:
    printer = _printer(printer_sim)
    result = printer.print_receipt(chinese_receipt)
    assert result.health.state is HealthState.READY
    _wait_for(lambda: len(printer_sim.received) >= result.bytes_sent)
    content = read_escpos(printer_sim.received)
    assert "居住证明（本人申请）" in content.text
    assert content.qr_payloads == [chinese_receipt.qr_payload]
    printer.close()


def test_status_near_end_and_cover(printer_sim) -> None:
    printer = _printer(printer_sim)
    assert printer.status().state is HealthState.READY
    printer_sim.paper = PaperState.NEAR_END
    assert printer.status().state is HealthState.DEGRADED
    printer_sim.cover_open = True
    health = printer.status()
    assert health.state is HealthState.OFFLINE and "cover open" in health.reason
    printer.close()


def test_silent_or_garbled_printer_is_unknown(printer_sim) -> None:
    printer = _printer(printer_sim, status_timeout=0.2)
    printer_sim.silent = True
    health = printer.status()
    assert health.state is HealthState.UNKNOWN
    assert "printer does not answer status queries" in health.reason
    printer_sim.silent, printer_sim.reply_override = False, b"\xff"
    health = printer.status()
    assert health.state is HealthState.UNKNOWN and "malformed" in health.reason
    printer.close()


# ---- a job is "printed" only when the status after it says so ------------------------

@pytest.mark.parametrize(("fault", "reason", "message"), [
    ({"paper": PaperState.OUT}, "paper out", MSG_OUT),
    ({"paper": PaperState.OK, "cover_open": True}, "cover open", MSG_COVER),
])
def test_fault_after_the_job_fails_it_and_keeps_it_for_reprint(
        printer_sim, chinese_receipt, fault, reason, message) -> None:
    printer = _printer(printer_sim)
    printer_sim.fault_after(200, **fault)  # status before: fine; the job trips it
    with pytest.raises(PrintError) as caught:
        printer.print_receipt(chinese_receipt)
    error = caught.value
    sent = render_escpos(chinese_receipt, GB)
    _wait_for(lambda: sent in printer_sim.received)  # it was sent, in full
    assert error.technician_message.startswith(f"sent {len(sent)} bytes, but the printer "
                                               "stopped")
    assert reason in error.technician_message and error.resident_message == message
    assert [i.receipt_id for i in printer.pending()] == [error.receipt_id]
    assert printer.queue.get(error.receipt_id).state is JobState.FAILED
    assert printer.health.state is HealthState.OFFLINE and reason in printer.health.reason
    printer_sim.paper, printer_sim.cover_open = PaperState.OK, False  # fixed by staff
    result = printer.reprint(error.receipt_id)
    assert result.confirmed and not printer.pending()
    printer.close()


def _job_bytes(printer_sim: PrinterSimulator, printer: EscposPrinter, receipts: list[Receipt]
               ) -> bytes:
    before = len(printer_sim.received)
    for receipt in receipts:
        printer.print_receipt(receipt)
    expected = b"".join(render_escpos(r, printer.options) for r in receipts)
    _wait_for(lambda: len(printer_sim.received) >= before + len(expected))
    return printer_sim.received[before:]


@pytest.mark.parametrize("junk", [None, b"\xff", b"\x00\x00"])
def test_printer_that_never_answers_prints_and_warns_without_timeouts(
        printer_sim, chinese_receipt, junk) -> None:
    """Print and warn (the default): sent, unconfirmed, not pending; once known not
    to answer, jobs carry no status query at all (so no timeout)."""
    printer = _printer(printer_sim, status_timeout=1.0)
    printer_sim.silent, printer_sim.reply_override = junk is None, junk
    first = printer.print_receipt(chinese_receipt)
    assert not first.confirmed and first.health.state is HealthState.UNKNOWN
    assert printer.queue.get(first.receipt_id).state is JobState.UNCONFIRMED
    _wait_for(lambda: printer_sim.received.endswith(render_escpos(chinese_receipt, GB)))
    receipts = [Receipt("中心", f"回执 {i}", paragraphs=["第二行"], cut=False) for i in range(4)]
    job_bytes = _job_bytes(printer_sim, printer, receipts)
    assert job_bytes == b"".join(render_escpos(r, GB) for r in receipts)  # no DLE EOT
    assert not printer.pending()
    assert printer.health.state is HealthState.UNKNOWN
    printer.close()


def test_printer_that_never_answers_with_treat_as_failed(printer_sim, chinese_receipt) -> None:
    printer = _printer(printer_sim, status_timeout=0.3)
    printer.unknown_policy = UnknownStatusPolicy.TREAT_AS_FAILED
    printer_sim.silent = True
    with pytest.raises(PrintError, match="not sent: printer does not answer status") as caught:
        printer.print_receipt(chinese_receipt)
    assert caught.value.resident_message == MSG_UNKNOWN
    assert [i.receipt_id for i in printer.pending()] == [caught.value.receipt_id]
    assert FS_ON_TEXT not in printer_sim.received  # only the status query went out
    printer_sim.silent = False  # it answers again: the next health check notices
    assert printer.status().state is HealthState.READY
    assert printer.reprint(caught.value.receipt_id).confirmed
    assert not printer.pending()
    printer.close()


def test_printer_that_goes_silent_after_the_job_is_unconfirmed(printer_sim,
                                                                chinese_receipt) -> None:
    printer = _printer(printer_sim, status_timeout=0.3)
    printer.print_receipt(chinese_receipt)  # it answers: confirmed
    printer_sim.clear()
    original = printer_sim._reply

    def silent_after_job(n: int) -> bytes:
        return b"" if FS_ON_TEXT in printer_sim.received else original(n)

    printer_sim._reply = silent_after_job  # type: ignore[method-assign]
    result = printer.print_receipt(chinese_receipt)
    assert not result.confirmed and "does not answer" in result.health.reason
    printer.unknown_policy = UnknownStatusPolicy.TREAT_AS_FAILED
    with pytest.raises(PrintError, match="not sent"):
        printer.print_receipt(chinese_receipt)
    printer.close()


def test_paper_out_refuses_and_keeps_receipt(printer_sim, chinese_receipt) -> None:
    printer = _printer(printer_sim)
    printer_sim.paper = PaperState.OUT
    with pytest.raises(PrintError) as caught:
        printer.print_receipt(chinese_receipt)
    error = caught.value
    assert "paper out" in error.technician_message and error.resident_message == MSG_OUT
    assert printer.health.state is HealthState.OFFLINE
    assert FS_ON_TEXT not in printer_sim.received  # nothing but status queries was sent
    assert [i.receipt_id for i in printer.pending()] == [error.receipt_id]
    printer_sim.paper = PaperState.OK
    result = printer.reprint(error.receipt_id)
    assert result.receipt_id == error.receipt_id and not printer.pending()
    assert printer.queue.get(error.receipt_id).state is JobState.PRINTED
    printer.close()


FS_ON_TEXT = "受理回执".encode("gb18030")


def test_chinese_mode_per_job_and_after_confirmation(printer_sim, chinese_receipt) -> None:
    printer = _printer(printer_sim, RenderOptions(PAPER_58))  # auto, no profile: images
    first = printer.print_receipt(chinese_receipt)
    _wait_for(lambda: len(printer_sim.received) >= first.bytes_sent)
    assert FS_ON_TEXT not in printer_sim.received and first.bytes_sent > 10_000
    test = printer.print_receipt(chinese_receipt, ChineseMode.GB18030)  # the test slip
    _wait_for(lambda: FS_ON_TEXT in printer_sim.received)
    printer_sim.clear()
    printer.reprint(test.receipt_id)  # a reprint keeps its own mode
    _wait_for(lambda: FS_ON_TEXT in printer_sim.received)
    printer_sim.clear()
    printer.set_chinese_mode("gb18030")  # the technician confirmed the font
    result = printer.print_receipt(chinese_receipt)
    _wait_for(lambda: len(printer_sim.received) >= result.bytes_sent)
    assert FS_ON_TEXT in printer_sim.received and result.bytes_sent < 1000
    printer.close()


def test_hot_plug_mid_job_then_recovery(printer_sim, chinese_receipt) -> None:
    printer = _printer(printer_sim, RenderOptions(PAPER_80, chinese_mode=ChineseMode.RASTER))
    printer.print_receipt(chinese_receipt)
    printer_sim.stop_after_bytes = len(printer_sim.received) + 200  # vanish mid-job
    with pytest.raises(PrintError) as caught:
        printer.print_receipt(chinese_receipt)
    assert caught.value.state is HealthState.OFFLINE
    assert printer.health.state is HealthState.OFFLINE
    assert not printer_sim.running
    refused = printer.status()
    assert refused.state is HealthState.OFFLINE and "connection refused" in refused.reason
    printer_sim.start()  # same port: the printer is back
    result = printer.reprint(caught.value.receipt_id)
    assert result.health.state is HealthState.READY
    assert printer.health.state is HealthState.READY
    printer.close()


def test_network_errors_are_precise() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    transport = NetworkTransport("127.0.0.1", port, connect_timeout=0.5)
    assert not transport.is_open  # constructed without connecting
    with pytest.raises(DeviceError, match=r"connection refused by 127\.0\.0\.1"):
        transport.open()


def test_virtual_printer_writes_png_and_bin(tmp_path, chinese_receipt) -> None:
    for paper in (PAPER_58, PAPER_80):
        printer = VirtualPrinter(tmp_path / str(paper.mm), RenderOptions(paper))
        printer.print_receipt(chinese_receipt)
        png, binary = printer.last_files
        assert png.name == "1-受理回执.png" and binary.suffix == ".bin"
        with Image.open(png) as image:
            assert image.width == paper.dots
        assert binary.read_bytes().startswith(b"\x1b@")


@pytest.mark.parametrize(("fault", "reason"), [
    ({"paper": PaperState.OUT}, "paper out"),
    ({"cover_open": True}, "cover open"),
    ({"offline": True}, "offline"),
])
def test_virtual_faults(tmp_path, chinese_receipt, fault, reason) -> None:
    printer = VirtualPrinter(tmp_path, GB)
    printer.set_faults(**fault)
    with pytest.raises(PrintError, match=reason) as caught:
        printer.print_receipt(chinese_receipt)
    assert not list(tmp_path.iterdir())
    printer.set_faults()
    printer.reprint(caught.value.receipt_id)
    assert len(list(tmp_path.glob("*.png"))) == 1


def test_virtual_near_end_prints_degraded(tmp_path, chinese_receipt) -> None:
    printer = create_printer({"virtual": str(tmp_path), "paper_mm": 58})
    assert isinstance(printer, VirtualPrinter)
    printer.set_faults(paper=PaperState.NEAR_END)
    assert printer.print_receipt(chinese_receipt).health.state is HealthState.DEGRADED


def test_reprint_queue_is_bounded(tmp_path) -> None:
    printer = VirtualPrinter(tmp_path, GB, queue_size=2)
    ids = [printer.print_receipt(Receipt("C", f"T{i}", cut=False)).receipt_id for i in range(3)]
    assert [i.receipt_id for i in printer.queue.items()] == ids[1:]
    with pytest.raises(KeyError):
        printer.reprint(ids[0])


def test_file_transport(tmp_path, chinese_receipt) -> None:
    target = tmp_path / "lp0"
    printer = create_printer({"transport": {"type": "file", "path": str(target)},
                              "paper_mm": 58, "chinese_mode": "gb18030"})
    result = printer.print_receipt(chinese_receipt)
    assert not result.confirmed  # a plain file has no back channel: never "ready"
    assert result.health.state is HealthState.UNKNOWN
    assert "no back channel" in printer.status().reason
    assert "居住证明" in extract_text(target.read_bytes())
    printer.close()
    missing = FileTransport(str(tmp_path / "nope" / "lp0"))
    with pytest.raises(DeviceError, match="device not found"):
        missing.open()


def test_file_permission_denied_names_the_fix_mocked(monkeypatch) -> None:
    def deny(*_args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "stat", lambda _p: os.stat_result((stat.S_IFCHR | 0o660,) + (0,) * 9))
    monkeypatch.setattr(os, "open", deny)
    with pytest.raises(DeviceError, match="permission denied on /dev/usb/lp0: add the user to "
                       "the lp group or install the udev rule"):
        FileTransport("/dev/usb/lp0").open()


def test_file_permission_denied_names_the_fix(tmp_path: Path) -> None:
    """A real EACCES: as root (which ignores file modes) the open runs as `nobody`."""
    target = tmp_path / "lp0"
    target.write_bytes(b"")
    target.chmod(stat.S_IRUSR)
    if os.geteuid() != 0:
        with pytest.raises(DeviceError, match="add the user to the lp group or install the udev"):
            FileTransport(str(target)).open()
        return
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # drop to `nobody`; the modules are already imported
        os.close(reader)
        message = b"no error"
        try:
            os.setgid(65534)
            os.setuid(65534)
            FileTransport(str(target)).open()
        except DeviceError as error:
            message = error.technician_message.encode()
        finally:
            os.write(writer, message)
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        message = pipe.read().decode()
    os.waitpid(child, 0)
    assert "add the user to the lp group or install the udev" in message


def test_open_transport_by_config() -> None:
    assert isinstance(open_transport({"type": "network", "host": "h"}), NetworkTransport)
    usb = open_transport({"type": "usb", "vendor_id": "04b8", "product_id": "0e15"})
    assert usb.describe() == "USB printer 04b8:0e15"
    serial = open_transport({"type": "serial", "device": "/dev/ttyS9", "baudrate": 115200})
    assert not serial.is_open
    with pytest.raises(DeviceError, match="device not found: /dev/ttyS9"):
        serial.open()
    with pytest.raises(ValueError, match="unknown printer transport"):
        open_transport({"type": "bluetooth"})


# ---- CUPS: no cupsd here, so fake `lp` and `lpstat` scripts go on PATH ----------

def _fake_cups(bin_dir: Path, lpstat_out: str, lp_rc: int = 0) -> Path:
    bin_dir.mkdir()
    spool = bin_dir / "spool.bin"
    (bin_dir / "lp").write_text(
        f"#!/bin/sh\necho \"$@\" > {bin_dir}/lp.args\ncat > {spool}\n"
        f"[ {lp_rc} -eq 0 ] || echo 'lp: The printer or class does not exist.' >&2\n"
        f"exit {lp_rc}\n")
    (bin_dir / "lpstat").write_text(f"#!/bin/sh\necho '{lpstat_out}'\n")
    for name in ("lp", "lpstat"):
        (bin_dir / name).chmod(0o755)
    return spool


def test_cups_transport_with_fake_lp(tmp_path, monkeypatch, chinese_receipt) -> None:
    bin_dir = tmp_path / "bin"
    spool = _fake_cups(bin_dir, "printer receipt is idle.  enabled since Mon 06 May 2024")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    printer = create_printer({"transport": {"type": "cups", "queue": "receipt"},
                              "chinese_mode": "gb18030"})
    result = printer.print_receipt(chinese_receipt)
    assert result.health.state is HealthState.UNKNOWN and not result.confirmed
    assert "not visible through CUPS" in result.health.reason
    assert (bin_dir / "lp.args").read_text().split() == ["-d", "receipt", "-o", "raw"]
    assert "居住证明" in extract_text(spool.read_bytes())


def test_cups_disabled_queue_and_lp_failure(tmp_path, monkeypatch) -> None:
    bin_dir = tmp_path / "bin"
    _fake_cups(bin_dir, "printer receipt disabled since Mon 06 May 2024 -", lp_rc=1)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    transport = CupsTransport("receipt")
    assert transport.queue_health().state is HealthState.OFFLINE
    with pytest.raises(DeviceError, match="CUPS queue disabled"):
        transport.write(b"x")
    transport._open = True
    monkeypatch.setattr(transport, "open", lambda: None)
    with pytest.raises(DeviceError, match="does not exist"):
        transport.write(b"x")


def test_cups_without_client(monkeypatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(DeviceError, match="install cups-client"):
        CupsTransport("receipt").write(b"x")
