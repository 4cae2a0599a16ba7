"""A handwriting pad: write a Chinese character with a finger, pick it from
the candidates, and it is typed into the text field.

The canvas records each press-move-release (a touch arrives as a mouse
event) as one stroke. After every stroke the strokes go to the recognizer on
the pad's own lane (one worker thread: the recognizer is opened, and
classifies, only there; the GUI thread never waits for it). Results of a
character the resident has already picked or rewritten are dropped.

The recognizer's model is 26 MB once open, and most residents never write:
a new pad opens it once to learn that handwriting works here and closes it
again; it is opened when a pad shows (about 16 ms, on the lane) and closed
when no pad has shown for `RELEASE_AFTER_MS`.

A picked candidate reaches the text field as an input-method commit, and
"delete" as a Backspace key, so validators, maximum lengths and the cursor
behave as with any other keyboard. The field is the one set with
`set_target`, or else the focused text field; the pad's own buttons never
take the focus.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QHideEvent,
    QInputMethodEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from terminal.background import Lane
from terminal.handwriting import Candidate, HandwritingUnavailable, Strokes, ZinniaRecognizer
from terminal.handwriting.ink import Point
from terminal.widgets.keyboard import panel_input

log = logging.getLogger("terminal.handwriting")

CANDIDATES = 6
CANDIDATE_PIXELS = 40  # text size without a theme; the theme's keypad role is larger
BUTTON_HEIGHT = 96
SIDE_COLUMN_WIDTH = 300
PEN_WIDTH = 10
TEXT_FIELDS = (QLineEdit, QTextEdit, QPlainTextEdit)
#: how long a hidden pad keeps the recognizer open (shown again meanwhile: no reopening)
RELEASE_AFTER_MS = 10_000


class Recognizer(Protocol):
    def classify(self, strokes: Strokes, best: int = 10) -> list[Candidate]: ...


RecognizerFactory = Callable[[], Recognizer]


class _OpenRecognizers:
    """Recognizers per factory, opened and closed only on the lane."""

    def __init__(self) -> None:
        self._opened: dict[RecognizerFactory, Recognizer] = {}
        self._lock = threading.Lock()

    def get(self, factory: RecognizerFactory) -> Recognizer:
        """The open recognizer, opened now if it is not."""
        with self._lock:
            if factory not in self._opened:
                self._opened[factory] = factory()
            return self._opened[factory]

    def probe(self, factory: RecognizerFactory) -> None:
        """Raise what opening raises; a recognizer opened here is closed again."""
        with self._lock:
            if factory not in self._opened:
                _close(factory())

    def release(self, factory: RecognizerFactory) -> None:
        """Close the recognizer (its model leaves memory) until it is needed again."""
        with self._lock:
            recognizer = self._opened.pop(factory, None)
        if recognizer is not None:
            _close(recognizer)


def _close(recognizer: Recognizer) -> None:
    close = getattr(recognizer, "close", None)
    if close is not None:
        close()


_LANE = Lane(1, "handwriting")
_RECOGNIZERS = _OpenRecognizers()


def wait_for_handwriting(msecs: int = 10_000) -> bool:
    """Tests and shutdown: wait until the queued recognitions have run."""
    return _LANE.wait(msecs)


def type_into(field: QWidget, text: str) -> None:
    """Commit `text` into a text field as an input method does."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    with panel_input():  # the resident picked it (see terminal.widgets.keyboard)
        QCoreApplication.sendEvent(field, event)


def press_backspace(field: QWidget) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.sendEvent(
            field, QKeyEvent(kind, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier))


class HandwritingCanvas(QWidget):
    """Where the resident writes: strokes in widget coordinates."""

    strokeFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handwritingCanvas")
        self.setMinimumSize(320, 320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._strokes: list[list[Point]] = []
        self._writing = False
        self.placeholder = ""

    def strokes(self) -> list[list[Point]]:
        return [list(stroke) for stroke in self._strokes]

    def clear(self) -> None:
        self._strokes.clear()
        self._writing = False
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._writing = True
        self._strokes.append([self._point(event)])
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self._writing:
            return
        point = self._point(event)
        if point != self._strokes[-1][-1]:
            self._strokes[-1].append(point)
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self._writing or event.button() != Qt.MouseButton.LeftButton:
            return
        self._writing = False
        point = self._point(event)
        if point != self._strokes[-1][-1]:
            self._strokes[-1].append(point)
        self.update()
        self.strokeFinished.emit()

    @staticmethod
    def _point(event: QMouseEvent) -> Point:
        position = event.position()
        return (position.x(), position.y())

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        side = min(self.width(), self.height()) - 2 * PEN_WIDTH
        box = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        painter.fillRect(box, palette.color(QPalette.ColorRole.Base))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 2))
        painter.drawRect(box)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(box.center().x(), box.top()),
                         QPointF(box.center().x(), box.bottom()))
        painter.drawLine(QPointF(box.left(), box.center().y()),
                         QPointF(box.right(), box.center().y()))
        if not self._strokes and self.placeholder:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.placeholder)
        ink = QPen(palette.color(QPalette.ColorRole.Text), PEN_WIDTH, Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(ink)
        for stroke in self._strokes:
            points = [QPointF(x, y) for x, y in stroke]
            if len(points) == 1:
                painter.drawPoint(points[0])
            else:
                painter.drawPolyline(points)
        painter.end()


class HandwritingPad(QWidget):
    """Canvas, a row of candidates, "rewrite" and "delete"."""

    characterChosen = Signal(str)
    candidatesShown = Signal(list)  # the characters now on the candidate buttons
    ready = Signal()
    unavailable = Signal(str)  # why, for the log; the kiosk then hides handwriting

    def __init__(self, recognizer_factory: RecognizerFactory = ZinniaRecognizer,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handwritingPad")
        self._factory = recognizer_factory
        self._target: QWidget | None = None
        self._generation = 0
        self._busy = False
        self._again = False
        self.available: bool | None = None  # None until the recognizer has opened
        self.release_after_ms = RELEASE_AFTER_MS
        self._release_timer = QTimer(self)
        self._release_timer.setSingleShot(True)
        self._release_timer.timeout.connect(self._release)

        self.canvas = HandwritingCanvas()
        self.canvas.strokeFinished.connect(self._recognize)
        self.candidates: list[QPushButton] = []
        candidate_row = QHBoxLayout()
        candidate_row.setSpacing(12)
        for _ in range(CANDIDATES):
            button = self._button("handwritingCandidate")
            font = QFont(button.font())
            font.setPixelSize(CANDIDATE_PIXELS)
            button.setFont(font)
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, b=button: self.choose(b.text()))
            candidate_row.addWidget(button, 1)
            self.candidates.append(button)
        self.rewrite_button = self._button("handwritingRewrite")
        self.rewrite_button.clicked.connect(self.rewrite)
        self.delete_button = self._button("handwritingDelete")
        self.delete_button.clicked.connect(self.delete_before_cursor)
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.hide()

        side_column = QWidget()
        side_column.setFixedWidth(SIDE_COLUMN_WIDTH)  # the theme's button rules set widths
        side = QVBoxLayout(side_column)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(12)
        side.addWidget(self.rewrite_button)
        side.addWidget(self.delete_button)
        side.addStretch(1)
        writing = QHBoxLayout()
        writing.setSpacing(12)
        writing.addWidget(self.canvas, 1)
        writing.addWidget(side_column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(12)
        layout.addLayout(candidate_row)
        layout.addWidget(self.message)
        layout.addLayout(writing, 1)
        self.retranslate()
        factory = recognizer_factory
        _LANE.run(self, lambda: _RECOGNIZERS.probe(factory), self._opened, self._failed,
                  error_as_text=False)

    def _button(self, name: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setProperty("role", "keypad")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumHeight(BUTTON_HEIGHT)
        button.setMinimumWidth(BUTTON_HEIGHT)
        return button

    # ---- the text field ------------------------------------------------------------

    def set_target(self, field: QWidget | None) -> None:
        """Type into `field`; None: into whichever text field has the focus."""
        self._target = field

    def target(self) -> QWidget | None:
        if self._target is not None:
            return self._target
        focused = QApplication.focusWidget()
        return focused if isinstance(focused, TEXT_FIELDS) else None

    def choose(self, character: str) -> None:
        """Type `character` into the field and start the next one."""
        if not character:
            return
        field = self.target()
        if field is not None:
            type_into(field, character)
        self.characterChosen.emit(character)
        self.rewrite()

    def delete_before_cursor(self) -> None:
        field = self.target()
        if field is not None:
            press_backspace(field)

    def rewrite(self) -> None:
        """Wipe the canvas and the candidates; a recognition under way is dropped."""
        self._generation += 1
        self._again = False
        self.canvas.clear()
        self._show([])

    # ---- recognition ---------------------------------------------------------------

    def _recognize(self) -> None:
        if self.available is False:
            return
        if self._busy:
            self._again = True
            return
        strokes = self.canvas.strokes()
        if not strokes:
            return
        self._busy = True
        generation = self._generation
        factory = self._factory
        _LANE.run(self, lambda: _RECOGNIZERS.get(factory).classify(strokes, best=CANDIDATES),
                  lambda found: self._recognized(generation, found),
                  self._failed_recognition, error_as_text=False)

    def _recognized(self, generation: int, found: list[Candidate]) -> None:
        self._busy = False
        if generation == self._generation:
            self._show([candidate.character for candidate in found])
        if self._again:
            self._again = False
            self._recognize()

    def _show(self, characters: list[str]) -> None:
        for index, button in enumerate(self.candidates):
            text = characters[index] if index < len(characters) else ""
            button.setText(text)
            button.setEnabled(bool(text))
            button.setAccessibleName(self.tr("Choose %1").replace("%1", text) if text else "")
        self.candidatesShown.emit(characters[:CANDIDATES])

    # ---- the recognizer in memory while the pad shows ------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._release_timer.stop()
        if self.available is not False:
            factory = self._factory
            _LANE.run(self, lambda: _RECOGNIZERS.get(factory), None, self._failed,
                      error_as_text=False)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._release_timer.start(self.release_after_ms)

    def _release(self) -> None:
        factory = self._factory
        _LANE.run(self, lambda: _RECOGNIZERS.release(factory), None)

    def _opened(self, _result: object) -> None:
        self.available = True
        self.ready.emit()
        if self.canvas.strokes():
            self._recognize()

    def _failed(self, error: BaseException) -> None:
        if self.available is False:
            return
        reason = str(error) if isinstance(error, HandwritingUnavailable) \
            else f"{type(error).__name__}: {error}"
        log.error("handwriting is not available: %s", reason)
        self.available = False
        self.canvas.setEnabled(False)
        self.message.show()
        self.unavailable.emit(reason)

    def _failed_recognition(self, error: BaseException) -> None:
        self._busy = False
        if isinstance(error, HandwritingUnavailable) or self.available is not True:
            self._failed(error)
            return
        log.error("handwriting recognition failed: %s: %s", type(error).__name__, error)
        self._again = False

    # ---- language ------------------------------------------------------------------

    def retranslate(self) -> None:
        self.canvas.placeholder = self.tr("Write one character here")
        self.canvas.update()
        self.rewrite_button.setText(self.tr("Rewrite"))
        self.rewrite_button.setAccessibleName(self.tr("Clear the pad and write again"))
        self.delete_button.setText(self.tr("⌫ Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete the last character"))
        self.message.setText(self.tr("Handwriting is not available on this kiosk."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
