"""The handwriting pad, offscreen, written on with mouse strokes (QTest) from
the recorded test set, on the real Zinnia recognizer unless a test needs to
control recognition."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from terminal.handwriting import Candidate, HandwritingUnavailable, Strokes, ZinniaRecognizer
from terminal.handwriting.zinnia import MODEL_PATH
from terminal.i18n import LanguageSwitcher
from terminal.widgets.handwriting_pad import HandwritingPad, wait_for_handwriting
from tests.terminal.handwriting_testset import RecordedSet, Sample, load_testset


@pytest.fixture(scope="module")
def testset() -> RecordedSet:
    return load_testset()


def sample(testset: RecordedSet, character: str, writer: int = 0) -> Sample:
    return next(s for s in testset.samples if s.character == character and s.writer == writer)


@pytest.fixture
def zinnia() -> None:
    try:
        ZinniaRecognizer().close()
    except HandwritingUnavailable as error:
        pytest.skip(str(error))


@pytest.fixture(autouse=True)
def _lane_drained() -> Iterator[None]:
    yield
    assert wait_for_handwriting()


class Form(QWidget):
    """A text field above a pad, as the kiosk shows them."""

    def __init__(self, field: QWidget, pad: HandwritingPad) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(field)
        layout.addWidget(pad, 1)
        self.resize(1080, 900)


ShowForm = Callable[[QWidget, HandwritingPad], Form]


@pytest.fixture
def show_form(qtbot: QtBot) -> Iterator[ShowForm]:
    """Shows a field above a pad, the field focused; keeps the form alive."""
    shown: list[Form] = []

    def show(field: QWidget, pad: HandwritingPad) -> Form:
        form = Form(field, pad)
        qtbot.addWidget(form)
        shown.append(form)
        form.show()
        qtbot.waitExposed(form)
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        return form

    yield show


def write(pad: HandwritingPad, strokes: Strokes, pad_size: int) -> list[list[QPoint]]:
    """Draw recorded strokes on the canvas with mouse press, moves and release."""
    canvas = pad.canvas
    scale = min(canvas.width(), canvas.height()) / pad_size
    left = (canvas.width() - pad_size * scale) / 2
    top = (canvas.height() - pad_size * scale) / 2
    drawn = []
    for stroke in strokes:
        points = [QPoint(round(left + x * scale), round(top + y * scale)) for x, y in stroke]
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         points[0])
        for point in points[1:]:
            QTest.mouseMove(canvas, point)
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                           points[-1])
        drawn.append(points)
    return drawn


def candidates(pad: HandwritingPad) -> list[str]:
    return [button.text() for button in pad.candidates if button.text()]


def test_a_written_character_is_offered_and_typed_into_the_line_edit(
        qtbot: QtBot, show_form: ShowForm, zinnia: None, testset: RecordedSet) -> None:
    field = QLineEdit("幸福里")
    pad = HandwritingPad()
    show_form(field, pad)
    drawn = write(pad, sample(testset, "号").strokes, testset.pad_width)

    recorded = pad.canvas.strokes()
    assert len(recorded) == len(drawn)
    assert [[(round(x), round(y)) for x, y in stroke] for stroke in recorded] \
        == [[(p.x(), p.y()) for p in stroke] for stroke in drawn]
    qtbot.waitUntil(lambda: "号" in candidates(pad))
    button = next(b for b in pad.candidates if b.text() == "号")
    with qtbot.waitSignal(pad.characterChosen) as chosen:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert chosen.args == ["号"]
    assert field.text() == "幸福里号"
    assert field.hasFocus()                       # the pad's buttons never take it
    assert pad.canvas.strokes() == [] and candidates(pad) == []


@pytest.mark.parametrize("field_type", [QTextEdit, QPlainTextEdit])
def test_characters_go_to_the_focused_multi_line_field(
        qtbot: QtBot, show_form: ShowForm, zinnia: None, testset: RecordedSet,
        field_type: type[QTextEdit] | type[QPlainTextEdit]) -> None:
    field = field_type()
    pad = HandwritingPad()
    show_form(field, pad)
    for character in "福里":
        write(pad, sample(testset, character).strokes, testset.pad_width)
        qtbot.waitUntil(lambda c=character: c in candidates(pad))
        button = next(b for b in pad.candidates if b.text() == character)
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert field.toPlainText() == "福里"


def test_delete_removes_the_character_before_the_cursor_and_rewrite_wipes_the_pad(
        qtbot: QtBot, show_form: ShowForm, zinnia: None, testset: RecordedSet) -> None:
    field = QLineEdit("3号楼")
    pad = HandwritingPad()
    show_form(field, pad)
    QTest.mouseClick(pad.delete_button, Qt.MouseButton.LeftButton)
    assert field.text() == "3号"
    write(pad, sample(testset, "楼").strokes, testset.pad_width)
    qtbot.waitUntil(lambda: len(candidates(pad)) == 6)
    QTest.mouseClick(pad.rewrite_button, Qt.MouseButton.LeftButton)
    assert pad.canvas.strokes() == [] and candidates(pad) == []
    assert not any(button.isEnabled() for button in pad.candidates)
    assert field.text() == "3号"


def test_at_least_five_large_candidates(qtbot: QtBot, show_form: ShowForm, zinnia: None,
                                        testset: RecordedSet) -> None:
    pad = HandwritingPad()
    show_form(QLineEdit(), pad)
    write(pad, sample(testset, "路").strokes, testset.pad_width)
    qtbot.waitUntil(lambda: len(candidates(pad)) >= 5)
    for button in pad.candidates:
        assert button.isVisible() and button.height() >= 88
        assert QFontInfo(button.font()).pixelSize() >= 28


class GatedRecognizer:
    """Answers only when the test opens the gate; notes the thread it ran on."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.threads: list[threading.Thread] = []
        self.seen: list[int] = []

    def classify(self, strokes: Strokes, best: int = 10) -> list[Candidate]:
        self.threads.append(threading.current_thread())
        self.seen.append(len(strokes))
        assert self.gate.wait(10)
        return [Candidate(c, 1.0) for c in "一二三四五六七"[:best]]


def test_recognition_runs_off_the_gui_thread_and_a_rewritten_character_s_answer_is_dropped(
        qtbot: QtBot, show_form: ShowForm) -> None:
    recognizer = GatedRecognizer()
    pad = HandwritingPad(lambda: recognizer)
    show_form(QLineEdit(), pad)
    qtbot.waitUntil(lambda: pad.available is True)
    write(pad, [[(100, 300), (500, 300)]], 600)
    write(pad, [[(100, 400), (500, 400)]], 600)   # while the first is recognized
    pad.rewrite()
    recognizer.gate.set()
    assert wait_for_handwriting()
    QCoreApplication.processEvents()
    assert candidates(pad) == []                  # both answers were for the wiped pad
    assert recognizer.seen == [1]                 # the wiped second stroke was never sent
    assert threading.main_thread() not in recognizer.threads

    with qtbot.waitSignal(pad.candidatesShown) as shown:
        write(pad, [[(100, 300), (500, 300)]], 600)
    assert shown.args == [list("一二三四五六")]


def test_strokes_written_while_recognizing_are_recognized_together_afterwards(
        qtbot: QtBot, show_form: ShowForm) -> None:
    recognizer = GatedRecognizer()
    pad = HandwritingPad(lambda: recognizer)
    show_form(QLineEdit(), pad)
    qtbot.waitUntil(lambda: pad.available is True)
    for y in (200, 300, 400):
        write(pad, [[(100, y), (500, y)]], 600)
    recognizer.gate.set()
    qtbot.waitUntil(lambda: recognizer.seen == [1, 3])


def mapped(path: Path) -> bool:
    """Whether this process has the file mapped (an open Zinnia model is)."""
    return str(path) in Path("/proc/self/maps").read_text()


def test_the_model_is_in_memory_only_while_a_pad_shows(
        qtbot: QtBot, show_form: ShowForm, zinnia: None, testset: RecordedSet,
        tmp_path: Path) -> None:
    model = tmp_path / "handwriting-zh_CN.model"  # a file of its own: no other pad's
    shutil.copyfile(MODEL_PATH, model)
    pad = HandwritingPad(lambda: ZinniaRecognizer(model))
    pad.release_after_ms = 0
    with qtbot.waitSignal(pad.ready):
        pass
    assert pad.available is True
    assert wait_for_handwriting() and not mapped(model)  # opened once, closed again

    form = show_form(QLineEdit(), pad)
    qtbot.waitUntil(lambda: mapped(model))
    write(pad, sample(testset, "号").strokes, testset.pad_width)
    qtbot.waitUntil(lambda: "号" in candidates(pad))
    form.hide()
    qtbot.waitUntil(lambda: not mapped(model))

    form.show()
    pad.rewrite()
    write(pad, sample(testset, "里").strokes, testset.pad_width)
    qtbot.waitUntil(lambda: "里" in candidates(pad))
    assert mapped(model)


@pytest.mark.log_warnings(r"handwriting is not available")
def test_a_missing_recognizer_disables_the_pad_and_says_why(
        qtbot: QtBot, show_form: ShowForm) -> None:
    def missing() -> GatedRecognizer:
        raise HandwritingUnavailable("the Chinese handwriting model is missing: no file x")

    pad = HandwritingPad(missing)
    with qtbot.waitSignal(pad.unavailable) as why:
        show_form(QLineEdit(), pad)
    assert "model is missing" in why.args[0]
    assert pad.available is False
    assert not pad.canvas.isEnabled()
    assert pad.message.isVisible() and pad.message.text()


def test_the_pad_speaks_chinese_and_english(qtbot: QtBot) -> None:
    pad = HandwritingPad(lambda: GatedRecognizer())
    qtbot.addWidget(pad)
    switcher = LanguageSwitcher(QCoreApplication.instance())
    assert switcher.set_language("zh_CN")
    qtbot.waitUntil(lambda: pad.rewrite_button.text() == "重写")
    assert pad.delete_button.text() == "⌫ 删除"
    assert pad.canvas.placeholder == "在这里写一个字"
    assert switcher.set_language("en")
    qtbot.waitUntil(lambda: pad.rewrite_button.text() == "Rewrite")
    assert pad.canvas.placeholder == "Write one character here"
