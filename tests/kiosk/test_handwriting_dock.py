"""Handwriting in the keyboard's place: the dock's "handwriting" toggle swaps
the Qt Virtual Keyboard for the handwriting pad on the same focused field,
and back; it shows only when the recognizer has opened.

The kiosk form runs in a fresh process with the real keyboard (the input
module is chosen before the QApplication exists) and the real recognizer;
a recorded character is written on the pad with QTest mouse strokes.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from terminal.handwriting import Candidate, HandwritingUnavailable, Strokes, ZinniaRecognizer
from terminal.widgets.handwriting_pad import HandwritingPad, wait_for_handwriting
from terminal.widgets.keyboard import qt_virtual_keyboard_available
from terminal.widgets.keyboard_dock import KeyboardDock

ROOT = Path(__file__).resolve().parents[2]


class WaitingRecognizer:
    """Opens when the test says so; answers one candidate."""

    def __init__(self) -> None:
        self.opened = threading.Event()

    def __call__(self) -> WaitingRecognizer:
        assert self.opened.wait(10)
        return self

    def classify(self, strokes: Strokes, best: int = 10) -> list[Candidate]:
        return [Candidate("一", 1.0)]


def test_the_toggle_swaps_keyboard_and_pad_once_the_recognizer_opened(qtbot: QtBot) -> None:
    recognizer = WaitingRecognizer()
    dock = KeyboardDock(HandwritingPad(recognizer))
    qtbot.addWidget(dock)
    assert dock.toggle.isHidden()                       # not before the recognizer opened
    with qtbot.waitSignal(dock.handwriting.ready):
        recognizer.opened.set()
    assert not dock.toggle.isHidden() and dock.toggle.text() == "Handwriting"
    assert dock.handwriting.isHidden() and not dock.view.isHidden()

    with qtbot.waitSignal(dock.handwritingChanged) as changed:
        dock.toggle.click()
    assert changed.args == [True]
    assert not dock.handwriting.isHidden() and dock.view.isHidden()
    assert dock.toggle.isChecked() and dock.toggle.text() == "Keyboard"

    dock.toggle.click()
    assert dock.handwriting.isHidden() and not dock.view.isHidden()
    assert not dock.toggle.isChecked() and dock.toggle.text() == "Handwriting"
    assert wait_for_handwriting()


@pytest.mark.log_warnings(r"handwriting is not available")
def test_an_unavailable_recognizer_hides_the_toggle_and_brings_the_keyboard_back(
        qtbot: QtBot) -> None:
    def missing() -> WaitingRecognizer:
        raise HandwritingUnavailable("the Chinese handwriting model is missing")

    pad = HandwritingPad(missing)
    dock = KeyboardDock(pad)
    qtbot.addWidget(dock)
    qtbot.waitUntil(lambda: pad.available is False)
    assert dock.toggle.isHidden()
    dock.use_handwriting(True)                          # nothing to write with
    assert dock.handwriting.isHidden() and not dock.view.isHidden()

    recognizer = WaitingRecognizer()
    recognizer.opened.set()
    pad = HandwritingPad(recognizer)
    dock = KeyboardDock(pad)
    qtbot.addWidget(dock)
    qtbot.waitUntil(lambda: not dock.toggle.isHidden())
    dock.toggle.click()
    pad.unavailable.emit("the recognizer failed")      # as the pad says when it breaks
    assert dock.toggle.isHidden() and dock.handwriting.isHidden() and not dock.view.isHidden()
    assert wait_for_handwriting()


SCRIPT = textwrap.dedent("""
    import sys
    import time
    from pathlib import Path
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontInfo
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout
    from kiosk.composition import KioskComposition
    from kiosk.screens.base import KioskScreen
    from sync.protocol.models import FieldType, FormField
    from terminal.form_fields import TextInput
    from terminal.startup import start_gui
    from terminal.theme import ThemeMode
    from tests.terminal.handwriting_testset import load_testset
    from tests.terminal.test_handwriting_pad import write

    def wait_for(condition, msecs=10_000):
        deadline = time.monotonic() + msecs / 1000
        while not condition():
            if time.monotonic() > deadline:
                return False
            QTest.qWait(20)
        return True

    def wait(condition, what):
        assert wait_for(condition), what

    gui = start_gui("handwriting-probe", Path(sys.argv[1]), argv=[], lock=False)
    gui.language.set_language("zh_CN")
    ui = KioskComposition(gui, kiosk_mode=False)
    window, dock = ui.window, ui.window.keyboard
    pad = dock.handwriting

    class Probe(KioskScreen):
        def __init__(self):
            super().__init__()
            self.address = TextInput(FormField(key="address", label_zh="地址",
                                               label_en="Address", type=FieldType.TEXT))
            layout = QVBoxLayout(self)
            layout.addWidget(self.address)
            layout.addStretch(1)

    probe = Probe()
    ui.navigator.register("probe", probe)
    window.resize(1080, 1920)
    window.present()
    QTest.qWaitForWindowExposed(window)
    assert wait_for(dock.is_ready, 20_000), "the keyboard panel never loaded"
    wait(lambda: pad.available is True, "the recognizer opened")
    ui.navigator.go("probe")
    probe.address.activate()
    field = probe.address.editor
    wait(dock.isVisible, "the dock with the field's focus")
    wait(dock.toggle.isVisible, "the handwriting toggle beside the keyboard")
    assert dock.toggle.text() == "手写", dock.toggle.text()

    def clear_of_the_navigation():
        bar = window.navigation.geometry()
        for widget in (dock.toggle, pad, dock):
            top_left = widget.mapTo(window, widget.rect().topLeft())
            bottom = top_left.y() + widget.height()
            assert bottom <= bar.top(), (type(widget).__name__, bottom, bar)

    QTest.mouseClick(dock.toggle, Qt.MouseButton.LeftButton)
    wait(pad.isVisible, "the pad in the keyboard's place")
    assert not dock.view.isVisible() and dock.toggle.text() == "键盘"
    assert QApplication.focusWidget() is field, QApplication.focusWidget()
    assert pad.height() >= dock.view.height()
    clear_of_the_navigation()
    assert dock.geometry().top() >= window.screens.geometry().bottom()

    testset = load_testset()
    strokes = next(s for s in testset.samples if s.character == "号" and s.writer == 0).strokes
    write(pad, strokes, testset.pad_width)
    wait(lambda: "号" in [b.text() for b in pad.candidates], "号 among the candidates")
    normal = QFontInfo(pad.candidates[0].font()).pixelSize()
    gui.set_theme(ThemeMode(False, True))
    wait(lambda: QFontInfo(pad.candidates[0].font()).pixelSize() > normal,
         "larger candidates in large-text mode")
    button = next(b for b in pad.candidates if b.text() == "号")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert field.text() == "号", field.text()
    assert QApplication.focusWidget() is field

    window.resize(1920, 1080)
    wait(lambda: dock.geometry().left() >= window.screens.geometry().right(), "beside")
    assert pad.isVisible()
    clear_of_the_navigation()

    QTest.mouseClick(dock.toggle, Qt.MouseButton.LeftButton)
    wait(dock.view.isVisible, "the keyboard back")
    assert not pad.isVisible() and QApplication.focusWidget() is field

    QTest.mouseClick(dock.toggle, Qt.MouseButton.LeftButton)
    ui.navigator.end_session()
    wait(lambda: not dock.toggle.isChecked(), "the next resident starts with the keyboard")
    assert pad.isHidden() and not dock.view.isHidden()
    print("HANDWRITING OK")
""")


@pytest.mark.skipif(not qt_virtual_keyboard_available(), reason="no Qt Virtual Keyboard")
def test_a_character_written_on_the_pad_lands_in_a_kiosk_form_field(tmp_path: Path) -> None:
    try:
        ZinniaRecognizer().close()
    except HandwritingUnavailable as error:
        pytest.skip(str(error))
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                       QT_IM_MODULE="qtvirtualkeyboard", QT_VIRTUALKEYBOARD_DESKTOP_DISABLE="1",
                       RECEPTION_LOG_DIR=str(tmp_path / "logs"), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "HANDWRITING OK" in done.stdout, done.stderr[-3000:]
