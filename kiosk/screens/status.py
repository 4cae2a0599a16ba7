"""Check what became of an application: scan the receipt's QR code with the
camera, or type the tracking number; then the status in plain words.

args: {"tracking_number": str} looks that number up at once; {} asks for one.
Online first (off the GUI thread), else the local cache "as of <time>", else
"not found yet". Without a working camera the typed entry shows directly.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer, QTimeZone
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hardware.health import Health, HealthState
from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen
from kiosk.screens.status_lookup import Source, StatusAnswer, StatusLookup
from terminal.theme import restyle
from terminal.widgets.camera_view import CameraView
from terminal.widgets.keyboard import TouchLineEdit
from terminal.widgets.labels import role_label

if TYPE_CHECKING:
    from sync.protocol.models import Matter

PREFIX = "RC-"
#: The matter code the platform gives repair requests (sync.server.cases.book.REPAIR).
REPAIR = "repair"
#: the colour (theme "tone") of each application status
TONES = {"received": "good", "accepted": "good", "in_progress": "good", "completed": "good",
         "rejected": "problem", "missing": "problem"}
PREVIEW_SIZE = (640, 360)
#: a camera that sends no picture for this long counts as not working
NO_FRAME_MS = 6000


class Page(Enum):
    SCAN = 0
    TYPE = 1
    BUSY = 2
    RESULT = 3


def tracking_number_in(text: str) -> str | None:
    """The tracking number in a QR payload or typed text, or None."""
    from hardware.camera.status_qr import ParseError, parse_status_qr

    try:
        return parse_status_qr(text.strip().upper() if "://" not in text else text)
    except ParseError:
        return None


def local_time(when: datetime, language: str, time_zone: str) -> str:
    """`when` as the center's date and time (never the machine's), written in `language`."""
    moment = QDateTime.fromSecsSinceEpoch(int(when.timestamp()), QTimeZone(time_zone.encode()))
    return QLocale(language).toString(moment, QLocale.FormatType.ShortFormat)


class StatusScreen(KioskScreen):
    def __init__(self, context: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusScreen")
        self.context = context
        self.answer: StatusAnswer | None = None
        self.camera_trouble = ""
        self.camera_broken = False  # it failed while this resident tried it
        self._active = False
        self._no_frame = QTimer(self, singleShot=True, interval=NO_FRAME_MS)
        self._no_frame.timeout.connect(self._no_frame_came)
        self._camera_connected = False
        self.lookup = StatusLookup(None, None, parent=self)
        self.lookup.answered.connect(self._answered)

        self.heading = role_label("title")
        self.pages = QStackedWidget()
        self.pages.currentChanged.connect(self.promptChanged)
        for build in (self._build_scan_page, self._build_type_page, self._build_busy_page,
                      self._build_result_page):
            self.pages.addWidget(build())
        self.pages.currentChanged.connect(self._size_to_current_page)
        self._size_to_current_page(self.pages.currentIndex())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(16)
        layout.addWidget(self.heading)
        layout.addWidget(self.pages, 1)
        self.retranslate()

    # ---- pages ------------------------------------------------------------------------
    def _build_scan_page(self) -> QWidget:
        page = QWidget()
        self.scan_prompt = role_label("subtitle", name="scanPrompt")
        self.preview = CameraView()
        self.preview.setObjectName("cameraPreview")
        self.preview.setFixedSize(*PREVIEW_SIZE)
        self.scan_hint = role_label("error", name="scanHint")
        self.scan_hint.setProperty("state", "attention")
        self.type_instead = QPushButton()
        self.type_instead.setProperty("role", "secondary")
        self.type_instead.clicked.connect(lambda: self._show_type_page(""))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.preview)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scan_prompt)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.scan_hint)
        layout.addStretch(1)
        layout.addWidget(self.type_instead)
        return page

    def _build_type_page(self) -> QWidget:
        page = QWidget()
        self.reason_label = role_label("notice", name="cameraReason")
        self.type_prompt = role_label("subtitle")
        self.number_edit = TouchLineEdit()
        self.number_edit.setObjectName("trackingNumber")
        self.number_edit.setMaxLength(40)
        self.number_edit.textEdited.connect(self._upper_case)
        self.type_error = role_label("error", name="typeError")
        self.type_error.setProperty("state", "attention")
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self._check_typed)
        self.number_edit.setInputMethodHints(  # the keyboard in Latin capitals, no pinyin
            Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhPreferUppercase
            | Qt.InputMethodHint.ImhNoPredictiveText)
        self.number_edit.returnPressed.connect(self._check_typed)
        field_row = QHBoxLayout()
        field_row.addWidget(self.number_edit, 1)
        field_row.addWidget(self.check_button)
        text = QVBoxLayout(page)
        text.setContentsMargins(0, 0, 0, 0)
        text.setSpacing(12)
        text.addWidget(self.reason_label)
        text.addWidget(self.type_prompt)
        text.addLayout(field_row)
        text.addWidget(self.type_error)
        text.addStretch(1)
        return page

    def _build_busy_page(self) -> QWidget:
        page = QWidget()
        self.busy_label = role_label("touch", align=Qt.AlignmentFlag.AlignCenter,
                                     name="busyLabel")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.busy_label)
        layout.addStretch(1)
        return page

    def _build_result_page(self) -> QWidget:
        page = QWidget()
        self.result_number = role_label("subtitle", name="resultNumber")
        self.result_matter = role_label("subtitle", name="resultMatter")
        self.result_status = role_label("status", name="resultStatus")
        self.result_due = role_label("body", name="resultDue")
        self.result_owed = role_label("body", name="resultOwed")
        self.result_steps_heading = role_label("subtitle", name="resultStepsHeading")
        self.result_steps = role_label("body", name="resultSteps")
        self.result_note = role_label("body", name="resultNote")
        self.result_source = role_label("notice", name="resultSource")
        self.another_button = QPushButton()
        self.another_button.setProperty("role", "secondary")
        self.another_button.clicked.connect(self._start)
        self.done_button = QPushButton()
        self.done_button.clicked.connect(self._done)
        buttons = QHBoxLayout()
        buttons.setSpacing(24)
        buttons.addWidget(self.another_button)
        buttons.addWidget(self.done_button)
        facts, story = QVBoxLayout(), QVBoxLayout()
        for column in (facts, story):
            column.setSpacing(16)
        for label in (self.result_number, self.result_matter, self.result_status,
                      self.result_owed, self.result_due, self.result_note, self.result_source):
            facts.addWidget(label)
        facts.addStretch(1)
        story.addWidget(self.result_steps_heading)
        story.addWidget(self.result_steps)
        story.addStretch(1)
        # the timeline beside the facts in landscape, below them in portrait
        self._result_columns = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._result_columns.setSpacing(32)
        self._result_columns.addLayout(facts, 1)
        self._result_columns.addLayout(story, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addLayout(self._result_columns)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = event.size()
        direction = (QBoxLayout.Direction.LeftToRight if size.width() > size.height()
                     else QBoxLayout.Direction.TopToBottom)
        if direction != self._result_columns.direction():
            self._result_columns.setDirection(direction)
            self.updateGeometry()  # the scroll area around the screen asks again

    def _size_to_current_page(self, current: int) -> None:
        """Only the page shown counts for the screen's size: the camera page's height
        scrolled the result's buttons off a landscape screen."""
        for index in range(self.pages.count()):
            policy = (QSizePolicy.Policy.Preferred if index == current
                      else QSizePolicy.Policy.Ignored)
            self.pages.widget(index).setSizePolicy(policy, policy)
        self.pages.updateGeometry()

    # ---- navigation ----------------------------------------------------------------
    def enter(self, args: dict[str, Any]) -> None:
        self._active = True
        number = str(args.get("tracking_number", "")) if args else ""
        if number:
            self.number_edit.setText(number)
            self._look_up(number)
        elif args or self.page() in (Page.SCAN, Page.TYPE):
            self._start()
        # back navigation onto a result or a running lookup: leave it as it is

    def leave(self) -> None:
        self._active = False
        self._stop_camera()

    def reset(self) -> None:
        self.lookup.cancel()
        self.camera_broken = False
        self.answer = None
        self.number_edit.setText(PREFIX)
        self.type_error.clear()
        self.scan_hint.clear()
        self.preview.clear()
        self._clear_result()
        self.pages.setCurrentIndex(Page.SCAN.value)

    def _done(self) -> None:
        """The resident is done: the next visit from the home screen starts afresh (going
        back onto this screen from help keeps the answer)."""
        camera_broken = self.camera_broken  # still broken for this resident
        self.reset()
        self.camera_broken = camera_broken
        self.goHome.emit()

    def page(self) -> Page:
        return Page(self.pages.currentIndex())

    def _start(self) -> None:
        """Ask for a number: by camera when it works, else typed."""
        self.lookup.cancel()
        self.answer = None
        self._clear_result()
        self.scan_hint.clear()
        self.type_error.clear()
        self.number_edit.setText(PREFIX)
        trouble = self._camera_problem()
        if trouble:
            self._show_type_page(trouble)
            return
        self.preview.setText(self.tr("Camera starting …"))
        self.pages.setCurrentIndex(Page.SCAN.value)
        self._start_camera()

    # ---- camera ------------------------------------------------------------------
    def _camera_problem(self) -> str:
        """Why the typed entry shows ("" when the camera is worth trying)."""
        if self.context.devices.camera is None:
            self.camera_broken = False
            return self.tr("This machine has no camera, so please type the number "
                           "printed on your receipt.")
        if self.camera_broken:
            return self.tr("The camera is not working right now, so please type the "
                           "number printed on your receipt.")
        return ""

    def _camera_failed(self) -> None:
        self.camera_broken = True
        self._stop_camera()
        self._show_type_page(self._camera_problem())

    def _start_camera(self) -> None:
        camera = self.context.devices.camera
        if camera is None:
            return
        if not self._camera_connected:
            camera.frameReady.connect(self._frame)
            camera.analysed.connect(self._analysed)
            camera.healthChanged.connect(self._camera_health)
            self._camera_connected = True
        camera.start()
        self._no_frame.start()

    def _stop_camera(self) -> None:
        self._no_frame.stop()
        camera = self.context.devices.camera
        if camera is not None and camera.capturing:
            camera.stop(wait=False)  # the camera closes on its own thread

    def _no_frame_came(self) -> None:
        if self._active and self.page() is Page.SCAN:
            self._camera_failed()

    def _frame(self, image: QImage) -> None:
        if self._active and self.page() is Page.SCAN:
            self._no_frame.stop()
            self.preview.show_frame(image)

    def _analysed(self, _faces: object, payloads: object) -> None:
        if not self._active or self.page() is not Page.SCAN:
            return
        texts = [str(text) for text in payloads or []]  # type: ignore[attr-defined]
        for text in texts:
            number = tracking_number_in(text)
            if number:
                self._stop_camera()
                self.number_edit.setText(number)
                self._look_up(number)
                return
        if texts:
            self.scan_hint.setText(self.tr(
                "This code is not from one of our receipts. Please show the QR code "
                "printed on your receipt."))

    def _camera_health(self, health: Health) -> None:
        camera = self.context.devices.camera
        if self._active and self.page() is Page.SCAN and health.state is HealthState.OFFLINE \
                and camera is not None and camera.capturing:
            self._camera_failed()

    # ---- typed ---------------------------------------------------------------------
    def _show_type_page(self, reason: str) -> None:
        self._stop_camera()
        self.camera_trouble = reason
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))
        if not self.number_edit.text():
            self.number_edit.setText(PREFIX)
        self.pages.setCurrentIndex(Page.TYPE.value)
        self.number_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.number_edit.end(False)

    def _upper_case(self, text: str) -> None:
        if text != text.upper():
            position = self.number_edit.cursorPosition()
            self.number_edit.setText(text.upper())
            self.number_edit.setCursorPosition(position)

    def _check_typed(self) -> None:
        number = tracking_number_in(self.number_edit.text().replace(" ", ""))
        if number is None:
            self.type_error.setText(self.tr(
                "This is not a tracking number. It looks like RC-20261125-K01-00042 and is "
                "printed under the QR code on your receipt."))
            return
        self.type_error.clear()
        self._look_up(number)

    # ---- lookup ---------------------------------------------------------------------
    def _look_up(self, number: str) -> None:
        shell = self.context.shell
        if shell is None:
            self.lookup.online = self.lookup.cache = self.lookup.matters = None
        else:
            runtime = shell.services.runtime
            self.lookup.online = runtime.client.application_story
            self.lookup.cache = runtime.cache.status
            self.lookup.matters = self._matter
        self.busy_label.setText(self.tr("Looking up %1 …").replace("%1", number))
        self.pages.setCurrentIndex(Page.BUSY.value)
        self.lookup.request(number)

    def _matter(self, code: str) -> Matter | None:
        """The matter from the cached catalog (runs on the lookup thread)."""
        from sync.caches import CATALOG
        from sync.protocol.models import Catalog

        catalog = self.context.cached(CATALOG, Catalog)
        return next((matter for matter in catalog.value.matters if matter.code == code),
                    None) if catalog else None

    def _answered(self, answer: StatusAnswer) -> None:
        self.answer = answer
        self._show_answer()
        self.pages.setCurrentIndex(Page.RESULT.value)

    def _result_labels(self) -> tuple[QLabel, ...]:
        return (self.result_number, self.result_matter, self.result_status, self.result_owed,
                self.result_due, self.result_note, self.result_steps_heading, self.result_steps,
                self.result_source)

    def _clear_result(self) -> None:
        for label in self._result_labels():
            label.clear()
        for label in (self.result_owed, self.result_due, self.result_steps_heading,
                      self.result_steps):
            label.hide()
        self._set_tone("")

    def _set_tone(self, tone: str) -> None:
        """The status in the colour of what it means: good, waiting or not found
        ("pending"), refused or missing ("problem")."""
        self.result_status.setProperty("tone", tone)
        restyle(self.result_status)

    def _show_answer(self) -> None:
        answer = self.answer
        if answer is None:
            return
        self._clear_result()
        self.result_number.setText(self.tr("Application %1").replace("%1",
                                                                     answer.tracking_number))
        status = answer.status
        if status is None:
            self.result_status.setText(self.tr("Not found yet"))
            self._set_tone("pending")
            self.result_source.hide()  # no source to tell of: no empty box
            self.result_note.setText(
                self.tr("We could not find this application. It appears here a few minutes "
                        "after it is handed in. Please check the number, try again later, "
                        "or ask a member of staff.") if answer.source is Source.ONLINE else
                self.tr("We cannot reach the service system right now, and this machine has "
                        "no saved record of this application. Please try again later, or "
                        "ask a member of staff."))
            return
        if status.matter_code == REPAIR:
            self.result_matter.setText(self.tr("Property repair"))
        elif answer.matter is not None:
            self.result_matter.setText(self.context.localized(*answer.matter))
        self.result_status.setText(self._status_words(status.status, bool(answer.owed)))
        if answer.owed:
            separator = "、" if self.context.language == "zh_CN" else ", "
            self.result_owed.setText(self.tr("Still to bring: %1").replace(
                "%1", separator.join(self.context.localized(*names) for names in answer.owed)))
            self.result_owed.show()
        self._set_tone(TONES.get(status.status, "pending"))
        self.result_source.show()
        self.result_note.setText(status.note)
        self.result_note.setVisible(bool(status.note))
        language, zone = self.context.language, self.context.gui.settings.time_zone
        self._show_due_and_steps(answer, language, zone)
        updated = self.tr("Last change: %1").replace("%1",
                                                     local_time(status.updated_at, language, zone))
        if answer.source is Source.ONLINE:
            self.result_source.setText(updated + "\n" + self.tr("Checked just now."))
        else:
            as_of = local_time(answer.as_of, language, zone) if answer.as_of else "—"
            self.result_source.setText(updated + "\n" + self.tr(
                "We cannot reach the service system right now. This is the status "
                "saved on this machine, as of %1.").replace("%1", as_of))

    def _show_due_and_steps(self, answer: StatusAnswer, language: str, zone: str) -> None:
        """The promised date while the deadline runs, and what happened so far (the
        platform's answer only: the saved copy has no timeline)."""
        if answer.due_date is not None:
            day = QLocale(language).toString(answer.due_date, QLocale.FormatType.LongFormat)
            self.result_due.setText(
                (self.tr("To be completed by %1 (estimated)") if answer.due_estimated
                 else self.tr("To be completed by %1")).replace("%1", day))
            self.result_due.show()
        if answer.steps:
            self.result_steps_heading.setText(self.tr("What happened so far"))
            self.result_steps.setText("\n".join(
                local_time(step.at, language, zone) + "   "
                + self._step_words(step.step, step.result) for step in answer.steps))
            self.result_steps_heading.show()
            self.result_steps.show()

    def _step_words(self, step: str, result: str | None) -> str:
        words = {
            "submitted": self.tr("Submitted"),
            "accepted": self.tr("Accepted"),
            "accepted_pending": self.tr("Accepted, documents to follow"),
            "one_time_notice": self.tr("Told once which documents are missing"),
            "refused": self.tr("Not accepted"),
            "on_the_spot": self.tr("Handled on the spot"),
            "materials_supplied": self.tr("Documents supplied"),
            "in_progress": self.tr("Work started"),
            "completed": self.tr("Completed"),
            "collected": self.tr("Result collected"),
            "rated": self.tr("Service rated"),
            "dispatched": self.tr("Sent to a repairer"),
            "note": self.tr("Progress noted"),
            "closed": self.tr("Closed"),
        }
        results = {"approved": self.tr("approved"), "not_approved": self.tr("not approved")}
        text = words.get(step, step)
        return f"{text} · {results[result]}" if result in results else text

    def _status_words(self, status: str, listed: bool) -> str:
        words = {
            "received": self.tr("Received: your application has arrived and is waiting "
                                "to be handled."),
            "accepted": self.tr("Accepted: your application is being handled. Please bring "
                                "the documents listed below.") if listed else
            self.tr("Accepted: your application is complete and is being handled."),
            "in_progress": self.tr("In progress: your application is being handled."),
            "completed": self.tr("Completed: the result is ready."),
            "rejected": self.tr("Not accepted. The reason is below."),
            "missing": self.tr("Documents missing: please bring the documents listed below.")
            if listed else self.tr("Documents missing: please bring the documents on the notice "
                                   "the window gave you."),
        }
        return words.get(status, status)

    # ---- text -------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title = self.tr("Check an application")
        self.heading.setText(self.tr("Check an application"))
        self.scan_prompt.setText(self.tr(
            "Hold the QR code on your receipt in front of the camera."))
        self.preview.setText(self.tr("Camera starting …"))
        self.type_instead.setText(self.tr("Type the number instead"))
        self.type_prompt.setText(self.tr(
            "Type the tracking number printed on your receipt, for example "
            "RC-20261125-K01-00042."))
        self.check_button.setText(self.tr("Check"))
        self.another_button.setText(self.tr("Check another"))
        self.done_button.setText(self.tr("Done"))
        if self.camera_trouble:
            self.camera_trouble = self._camera_problem() or self.camera_trouble
            self.reason_label.setText(self.camera_trouble)
        # matter names and times follow the language the switcher records after this event
        QTimer.singleShot(0, self, self._show_answer)
