"""A form of one big input per page, for the application and the repair flows:
"Next" checks the page's input and shows a plain message under it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import KioskContext
from kiosk.screens.base import step_buttons
from sync.protocol.models import FieldType, FormField
from terminal.form_fields import FieldInput


class FieldPage(QWidget):
    """A field's question, its input and the message under it. `label` gives the
    question in the session's language (asked again after a language switch).
    On a landscape screen the question stands beside the input, which then has
    the page's whole height (a date picker, a camera picture)."""

    def __init__(self, field_input: FieldInput, label: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.input = field_input
        self.label = label
        self.question = QLabel(label())
        self.question.setProperty("role", "title")
        self.question.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setProperty("state", "attention")
        self.error.setObjectName("fieldError")
        self.error.hide()
        text = QVBoxLayout()
        text.setSpacing(12)
        text.addWidget(self.question)
        text.addWidget(self.error)
        text.addStretch(1)
        area = QScrollArea()  # a tall input scrolls rather than stretch the window
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(field_input)
        self.flow = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self.flow.setContentsMargins(0, 0, 0, 0)
        self.flow.setSpacing(12)
        self.flow.addLayout(text, 0)
        self.flow.addWidget(area, 1)
        field_input.changed.connect(self.clear_problem)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        beside = event.size().width() > 2 * event.size().height()
        self.flow.setDirection(QBoxLayout.Direction.LeftToRight if beside
                               else QBoxLayout.Direction.TopToBottom)
        self.flow.setSpacing(32 if beside else 12)
        self.flow.setStretch(0, 1 if beside else 0)
        self.flow.setStretch(1, 2 if beside else 1)

    def check(self) -> bool:
        problem = self.input.problem()
        self.error.setText(problem)
        self.error.setVisible(bool(problem))
        return not problem

    def retranslate(self) -> None:
        self.question.setText(self.label())
        self.input.retranslate()
        if self.error.isVisible():
            self.error.setText(self.input.problem())

    def clear_problem(self) -> None:
        if self.error.isVisible() and not self.input.problem():
            self.error.hide()


class StepForm(QWidget):
    """Inputs shown one at a time with "‹ Previous" / "Next ›"."""

    finished = Signal()  # the last step was passed and every field is fine
    backFromStart = Signal()
    stepShown = Signal()

    def __init__(self, pages: list[FieldPage], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = pages
        self.progress = QLabel()
        self.progress.setProperty("role", "subtitle")
        self.stack = QStackedWidget()
        for page in pages:
            self.stack.addWidget(page)
        self.previous = QPushButton()
        self.previous.clicked.connect(self.go_previous)
        self.next = QPushButton()
        self.next.clicked.connect(self.go_next)
        buttons = step_buttons(self.previous, self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.progress)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.index = -1
        self.finish_text = ""

    def steps(self) -> list[int]:
        return [i for i, page in enumerate(self.pages) if not page.input.locked]

    def show_step(self, index: int) -> None:
        if 0 <= self.index < len(self.pages):
            self.pages[self.index].input.deactivate()
        self.index = index
        self.stack.setCurrentIndex(index)
        self.pages[index].input.activate()
        self.retranslate()
        self.stepShown.emit()

    def start(self, last: bool = False) -> None:
        steps = self.steps()
        if steps:
            self.show_step(steps[-1] if last else steps[0])
        else:
            self.finished.emit()

    def stop(self) -> None:
        if 0 <= self.index < len(self.pages):
            self.pages[self.index].input.deactivate()

    def go_next(self) -> None:
        if not self.pages[self.index].check():
            return
        later = [i for i in self.steps() if i > self.index]
        if later:
            self.show_step(later[0])
            return
        for position, page in enumerate(self.pages):  # a last look at every field
            if not page.check():
                self.show_step(position)
                return
        self.finished.emit()

    def go_previous(self) -> None:
        earlier = [i for i in self.steps() if i < self.index]
        if earlier:
            self.show_step(earlier[-1])
        else:
            self.backFromStart.emit()

    def values(self) -> dict[str, Any]:
        return {page.input.field.key: page.input.value() for page in self.pages}

    def retranslate(self) -> None:
        steps = self.steps()
        position = steps.index(self.index) + 1 if self.index in steps else 0
        self.progress.setText(self.tr("Step %1 of %2").replace("%1", str(position))
                              .replace("%2", str(len(steps))))
        self.previous.setText(self.tr("‹ Previous"))
        last = bool(steps) and self.index == steps[-1]
        self.next.setText(self.finish_text or self.tr("Check my answers ›") if last
                          else self.tr("Next ›"))
        for page in self.pages:
            page.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def field_label(context: KioskContext, field: FormField) -> str:
    """The question of a field in the session's language, saying when it may be skipped."""
    label = context.localized(field.label_zh, field.label_en)
    if field.required:
        return label
    if field.type in (FieldType.PHOTO, FieldType.DOCUMENT):
        return label + QCoreApplication.translate(
            "FormScreen", " (optional: you may go on without a picture)")
    return label + QCoreApplication.translate("FormScreen", " (optional)")
