"""The PIN gate and the technician panel, with real drivers behind the adapters."""

from __future__ import annotations

import os
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from hardware.discovery import Discovery, DiscoveryReport
from hardware.idcard.ga467_sim import Ga467Simulator
from hardware.idcard.serial_reader import SerialIdCardReader
from hardware.printer import PAPER_58, PAPER_80, Receipt, create_printer, render_png
from hardware.printer.layout import TextLine, layout
from hardware.printer.simulator import PrinterSimulator
from hardware.printer.status import PaperState
from hardware.printer.virtual import VirtualPrinter
from sync.config import load_config
from sync.protocol.pin_hash import hash_pin
from terminal.config import CameraSection, DevicesSection, PrinterSection, TerminalConfig
from terminal.devices import (
    CameraAdapter,
    CardReaderAdapter,
    PrinterAdapter,
    build_camera,
    printer_config,
)
from terminal.technician import PinGate, TechnicianPanel, make_test_receipt, save_devices_config
from terminal.theme import ThemeMode, apply_theme

FAST = {"health_interval": 0.5, "backoff_initial": 0.1, "backoff_max": 0.5}
SCREENSHOT_DIR = Path(os.environ.get("PANEL_SCREENSHOT_DIR", "/tmp"))


# ---- PIN gate -----------------------------------------------------------------------

class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def gate(qtbot) -> Iterator[tuple[PinGate, FakeClock]]:
    clock = FakeClock()
    widget = PinGate([hash_pin("2468", n=16)], clock=clock)  # cheap scrypt for tests
    qtbot.addWidget(widget)
    yield widget, clock
    widget.shutdown()


def enter(qtbot, gate: PinGate, pin: str, signal: object) -> list[object]:
    for digit in pin:
        gate.press(digit)
    with qtbot.waitSignal(signal, timeout=5_000) as blocker:
        gate.submit()
    return blocker.args


def test_right_pin_opens(qtbot, gate) -> None:
    widget, _clock = gate
    enter(qtbot, widget, "2468", widget.accepted)


class SlowPlatform:
    """A verifier that waits, as a platform slow to check a PIN does, then says right."""

    def __init__(self) -> None:
        self.asked, self.released, self.answered = (threading.Event(), threading.Event(),
                                                    threading.Event())

    def __call__(self, pin: str, expected: str) -> bool:
        self.asked.set()
        self.released.wait(5)
        self.answered.set()
        return True


def test_leaving_the_gate_neither_waits_for_a_check_nor_opens_on_its_answer(qtbot) -> None:
    platform = SlowPlatform()
    widget = PinGate(["platform"], verifier=platform)
    qtbot.addWidget(widget)
    opened: list[None] = []
    widget.accepted.connect(lambda: opened.append(None))
    for digit in "2468":
        widget.press(digit)
    widget.submit()
    assert platform.asked.wait(5)
    widget.shutdown()  # the technician went back while the platform still checks
    assert not platform.answered.is_set(), "leaving the gate waited for the platform"
    platform.released.set()
    assert widget._checks.wait(5_000)
    QApplication.processEvents()  # the late answer's queued call-back
    assert platform.answered.is_set() and opened == []


def test_a_check_waiting_on_the_platform_holds_none_of_the_shared_threads(qtbot) -> None:
    from terminal.background import run_in_background

    platform = SlowPlatform()
    widget = PinGate(["platform"], verifier=platform)
    qtbot.addWidget(widget)
    for digit in "2468":
        widget.press(digit)
    widget.submit()
    assert platform.asked.wait(5)
    other_done, answers = threading.Event(), []
    # two residents' calls, the first waiting for the second: both need a thread
    run_in_background(widget, lambda: other_done.wait(2), answers.append)
    run_in_background(widget, other_done.set, None)
    try:
        qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
        assert answers == [True], "a resident's call waited behind the PIN check"
    finally:
        platform.released.set()
        widget.shutdown()


def test_lockout_grows_and_expires_with_the_clock(qtbot, gate) -> None:
    widget, clock = gate
    for left in (4, 3, 2, 1):
        assert enter(qtbot, widget, "1111", widget.rejected) == [left]
    assert enter(qtbot, widget, "1111", widget.lockedOut) == [30.0]
    assert widget.is_locked()
    assert not any(b.isEnabled() for b in widget.findChildren(QPushButton))
    widget.press("2")  # ignored while locked
    with qtbot.waitSignal(widget.lockedOut, timeout=1_000):
        widget.submit()

    clock.now += 30
    widget.refresh()
    assert not widget.is_locked()
    assert all(b.isEnabled() for b in widget.findChildren(QPushButton))
    for _ in range(4):
        enter(qtbot, widget, "9999", widget.rejected)
    assert enter(qtbot, widget, "9999", widget.lockedOut) == [60.0]
    clock.now += 59
    assert widget.is_locked()
    clock.now += 1
    assert not widget.is_locked()
    enter(qtbot, widget, "2468", widget.accepted)
    assert widget.lockout.failures == 0 and widget.lockout.lockouts == 0


def test_lockout_is_capped_at_15_minutes() -> None:
    from terminal.lockout import Lockout

    clock = FakeClock()
    lockout = Lockout(clock)
    durations = []
    for _ in range(10):
        for _ in range(4):
            assert lockout.failed() == 0
        durations.append(lockout.failed())
        clock.now += durations[-1]
    assert durations[:6] == [30, 60, 120, 240, 480, 900]
    assert max(durations) == 900


# ---- panel ----------------------------------------------------------------------------

def fake_discovery() -> DiscoveryReport:
    return DiscoveryReport(Discovery("smartcard readers", available=False, reason="no pcscd"),
                           Discovery("serial ports", ()), Discovery("usb printers", ()),
                           Discovery("cups queues", ()), Discovery("cameras", ()))


@dataclass
class Rig:
    panel: TechnicianPanel
    printer: VirtualPrinter
    printer_adapter: PrinterAdapter
    card_adapter: CardReaderAdapter
    camera_adapter: CameraAdapter
    config_path: Path


@pytest.fixture
def rig(qtbot, tmp_path: Path) -> Iterator[Rig]:
    slips = tmp_path / "slips"
    devices = DevicesSection(printer=PrinterSection(kind="virtual", output_dir=slips))
    config_path = tmp_path / "reception.toml"
    config_path.write_text('[terminal]\nrole = "kiosk"\ncenter = "C042"\n\n'
                           '[sync]\npoll_interval = 2.5\n', "utf-8")
    printer = VirtualPrinter(slips)
    sim = Ga467Simulator()
    sim.start()
    source, cleanup = build_camera(CameraSection(kind="simulated"))
    assert source is not None and cleanup is not None
    printer_adapter = PrinterAdapter(printer, **FAST)
    card_adapter = CardReaderAdapter(SerialIdCardReader(sim.port), **FAST)
    camera_adapter = CameraAdapter(source)
    panel = TechnicianPanel(devices, printer=printer_adapter, card_reader=card_adapter,
                            camera=camera_adapter, config_path=config_path,
                            center_name="幸福里社区党群服务中心", terminal_id="K01",
                            discover=fake_discovery)
    qtbot.addWidget(panel)
    try:
        yield Rig(panel, printer, printer_adapter, card_adapter, camera_adapter, config_path)
    finally:
        panel.shutdown()
        for adapter in (printer_adapter, card_adapter, camera_adapter):
            adapter.stop()
        sim.stop()
        cleanup()


def test_panel_shows_three_devices_and_their_state(qtbot, rig: Rig) -> None:
    rig.panel.resize(1920, 1080)
    rig.panel.show()
    for key in ("printer", "card_reader", "camera"):
        qtbot.waitUntil(lambda k=key: rig.panel.device_state(k).endswith("Ready"),
                        timeout=10_000)
    assert all(b.height() >= 96 for b in rig.panel.buttons.values())


def test_test_print_writes_png(qtbot, rig: Rig) -> None:
    with qtbot.waitSignal(rig.printer_adapter.printed, timeout=10_000):
        rig.panel.buttons["print"].click()
    assert rig.printer.last_files is not None
    png = rig.printer.last_files[0]
    assert png.suffix == ".png" and png.is_file()
    assert "Printed" in rig.panel.output.text()


@pytest.mark.parametrize("paper", [PAPER_58, PAPER_80])
def test_test_receipt_ruler_spans_the_paper(paper) -> None:
    receipt = make_test_receipt(paper, "幸福里社区党群服务中心")
    texts = [e.text for e in layout(receipt, paper) if isinstance(e, TextLine)]
    ruler = "".join(str(i % 10) for i in range(1, paper.columns + 1))
    assert ruler in texts  # one line, not wrapped
    assert "＝" * paper.cjk_columns in texts
    assert render_png(receipt, paper).width == paper.dots


def test_card_read_shows_masked_identity(qtbot, rig: Rig) -> None:
    with qtbot.waitSignal(rig.card_adapter.cardRead, timeout=10_000):
        rig.panel.buttons["card"].click()
    text = rig.panel.output.text()
    assert "110105********002X" in text and "张*丰" in text
    assert "11010519491231002X" not in text


def test_camera_preview_draws_frames_and_qr(qtbot, rig: Rig) -> None:
    rig.panel.resize(1920, 1080)
    rig.panel.show()
    rig.panel.buttons["camera"].click()
    qtbot.waitUntil(lambda: bool(rig.panel.preview.payloads) and rig.panel.preview.frames > 3,
                    timeout=10_000)
    assert rig.panel.preview.frame() is not None and not rig.panel.preview.frame().isNull()
    assert rig.panel.preview.payloads[0].startswith("https://status.example/a/RC-")
    rig.panel.buttons["camera"].click()
    assert not rig.camera_adapter.capturing


def test_discovery_runs_off_the_gui_thread(qtbot, rig: Rig) -> None:
    rig.panel.buttons["discover"].click()
    qtbot.waitUntil(lambda: "serial ports: 0 found" in rig.panel.output.text(), timeout=5_000)
    assert rig.panel.buttons["discover"].isEnabled()


def test_save_writes_config_that_loads_back(qtbot, rig: Rig) -> None:
    card = rig.panel._cards["printer"]
    card.kind.setCurrentText("network")
    card.value.setText("10.0.0.9:9100")
    rig.panel._cards["camera"].kind.setCurrentText("device")
    rig.panel._cards["camera"].value.setText("2")
    with qtbot.waitSignal(rig.panel.configSaved, timeout=1_000):
        rig.panel.buttons["save"].click()
    config = load_config(rig.config_path, TerminalConfig)
    assert config.devices.printer.kind == "network"
    assert config.devices.printer.address == "10.0.0.9:9100"
    assert config.devices.camera.kind == "device" and config.devices.camera.index == 2
    assert config.terminal.center == "C042" and config.sync.poll_interval == 2.5
    assert tomllib.loads(rig.config_path.read_text("utf-8"))["devices"]["printer"][
        "output_dir"] == str(rig.config_path.parent / "slips")


@pytest.mark.log_warnings(r"printer unknown")
def test_printer_without_status_is_shown_and_its_policy_chosen(qtbot, tmp_path: Path) -> None:
    """A network printer (loopback simulator) that never answers DLE EOT: the panel says
    "Status unknown"; the technician's policy applies at once and is saved."""
    config_path = tmp_path / "reception.toml"
    with PrinterSimulator() as sim:
        sim.silent = True
        devices = DevicesSection(printer=PrinterSection(kind="network",
                                                        address=f"127.0.0.1:{sim.port}"))
        adapter = PrinterAdapter(create_printer(printer_config(devices.printer, tmp_path)
                                                | {"status_timeout": 0.3}), **FAST)
        panel = TechnicianPanel(devices, printer=adapter, config_path=config_path,
                                discover=fake_discovery)
        qtbot.addWidget(panel)
        try:
            panel.resize(1920, 1080)
            panel.show()
            qtbot.waitUntil(lambda: panel.device_state("printer").endswith("Status unknown"),
                            timeout=10_000)
            assert "does not answer status queries" in panel._cards["printer"].reason.text()
            assert panel.policy.currentData() == "print_and_warn"
            with qtbot.waitSignal(adapter.printed, timeout=10_000):
                panel.buttons["print"].click()  # print and warn: sent, warned
            assert "sent without confirmation" in panel._cards["printer"].errors.text()
            panel.policy.setCurrentIndex(panel.policy.findData("treat_as_failed"))
            with qtbot.waitSignal(adapter.printFailed, timeout=10_000):
                panel.buttons["print"].click()
            assert "Not printed" in panel.output.text()
            with qtbot.waitSignal(panel.configSaved, timeout=1_000):
                panel.buttons["save"].click()
            saved = load_config(config_path, TerminalConfig).devices.printer
            assert saved.unknown_status == "treat_as_failed"
            panel.grab().save(str(SCREENSHOT_DIR / "technician_panel_unknown_1920x1080.png"))
        finally:
            panel.shutdown()
            adapter.stop()


@pytest.mark.parametrize(("confirmed", "size"), [(True, (1920, 1080)), (False, (1080, 1920))])
def test_test_slip_confirms_the_printers_chinese_font(qtbot, themed: None, tmp_path: Path,
                                                      confirmed: bool,
                                                      size: tuple[int, int]) -> None:
    """chinese_mode "auto", no profile: slips carry Chinese as images until the technician
    sees the GB18030 test slip (real ESC/POS to the loopback simulator) and says yes."""
    config_path = tmp_path / "reception.toml"
    slip = Receipt("幸福里社区党群服务中心", "受理回执", paragraphs=["请凭本回执领取。"], cut=False)
    with PrinterSimulator() as sim:
        devices = DevicesSection(printer=PrinterSection(kind="network",
                                                        address=f"127.0.0.1:{sim.port}"))
        assert devices.printer.chinese_mode == "auto"
        adapter = PrinterAdapter(create_printer(printer_config(devices.printer, tmp_path)
                                                | {"status_timeout": 2.0}), **FAST)
        panel = TechnicianPanel(devices, printer=adapter, config_path=config_path,
                                discover=fake_discovery)
        qtbot.addWidget(panel)
        panel.resize(*size)
        panel.show()
        try:
            with qtbot.waitSignal(adapter.printed, timeout=10_000):
                adapter.print_receipt(slip)  # a resident's slip before the check: images
            assert "受理回执".encode("gb18030") not in sim.received
            assert "as images until a test slip" in panel.chinese.state.text()
            sim.clear()
            with qtbot.waitSignal(adapter.printed, timeout=10_000):
                panel.buttons["print"].click()
            assert b"\x1c&" + "打印测试".encode("gb18030") + b"\x1c." in sim.received
            assert panel.chinese.asking()
            qtbot.waitUntil(panel.chinese.yes.isVisible)
            assert panel.chinese.yes.height() >= 96
            panel.grab().save(str(SCREENSHOT_DIR / f"technician_panel_chinese_check_"
                                  f"{size[0]}x{size[1]}.png"))
            with qtbot.waitSignal(panel.configSaved, timeout=5_000):
                (panel.chinese.yes if confirmed else panel.chinese.no).click()
            assert not panel.chinese.asking()
            saved = load_config(config_path, TerminalConfig).devices.printer
            assert saved.chinese_mode == ("gb18030" if confirmed else "raster")
            sim.clear()
            with qtbot.waitSignal(adapter.printed, timeout=10_000):
                adapter.print_receipt(slip)  # applied at once, no restart
            assert ("受理回执".encode("gb18030") in sim.received) is confirmed
            sim.clear()
            with qtbot.waitSignal(adapter.printed, timeout=10_000):
                panel.buttons["print"].click()  # settled: the test slip asks no more
            assert not panel.chinese.asking()
        finally:
            panel.shutdown()
            adapter.stop()


def test_save_rejects_invalid_settings(qtbot, rig: Rig) -> None:
    rig.panel._cards["camera"].kind.setCurrentText("device")
    rig.panel._cards["camera"].value.setText("not a number")
    rig.panel.buttons["save"].click()
    assert "Not saved" in rig.panel.output.text()
    assert "devices" not in tomllib.loads(rig.config_path.read_text("utf-8"))


def test_save_devices_config_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "new" / "reception.toml"
    devices = DevicesSection(printer=PrinterSection(kind="file", address='C:\\lp "0"'))
    save_devices_config(path, devices)
    assert load_config(path, TerminalConfig).devices == devices


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[None]:
    """The app theme, applied before the panel exists (as the apps do)."""
    font = qapp.font()
    apply_theme(qapp, ThemeMode())
    yield
    qapp.setStyleSheet("")
    qapp.setFont(font)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
@pytest.mark.log_warnings(r"printer offline")
def test_render_panel_screenshots(qtbot, themed: None, rig: Rig,
                                  size: tuple[int, int]) -> None:
    rig.panel.resize(*size)
    rig.panel.show()
    rig.printer.set_faults(paper=PaperState.OUT)  # show a device with errors
    with qtbot.waitSignal(rig.printer_adapter.printFailed, timeout=10_000):
        rig.panel.buttons["print"].click()
    rig.card_adapter.read_once()
    qtbot.waitUntil(lambda: "110105" in rig.panel.output.text(), timeout=10_000)
    rig.panel.buttons["camera"].click()
    qtbot.waitUntil(lambda: bool(rig.panel.preview.payloads), timeout=10_000)
    shown = rig.panel.preview.frames
    qtbot.waitUntil(lambda: rig.panel.preview.frames > shown, timeout=10_000)
    rig.panel.grab().save(str(SCREENSHOT_DIR / f"technician_panel_{size[0]}x{size[1]}.png"))
    rig.panel.buttons["camera"].click()
