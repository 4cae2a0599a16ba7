"""The "apply_review" screen: every answer, personal data masked, "Submit".

Submitting: through `kiosk.submitter.Submitter` (a tracking number allocated on
the store thread, the payload, the local commit); only its answer after the
commit leads to the done screen.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hardware.identity import mask_address, mask_name, mask_phone
from kiosk.catalog_source import CatalogSource
from kiosk.context import KioskContext
from kiosk.receipts import Names, Outcome
from kiosk.screens.base import KioskScreen, step_buttons
from kiosk.submitter import DONE, Submitter
from kiosk.widgets import SummaryTable, scrolled
from sync.protocol.models import (
    ApplicationPayload,
    Channel,
    FieldType,
    FormField,
    HandlingType,
    Matter,
)
from sync.workdays import add_working_days
from terminal.form_fields import catalog_choice
from terminal.slips import masked_person

if TYPE_CHECKING:
    from sync.outbox import Submitted



def shown_value(context: KioskContext, field: FormField, value: Any, has_image: bool) -> str:
    """A field's answer as the review screen shows it, personal data masked."""
    if field.type in (FieldType.PHOTO, FieldType.DOCUMENT):
        return (context.localized("已拍照 ✓", "Picture taken ✓") if has_image
                else context.localized("未拍照", "No picture"))
    if value in (None, ""):
        return "—"
    text = str(value)
    if field.type is FieldType.ID_NUMBER:
        session = context.session
        kind = session.applicant().document_kind if text == session.applicant_id_number else None
        return masked_person(id_number=text, document_kind=kind)
    if field.type is FieldType.PHONE:
        return mask_phone(text)
    if field.type is FieldType.CHOICE:
        choice = catalog_choice(text)
        return context.localized(choice.zh, choice.en)
    if field.type is FieldType.TEXT and "address" in field.key:
        return mask_address(text)
    if field.type is FieldType.TEXT and field.key.endswith("name"):
        return mask_name(text)
    return text


def promise(matter: Matter, today: date) -> tuple[date | None, bool]:
    """The promised completion date of a committed matter, and whether it is estimated."""
    if matter.handling is not HandlingType.COMMITTED:
        return None, False
    result = add_working_days(today, matter.time_limit_days)
    return result.date, result.estimated


class ReviewScreen(KioskScreen):
    unsent_work = True
    def __init__(self, context: KioskContext, source: CatalogSource,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.source = source
        self.matter: Matter | None = None
        self.submitter = Submitter(context, self)
        self.submitter.done.connect(self._done)
        self.submitter.failed.connect(self._failed)
        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        self.heading.setWordWrap(True)
        self.table = SummaryTable()
        self.table.setObjectName("reviewTable")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        self.change = QPushButton()
        self.change.clicked.connect(self.goBack)
        self.submit_button = QPushButton()
        self.submit_button.clicked.connect(self.submit)
        buttons = step_buttons(self.change, self.submit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(20)
        layout.addWidget(self.heading)
        layout.addWidget(scrolled(self.table), 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.retranslate()

    # ---- KioskScreen
    def enter(self, args: dict[str, Any]) -> None:
        draft = self.context.session.draft
        code = args.get("matter") or (draft.matter if draft is not None else None)
        self.matter = self.source.matter(str(code)) if code else None
        self._set_busy(False)
        self.status.hide()
        self._show()

    def reset(self) -> None:
        self.submitter.cancel()
        self.matter = None
        self._set_busy(False)
        self.table.set_rows([])

    def retranslate(self) -> None:
        self.title = self.tr("Check your answers")
        self.change.setText(self.tr("‹ Change"))
        self.submit_button.setText(self.tr("Submit"))
        self._show()

    # ---- content
    def _fields(self) -> dict[str, Any]:
        draft = self.context.session.draft
        return dict(draft.fields) if draft is not None else {}

    def _show(self) -> None:
        matter = self.matter
        if matter is None:
            self.heading.setText("")
            return
        loc = self.context.localized
        self.heading.setText(self.tr("Please check, then touch “Submit”."))
        session = self.context.session
        identity = session.identity
        rows = [(self.tr("Service"), loc(matter.name_zh, matter.name_en))]
        person = masked_person(identity.name if identity else "", session.applicant_id_number,
                               document_kind=session.applicant().document_kind)
        if person:
            rows.append((self.tr("Applicant"), person))
        fields = self._fields()
        for field in matter.fields:
            rows.append((loc(field.label_zh, field.label_en),
                         shown_value(self.context, field, fields.get(field.key),
                                     field.key in session.images)))
        promised, estimated = promise(matter, self.context.clock().date())
        if promised is not None:
            text = f"{promised:%Y-%m-%d}"
            if estimated:
                text += " " + self.tr("(estimated)")
            rows.append((self.tr("Done by"), text))
        else:
            rows.append((self.tr("Done by"), self.tr("On the spot")))
        self.table.set_rows(rows)

    # ---- submitting
    def _set_busy(self, busy: bool) -> None:
        self.submit_button.setEnabled(not busy)
        self.change.setEnabled(not busy)
        self.allows_back = not busy
        self.chromeChanged.emit()
        if busy:
            self.status.setProperty("state", "")
            self.status.setText(self.tr("Saving your application… please wait."))
            self.status.show()

    def submit(self) -> None:
        matter = self.matter
        if matter is None or self.submitter.busy:
            return
        from sync.outbox import NewAttachment

        session = self.context.session
        fields = self._fields()
        images = {key: data for key, data in session.images.items()
                  if any(f.key == key for f in matter.fields)}
        attachments = [NewAttachment(data, "image/jpeg") for data in images.values()]
        identity = session.identity
        phone = next((str(fields[f.key]) for f in matter.fields
                      if f.type is FieldType.PHONE and fields.get(f.key)), session.phone)
        applicant = session.applicant(
            phone=phone,
            address=identity.address if identity else str(fields.get("address") or ""))
        submitted_on = self.context.clock()
        promised, estimated = promise(matter, submitted_on.date())
        for key, data in images.items():  # link each field to its content-addressed file
            import hashlib

            fields[key] = hashlib.sha256(data).hexdigest()

        face = session.face_match  # the passport holder's face check: its figures only

        def payload(number: str) -> ApplicationPayload:
            return ApplicationPayload(
                tracking_number=number, matter_code=matter.code, channel=Channel.KIOSK,
                applicant=applicant, fields=fields, promised_date=promised,
                face_match=face.outcome.value if face else None,
                face_distance=face.distance if face else None,
                face_threshold=face.threshold if face else None)

        def outcome(number: str, result: Submitted) -> Outcome:
            return Outcome(
                kind="application", record_id=result.id, tracking_number=number,
                subject=Names(matter.name_zh, matter.name_en),
                person=masked_person(applicant.name or "", applicant.id_number or "",
                                     applicant.phone or "", applicant.document_kind),
                submitted_at=submitted_on, promised_date=promised,
                promised_estimated=estimated)

        self._set_busy(True)
        self.submitter.submit(payload, outcome, attachments)

    def _done(self, outcome: Outcome) -> None:
        self._set_busy(False)
        self.status.hide()
        self.context.session.outcome = outcome
        self.navigate.emit(DONE, {"mode": "application"})

    def _failed(self, _detail: str) -> None:
        self._set_busy(False)
        self.status.setProperty("state", "attention")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(self.tr("Your application could not be saved, so nothing was "
                                    "sent. Please try again, or go to a window."))
        self.status.show()
