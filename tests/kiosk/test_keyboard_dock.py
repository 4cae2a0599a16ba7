"""The kiosk's docked keyboard, offscreen, with the real Qt Virtual Keyboard
loaded in a fresh process (the input module is chosen before the
QApplication exists, so not in this test session's process).

Typing by touch is proved on a real display (tests/e2e/test_keyboard_pinyin.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from terminal.widgets.keyboard import qt_virtual_keyboard_available

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import sys
    import time
    from pathlib import Path
    from PySide6.QtCore import QObject, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton, QVBoxLayout
    from kiosk.composition import KioskComposition
    from kiosk.screens.base import KioskScreen
    from sync.protocol.models import FieldType, FormField
    from terminal.form_fields import TextInput
    from terminal.startup import start_gui
    from terminal.theme import ThemeMode

    def wait_for(condition, msecs):
        deadline = time.monotonic() + msecs / 1000
        while not condition():
            if time.monotonic() > deadline:
                return False
            QTest.qWait(20)
        return True

    gui = start_gui("dock-probe", Path(sys.argv[1]), argv=[], lock=False)
    ui = KioskComposition(gui, kiosk_mode=False)
    window, dock = ui.window, ui.window.keyboard
    assert dock is not None, "no keyboard dock under QT_IM_MODULE=qtvirtualkeyboard"

    class Probe(KioskScreen):
        def __init__(self):
            super().__init__()
            self.address = TextInput(FormField(key="address", label_zh="地址",
                                               label_en="Address", type=FieldType.TEXT))
            self.other = QPushButton("Next")
            layout = QVBoxLayout(self)
            layout.addWidget(self.address)
            layout.addWidget(self.other)

    probe = Probe()
    ui.navigator.register("probe", probe)
    window.resize(1080, 1920)
    window.present()
    QTest.qWaitForWindowExposed(window)
    ready = wait_for(dock.is_ready, 20_000)
    assert ready, "the keyboard panel never loaded"
    root = dock.view.rootObject()
    style = root.findChild(QObject, "receptionStyle")

    def wait(condition, what):
        assert wait_for(condition, 5_000), what

    # the kiosk's language, and only the other one
    wait(lambda: root.property("locale") == "zh_CN", "Chinese keyboard for zh_CN")
    gui.language.set_language("en")
    wait(lambda: root.property("locale") == "en_US", "English keyboard after the switch")
    gui.language.set_language("zh_CN")
    wait(lambda: root.property("locale") == "zh_CN", "Chinese again")

    # candidates of at least 28 px, larger in large-text mode
    normal = style.property("candidatePixelSize")
    assert normal >= 28, normal
    gui.set_theme(ThemeMode(False, True))
    wait(lambda: style.property("candidatePixelSize") > normal, "larger candidates")
    gui.set_theme(ThemeMode(False, False))

    # a text step: the keyboard shows below the screens, above the navigation bar
    ui.navigator.go("probe")
    probe.address.activate()
    wait(dock.isVisible, "the keyboard with the field's focus")
    screens, bar = window.screens.geometry(), window.navigation.geometry()
    assert dock.geometry().top() >= screens.bottom(), (dock.geometry(), screens)
    assert dock.geometry().bottom() <= bar.top(), (dock.geometry(), bar)
    assert dock.width() == window.width()

    # landscape: beside the screens, which keep the window's height
    window.resize(1920, 1080)
    wait(lambda: dock.geometry().left() >= window.screens.geometry().right(), "beside")
    assert dock.geometry().bottom() <= window.navigation.geometry().top()
    assert window.screens.height() > 1080 // 2
    window.resize(1080, 1920)

    # a tap elsewhere: the keyboard goes only once the finger is up
    QTest.mousePress(probe.other, Qt.MouseButton.LeftButton)
    wait(lambda: not QGuiApplication.inputMethod().isVisible(), "the input method hides")
    assert dock.isVisible(), "the layout moved under the finger"
    QTest.mouseRelease(probe.other, Qt.MouseButton.LeftButton)
    wait(lambda: not dock.isVisible(), "the keyboard gone after the tap")

    # back to a text field; the session ends: the keyboard goes with the screen
    probe.address.activate()
    wait(dock.isVisible, "the keyboard again")
    ui.navigator.end_session()
    wait(lambda: not dock.isVisible(), "no keyboard on the attract screen")
    print("DOCK OK")
""")


@pytest.mark.skipif(not qt_virtual_keyboard_available(), reason="no Qt Virtual Keyboard")
def test_the_dock_follows_language_text_size_orientation_and_the_finger(tmp_path: Path) -> None:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                       QT_IM_MODULE="qtvirtualkeyboard", QT_VIRTUALKEYBOARD_DESKTOP_DISABLE="1",
                       RECEPTION_LOG_DIR=str(tmp_path / "logs"), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], cwd=ROOT,
                          env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "DOCK OK" in done.stdout, done.stderr[-3000:]
