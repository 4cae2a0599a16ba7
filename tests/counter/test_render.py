"""Render every counter screen at both desk sizes in zh_CN and en into the test's
tmp_path, artefacts/counter (for people to look at), checking nothing is cut off."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.counter.conftest import Counter, settle, sign_in
from tests.helpers.artefacts import artefact_dir

SIZES = [(1920, 1080), (1366, 768)]


def _grab(counter: Counter, qtbot: QtBot, name: str, size: tuple[int, int],
          language: str) -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QPushButton

    window = counter.ui.window
    window.resize(*size)
    QApplication.processEvents()
    assert window.width() == size[0] and window.height() == size[1], window.size()
    out = artefact_dir("counter")
    assert window.grab().save(str(out / f"{name}-{size[0]}x{size[1]}-{language}.png"))
    for button in window.findChildren(QPushButton):  # no button text cut off
        if button.isVisible() and button.text():
            lines = button.text().split("\n")
            metrics = button.fontMetrics()
            widest = max(metrics.horizontalAdvance(line) for line in lines)
            assert widest <= button.width(), (name, button.text(), button.width())
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.text() and not label.wordWrap():
            assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width() + 2, \
                (name, label.text(), label.width())


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_render_counter_screens(qtbot: QtBot, counter: Counter, language: str) -> None:
    counter.shell.gui.language.set_language(language)
    counter.ui.queue_panel.set_language(language)
    desk, panel, window = counter.ui.desk, counter.ui.queue_panel, counter.ui.window
    counter.issue("A")
    counter.issue("A")
    counter.issue("B")
    for size in SIZES:
        _grab(counter, qtbot, "sign-in", size, language)
    assert counter.ui.sign_in.present_card("04A1B2C3")  # a staff card, then the PIN
    for size in SIZES:
        _grab(counter, qtbot, "sign-in-card", size, language)
    counter.ui.sign_in.reset()
    sign_in(qtbot, counter)
    qtbot.waitUntil(lambda: desk.state is not None, timeout=10_000)
    for size in SIZES:
        _grab(counter, qtbot, "queue-idle", size, language)
    panel.trigger("call")
    settle(qtbot, counter)
    panel.trigger("recall")
    settle(qtbot, counter)
    panel.trigger("call")  # not allowed while serving: nothing happens
    for size in SIZES:
        _grab(counter, qtbot, "queue-serving", size, language)
    panel.trigger("transfer")
    for size in SIZES:
        _grab(counter, qtbot, "transfer", size, language)
    panel.close_chooser()
    panel.trigger("park")
    settle(qtbot, counter)
    panel.trigger("pause")
    panel.chooser.buttons["break"].click()
    for size in SIZES:
        _grab(counter, qtbot, "queue-paused", size, language)
    window.figures_button.setChecked(True)
    qtbot.waitUntil(lambda: counter.ui.figures.figures is not None, timeout=10_000)
    for size in SIZES:
        _grab(counter, qtbot, "figures", size, language)
