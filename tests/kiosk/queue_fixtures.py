"""Fixtures of the queue and booking flows: kiosks (real shells, virtual
printers, the core and queue screens in a kiosk window) enrolled with one
reference platform on loopback that can be stopped and brought back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.artefacts import artefact_dir
from tests.helpers.platform import start_platform


@dataclass
class QueueKiosk:
    shell: Any
    context: Any
    window: Any
    navigator: Any
    slips: Path
    printer: Any
    #: the kiosk's QueueView, as the composition wires it (not started: no stream)
    queue_view: Any

    def screen(self, name: str) -> Any:
        return self.navigator.screens[name]

    def drain(self) -> int:
        return self.shell.services.runtime.synchronizer.drain()

    def leases(self) -> Any:
        from kiosk.ticket_leases import LeaseStore

        return LeaseStore(self.shell.services.runtime.database)


@dataclass
class QueueEnv:
    tmp_path: Path
    qtbot: QtBot
    platform: Any
    platform_db: Path
    kiosks: list[QueueKiosk] = field(default_factory=list)

    @property
    def kiosk(self) -> QueueKiosk:
        return self.kiosks[0]

    def add_kiosk(self, printer_kind: str = "virtual") -> QueueKiosk:
        kiosk = open_kiosk(self.tmp_path / f"kiosk{len(self.kiosks)}", self.platform,
                           self.qtbot, printer_kind)
        self.kiosks.append(kiosk)
        return kiosk

    def stop_platform(self) -> int:
        port = int(self.platform.url.rsplit(":", 1)[1])
        self.platform.stop()
        return port

    def restart_platform(self, port: int) -> None:
        self.platform = start_platform(self.platform_db, port)

    def engine(self) -> Any:
        return self.platform.app.state.engine

    def tickets(self) -> list[Any]:
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from sync.server.db import QueueTicket

        with Session(self.engine()) as session:
            rows = session.scalars(select(QueueTicket).order_by(QueueTicket.id)).all()
            session.expunge_all()
        return list(rows)

    def booking(self, code: str) -> Any:
        from sqlalchemy.orm import Session

        from sync.server.db import BookingRow

        with Session(self.engine()) as session:
            row = session.get(BookingRow, code)
            session.expunge_all()
        return row


def open_kiosk(folder: Path, platform: Any, qtbot: QtBot,
               printer_kind: str = "virtual") -> QueueKiosk:
    """A kiosk with a virtual printer, or none (`printer_kind="none"`)."""
    from kiosk.accessibility_bar import AccessibilityBar
    from kiosk.attract import AttractScreen
    from kiosk.context import KioskContext, KioskDevices
    from kiosk.navigator import Navigator
    from kiosk.queue_view import QueueView
    from kiosk.screens import core, queue_flow
    from kiosk.window import KioskWindow
    from sync.cli import enroll_terminal
    from sync.config import render_toml
    from sync.paths import CONFIG_FILE
    from sync.protocol.models import Role
    from terminal.devices.workers import PrinterAdapter
    from terminal.shell import start_shell
    from terminal.sync_badge import SyncBadge

    config_dir = folder / "config"
    config_dir.mkdir(parents=True)
    slips = folder / "slips"
    (config_dir / CONFIG_FILE).write_text(render_toml({
        "terminal": {"language": "en"},
        "platform": {"url": platform.url, "read_timeout": 5.0, "connect_timeout": 1.0},
        "store": {"data_dir": str(folder / "data")},
    }) + (
        f'\n[devices.printer]\nkind = "{printer_kind}"\noutput_dir = {json.dumps(str(slips))}\n'
        '\n[devices.card_reader]\nkind = "none"\n\n[devices.camera]\nkind = "none"\n'
    ), "utf-8")
    enroll_terminal(platform.url, platform.enroll_code("C001", Role.KIOSK), config_dir)
    shell = start_shell(f"reception-kiosk-queue-{folder.name}", config_dir, argv=[],
                        lock=False, with_devices=True)
    shell.gui.language.set_language("en")
    shell.services.runtime.synchronizer.refresh()  # the catalog into the local cache
    drivers = shell.services.devices
    assert drivers is not None and (drivers.printer is None) == (printer_kind == "none")
    printer = PrinterAdapter(drivers.printer) if drivers.printer is not None else None
    context = KioskContext(shell.gui, shell=shell, devices=KioskDevices(printer=printer))
    attract = AttractScreen(center_name=lambda: "Test hall", notices=lambda: [],
                            serving=lambda: [], language=lambda: context.language)
    attract.setMinimumSize(1, 1)
    window = KioskWindow(attract, SyncBadge(), AccessibilityBar(), kiosk_mode=False)
    qtbot.addWidget(window)
    navigator = Navigator(window, window.navigation, context.session, attract, window)
    for build in (core.build, queue_flow.build):
        for name, screen in build(context).items():
            navigator.register(name, screen)
    queue_view = QueueView(context)
    context.live_queue, context.queue_read = queue_view.live_state, queue_view.read
    window.resize(1080, 1920)
    window.show()
    return QueueKiosk(shell, context, window, navigator, slips, printer, queue_view)


@pytest.fixture
def queue_env(tmp_path: Path, qtbot: QtBot) -> Iterator[QueueEnv]:
    from terminal.background import wait_for_background

    platform_db = tmp_path / "platform.db"
    env = QueueEnv(tmp_path, qtbot, start_platform(platform_db), platform_db)
    env.add_kiosk()
    try:
        yield env
    finally:
        for kiosk in env.kiosks:
            kiosk.queue_view.stop()
            assert kiosk.queue_view.top_ups.wait()  # no top-up left to meet the closing store
        wait_for_background()
        for kiosk in env.kiosks:
            if kiosk.printer is not None:
                kiosk.printer.stop()
            kiosk.shell.gui.language.set_language("en")
            kiosk.shell.close()
        env.platform.stop()


def save_shot(widget: Any, name: str) -> Path:
    path = artefact_dir("kiosk-queue") / f"{name}.png"
    assert widget.grab().save(str(path))
    return path
