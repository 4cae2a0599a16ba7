"""The "apply_form" screen: the matter's fields, one per step.

Args: {"matter": code} (a fresh form), or {} when coming back from review
(the answers are kept). `StepForm` is the reusable part: one big input per
page, "Next" checks it and shows a plain message under it. Fields already
known from the session (the applicant's ID number) are filled and skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hardware.identity import mask_id_number
from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen, step_buttons
from kiosk.screens.catalog import CatalogSource
from sync.protocol.models import FieldType, FormField, Matter
from terminal.form_fields import FieldInput, KeypadInput, build_input, is_applicant_id

REVIEW = "apply_review"
STATE_KEY = "apply"


class FieldPage(QWidget):
    """A field's question, its input and the message under it. `label` gives the
    question in the session's language (asked again after a language switch)."""

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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        layout.addWidget(self.question)
        layout.addWidget(self.error)
        area = QScrollArea()  # a tall input scrolls rather than stretch the window
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(field_input)
        layout.addWidget(area, 1)
        field_input.changed.connect(self.clear_problem)

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
        layout.setSpacing(20)
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


class FormScreen(KioskScreen):
    def __init__(self, context: KioskContext, source: CatalogSource,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.source = source
        self.matter: Matter | None = None
        self.form: StepForm | None = None
        self.heading = QLabel()
        self.heading.setProperty("role", "subtitle")
        self.heading.setWordWrap(True)
        self.holder = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(16)
        layout.addWidget(self.heading)
        layout.addLayout(self.holder, 1)
        self.retranslate()

    # ---- KioskScreen
    def enter(self, args: dict[str, Any]) -> None:
        code = args.get("matter")
        state = self.context.session.values.get(STATE_KEY)
        if code and (self.form is None or self.matter is None or self.matter.code != code
                     or not isinstance(state, dict) or state.get("matter") != code):
            self.source.when_ready(lambda: self._build(str(code)))
        elif self.form is not None:
            self.form.start(last=True)

    def leave(self) -> None:
        if self.form is not None:
            self.form.stop()
            self._collect()

    def reset(self) -> None:
        self._drop_form()
        self.matter = None

    def retranslate(self) -> None:
        self.title = self.tr("Fill in the form")
        if self.matter is not None:
            self.heading.setText(self.context.localized(self.matter.name_zh, self.matter.name_en))
        for page in self.form.pages if self.form is not None else []:
            if isinstance(page.input, KeypadInput) and page.input.locked:
                page.input.note.setText(self._lock_note())

    # ---- building
    def _drop_form(self) -> None:
        if self.form is not None:
            self.form.stop()
            self.holder.removeWidget(self.form)
            self.form.deleteLater()
            self.form = None

    def _build(self, code: str) -> None:
        matter = self.source.matter(code)
        if matter is None:
            return
        self._drop_form()
        self.matter = matter
        session = self.context.session
        session.values[STATE_KEY] = {"matter": code, "fields": {}}
        for key in list(session.images):
            session.images.pop(key)
        pages = []
        for field in matter.fields:
            field_input = build_input(
                field, language=lambda: self.context.language,
                camera=self.context.devices.camera,
                today=lambda: self.context.clock().date())
            self._prefill(field_input)
            pages.append(FieldPage(field_input,
                                   lambda field=field: field_label(self.context, field)))
        self.form = StepForm(pages)
        self.form.finished.connect(self._finished)
        self.form.backFromStart.connect(self.goBack)
        self.form.stepShown.connect(self.promptChanged)
        self.holder.addWidget(self.form)
        self.retranslate()
        self.form.start()

    def _prefill(self, field_input: FieldInput) -> None:
        session = self.context.session
        field = field_input.field
        if is_applicant_id(field) and session.applicant_id_number:
            field_input.set_value(session.applicant_id_number)
            if isinstance(field_input, KeypadInput):
                field_input.lock(mask_id_number(session.applicant_id_number), self._lock_note())
        elif field.type is FieldType.PHONE and session.phone:
            field_input.set_value(session.phone)

    def _lock_note(self) -> str:
        return (self.tr("Read from your ID card.") if self.context.session.identity is not None
                else self.tr("As you entered it."))

    # ---- results
    def _collect(self) -> None:
        if self.form is None or self.matter is None:
            return
        session = self.context.session
        fields: dict[str, Any] = {}
        for key, value in self.form.values().items():
            if isinstance(value, bytes):
                session.images[key] = value
            else:
                session.images.pop(key, None)
                fields[key] = value
        session.values[STATE_KEY] = {"matter": self.matter.code, "fields": fields}

    def _finished(self) -> None:
        self._collect()
        assert self.matter is not None
        self.navigate.emit(REVIEW, {"matter": self.matter.code})
