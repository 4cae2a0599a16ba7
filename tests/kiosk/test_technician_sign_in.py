"""A technician opens the kiosk's panel with a platform PIN while the platform is
slow, busy or out of reach (the reference platform on loopback, its answers to
/v1/staff/sign-in held back or failed by a fault plan): the PIN gate says why the
PIN was not checked and counts only PINs found wrong, so a slow platform cannot
lock a technician out."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.composition import TECHNICIAN, KioskComposition
from sync.server.faults import FaultRule, write_plan
from terminal.technician.pin_gate import PinCheck, PinGate
from tests.kiosk.conftest import DEMO_DIR

TECH_PIN, WRONG_PIN = "909090", "111111"
SIGN_IN = "/v1/staff/sign-in"
WAIT_MS = 30_000
SCREENSHOT_DIR = os.environ.get("GATE_SCREENSHOT_DIR")


@dataclass
class Kiosk:
    platform: Any
    shell: Any
    ui: KioskComposition
    fault_plan: Path

    def gate(self) -> PinGate:
        self.ui.navigator.go(TECHNICIAN)
        gate = self.ui.navigator.screens[TECHNICIAN].findChild(PinGate)
        assert gate is not None
        return gate


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Kiosk]:
    """A kiosk enrolled with a reference platform that has a fault plan; no technician
    PIN in its configuration: the platform's technicians open the panel."""
    from sync.cli import enroll_terminal
    from sync.config import render_toml
    from sync.paths import CONFIG_FILE
    from sync.protocol.models import Role
    from terminal.background import wait_for_background
    from terminal.local_platform import LocalPlatform
    from terminal.shell import start_shell

    plan = tmp_path / "faults.json"
    write_plan(plan, [])
    platform = LocalPlatform(f"sqlite:///{tmp_path / 'platform.db'}", demo_data=DEMO_DIR,
                             fault_plan=plan)
    url = platform.start()
    config_dir = tmp_path / "kiosk-config"
    config_dir.mkdir()
    (config_dir / CONFIG_FILE).write_text(render_toml({
        "terminal": {"language": "en"},
        "platform": {"url": url, "read_timeout": 3.0, "connect_timeout": 1.0,
                     "sign_in_timeout": 3.0},
        "store": {"data_dir": str(tmp_path / "data")},
    }), "utf-8")
    enroll_terminal(url, platform.enroll_code("C001", Role.KIOSK), config_dir)
    shell = start_shell("reception-kiosk-test", config_dir, argv=[], lock=False,
                        with_devices=False)
    shell.gui.language.set_language("en")
    ui = KioskComposition(shell.gui, kiosk_mode=False)
    ui.attach(shell)
    qtbot.addWidget(ui.window)
    ui.window.resize(1080, 1920)
    ui.window.show()
    try:
        yield Kiosk(platform, shell, ui, plan)
    finally:
        ui.navigator.end_session()
        ui.stop()
        wait_for_background()
        shell.close()
        platform.stop()


def enter(qtbot: QtBot, gate: PinGate, pin: str) -> None:
    """Type `pin` and wait for the gate's verdict, whatever it is."""
    for digit in pin:
        gate.press(digit)
    gate.submit()
    qtbot.waitUntil(lambda: not gate._busy, timeout=WAIT_MS)


def unchecked(qtbot: QtBot, gate: PinGate, pin: str) -> str:
    """Type `pin`; the gate's word that it could not be checked."""
    with qtbot.waitSignal(gate.unchecked, timeout=WAIT_MS) as blocker:
        enter(qtbot, gate, pin)
    return str(blocker.args[0])


def shown_whole(qtbot: QtBot, kiosk: Kiosk, gate: PinGate, name: str) -> None:
    """The gate's message fits its line at 1080x1920 (laid out, not clipped); saved
    as `name`.png under GATE_SCREENSHOT_DIR when that is set."""
    label = next(w for w in gate.findChildren(QLabel) if w.text() == gate.message())
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    assert label.visibleRegion().boundingRect().height() >= label.heightForWidth(label.width())
    if SCREENSHOT_DIR:
        kiosk.ui.window.grab().save(str(Path(SCREENSHOT_DIR) / f"{name}.png"))


def test_a_slow_or_busy_platform_counts_no_wrong_pin(qtbot: QtBot, kiosk: Kiosk) -> None:
    gate = kiosk.gate()
    enter(qtbot, gate, WRONG_PIN)  # the platform says wrong: that one counts
    assert gate.lockout.failures == 1 and gate.message().startswith("Wrong PIN."), \
        gate.message()
    for fault, check, words in [
        (FaultRule(action="status", status=503, retry_after=2, method="POST", path=SIGN_IN),
         PinCheck.BUSY, "The platform is busy or has a fault"),
        (FaultRule(action="garbage", method="POST", path=SIGN_IN),
         PinCheck.BUSY, "The platform is busy or has a fault"),
        (FaultRule(action="delay", delay=6.0, method="POST", path=SIGN_IN),
         PinCheck.SLOW, "The platform is slow to answer"),
    ]:
        write_plan(kiosk.fault_plan, [fault])
        assert unchecked(qtbot, gate, TECH_PIN) == check.value
        assert gate.message().startswith(words), gate.message()
        assert "Wrong PIN" not in gate.message() and "not checked" in gate.message()
        assert gate.lockout.failures == 1 and not gate.is_locked()
        shown_whole(qtbot, kiosk, gate, f"gate-{fault.action}")
    with qtbot.waitSignal(gate.accepted, timeout=WAIT_MS):
        enter(qtbot, gate, TECH_PIN)  # the faults are spent: the platform checks it
    assert gate.lockout.failures == 0


@pytest.mark.log_warnings(r"event stream broken", r"could not top up", r"platform unreachable")
def test_an_unreachable_platform_is_not_a_wrong_pin(qtbot: QtBot, kiosk: Kiosk) -> None:
    gate = kiosk.gate()
    kiosk.platform.stop()  # nothing listens: no answer at all, and no verifier here
    for _ in range(6):  # more than the gate's lockout allows of wrong PINs
        assert unchecked(qtbot, gate, TECH_PIN) == PinCheck.UNREACHABLE.value
        assert gate.message().startswith("The platform cannot be reached"), gate.message()
    assert gate.lockout.failures == 0 and not gate.is_locked()
    shown_whole(qtbot, kiosk, gate, "gate-unreachable")
    kiosk.shell.gui.language.set_language("zh_CN")
    assert unchecked(qtbot, gate, TECH_PIN) == PinCheck.UNREACHABLE.value
    assert gate.message().startswith("无法连接平台"), gate.message()
    shown_whole(qtbot, kiosk, gate, "gate-unreachable-zh")
