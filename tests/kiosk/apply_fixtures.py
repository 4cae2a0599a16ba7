"""Fixtures of the application flow: a real shell enrolled with a reference
platform on loopback, a virtual printer, the apply/repair screens in the
kiosk window (import these fixtures into a test module)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.artefacts import artefact_dir
from tests.helpers.platform import start_platform

ROOT = Path(__file__).resolve().parents[2]
DEMO_DIR = ROOT / "resources" / "demo"


@dataclass
class ApplyEnv:
    platform: Any
    platform_db: Path
    shell: Any
    context: Any
    window: Any
    navigator: Any
    slips: Path

    def screen(self, name: str) -> Any:
        return self.navigator.screens[name]

    def drain(self) -> int:
        return self.shell.services.runtime.synchronizer.drain()

    def platform_rows(self, kind: str) -> list[dict[str, Any]]:
        from sync.server.sealing import stored_items

        return [item["payload"] for item in stored_items(self.platform.app.state.engine, kind)]


@pytest.fixture
def apply_env(tmp_path: Path, qtbot: QtBot) -> Iterator[ApplyEnv]:
    from kiosk.accessibility_bar import AccessibilityBar
    from kiosk.attract import AttractScreen
    from kiosk.context import KioskContext, KioskDevices
    from kiosk.navigator import Navigator
    from kiosk.screens import apply_flow
    from kiosk.window import KioskWindow
    from sync.cli import enroll_terminal
    from sync.config import render_toml
    from sync.paths import CONFIG_FILE
    from sync.protocol.models import Role
    from terminal.background import wait_for_background
    from terminal.devices.workers import PrinterAdapter
    from terminal.shell import start_shell
    from terminal.sync_badge import SyncBadge

    platform_db = tmp_path / "platform.db"
    platform = start_platform(platform_db)
    config_dir = tmp_path / "shell-config"
    config_dir.mkdir()
    slips = tmp_path / "slips"
    (config_dir / CONFIG_FILE).write_text(render_toml({
        "terminal": {"language": "en"},
        "platform": {"url": platform.url, "read_timeout": 5.0, "connect_timeout": 1.0},
        "store": {"data_dir": str(tmp_path / "data")},
    }) + (  # render_toml writes one level of tables only
        f'\n[devices.printer]\nkind = "virtual"\noutput_dir = {json.dumps(str(slips))}\n'
        '\n[devices.card_reader]\nkind = "none"\n\n[devices.camera]\nkind = "none"\n'
    ), "utf-8")
    enroll_terminal(platform.url, platform.enroll_code("C001", Role.KIOSK), config_dir)
    shell = start_shell("reception-kiosk-apply-test", config_dir, argv=[], lock=False,
                        with_devices=True)
    shell.gui.language.set_language("en")
    shell.services.runtime.synchronizer.refresh()  # the catalog into the local cache
    drivers = shell.services.devices
    assert drivers is not None and drivers.printer is not None
    printer = PrinterAdapter(drivers.printer)
    context = KioskContext(shell.gui, shell=shell, devices=KioskDevices(printer=printer))
    attract = AttractScreen(center_name=lambda: "Test hall", notices=lambda: [],
                            serving=lambda: [], language=lambda: context.language)
    window = KioskWindow(attract, SyncBadge(), AccessibilityBar(), kiosk_mode=False)
    qtbot.addWidget(window)
    navigator = Navigator(window, window.navigation, context.session, attract, window)
    for name, screen in apply_flow.build(context).items():
        navigator.register(name, screen)
    window.resize(1080, 1920)
    window.show()
    env = ApplyEnv(platform, platform_db, shell, context, window, navigator, slips)
    try:
        yield env
    finally:
        wait_for_background()
        printer.stop()
        shell.gui.language.set_language("en")
        shell.close()
        env.platform.stop()


def identify_as(context: Any, id_number: str = "11010519491231002X",
                phone: str = "13812345678") -> None:
    """Stand in for the identify screen: a typed ID number and phone."""
    context.session.id_number = id_number
    context.session.phone = phone


def save_shot(widget: Any, name: str) -> Path:
    path = artefact_dir("kiosk-apply") / f"{name}.png"
    assert widget.grab().save(str(path))
    return path
