"""Issue 14 at the hall display: notices changed on the platform reach the
ticker without a restart, read off the GUI thread; once stopped, the display
no longer listens (the flake where a late state read a deleted store); its
audio output is on the fleet page; speech is quiet where an engine is absent."""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot

from display.composition import DisplayComposition
from display.services import open_display_services
from sync.cli import enroll_terminal
from sync.config import render_toml
from sync.paths import CONFIG_FILE
from sync.protocol.models import NoticeList, Role
from sync.server.documents import get_document, put_document
from terminal.local_platform import LocalPlatform
from terminal.shell import Shell, attach_services
from terminal.startup import start_gui

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


@dataclass
class Hall:
    platform: LocalPlatform
    shell: Shell
    ui: DisplayComposition
    data: Path
    stopped: bool = False  # the test stopped the display and closed the shell itself


@pytest.fixture
def hall(tmp_path: Path, qtbot: QtBot) -> Iterator[Hall]:
    platform = LocalPlatform(f"sqlite:///{tmp_path / 'platform.db'}", demo_data=DEMO)
    url = platform.start()
    folder = tmp_path / "display-config"
    folder.mkdir()
    (folder / CONFIG_FILE).write_text(render_toml({
        "terminal": {"role": "display", "language": "en"},
        "platform": {"url": url, "connect_timeout": 1.0, "read_timeout": 5.0},
        "store": {"data_dir": str(tmp_path / "data")},
        "sync": {"poll_interval": 0.2, "refresh_interval": 0.5},
        "display": {"speech": "silent", "fullscreen": False},
    }), "utf-8")
    enroll_terminal(url, platform.enroll_code("C001", Role.DISPLAY), folder)
    gui = start_gui("reception-display-live-test", folder, argv=[], lock=False)
    shell = attach_services(gui, open_display_services(folder))
    ui = DisplayComposition(gui, fullscreen=False)
    qtbot.addWidget(ui.screen)
    ui.attach(shell)
    shell.start()
    hall = Hall(platform, shell, ui, tmp_path / "data")
    try:
        yield hall
    finally:
        if not hall.stopped:
            ui.stop()
            shell.close()
        platform.stop()


@pytest.mark.log_warnings(r"no audio output device")
def test_notices_changed_on_the_platform_scroll_without_a_restart(qtbot: QtBot,
                                                                  hall: Hall) -> None:
    ticker = hall.ui.screen.ticker
    qtbot.waitUntil(lambda: bool(ticker.text), timeout=20_000)  # the demo notices
    assert "Water supply notice" not in ticker.text
    reads: list[str] = []
    cache = hall.shell.services.runtime.cache
    original = cache.get

    def watched(name: str, model: Any) -> Any:
        reads.append(threading.current_thread().name)
        return original(name, model)

    cache.get = watched  # type: ignore[method-assign]
    engine = hall.platform.app.state.engine
    notices = NoticeList.model_validate_json(get_document(engine, "notices")[0])
    fresh = notices.notices[0].model_copy(update={
        "id": "N-901", "title_en": "Water supply notice", "title_zh": "停水通知"})
    put_document(engine, "notices", NoticeList(notices=[fresh, *notices.notices]))
    qtbot.waitUntil(lambda: "Water supply notice" in ticker.text, timeout=20_000)
    assert reads and threading.main_thread().name not in reads


@pytest.mark.log_warnings(r"no audio output device")
def test_a_stopped_display_no_longer_reads_its_store(qtbot: QtBot, hall: Hall) -> None:
    from sync.worker import SyncState

    qtbot.waitUntil(lambda: bool(hall.ui.screen.ticker.text), timeout=20_000)
    bridge = hall.shell.bridge
    hall.ui.stop()
    hall.shell.close()
    hall.stopped = True
    shutil.rmtree(hall.data)
    bridge.stateChanged.emit(SyncState(True, 0, 0, None))  # a late state after shutdown
    qtbot.wait(300)  # an exception in a slot would fail the test (pytest-qt)


@pytest.mark.log_warnings(r"no audio output device")
def test_the_audio_output_is_on_the_fleet_page(hall: Hall) -> None:
    from sync.server import operators
    from terminal.speech import audio_output_available

    hall.shell.services.runtime.synchronizer.heartbeat()
    operators.add_user(hall.platform.app.state.engine, "auditor", "a long password!",
                       operators.OperatorRole.AUDITOR, None)
    with httpx.Client(base_url=hall.platform.url, timeout=10) as browser:  # behind a login
        browser.post("/login", data={"username": "auditor", "password": "a long password!"})
        page = browser.get("/fleet").text
    row = next(line for line in page.splitlines()
               if hall.shell.services.terminal_id in line)
    if audio_output_available():
        assert "audio: degraded (no speech engine" in row or "audio: ready" in row
    else:
        assert "audio: offline (no audio output device: nothing is heard)" in row


@pytest.mark.log_warnings(r"no audio output device")
def test_speech_is_quiet_when_an_engine_is_absent_and_says_once_there_is_no_audio(
        qtbot: QtBot, tmp_path: Path, capfd: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    from display.chime import write_chime
    from terminal import speech

    monkeypatch.setattr(speech, "speech_dispatcher_available", lambda: False)
    chime = write_chime(tmp_path / "chime.wav")
    capfd.readouterr()
    with caplog.at_level(logging.INFO, logger="terminal.speech"):
        voice = speech.choose_voice("auto", "", chime, tmp_path, audible=False)
    assert "speechd" not in capfd.readouterr().err  # Qt's "Error loading ... plug-in"
    about_audio = [record for record in caplog.records if "audio output" in record.message]
    assert [record.levelno for record in about_audio] == [logging.WARNING]
    heard, reason = voice.sound()
    assert not heard and reason.startswith("no audio output device")
    assert "speechd" not in speech.tts_engines("auto")
    voice.close()
