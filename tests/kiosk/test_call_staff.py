"""The "call staff" button: on every screen in the window's top strip; a tap
is saved on the kiosk through SyncBridge.submit (real shell, real store), the
resident is answered only after the commit, a second tap soon after records
nothing, and a call made offline reaches the platform when the link returns."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.accessibility_bar import AccessibilityBar
from kiosk.attract import AttractScreen
from kiosk.call_staff import COOLDOWN_SECONDS, CallStaffButton
from kiosk.composition import KioskComposition
from kiosk.window import KioskWindow
from terminal.startup import Gui
from terminal.sync_badge import SyncBadge
from tests.kiosk.conftest import DEMO_DIR, Online
from tests.kiosk.test_voice_guide import RecordingVoice


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def staff_button(qtbot: QtBot, online: Online, clock: Clock,
                 where: tuple[str, str] = ("help", "Help")) -> tuple[KioskWindow, CallStaffButton]:
    """The button in a kiosk window, saving through the shell's bridge."""
    attract = AttractScreen(center_name=lambda: "Test hall", notices=lambda: [],
                            serving=lambda: [], language=lambda: "en")
    window = KioskWindow(attract, SyncBadge(), AccessibilityBar(), kiosk_mode=False)
    qtbot.addWidget(window)
    button = CallStaffButton(lambda: where, lambda: "en", clock=clock)
    window.add_to_strip(button)
    button.attach(online.shell.bridge, "2")
    window.resize(1080, 1920)
    window.show()
    return window, button


def settled(online: Online) -> None:
    """Whatever the store thread was given has been committed."""
    assert online.shell.bridge._store_lane.wait(10_000)


def test_the_resident_hears_back_only_after_the_commit_and_once(
        qtbot: QtBot, online: Online, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    _window, button = staff_button(qtbot, online, clock)
    outbox = online.shell.services.runtime.outbox
    entered, release = threading.Event(), threading.Event()
    submit = outbox.submit

    def slow_disk(*args: Any, **kwargs: Any) -> Any:  # on the store thread
        entered.set()
        assert release.wait(10)
        return submit(*args, **kwargs)

    monkeypatch.setattr(outbox, "submit", slow_disk)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(entered.is_set, timeout=5000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # impatient: still being saved
    qtbot.wait(50)
    assert not button.notice.isVisible() and outbox.backlog() == 0
    with qtbot.waitSignal(button.called, timeout=5000):
        release.set()
    assert outbox.backlog() == 1
    assert button.notice.isVisible()
    assert button.notice.text() == \
        "Staff have been called. Please wait here; someone will come to you."
    assert button.text() == "✓ Call staff"

    button.dismiss()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # again, a little later
    settled(online)
    assert outbox.backlog() == 1 and button.notice.isVisible()
    clock.now += COOLDOWN_SECONDS + 1  # much later: the resident is still waiting
    with qtbot.waitSignal(button.called, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert outbox.backlog() == 2


def test_a_call_made_offline_reaches_the_platform_when_the_link_returns(
        qtbot: QtBot, online: Online, tmp_path: Path) -> None:
    from sync.server import help_requests
    from terminal.local_platform import LocalPlatform

    _window, button = staff_button(qtbot, online, Clock(), where=("repair", "Report a repair"))
    runtime = online.shell.services.runtime
    online.platform.stop()
    with qtbot.waitSignal(button.called, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.notice.isVisible() and runtime.outbox.backlog() == 1

    back = LocalPlatform(f"sqlite:///{tmp_path / 'platform.db'}", demo_data=DEMO_DIR)
    runtime.client._http.base_url = back.start()  # the same platform, back on the link
    online.platform = back
    assert runtime.synchronizer.drain() == 1 and runtime.outbox.backlog() == 0
    [request] = help_requests.board(back.app.state.engine, "C001", time.time()).requests
    assert (request.kiosk, request.screen, request.screen_title, request.language) == \
        ("2", "repair", "Report a repair", "en")
    assert request.open


def test_the_button_is_in_the_strip_of_every_screen_and_says_so_before_phase_two(
        qtbot: QtBot, gui: Gui) -> None:
    from kiosk.screens import core

    ui = KioskComposition(gui, kiosk_mode=False)
    qtbot.addWidget(ui.window)
    for name, screen in core.build(ui.context).items():
        ui.navigator.register(name, screen)
    ui.window.resize(1920, 1080)
    ui.window.show()
    button = ui.call_staff
    assert ui.window.lead.indexOf(button) == 1  # beside the sync badge
    assert button.isVisible() and ui.window.current_screen() is ui.attract
    ui.navigator.go("help")
    assert button.isVisible()
    assert ui._where() == ("help", "Help")
    voice = RecordingVoice()
    ui.guide.use_voice(voice)
    ui.bar.voice_button.click()  # voice guidance on: the answer is said as well
    qtbot.waitUntil(lambda: not ui.guide.about_to_read)
    button.click()  # nothing to save with yet: the resident is sent to a window
    assert button.notice.isVisible()
    failed = "Sorry, the call did not go through. Please ask at any service window."
    assert button.notice.text() == failed
    assert voice.spoken()[-1] == (failed, "en")
    ui.navigator.end_session()
    assert not button.notice.isVisible() and ui._where() == ("attract", "")
