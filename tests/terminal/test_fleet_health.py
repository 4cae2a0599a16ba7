"""Device health from every front end on the platform's fleet page, wired once:
the shell builds the adapters and hands their health to the heartbeat for a
kiosk and a counter alike (the counter's printer, card reader and camera
never appeared before)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot

from sync.cli import enroll_terminal
from sync.config import render_toml
from sync.paths import CONFIG_FILE
from sync.protocol.models import Role
from terminal.local_platform import LocalPlatform
from terminal.shell import start_shell

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def fleet_page(platform: LocalPlatform) -> str:
    """The fleet page as an auditor reads it (it is behind a login)."""
    from sync.server import operators

    operators.add_user(platform.app.state.engine, "auditor", "a long password!",
                       operators.OperatorRole.AUDITOR, None)
    with httpx.Client(base_url=platform.url, timeout=10) as browser:
        browser.post("/login", data={"username": "auditor", "password": "a long password!"})
        return browser.get("/fleet").text


def attached_front_end(shell: Any, role: str, qtbot: QtBot) -> Any:
    """The role's composition on `shell`, attached as the front end attaches it."""
    if role == "counter":
        from counter.composition import CounterComposition

        ui: Any = CounterComposition(shell.gui)
    else:
        from kiosk.composition import KioskComposition

        ui = KioskComposition(shell.gui, kiosk_mode=False)
    qtbot.addWidget(ui.window)
    ui.attach(shell)
    return ui


# the kiosk may be stopped while it tops up its leased numbers (its client closed under it)
@pytest.mark.log_warnings(r"could not top up the leases")
@pytest.mark.parametrize("role", ["kiosk", "counter"])
def test_each_front_ends_devices_reach_the_fleet_page(qtbot: QtBot, tmp_path: Path,
                                                      role: str) -> None:
    platform = LocalPlatform(f"sqlite:///{tmp_path / 'platform.db'}", demo_data=DEMO)
    url = platform.start()
    folder = tmp_path / "config"
    folder.mkdir()
    (folder / CONFIG_FILE).write_text(render_toml({
        "terminal": {"role": role, "language": "en"},
        "platform": {"url": url, "connect_timeout": 1.0, "read_timeout": 5.0},
        "store": {"data_dir": str(tmp_path / "data")},
        "devices.printer": {"kind": "virtual", "output_dir": str(tmp_path / "slips")},
        "devices.card_reader": {"kind": "simulated"},
        "devices.camera": {"kind": "simulated"},
    }), "utf-8")
    enroll_terminal(url, platform.enroll_code("C001", Role(role)), folder)
    shell = start_shell(f"reception-{role}-fleet-test", folder, argv=[], lock=False)
    try:
        ui = attached_front_end(shell, role, qtbot)
        shell.adapters.check()  # what `Shell.start` does first
        adapters = shell.adapters
        qtbot.waitUntil(lambda: adapters.printer is not None
                        and adapters.printer.health.state.value == "ready"
                        and adapters.card_reader is not None
                        and adapters.card_reader.health.state.value == "ready",
                        timeout=15_000)
        shell.services.runtime.synchronizer.heartbeat()
        page = html.unescape(fleet_page(platform))
        row = next(line for line in page.splitlines() if shell.services.terminal_id in line)
        assert f"<td>{role}</td>" in row
        assert "printer: ready" in row and "card_reader: ready" in row and "camera:" in row
        ui.stop()
    finally:
        shell.close()
        platform.stop()


TEMPLATES = Path(__file__).resolve().parents[2] / "packaging" / "deb" / "terminal"


@pytest.mark.log_warnings(r"could not top up the leases")
@pytest.mark.parametrize("role", ["kiosk", "counter"])
def test_an_installed_terminal_has_no_device_until_one_is_set(qtbot: QtBot, tmp_path: Path,
                                                             role: str) -> None:
    """The package's configuration, as postinst writes it: no simulated device (a
    simulated card reader would identify every resident as its specimen card's
    holder, a virtual printer would have them told to take a slip), none reported."""
    platform = LocalPlatform(f"sqlite:///{tmp_path / 'platform.db'}", demo_data=DEMO)
    url = platform.start()
    folder = tmp_path / "config"
    folder.mkdir()
    installed = ((TEMPLATES / "terminal.toml.in").read_text("utf-8").replace("@ROLE@", role)
                 + (TEMPLATES / "devices.toml.in").read_text("utf-8"))  # as postinst writes it
    (folder / CONFIG_FILE).write_text(
        installed.replace('"https://platform.example"', f'"{url}"')
        .replace(f'"/var/lib/reception/{role}"', f'"{tmp_path / "data"}"'), "utf-8")
    enroll_terminal(url, platform.enroll_code("C001", Role(role)), folder)
    shell = start_shell(f"reception-{role}-installed-test", folder, argv=[], lock=False)
    try:
        ui = attached_front_end(shell, role, qtbot)
        devices = shell.services.devices
        assert devices is not None
        assert (devices.printer, devices.card_reader, devices.camera, devices.passport) == \
            (None, None, None, None)
        assert shell.adapters.devices() == {}
        shell.services.runtime.synchronizer.heartbeat()
        page = html.unescape(fleet_page(platform))
        row = next(line for line in page.splitlines() if shell.services.terminal_id in line)
        assert "printer:" not in row and "card_reader:" not in row
        ui.stop()
    finally:
        shell.close()
        platform.stop()
