"""Kiosk fixtures: a KioskContext on a temp config dir, the kiosk window with
the core screens, a stub shell over a real local cache, and a real shell
enrolled with a reference platform on loopback, with simulated devices."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.accessibility_bar import AccessibilityBar
from kiosk.attract import AttractScreen
from kiosk.context import KioskContext, KioskDevices
from kiosk.navigator import Navigator
from kiosk.screens import core
from kiosk.screens.base import KioskScreen
from kiosk.window import KioskWindow
from terminal.startup import Gui, start_gui
from terminal.sync_badge import SyncBadge

ROOT = Path(__file__).resolve().parents[2]
DEMO_DIR = ROOT / "resources" / "demo"


def devices_toml(slips: Path, reader_and_camera: str) -> str:
    """A virtual printer writing into `slips`; the card reader and the camera of
    the kind `reader_and_camera` ("simulated" or "none")."""
    return (f'\n[devices.printer]\nkind = "virtual"\noutput_dir = {json.dumps(str(slips))}\n'
            f'\n[devices.card_reader]\nkind = "{reader_and_camera}"\n'
            f'\n[devices.camera]\nkind = "{reader_and_camera}"\n')


@pytest.fixture
def gui(tmp_path: Path) -> Iterator[Gui]:
    folder = tmp_path / "config"
    folder.mkdir(exist_ok=True)
    gui = start_gui("reception-kiosk-test", folder, argv=[], lock=False)
    gui.language.set_language("en")
    yield gui
    gui.language.set_language("en")
    gui.release()


@pytest.fixture
def context(gui: Gui) -> KioskContext:
    return KioskContext(gui)


@dataclass
class KioskUi:
    window: KioskWindow
    navigator: Navigator
    screens: dict[str, KioskScreen]

    def screen(self, name: str) -> Any:
        return self.screens[name]


@pytest.fixture
def kiosk(qtbot: QtBot, context: KioskContext) -> KioskUi:
    """The kiosk window with only the core screens registered (others' flows
    are built by their own tests)."""
    attract = AttractScreen(center_name=lambda: "Test hall", notices=lambda: [],
                            serving=lambda: [], language=lambda: context.language)
    # not under test here; its own minimum (787 px) would make a 1080 px high window taller
    attract.setMinimumSize(1, 1)
    window = KioskWindow(attract, SyncBadge(), AccessibilityBar(), kiosk_mode=False)
    qtbot.addWidget(window)
    navigator = Navigator(window, window.navigation, context.session, attract, window)
    screens = core.build(context)
    for name, screen in screens.items():
        navigator.register(name, screen)
    window.resize(1080, 1920)
    window.show()
    return KioskUi(window, navigator, screens)


# ---- a real local cache (for tests.helpers.shells.cache_shell) -------------------------

@pytest.fixture
def local_cache(tmp_path: Path) -> Iterator[Any]:
    from sync.caches import ReferenceCache
    from sync.store.database import open_database

    database = open_database(tmp_path / "cache" / "terminal.db")
    yield ReferenceCache(database)
    database.close()


def put_demo_notices(cache: Any) -> None:
    from sync.caches import NOTICES

    cache.put(NOTICES, (DEMO_DIR / "notices.json").read_text("utf-8"), None,
              datetime.now(UTC))


# ---- a real shell, a real platform, simulated devices -----------------------------------

@dataclass
class Online:
    platform: Any
    shell: Any
    devices: KioskDevices

    def stop(self) -> None:
        for adapter in (self.devices.card_reader, self.devices.camera):
            if adapter is not None:
                adapter.stop()


def enrolled_shell(tmp_path: Path, devices: str) -> tuple[Any, Any]:
    """A reference platform on loopback and a real shell enrolled with it as a
    kiosk of C001, with the devices the TOML `devices` configures."""
    from sync.cli import enroll_terminal
    from sync.config import render_toml
    from sync.paths import CONFIG_FILE
    from sync.protocol.models import Role
    from terminal.local_platform import LocalPlatform
    from terminal.shell import start_shell

    platform = LocalPlatform(f"sqlite:///{tmp_path / 'platform.db'}", demo_data=DEMO_DIR)
    url = platform.start()
    config_dir = tmp_path / "shell-config"
    config_dir.mkdir()
    (config_dir / CONFIG_FILE).write_text(render_toml({
        "terminal": {"language": "en"},
        "platform": {"url": url, "read_timeout": 5.0},
        "store": {"data_dir": str(tmp_path / "data")},
    }) + "\n" + devices, "utf-8")
    enroll_terminal(url, platform.enroll_code("C001", Role.KIOSK), config_dir)
    shell = start_shell("reception-kiosk-test", config_dir, argv=[], lock=False,
                        with_devices=True)
    return platform, shell


@pytest.fixture
def online(tmp_path: Path, gui: Gui) -> Iterator[Online]:
    from terminal.devices.workers import CameraAdapter, CardReaderAdapter

    platform, shell = enrolled_shell(tmp_path, devices_toml(tmp_path / "slips", "simulated"))
    drivers = shell.services.devices
    assert drivers is not None and drivers.card_reader is not None
    assert drivers.camera is not None
    devices = KioskDevices(card_reader=CardReaderAdapter(drivers.card_reader),
                           camera=CameraAdapter(drivers.camera, detect_faces=False))
    result = Online(platform, shell, devices)
    try:
        yield result
    finally:
        result.stop()
        shell.close()
        platform.stop()


@dataclass
class Enrolled:
    platform: Any
    context: KioskContext


@pytest.fixture
def enrolled(tmp_path: Path) -> Iterator[Enrolled]:
    """A kiosk context on a real shell enrolled with a platform on loopback (no
    device adapters), the sync worker not started."""
    from terminal.background import wait_for_background

    platform, shell = enrolled_shell(tmp_path, devices_toml(tmp_path / "slips", "none"))
    try:
        yield Enrolled(platform, KioskContext(shell.gui, shell=shell))
    finally:
        wait_for_background()
        shell.close()
        platform.stop()
