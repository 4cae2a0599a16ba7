"""The "apply_review" screen (every answer, personal data masked, "Submit")
and `Submitter`, which both the application and the repair flows use.

Submitting: through `terminal.submitter.Submitter` (a tracking number
allocated on the store thread, the payload, the local commit); only its answer
after the commit leads to the done screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hardware.identity import mask_address, mask_id_number, mask_name, mask_phone
from kiosk.context import KioskContext
from kiosk.receipts import Names, Outcome
from kiosk.screens.base import KioskScreen, step_buttons
from kiosk.screens.catalog import CatalogSource
from kiosk.screens.form import STATE_KEY
from sync.protocol.models import (
    ApplicationPayload,
    Channel,
    FieldType,
    FormField,
    HandlingType,
    Matter,
    Person,
)
from sync.workdays import add_working_days
from terminal.form_fields import catalog_choice
from terminal.slips import masked_person
from terminal.submitter import Submitter as SharedSubmitter

if TYPE_CHECKING:
    from sync.outbox import NewAttachment, Submitted

DONE = "apply_done"
OUTCOME_KEY = "outcome"


class Submitter(QObject):
    """The kiosk's `terminal.submitter.Submitter`: `done(Outcome)` after the commit."""

    done = Signal(object)  # Outcome
    failed = Signal(str)  # technician detail; screens show their own plain words

    def __init__(self, context: KioskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._submitter = SharedSubmitter(self)

    @property
    def busy(self) -> bool:
        return self._submitter.busy

    def cancel(self) -> None:
        """Forget a submission in flight (the session was wiped); it stays stored."""
        self._submitter.cancel()

    def submit(self, make_payload: Callable[[str], Any],
               make_outcome: Callable[[str, Submitted], Outcome],
               attachments: Sequence[NewAttachment] = ()) -> None:
        shell = self.context.shell
        if shell is None or self.busy:
            self.failed.emit("the terminal is still starting")
            return
        from sync.tracking import TrackingCounter

        counter = TrackingCounter(shell.services.runtime.database, shell.services.terminal_id)
        day = self.context.clock().date()
        self._submitter.submit(
            shell.bridge, make_payload, lambda: counter.next_number(day),
            lambda stored: self.done.emit(
                make_outcome(stored.payload.tracking_number, stored.result)),
            self.failed.emit, attachments)


def shown_value(context: KioskContext, field: FormField, value: Any, has_image: bool) -> str:
    """A field's answer as the review screen shows it, personal data masked."""
    if field.type in (FieldType.PHOTO, FieldType.DOCUMENT):
        return (context.localized("已拍照 ✓", "Picture taken ✓") if has_image
                else context.localized("未拍照", "No picture"))
    if value in (None, ""):
        return "—"
    text = str(value)
    if field.type is FieldType.ID_NUMBER:
        return mask_id_number(text)
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


class SummaryTable(QWidget):
    """Label / value rows in two columns, wrapping long values. The labels' column
    is as wide as the widest label on one line, up to `LABEL_SHARE` of the table
    (a label wraps only when it is longer than that, never every few characters)."""

    LABEL_SHARE = 0.4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(24, 24, 24, 24)
        self.grid.setHorizontalSpacing(32)
        self.grid.setVerticalSpacing(18)
        self.grid.setColumnStretch(1, 1)
        self._stretch_row = 0
        self._labels: list[QLabel] = []

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        # the spare height goes below the last row only: a stretch left on a row of an
        # earlier, shorter table (the empty one of a reset) would open a gap in this one
        self.grid.setRowStretch(self._stretch_row, 0)
        self._stretch_row = len(rows)
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for index, (key, value) in enumerate(rows):
            label = QLabel(key)
            label.setProperty("role", "subtitle")
            label.setWordWrap(True)
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setProperty("role", "value")
            self.grid.addWidget(label, index, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(shown, index, 1, Qt.AlignmentFlag.AlignTop)
        self.grid.setRowStretch(len(rows), 1)
        self._labels = [self.grid.itemAtPosition(row, 0).widget() for row in range(len(rows))]
        self._fit_labels()

    def _fit_labels(self) -> None:
        widest = 0
        for label in self._labels:
            label.ensurePolished()  # the theme's font, not the default one
            widest = max(widest, label.fontMetrics().horizontalAdvance(label.text()) + 2)
        room = int((self.width() - 96) * self.LABEL_SHARE)
        self.grid.setColumnMinimumWidth(0, max(0, min(widest, room)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_labels()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_labels()  # large text, or the theme changed


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


def promise(matter: Matter, today: date) -> tuple[date | None, bool]:
    """The promised completion date of a committed matter, and whether it is estimated."""
    if matter.handling is not HandlingType.COMMITTED:
        return None, False
    result = add_working_days(today, matter.time_limit_days)
    return result.date, result.estimated


class ReviewScreen(KioskScreen):
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
        state = self.context.session.values.get(STATE_KEY)
        code = args.get("matter") or (state.get("matter") if isinstance(state, dict) else None)
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
        state = self.context.session.values.get(STATE_KEY)
        return dict(state.get("fields", {})) if isinstance(state, dict) else {}

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
        person = masked_person(identity.name if identity else "", session.applicant_id_number)
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
        applicant = Person(
            id_number=session.applicant_id_number or None,
            name=identity.name if identity else None,
            phone=phone or None,
            address=identity.address if identity else (str(fields.get("address") or "") or None))
        submitted_on = self.context.clock()
        promised, estimated = promise(matter, submitted_on.date())
        for key, data in images.items():  # link each field to its content-addressed file
            import hashlib

            fields[key] = hashlib.sha256(data).hexdigest()

        def payload(number: str) -> ApplicationPayload:
            return ApplicationPayload(tracking_number=number, matter_code=matter.code,
                                      channel=Channel.KIOSK, applicant=applicant,
                                      fields=fields, promised_date=promised)

        def outcome(number: str, result: Submitted) -> Outcome:
            return Outcome(
                kind="application", record_id=result.id, tracking_number=number,
                subject=Names(matter.name_zh, matter.name_en),
                person=masked_person(applicant.name or "", applicant.id_number or "",
                                     applicant.phone or ""),
                submitted_at=submitted_on, promised_date=promised,
                promised_estimated=estimated)

        self._set_busy(True)
        self.submitter.submit(payload, outcome, attachments)

    def _done(self, outcome: Outcome) -> None:
        self._set_busy(False)
        self.status.hide()
        self.context.session.values[OUTCOME_KEY] = outcome
        self.navigate.emit(DONE, {"mode": "application"})

    def _failed(self, _detail: str) -> None:
        self._set_busy(False)
        self.status.setProperty("state", "attention")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(self.tr("Your application could not be saved, so nothing was "
                                    "sent. Please try again, or go to a window."))
        self.status.show()
