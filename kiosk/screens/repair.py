"""The "repair" screen: kind, location, description, an optional photo and
a phone number, a last check, then a RepairPayload -> "apply_done" (repair mode).

The phone number is asked here (pre-filled when identification already
gave one), so a repair needs no ID card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from hardware.identity import mask_phone
from kiosk.context import KioskContext
from kiosk.receipts import Names, Outcome
from kiosk.screens.base import KioskScreen, step_buttons
from kiosk.step_form import FieldPage, StepForm, field_label
from kiosk.submitter import DONE, Submitter
from kiosk.widgets import SummaryTable, scrolled
from sync.protocol.models import FieldType, FormField, RepairPayload
from terminal.form_fields import (
    CaptureInput,
    Choice,
    ChoiceInput,
    FieldInput,
    PhoneInput,
    TextInput,
)
from terminal.slips import masked_person

if TYPE_CHECKING:
    from sync.outbox import Submitted

REPAIR_KINDS = [
    Choice("water", "水管漏水", "Water"),
    Choice("electricity", "电路电灯", "Electricity"),
    Choice("lift", "电梯", "Lift"),
    Choice("door_lock", "门窗门锁", "Door or lock"),
    Choice("public_area", "公共区域", "Public area"),
    Choice("other", "其他", "Other"),
]
FIELDS = {
    "kind": FormField(key="kind", label_zh="哪里需要修理？", label_en="What needs repair?",
                      type=FieldType.CHOICE),
    "location": FormField(key="location", label_zh="在哪里？（楼号、单元、房号或位置）",
                          label_en="Where is it? (building, unit, room or place)",
                          type=FieldType.TEXT),
    "description": FormField(key="description", label_zh="请简单说明问题",
                             label_en="Please describe the problem", type=FieldType.TEXT),
    "repair_photo": FormField(key="repair_photo", label_zh="拍一张照片", label_en="Take a photo",
                              type=FieldType.PHOTO, required=False),
    "phone": FormField(key="phone", label_zh="您的电话号码（维修人员联系您）",
                       label_en="Your phone number (for the repair staff to call you)",
                       type=FieldType.PHONE),
}


class RepairScreen(KioskScreen):
    unsent_work = True
    def __init__(self, context: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.form: StepForm | None = None
        self.inputs: dict[str, FieldInput] = {}
        self.submitter = Submitter(context, self)
        self.submitter.done.connect(self._done)
        self.submitter.failed.connect(self._failed)
        self.stack = QStackedWidget()
        self.stack.currentChanged.connect(self.promptChanged)
        review = QWidget()
        self.review_heading = QLabel()
        self.review_heading.setProperty("role", "title")
        self.review_heading.setWordWrap(True)
        self.table = SummaryTable()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        self.change = QPushButton()
        self.change.clicked.connect(self._change)
        self.submit_button = QPushButton()
        self.submit_button.clicked.connect(self.submit)
        buttons = step_buttons(self.change, self.submit_button)
        review_layout = QVBoxLayout(review)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.setSpacing(20)
        review_layout.addWidget(self.review_heading)
        review_layout.addWidget(scrolled(self.table), 1)
        review_layout.addWidget(self.status)
        review_layout.addLayout(buttons)
        self.stack.addWidget(review)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(self.stack)
        self.retranslate()

    # ---- KioskScreen
    def enter(self, args: dict[str, Any]) -> None:
        if self.form is None or args.get("restart"):
            self._build()
        if self.stack.currentWidget() is self.form and self.form is not None:
            self.form.start()

    def leave(self) -> None:
        if self.form is not None:
            self.form.stop()

    def reset(self) -> None:
        self.submitter.cancel()
        if self.form is not None:
            self.form.stop()
            self.stack.removeWidget(self.form)
            self.form.deleteLater()
            self.form = None
        self.inputs = {}
        self._busy(False)

    def retranslate(self) -> None:
        self.title = self.tr("Report a repair")
        self.review_heading.setText(self.tr("Please check, then touch “Submit”."))
        self.change.setText(self.tr("‹ Change"))
        self.submit_button.setText(self.tr("Submit"))
        if self.form is not None and self.stack.currentWidget() is not self.form:
            self._fill_review()

    # ---- steps
    def _build(self) -> None:
        self.reset()
        language = lambda: self.context.language  # noqa: E731
        self.inputs = {
            "kind": ChoiceInput(FIELDS["kind"], REPAIR_KINDS, language),
            "location": TextInput(FIELDS["location"]),
            "description": TextInput(FIELDS["description"], multiline=True),
            "repair_photo": CaptureInput(FIELDS["repair_photo"], self.context.devices.camera,
                                         kind="picture"),
            "phone": PhoneInput(FIELDS["phone"]),
        }
        if self.context.session.phone:
            self.inputs["phone"].set_value(self.context.session.phone)
        pages = [FieldPage(field_input,
                           lambda field=field_input.field: field_label(self.context, field))
                 for field_input in self.inputs.values()]
        self.form = StepForm(pages)
        self.form.finished.connect(self._review)
        self.form.backFromStart.connect(self.goBack)
        self.form.stepShown.connect(self.promptChanged)
        self.stack.insertWidget(0, self.form)
        self.stack.setCurrentWidget(self.form)
        self.form.retranslate()

    def _review(self) -> None:
        if self.form is not None:
            self.form.stop()
        self._fill_review()
        self.status.hide()
        self.stack.setCurrentIndex(1)

    def _change(self) -> None:
        if self.form is not None:
            self.stack.setCurrentWidget(self.form)
            self.form.start(last=True)

    def _choice(self) -> Choice:
        value = self.inputs["kind"].value()
        return next((c for c in REPAIR_KINDS if c.value == value), REPAIR_KINDS[-1])

    def _fill_review(self) -> None:
        loc = self.context.localized
        choice = self._choice()
        photo = self.inputs["repair_photo"].value() is not None
        self.table.set_rows([
            (self.tr("Repair"), loc(choice.zh, choice.en)),
            (self.tr("Location"), str(self.inputs["location"].value())),
            (self.tr("Problem"), str(self.inputs["description"].value())),
            (self.tr("Photo"), self.tr("Picture taken ✓") if photo else self.tr("No picture")),
            (self.tr("Phone"), mask_phone(str(self.inputs["phone"].value() or ""))),
        ])

    # ---- submitting
    def _busy(self, busy: bool) -> None:
        self.submit_button.setEnabled(not busy)
        self.change.setEnabled(not busy)
        if busy:
            self.status.setProperty("state", "")
            self.status.setText(self.tr("Saving your repair request… please wait."))
            self.status.show()

    def submit(self) -> None:
        if not self.inputs or self.submitter.busy:
            return
        from sync.outbox import NewAttachment

        session = self.context.session
        phone = str(self.inputs["phone"].value() or "")
        session.phone = phone
        reporter = session.applicant(phone=phone)
        choice = self._choice()
        location = str(self.inputs["location"].value())
        description = str(self.inputs["description"].value())
        photo = self.inputs["repair_photo"].value()
        attachments = [NewAttachment(photo, "image/jpeg")] if isinstance(photo, bytes) else []
        submitted_on = self.context.clock()

        def payload(number: str) -> RepairPayload:
            return RepairPayload(tracking_number=number, repair_kind=choice.value,
                                 location=location, description=description, reporter=reporter)

        def outcome(number: str, result: Submitted) -> Outcome:
            return Outcome(kind="repair", record_id=result.id, tracking_number=number,
                           subject=Names(choice.zh, choice.en),
                           person=masked_person(phone=phone), submitted_at=submitted_on,
                           location=location)

        self._busy(True)
        self.submitter.submit(payload, outcome, attachments)

    def _done(self, outcome: Outcome) -> None:
        self._busy(False)
        self.status.hide()
        self.context.session.outcome = outcome
        self.navigate.emit(DONE, {"mode": "repair"})

    def _failed(self, _detail: str) -> None:
        self._busy(False)
        self.status.setText(self.tr("Your repair request could not be saved. "
                                    "Please try again, or ask the staff."))
        self.status.show()
