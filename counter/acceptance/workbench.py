"""The clerk's acceptance workbench: one application from matter to receipt.

Steps: 1 matter (search by name or pinyin initials), 2 applicant (ID card or
typed number with its check digit), 3 the matter's form, 4 materials
(received / missing / accepted now and supplied later, 容缺受理), 5 document
scans (perspective-corrected, attached), 6 outcome: accepted (promised date
in working days), handled on the spot, one-time notice of missing materials,
not accepted (with the reason). Each outcome is one `AcceptancePayload`
through the outbox, tied to the ticket served; its slip prints after the
local commit. A kiosk pre-application opens pre-filled from its receipt's QR
(camera or USB scanner) or its typed tracking number. "Today" lists this
terminal's outcomes with reprint.

Dependencies (constructor, keyword-only after `bridge`):
    bridge: `terminal.sync_bridge.SyncBridge` (submit; its outbox feeds history).
    catalog: () -> Catalog | None, read off the GUI thread (e.g. from `sync.caches.CATALOG`).
    numbers: (date) -> str, blocking tracking-number allocator (`tracking_numbers(shell)`).
    printer, card_reader, camera, passport: the device adapters, each may be None.
    platform: () -> PlatformClient | None, for pre-applications (`application_detail`).
    clock: () -> datetime (local, aware or naive).
    center_name: (language) -> str, printed on slips.
    window: this window's name, e.g. "3".
    staff_no: () -> str | None, the clerk signed in.
Signals: `outcomeRecorded(tracking_number, outcome)` after the local commit;
`ratingRequested(tracking_number)` right after, for the rating screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter.acceptance.common import chinese, localized, set_state
from counter.acceptance.history import HistoryEntry
from counter.acceptance.history_panel import HistoryPanel
from counter.acceptance.model import (
    Draft,
    MaterialState,
    Problem,
    problems,
    promise,
    suggested_outcome,
)
from counter.acceptance.model import build_payload as make_payload
from counter.acceptance.preapplication import (
    Found,
    PreApplicationFinder,
    ScanLineEdit,
    tracking_number_in,
)
from counter.acceptance.receipts import acceptance_receipt
from counter.acceptance.steps_decide import DocumentsStep, MaterialsStep, OutcomeStep
from counter.acceptance.steps_intake import ApplicantStep, FormStep, MatterStep
from counter.acceptance.submit import OutcomeSubmitter, Recorded
from counter.face_text import face_check_text
from hardware.facematch import DEFAULT_THRESHOLD
from hardware.identity import DocumentKind
from sync.protocol.models import AcceptanceOutcome, AcceptancePayload, Catalog, Matter
from terminal.background import run_in_background

if TYPE_CHECKING:
    from terminal.devices.passport import PassportAdapter
    from terminal.devices.workers import CameraAdapter, CardReaderAdapter, PrinterAdapter
    from terminal.shell import Shell
    from terminal.sync_bridge import SyncBridge

MATTER, APPLICANT, FORM, MATERIALS, DOCUMENTS, OUTCOME, HISTORY = range(7)
NEXT_KEY, BACK_KEY = "Ctrl+PgDown", "Ctrl+PgUp"


def tracking_numbers(shell: Shell) -> Callable[[date], str]:
    """The blocking allocator of this terminal's tracking numbers."""
    from sync.tracking import TrackingCounter

    counter = TrackingCounter(shell.services.runtime.database, shell.services.terminal_id)
    return counter.next_number


class AcceptanceWorkbench(QWidget):
    outcomeRecorded = Signal(str, str)  # tracking number, AcceptanceOutcome value
    ratingRequested = Signal(str)  # tracking number

    def __init__(self, bridge: SyncBridge, *, catalog: Callable[[], Catalog | None],
                 numbers: Callable[[date], str], printer: PrinterAdapter | None = None,
                 card_reader: CardReaderAdapter | None = None,
                 camera: CameraAdapter | None = None,
                 passport: PassportAdapter | None = None,
                 platform: Callable[[], Any] = lambda: None,
                 clock: Callable[[], datetime] = datetime.now,
                 center_name: Callable[[str], str] = lambda _language: "",
                 window: str = "", staff_no: Callable[[], str | None] = lambda: None,
                 face_threshold: Callable[[], float] = lambda: DEFAULT_THRESHOLD,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("acceptanceWorkbench")
        self.bridge, self.printer, self.camera = bridge, printer, camera
        self._catalog, self._clock, self._center = catalog, clock, center_name
        self.window_name, self._staff_no = window, staff_no
        self.ticket: str | None = None
        self.draft = Draft()
        self._scanning = False  # the camera is looking for a receipt's QR code
        self.submitter = OutcomeSubmitter(bridge, numbers, clock, self)
        self.submitter.recorded.connect(self._recorded)
        self.submitter.failed.connect(self._failed)
        self.finder = PreApplicationFinder(platform, lambda: bridge.outbox, self)
        self.finder.found.connect(self._found)
        self._face_threshold = face_threshold  # the technician's, read at each check
        self._build(card_reader, passport)
        self.reload_catalog()
        self.retranslate()
        self.go(MATTER)

    # ---------------------------------------------------------------- layout
    def _build(self, card_reader: CardReaderAdapter | None,
               passport: PassportAdapter | None) -> None:
        self.ticket_label = QLabel()
        self.ticket_label.setObjectName("ticketLabel")
        self.ticket_label.setProperty("role", "title")
        self.scan = ScanLineEdit()
        self.scan.setObjectName("scanReceipt")
        self.scan.entered.connect(lambda text, _fast: self.open_receipt(text))
        self.scan_camera = QPushButton()
        self.scan_camera.setProperty("role", "secondary")
        self.scan_camera.setEnabled(self.camera is not None)
        self.scan_camera.clicked.connect(self._scan_with_camera)
        self.new_button = QPushButton()
        self.new_button.setProperty("role", "secondary")
        self.new_button.clicked.connect(self.new_application)
        top = QHBoxLayout()
        top.addWidget(self.ticket_label)
        top.addWidget(self.scan, 1)
        top.addWidget(self.scan_camera)
        top.addWidget(self.new_button)
        self.steps = QListWidget()
        self.steps.setObjectName("workbenchSteps")
        self.steps.setMaximumWidth(220)
        self.steps.currentRowChanged.connect(self.go)
        self.matter_step = MatterStep()
        self.matter_step.chosen.connect(self.choose_matter)
        self.applicant_step = ApplicantStep(card_reader, lambda: self._clock().date(), passport,
                                            self.camera, self._face_threshold)
        self.applicant_step.changed.connect(self._applicant_changed)
        self.form_step = FormStep(self.camera, lambda: self._clock().date())
        self.form_step.changed.connect(self._refresh_outcome)
        self.materials_step = MaterialsStep()
        self.materials_step.changed.connect(self._materials_changed)
        self.documents_step = DocumentsStep(self.camera)
        self.outcome_step = OutcomeStep()
        self.outcome_step.recordRequested.connect(self.record)
        for button in self.outcome_step.choices.values():
            button.toggled.connect(self._refresh_outcome)
        self.outcome_step.reason.editTextChanged.connect(self._refresh_outcome)
        self.history = HistoryPanel(lambda: self.bridge.outbox, self._clock)
        self.history.reprintRequested.connect(self.reprint)
        self.stack = QStackedWidget()
        for page in (self.matter_step, self.applicant_step, self.form_step,
                     self.materials_step, self.documents_step, self.outcome_step,
                     self.history):
            self.stack.addWidget(page)
            self.steps.addItem("")
        self.message = QLabel()
        self.message.setObjectName("workbenchMessage")
        self.message.setWordWrap(True)
        self.back = QPushButton()
        self.back.setProperty("role", "secondary")
        self.back.clicked.connect(lambda: self.go(max(MATTER, self.stack.currentIndex() - 1)))
        self.next = QPushButton()
        self.next.clicked.connect(lambda: self.go(min(OUTCOME, self.stack.currentIndex() + 1)))
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.back)
        bottom.addWidget(self.next)
        middle = QHBoxLayout()
        middle.addWidget(self.steps)
        middle.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        for key, slot in (("Ctrl+I", self.applicant_step.read_card),
                          ("Ctrl+P", self.applicant_step.read_passport),
                          ("Ctrl+D", self.documents_step._take),
                          ("Ctrl+Return", self.outcome_step._record),
                          ("Ctrl+N", self.new_application),
                          (NEXT_KEY, self.next.click), (BACK_KEY, self.back.click)):
            QShortcut(QKeySequence(key), self, slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # ---------------------------------------------------------------- public API
    def set_ticket(self, number: str | None) -> None:
        """The ticket now served at this window (None: a walk-up without a ticket)."""
        self.ticket = number
        self._show_ticket()

    def reload_catalog(self) -> None:
        """Read the catalog (off the GUI thread) into the matter search."""
        run_in_background(self, self._catalog, self.matter_step.set_catalog)

    def new_application(self) -> None:
        self.documents_step.deactivate()
        self.draft = Draft()
        self.applicant_step.set_person(self.draft.applicant)
        self.form_step.set_matter(None)
        self.materials_step.set_matter(None, {})
        self.documents_step.clear()
        self.outcome_step.set_reason("")
        self.matter_step.search.clear()
        self.go(MATTER)

    def choose_matter(self, matter: Matter) -> None:
        self.draft.start_matter(matter)
        self.form_step.set_matter(matter)
        self._applicant_id_to_form()
        self.materials_step.set_matter(matter, self.draft.materials)
        self.go(APPLICANT if not self.draft.applicant.id_number else FORM)

    def open_receipt(self, text: str) -> None:
        """A scanned QR payload or a typed tracking number: open that kiosk application."""
        number = tracking_number_in(text)
        if number is None:
            self._say(self.tr("This is not a receipt code or tracking number."), True)
            return
        self._say(self.tr("Looking up %1…").replace("%1", number))
        self.finder.lookup(number)

    def go(self, step: int) -> None:
        if step < 0:
            return
        current = self.stack.currentIndex()
        if current == DOCUMENTS and step != DOCUMENTS:
            self.documents_step.deactivate()
        if current == FORM and step != FORM:
            self.form_step.deactivate()
        if current == APPLICANT and step != APPLICANT:
            self.applicant_step.stop()
        self.stack.setCurrentIndex(step)
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(step)
        self.steps.blockSignals(False)
        if step == APPLICANT:
            self.applicant_step.start()
        elif step == FORM:
            self.form_step.activate()
        elif step == DOCUMENTS:
            self.documents_step.activate()
        elif step == OUTCOME:
            self.outcome_step.choose(suggested_outcome(self.draft))
        elif step == HISTORY:
            self.history.refresh()
        self._refresh_outcome()
        self.back.setEnabled(MATTER < step <= OUTCOME)
        self.next.setEnabled(step < OUTCOME)
        self._focus(step)

    def _focus(self, step: int) -> None:
        """Where the clerk's keys go on each step: the search, the ID number, the first
        field, the first material (Tab and Space through the rest), the record button."""
        fields = [edit for edit in self.form_step.findChildren(QLineEdit)
                  if edit.isVisibleTo(self.form_step)]
        target = {MATTER: self.matter_step.search, APPLICANT: self.applicant_step.id_number,
                  FORM: fields[0] if fields else self.next,
                  MATERIALS: self.materials_step.first_button() or self.next,
                  DOCUMENTS: self.next, OUTCOME: self.outcome_step.record}.get(step)
        if target is not None and self.isVisible():
            target.setFocus()

    # ---------------------------------------------------------------- draft sync
    def _applicant_id_to_form(self) -> None:
        """The applicant's number into the form's own applicant field, already checked by
        its document's rules in step 2 when it is not a resident ID number."""
        self.form_step.set_applicant_id(
            self.draft.applicant.id_number or "",
            checked=self.applicant_step.document_kind() is not DocumentKind.RESIDENT_ID
            and not self.applicant_step.problem())

    def _applicant_changed(self) -> None:
        self.draft.applicant = self.applicant_step.person()
        self._applicant_id_to_form()
        self._refresh_outcome()

    def _materials_changed(self) -> None:
        self.draft.materials = dict(self.materials_step.states)
        self._refresh_outcome()

    def _collect(self) -> None:
        self.draft.applicant = self.applicant_step.person()
        (self.draft.face_match, self.draft.face_distance,
         self.draft.face_threshold) = self.applicant_step.face_match()
        self.draft.fields = self.form_step.values()
        self.draft.form_complete = not self.form_step.problems() \
            and not self.applicant_step.problem()
        self.draft.materials = dict(self.materials_step.states) \
            if self.draft.matter else {}
        self.draft.documents = list(self.documents_step.documents)

    def _refresh_outcome(self) -> None:
        if self.stack.currentIndex() != OUTCOME:
            return
        self._collect()
        outcome = self.outcome_step.outcome()
        if outcome is None:
            return
        reason = self.outcome_step.reason.currentText()
        texts = self._problem_texts()
        found = [texts[p] for p in problems(self.draft, outcome, reason)]
        self.outcome_step.show_state(self._summary(outcome), found)

    def _summary(self, outcome: AcceptanceOutcome) -> str:
        matter = self.draft.matter
        if matter is None:
            return ""
        lines = [localized(matter.name_zh, matter.name_en)]
        names = {m.code: localized(m.name_zh, m.name_en) for m in matter.materials}
        for state, label in ((MaterialState.MISSING, self.tr("Missing")),
                             (MaterialState.PROMISED, self.tr("To supply later"))):
            codes = self.draft.codes(state)
            if codes:
                lines.append(f"{label}: " + "、".join(names[c] for c in codes))
        promised = promise(matter, self._clock().date())
        if outcome is AcceptanceOutcome.ACCEPTED and promised is not None:
            lines.append(self.tr("Done by %1 (%2 working days)")
                         .replace("%1", f"{promised.date:%Y-%m-%d}")
                         .replace("%2", str(matter.time_limit_days)))
        lines.append(self.tr("%1 page(s) scanned").replace(
            "%1", str(len(self.documents_step.documents))))
        return "\n".join(lines)

    def _problem_texts(self) -> dict[Problem, str]:
        return {
            Problem.NO_MATTER: self.tr("Choose the matter first."),
            Problem.NO_APPLICANT: self.tr("Identify the applicant (ID card or ID number)."),
            Problem.FORM_INCOMPLETE: self.tr("The form or the applicant has gaps: see steps "
                                             "2 and 3."),
            Problem.MATERIALS_MISSING: self.tr("Materials are missing: give the one-time "
                                               "notice, or mark them “Supply later”."),
            Problem.NOTHING_MISSING: self.tr("No material is marked missing."),
            Problem.PROMISED_ON_THE_SPOT: self.tr("On the spot means complete: nothing may "
                                                  "be supplied later."),
            Problem.NO_REASON: self.tr("Choose or type the reason."),
        }

    # ---------------------------------------------------------------- recording
    def record(self, outcome: AcceptanceOutcome, reason: str = "") -> None:
        """Store the outcome (tracking number, outbox), then print its slip."""
        from sync.outbox import NewAttachment

        self._collect()
        found = problems(self.draft, outcome, reason)
        if found:
            self._say(self._problem_texts()[found[0]], True)
            return
        draft, ticket = self.draft, self.ticket
        staff_no, window = self._staff_no(), self.window_name or None
        attachments = [NewAttachment(data, "image/jpeg") for data in
                       [*draft.documents, *self.form_step.images().values()]]
        today = self._clock().date()
        self.outcome_step.record.setEnabled(False)
        self._say(self.tr("Saving…"))
        self.submitter.submit(
            lambda number: make_payload(draft, outcome, number, today=today, reason=reason,
                                        ticket=ticket, staff_no=staff_no, window=window),
            attachments[:20], number=draft.tracking_number)

    def _recorded(self, recorded: Recorded) -> None:
        payload = recorded.payload
        self.print_slip(payload, recorded.when)
        self._say(self.tr("Recorded %1. The slip is printing.").replace(
            "%1", payload.tracking_number))
        self.new_application()
        self.outcomeRecorded.emit(payload.tracking_number, payload.outcome.value)
        self.ratingRequested.emit(payload.tracking_number)

    def _failed(self, detail: str) -> None:
        self.outcome_step.record.setEnabled(True)
        self._say(self.tr("Not saved, nothing was recorded: %1").replace("%1", detail), True)

    def print_slip(self, payload: AcceptancePayload, when: datetime) -> None:
        matter = self.matter_step.matter(payload.matter_code)
        language = "zh_CN" if chinese() else "en"
        receipt = acceptance_receipt(payload, matter, when, self._center(language),
                                     chinese=chinese())
        if self.printer is not None:
            self.printer.print_receipt(receipt)

    def reprint(self, entry: HistoryEntry) -> None:
        self.print_slip(entry.payload, entry.when)
        self._say(self.tr("Reprinting %1.").replace("%1", entry.payload.tracking_number))

    # ---------------------------------------------------------------- pre-applications
    def _scan_with_camera(self) -> None:
        if self.camera is None:
            return
        if not self._scanning:
            self._scanning = True
            self.camera.analysed.connect(self._analysed)
        self.camera.start()
        self._say(self.tr("Hold the receipt's QR code under the camera…"))

    def _analysed(self, _faces: object, payloads: list[str]) -> None:
        for text in payloads:
            if self._scanning and tracking_number_in(text):
                self._scanning = False
                self.camera.analysed.disconnect(self._analysed)  # type: ignore[union-attr]
                if self.stack.currentIndex() != DOCUMENTS:
                    self.camera.stop(wait=False)  # type: ignore[union-attr]
                self.open_receipt(text)
                return

    def _found(self, number: str, found: Found) -> None:
        payload = found.payload
        if payload is None:
            self._say(self.tr("The platform cannot be reached, so the kiosk application %1 "
                              "cannot be opened. Take it again by hand.").replace("%1", number)
                      if found.source == "offline" else
                      self.tr("No kiosk application %1 was found.").replace("%1", number), True)
            return
        matter = self.matter_step.matter(payload.matter_code)
        if matter is None:
            self._say(self.tr("The matter %1 is not in this terminal's catalog.")
                      .replace("%1", payload.matter_code), True)
            return
        self.new_application()
        self.draft.tracking_number = payload.tracking_number
        self.applicant_step.set_person(payload.applicant)
        self.choose_matter(matter)
        self.form_step.set_values(dict(payload.fields))
        self.form_step.set_applicant_id(payload.applicant.id_number or "")
        self.draft.tracking_number = payload.tracking_number
        self.go(MATERIALS)
        opened = self.tr("Kiosk application %1 opened: check the form, then the materials.") \
            .replace("%1", number)
        if payload.face_match is None:
            self._say(opened)
            return
        check = self.tr("At the kiosk: %1.").replace("%1", face_check_text(payload.model_dump()))
        self._say(f"{opened}\n{check}", payload.face_match != "matched")

    # ---------------------------------------------------------------- texts
    def _say(self, text: str, attention: bool = False) -> None:
        self.message.setText(text)
        set_state(self.message, "attention" if attention else "")

    def _show_ticket(self) -> None:
        self.ticket_label.setText(self.tr("Ticket %1").replace("%1", self.ticket)
                                  if self.ticket else self.tr("No ticket"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for index, text in enumerate((
                self.tr("1 Matter"), self.tr("2 Applicant"), self.tr("3 Form"),
                self.tr("4 Materials"), self.tr("5 Documents"), self.tr("6 Outcome"),
                self.tr("Today"))):
            self.steps.item(index).setText(text)
        self.scan.setPlaceholderText(self.tr("Scan or type a kiosk receipt's tracking number"))
        self.scan_camera.setText(self.tr("QR by camera"))
        self.new_button.setText(self.tr("New (Ctrl+N)"))
        self.back.setText(self.tr("‹ Back (%1)").replace("%1", "Ctrl+PgUp"))
        self.next.setText(self.tr("Next › (%1)").replace("%1", "Ctrl+PgDn"))
        for step in (self.matter_step, self.applicant_step, self.form_step,
                     self.materials_step, self.documents_step, self.outcome_step,
                     self.history):
            step.retranslate()
        self._show_ticket()
        self._refresh_outcome()  # the outcome's summary and problems, in the new language
