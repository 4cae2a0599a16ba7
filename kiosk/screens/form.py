"""The "apply_form" screen: the matter's fields, one per step.

Args: {"matter": code} (a fresh form), or {} when coming back from review
(the answers are kept). `StepForm` is the reusable part: one big input per
page, "Next" checks it and shows a plain message under it. Fields already
known from the session (the applicant's ID number) are filled and skipped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog_source import CatalogSource
from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen
from kiosk.session import ApplicationDraft
from kiosk.step_form import FieldPage, StepForm, field_label
from sync.protocol.models import FieldType, Matter
from terminal.form_fields import FieldInput, KeypadInput, build_input, is_applicant_id
from terminal.slips import masked_person

REVIEW = "apply_review"


class FormScreen(KioskScreen):
    unsent_work = True
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
        layout.setContentsMargins(48, 16, 48, 16)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addLayout(self.holder, 1)
        self.retranslate()

    # ---- KioskScreen
    def enter(self, args: dict[str, Any]) -> None:
        code = args.get("matter")
        draft = self.context.session.draft
        if code and (self.form is None or self.matter is None or self.matter.code != code
                     or draft is None or draft.matter != code):
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
        session.draft = ApplicationDraft(code)
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
                field_input.lock(masked_person(
                    id_number=session.applicant_id_number,
                    document_kind=session.applicant().document_kind), self._lock_note())
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
        session.draft = ApplicationDraft(self.matter.code, fields)

    def _finished(self) -> None:
        self._collect()
        assert self.matter is not None
        self.navigate.emit(REVIEW, {"matter": self.matter.code})
