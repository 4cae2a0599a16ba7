"""The kiosk as a whole: first paint without the sync core, the idle wipe,
the technician gesture, kiosk mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.composition import TECHNICIAN, KioskComposition
from kiosk.screens.base import KioskScreen
from kiosk.technician_gate import CornerTapGesture
from kiosk.window import leaves_the_kiosk
from terminal.startup import start_gui

ROOT = Path(__file__).resolve().parents[2]


def test_the_first_paint_loads_no_store_no_http_no_pydantic(tmp_path: Path) -> None:
    probe = (
        "import json, sys\n"
        "from kiosk.composition import KioskComposition\n"
        "from terminal.startup import start_gui\n"
        "from pathlib import Path\n"
        f"gui = start_gui('probe', Path({str(tmp_path)!r}), argv=[], lock=False)\n"
        "ui = KioskComposition(gui, kiosk_mode=False)\n"
        "ui.window.show(); gui.app.processEvents(); ui.window.grab()\n"
        "print(json.dumps(sorted(m for m in ('sqlalchemy', 'httpx', 'pydantic', 'alembic',"
        " 'cryptography', 'cv2') if m in sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=ROOT, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                 "RECEPTION_LOG_DIR": str(tmp_path / "logs")})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


class Probe(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self.resets = 0

    def reset(self) -> None:
        self.resets += 1


def test_idle_counts_down_then_wipes_everything(qtbot: QtBot, tmp_path: Path) -> None:
    gui = start_gui("kiosk-test", tmp_path, argv=[], lock=False)
    ui = KioskComposition(gui, kiosk_mode=False)
    qtbot.addWidget(ui.window)
    probe = Probe()
    ui.navigator.register("home", probe)
    ui.idle.idle_seconds, ui.idle.countdown_seconds = 1, 2
    ui.context.session.id_number = "11010519491231002X"
    ui.context.session.images["photo"] = b"jpeg"
    ui.attract.touched.emit()
    assert ui.window.current_screen() is probe
    with qtbot.waitSignal(ui.idle.countdownStarted, timeout=5000):
        pass
    assert ui.window.navigation.countdown_label.isVisibleTo(ui.window)
    with qtbot.waitSignal(ui.navigator.sessionEnded, timeout=5000):
        pass
    assert ui.window.current_screen() is ui.attract
    assert probe.resets == 1
    assert ui.context.session.id_number == "" and ui.context.session.images == {}


def test_a_touch_cancels_the_countdown(qtbot: QtBot, tmp_path: Path) -> None:
    gui = start_gui("kiosk-test", tmp_path, argv=[], lock=False)
    ui = KioskComposition(gui, kiosk_mode=False)
    qtbot.addWidget(ui.window)
    ui.navigator.register("home", Probe())
    ui.idle.idle_seconds, ui.idle.countdown_seconds = 1, 30
    ui.attract.touched.emit()
    with qtbot.waitSignal(ui.idle.countdownStarted, timeout=5000):
        pass
    with qtbot.waitSignal(ui.idle.countdownCancelled, timeout=1000):
        qtbot.mouseClick(ui.window.navigation.title_label, Qt.MouseButton.LeftButton)
    assert not ui.idle.counting_down


def test_five_corner_taps_open_the_technician_pin(qtbot: QtBot, tmp_path: Path) -> None:
    gui = start_gui("kiosk-test", tmp_path, argv=[], lock=False)
    ui = KioskComposition(gui, kiosk_mode=False)
    qtbot.addWidget(ui.window)
    now = [0.0]
    gesture = CornerTapGesture(ui.window, clock=lambda: now[0])
    gesture.triggered.connect(lambda: ui.navigator.go(TECHNICIAN))
    for _ in range(4):
        gesture.tap(QPointF(20, 20))
        now[0] += 0.5
    gesture.tap(QPointF(500, 500))  # a tap elsewhere starts over
    for _ in range(4):
        gesture.tap(QPointF(20, 20))
    assert ui.navigator.current is None
    gesture.tap(QPointF(30, 30))
    assert ui.navigator.current == TECHNICIAN


def test_kiosk_mode_swallows_escape_keys(qtbot: QtBot) -> None:
    escape = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    alt_f4 = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    letter = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
    assert leaves_the_kiosk(escape) and leaves_the_kiosk(alt_f4)
    assert not leaves_the_kiosk(letter)


def test_the_wipe_restyles_the_kiosk_once_for_all_the_switches(qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    """Soak finding (make soak, kiosk zh_CN, seed 1): a resident left large text and
    high contrast on; the idle wipe turned each off in turn, each restyling the whole
    kiosk, and the GUI thread did not answer for over 2 s. The wipe makes one restyle."""
    from terminal.theme import ThemeMode

    gui = start_gui("kiosk-test", tmp_path, argv=[], lock=False)
    ui = KioskComposition(gui, kiosk_mode=False)
    qtbot.addWidget(ui.window)
    ui.navigator.register("home", Probe())
    ui.attract.touched.emit()
    ui.bar.large_text_button.click()
    ui.bar.contrast_button.click()
    ui.bar.voice_button.click()
    assert gui.theme == ThemeMode(high_contrast=True, large_text=True)
    assert ui.guide.enabled
    applied: list[ThemeMode] = []
    set_theme = gui.set_theme
    gui.set_theme = lambda mode: (applied.append(mode), set_theme(mode))  # type: ignore[method-assign]
    ui.navigator.end_session()
    assert applied == [ThemeMode()]
    assert gui.theme == ThemeMode() and not ui.guide.enabled
    assert not any(button.isChecked() for button in (
        ui.bar.large_text_button, ui.bar.contrast_button, ui.bar.voice_button))
    assert ui.bar.large_text_button.text() == ui.bar.tr("Large text")
    applied.clear()
    ui.attract.touched.emit()
    ui.navigator.end_session()  # nothing was on: no restyle at all
    assert applied == []


def test_the_next_resident_finds_the_kiosks_own_language(qtbot: QtBot, tmp_path: Path) -> None:
    """A resident who switched to English leaves: the next one (the soak saw it) found
    English on a Chinese kiosk. The wipe returns to the configured language."""
    gui = start_gui("kiosk-test", tmp_path, argv=[], lock=False)
    assert gui.settings.language == "zh_CN" == gui.language.language
    ui = KioskComposition(gui, kiosk_mode=False)
    qtbot.addWidget(ui.window)
    ui.navigator.register("home", Probe())
    ui.attract.touched.emit()
    ui.bar.language_button.click()
    assert gui.language.language == "en"
    ui.navigator.end_session()
    assert gui.language.language == "zh_CN"
    assert ui.bar.language_button.text() == "English"  # the switch offers English again
    ui.attract.touched.emit()
    ui.navigator.end_session()  # a session in the kiosk's language: nothing switched
    assert gui.language.language == "zh_CN"


def test_the_input_watch_is_aside_while_the_kiosk_restyles(qtbot: QtBot,
                                                           tmp_path: Path) -> None:
    """Soak finding (make soak, kiosk zh_CN, seed 1): a tap on "High contrast" held the
    GUI thread for seconds on the real display. The restyle sends thousands of events
    through the application's Python filter, each a chance for a busy thread to take
    the GIL; the filter is off the application while the theme is applied, and back
    after it (here: an input event sent during the restyle reaches no watcher)."""
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    gui = start_gui("kiosk-test", tmp_path, argv=[], lock=False)
    ui = KioskComposition(gui, kiosk_mode=False)
    qtbot.addWidget(ui.window)
    seen: list[QEvent.Type] = []
    ui.input.add(lambda event: seen.append(event.type()) or False)

    def touch() -> None:
        QApplication.sendEvent(ui.window, QMouseEvent(
            QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5), Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))

    touch()
    assert seen == [QEvent.Type.MouseMove]
    set_theme = gui.set_theme
    during: list[int] = []

    def spy(mode: object) -> None:
        touch()
        during.append(len(seen))
        set_theme(mode)  # type: ignore[arg-type]

    gui.set_theme = spy  # type: ignore[method-assign]
    ui.bar.contrast_button.click()
    ui.bar.large_text_button.click()
    assert during == [1, 1]  # the watchers saw nothing while the theme was applied
    touch()
    assert seen == [QEvent.Type.MouseMove] * 2  # and see input again after it


class Field(KioskScreen):
    def __init__(self) -> None:
        super().__init__()
        self.field = QLineEdit("110105194912310021", self)


@pytest.mark.parametrize("kiosk_mode", [True, False])
def test_kiosk_mode_opens_no_context_menu(qtbot: QtBot, tmp_path: Path,
                                          kiosk_mode: bool) -> None:
    """A text field's menu (Menu key, right button, a long press made a right click)
    offers Paste and a popup a touch user cannot read their way out of: none in kiosk
    mode; the development window keeps it."""
    gui = start_gui("kiosk-test", tmp_path, argv=[], lock=False)
    ui = KioskComposition(gui, kiosk_mode=kiosk_mode)
    qtbot.addWidget(ui.window)
    screen = Field()
    ui.navigator.register("home", screen)
    ui.window.show()
    ui.attract.touched.emit()
    qtbot.waitExposed(ui.window)
    QApplication.sendEvent(screen.field, QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, QPoint(5, 5), screen.field.mapToGlobal(QPoint(5, 5))))
    menu = QApplication.activePopupWidget()  # a text field's menu pops up at once
    if menu is not None:
        menu.close()
    QApplication.instance().removeEventFilter(ui.input)  # the next test's application
    assert (menu is None) is kiosk_mode
