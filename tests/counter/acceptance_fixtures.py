"""Fixtures of the acceptance workbench: the reference platform on loopback,
a counter terminal's shell enrolled with Role.COUNTER, a network printer on a
loopback `PrinterSimulator`, the simulated card reader, a folder camera, and
the workbench itself (import these fixtures into a test module)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.artefacts import artefact_dir
from tests.helpers.platform import start_platform

ROOT = Path(__file__).resolve().parents[2]
DEMO_DIR = ROOT / "resources" / "demo"
CENTER = "C001"


def write_config(folder: Path, url: str, data_dir: Path, role: str,
                 devices: dict[str, dict[str, Any]] | None = None) -> None:
    from sync.config import render_toml
    from sync.paths import CONFIG_FILE

    folder.mkdir(parents=True, exist_ok=True)
    (folder / CONFIG_FILE).write_text(render_toml({
        "terminal": {"language": "en", "role": role},
        "platform": {"url": url, "read_timeout": 5.0, "connect_timeout": 1.0},
        "store": {"data_dir": str(data_dir)},
        **(devices or {}),
    }), "utf-8")


@dataclass
class CounterEnv:
    platform: Any
    platform_db: Path
    shell: Any
    printer_sim: Any
    camera_dir: Path
    workbench: Any
    url: str
    adapters: list[Any] = field(default_factory=list)

    def drain(self) -> int:
        return self.shell.services.runtime.synchronizer.drain()

    def printed(self) -> str:
        from hardware.printer.escpos_text import extract_text

        return extract_text(self.printer_sim.received)

    def platform_items(self, kind: str) -> list[dict[str, Any]]:
        """The transactions of `kind` the platform stored (whole items)."""
        from sync.server.sealing import stored_items

        return stored_items(self.platform.app.state.engine, kind)

    def platform_rows(self, kind: str) -> list[dict[str, Any]]:
        return [item["payload"] for item in self.platform_items(kind)]

    def restart_platform(self) -> None:
        port = int(self.url.rsplit(":", 1)[1])
        self.platform = start_platform(self.platform_db, port)


@pytest.fixture
def counter_env(tmp_path: Path, qtbot: QtBot) -> Iterator[CounterEnv]:
    from counter.acceptance.workbench import AcceptanceWorkbench, tracking_numbers
    from hardware.printer.simulator import PrinterSimulator
    from sync.caches import CATALOG
    from sync.cli import enroll_terminal
    from sync.protocol.models import Catalog, Role
    from terminal.background import wait_for_background
    from terminal.devices.camera_process import ProcessCameraAdapter
    from terminal.devices.passport import PassportAdapter
    from terminal.devices.workers import CardReaderAdapter, PrinterAdapter
    from terminal.shell import start_shell

    platform_db = tmp_path / "platform.db"
    platform = start_platform(platform_db)
    printer_sim = PrinterSimulator().start()
    camera_dir = tmp_path / "camera"
    camera_dir.mkdir()
    config_dir = tmp_path / "counter-config"
    write_config(config_dir, platform.url, tmp_path / "counter-data", "counter", {
        "devices.printer": {"kind": "network", "address": f"127.0.0.1:{printer_sim.port}"},
        "devices.card_reader": {"kind": "simulated"},
        "devices.camera": {"kind": "folder", "path": str(camera_dir)},
    })
    enroll_terminal(platform.url, platform.enroll_code(CENTER, Role.COUNTER), config_dir)
    shell = start_shell("reception-counter-acceptance-test", config_dir, argv=[], lock=False,
                        with_devices=True, camera_process=True)  # as the counter opens it
    shell.gui.language.set_language("en")
    runtime = shell.services.runtime
    runtime.synchronizer.refresh()  # the catalog into the local cache
    drivers = shell.services.devices
    assert drivers is not None and drivers.printer is not None
    printer = PrinterAdapter(drivers.printer)
    card = CardReaderAdapter(drivers.card_reader)
    assert drivers.camera_process is not None
    camera = ProcessCameraAdapter(drivers.camera_process, detect_faces=False)
    assert drivers.passport is not None  # the simulated specimen passport
    passport = PassportAdapter(drivers.passport)

    def catalog() -> Catalog | None:
        cached = runtime.cache.get(CATALOG, Catalog)
        return None if cached is None else cached.value

    workbench = AcceptanceWorkbench(
        shell.bridge, catalog=catalog, numbers=tracking_numbers(shell), printer=printer,
        card_reader=card, camera=camera, passport=passport, platform=lambda: runtime.client,
        clock=lambda: datetime.now().astimezone(),
        center_name=lambda language: "测试服务中心" if language == "zh_CN" else "Test hall",
        window="3", staff_no=lambda: "S001")
    qtbot.addWidget(workbench)
    workbench.resize(1366, 768)
    workbench.show()
    qtbot.waitUntil(lambda: workbench.matter_step.index is not None, timeout=10_000)
    env = CounterEnv(platform, platform_db, shell, printer_sim, camera_dir, workbench,
                     platform.url, [printer, card, camera, passport])
    try:
        yield env
    finally:
        wait_for_background()
        for adapter in env.adapters:
            adapter.stop()
        shell.gui.language.set_language("en")
        shell.close()
        env.platform.stop()
        printer_sim.stop()


@dataclass
class KioskTerminal:
    runtime: Any

    def submit_application(self, payload: Any) -> None:
        self.runtime.outbox.submit(payload)
        assert self.runtime.synchronizer.drain() >= 1


@pytest.fixture
def kiosk_terminal(tmp_path: Path, counter_env: CounterEnv) -> Iterator[KioskTerminal]:
    """A kiosk-role terminal of the same center (the sync core only, no GUI)."""
    from sync.cli import enroll_terminal
    from sync.config import SyncConfig, load_config
    from sync.paths import CONFIG_FILE
    from sync.protocol.models import Role
    from sync.runtime import open_runtime

    folder = tmp_path / "kiosk-config"
    write_config(folder, counter_env.url, tmp_path / "kiosk-data", "kiosk")
    secrets = enroll_terminal(counter_env.url,
                              counter_env.platform.enroll_code(CENTER, Role.KIOSK), folder)
    runtime = open_runtime(load_config(folder / CONFIG_FILE, SyncConfig), secrets)
    try:
        yield KioskTerminal(runtime)
    finally:
        runtime.close()


def save_shot(widget: Any, name: str) -> Path:
    path = artefact_dir("acceptance") / f"{name}.png"
    assert widget.grab().save(str(path))
    return path
