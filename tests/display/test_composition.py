"""The display end to end: phase two loads a "display" terminal's services,
the feed follows a real platform, the hall screen shows the call and the
announcer says it; notices from the cache scroll in the ticker."""

from __future__ import annotations

import base64
import json
import logging
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from display.app import screen_settings
from display.composition import DisplayComposition
from display.services import open_display_services
from sync.cli import enroll_terminal
from sync.client import PlatformClient
from sync.config import render_toml
from sync.paths import CONFIG_FILE
from sync.protocol.models import Role
from sync.server import enrollment
from sync.server.db import make_engine
from sync.server.process import PlatformProcess
from terminal.services import Services, ServicesLoader, StartupError
from terminal.shell import attach_services
from terminal.startup import Gui, start_gui

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[tuple[PlatformProcess, str]]:
    db_url = f"sqlite:///{tmp_path / 'platform.db'}"
    process = PlatformProcess(db_url, demo_data=DEMO)
    process.start()
    try:
        yield process, db_url
    finally:
        process.stop(kill=True)


def code(db_url: str, role: Role) -> str:
    engine = make_engine(db_url)
    try:
        return enrollment.issue_code(engine, "C001", role)
    finally:
        engine.dispose()


def display_config(tmp_path: Path, url: str, role: str = "display") -> Path:
    folder = tmp_path / "display-config"
    folder.mkdir(exist_ok=True)
    (folder / CONFIG_FILE).write_text(render_toml({
        "terminal": {"role": role, "language": "zh_CN"},
        "platform": {"url": url},
        "store": {"data_dir": str(tmp_path / "data")},
        "display": {"speech": "silent", "fullscreen": False},
    }), "utf-8")
    return folder


@pytest.fixture
def gui(tmp_path: Path) -> Iterator[Gui]:
    folder = tmp_path / "gui"
    folder.mkdir()
    gui = start_gui("reception-display-test", folder, argv=[], lock=False)
    yield gui
    gui.language.set_language("en")
    gui.release()


@pytest.mark.log_warnings(r"no audio output device")
def test_a_counter_call_reaches_the_hall_screen_and_the_voice(
        qtbot: QtBot, tmp_path: Path, gui: Gui, platform: tuple[PlatformProcess, str]) -> None:
    process, db_url = platform
    folder = display_config(tmp_path, process.url)
    assert screen_settings(folder / CONFIG_FILE) == (False, True)
    enroll_terminal(process.url, code(db_url, Role.DISPLAY), folder)
    shell = attach_services(gui, open_display_services(folder))
    ui = DisplayComposition(gui, fullscreen=False)
    qtbot.addWidget(ui.screen)
    clients = []
    for role in (Role.KIOSK, Role.COUNTER):
        enrolled = PlatformClient.enroll(process.url, code(db_url, role))
        clients.append(PlatformClient(process.url, enrolled.terminal_id,
                                      base64.urlsafe_b64decode(enrolled.key)))
    kiosk, counter = clients
    try:
        shell.services.runtime.synchronizer.refresh()  # the notices into the cache
        ui.attach(shell)
        assert ui.feed is not None and ui.announcer is not None
        qtbot.waitUntil(lambda: ui.screen.online is True, timeout=10_000)
        assert ui.screen.ticker.text  # the demo notices
        number = kiosk.issue_ticket("A", uuid.uuid4()).number
        with qtbot.waitSignal(ui.announcer.announcementStarted, timeout=10_000) as started:
            counter.call_next("3", "1001")
        assert (started.args[0].number, started.args[0].window) == (number, "3")
        assert ui.screen.call_number.text() == number
        assert ui.screen.call_window.text() == "请到 3 号窗口"
    finally:
        ui.stop()
        shell.close()
        for client in clients:
            client.close()


@pytest.mark.log_warnings(r"start-up failed", r"no audio output device")
def test_a_display_not_yet_enrolled_says_out_of_service_and_comes_up_once_enrolled(
        qtbot: QtBot, tmp_path: Path, gui: Gui, platform: tuple[PlatformProcess, str],
        caplog: pytest.LogCaptureFixture) -> None:
    """Installed and started before a technician enrolls it, the display said
    "离线 重连中" (offline, reconnecting) for ever: nothing reconnected, it read its
    keys only at start. It says it is out of service, and tries to start again, so
    the enrollment brings it up without a restart; its journal has the cause at
    ERROR once, not every 30 s."""
    process, db_url = platform
    folder = display_config(tmp_path, process.url)
    ui = DisplayComposition(gui, fullscreen=False)
    qtbot.addWidget(ui.screen)
    ui.start_retry_ms = 200
    loader = ServicesLoader(folder, opener=open_display_services)
    shells = []

    def loaded(services: Services) -> None:  # as run_front_end attaches them
        shells.append(attach_services(gui, services))
        ui.attach(shells[-1])
        shells[-1].start()

    loader.loaded.connect(loaded)
    loader.failed.connect(lambda _message: ui.start_failed(loader.start))
    try:
        with qtbot.waitSignal(loader.failed, timeout=10_000):
            loader.start()
        assert ui.screen.out_of_service and ui.screen.status.text() == "● 暂停服务  Out of service"
        with qtbot.waitSignal(loader.failed, timeout=10_000):  # tried again: still no keys
            pass
        enroll_terminal(process.url, code(db_url, Role.DISPLAY), folder)
        qtbot.waitUntil(lambda: ui.screen.online is True, timeout=15_000)
        assert not ui.screen.out_of_service and "在线" in ui.screen.status.text()
        failures = [record for record in caplog.records if "start-up failed" in record.message]
        assert len(failures) >= 2  # the cause at ERROR once, then "again" at INFO
        assert [record.levelno for record in failures] == \
            [logging.ERROR] + [logging.INFO] * (len(failures) - 1)
        assert any(record.message.startswith("started (the start-up before had failed")
                   for record in caplog.records)
    finally:
        loader.wait(10)
        ui.stop()
        for shell in shells:
            shell.close()


def test_a_kiosk_config_is_refused_by_the_display(tmp_path: Path) -> None:
    folder = display_config(tmp_path, "http://127.0.0.1:9", role="kiosk")
    with pytest.raises(StartupError, match=r"terminal\.role"):
        open_display_services(folder)


@pytest.mark.log_warnings(r"no audio output device")
def test_a_kiosk_call_for_help_shows_until_staff_are_on_the_way(
        qtbot: QtBot, tmp_path: Path, gui: Gui, platform: tuple[PlatformProcess, str]) -> None:
    process, db_url = platform
    folder = display_config(tmp_path, process.url)
    enroll_terminal(process.url, code(db_url, Role.DISPLAY), folder)
    shell = attach_services(gui, open_display_services(folder))
    ui = DisplayComposition(gui, fullscreen=False)
    qtbot.addWidget(ui.screen)
    kiosk, counter = (PlatformClient(process.url, enrolled.terminal_id,
                                     base64.urlsafe_b64decode(enrolled.key))
                      for enrolled in (PlatformClient.enroll(process.url, code(db_url, role))
                                       for role in (Role.KIOSK, Role.COUNTER)))
    banner = ui.screen.help_banner
    try:
        ui.attach(shell)
        qtbot.waitUntil(lambda: ui.screen.online is True, timeout=10_000)
        assert not banner.isVisibleTo(ui.screen)
        item = {"id": str(uuid.uuid4()), "seq": 1,
                "created_at": datetime.now(UTC).isoformat(),
                "payload": {"kind": "help_request", "kiosk": "2", "screen": "home"}}
        kiosk.post_batch(json.dumps({"items": [item]}).encode())
        qtbot.waitUntil(lambda: banner.isVisibleTo(ui.screen), timeout=10_000)
        shown = (ui.screen.help_primary, ui.screen.help_secondary)
        assert [label.text() for label in shown] == \
            ["自助机 2 需要帮助 · 已通知工作人员", "Kiosk 2 needs help · staff have been called"]
        assert ui.screen.help is not None
        counter.acknowledge_help(ui.screen.help.requests[0].id, "3", "1001")
        qtbot.waitUntil(lambda: "正在赶来" in shown[0].text(), timeout=10_000)
        assert [label.text() for label in shown] == \
            ["自助机 2 需要帮助 · 工作人员正在赶来", "Kiosk 2 needs help · staff are on the way"]
    finally:
        ui.stop()
        shell.close()
        kiosk.close()
        counter.close()
