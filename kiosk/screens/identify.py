"""The identification step other flows send a resident through.

args: {"next": screen name, "next_args": dict, "purpose": text shown under
the title, or a callable giving it in the session's language (so it follows a
language switch), "ask_phone": bool (default: only when the ID number is typed)}.

The resident places their ID card on the reader (polled while this screen
is shown; residence permits and foreigners' permanent residence cards too),
or types the ID number on a big keypad (GB 11643 checked), then a mobile
number. With a passport reader, "I have a passport" has the camera read the
passport's MRZ (its number, date of birth and expiry date, check digits
verified), or the resident types them when there is no camera or by choice,
then reads its chip: a chip whose
passive authentication fails sends the resident to a window. Without a
working card reader the typed path shows directly, with a plain sentence why.
What was read is shown masked until the resident touches "Continue" (or
"This is not me"); then the flow goes on to `next`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hardware.documents import mask_document_number, mask_person_name
from hardware.facematch import DEFAULT_THRESHOLD, MSG_LOOK, MatchOutcome, MatchResult
from hardware.health import Health, HealthState
from hardware.identity import (
    IdentityRecord,
    IdNumberProblem,
    mask_id_number,
    mask_phone,
)
from hardware.passport.mrz import MrzKey
from kiosk.context import KioskContext
from kiosk.screens.base import KioskScreen
from kiosk.screens.passport_entry import PassportKeyEntry
from kiosk.screens.passport_scan import PassportScanPage
from terminal.validation import ID_LENGTH, MOBILE_LENGTH, check_id_number, expired_on, is_mobile
from terminal.widgets.camera_view import CameraView
from terminal.widgets.keypad import BACK, DigitKeypad, X
from terminal.widgets.labels import role_label

#: frames without a face before the resident is asked to look at the camera
FACE_TRIES = 5
#: frames in a row whose face matches, none showing the passport's page, before the
#: match counts: one frame could be a still; and the page under the camera shows the
#: chip's own photo printed on it (`terminal.face_check`)
FACE_FRAMES = 3


class Page(Enum):
    CARD = 0
    ID_NUMBER = 1
    PHONE = 2
    DONE = 3
    PASSPORT = 4
    PASSPORT_READ = 5
    FACE = 6
    PASSPORT_SCAN = 7


def group_id_number(number: str) -> str:
    """`11010519491231002X` -> `110105 19491231 002X` (easier to check by eye)."""
    return " ".join(part for part in (number[:6], number[6:14], number[14:]) if part)


def group_phone(number: str) -> str:
    """`13812345678` -> `138 1234 5678`."""
    return " ".join(part for part in (number[:3], number[3:7], number[7:]) if part)


class IdentifyScreen(KioskScreen):
    def __init__(self, context: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identifyScreen")
        self.context = context
        self.next_screen = ""
        self.next_args: dict[str, Any] = {}
        self.purpose: str | Callable[[], str] = ""
        self.ask_phone: bool | None = None
        self.id_number = ""
        self.phone = ""
        self.reader_trouble = ""  # why the typed path is shown, "" when by choice
        self._reader_connected = False
        self._passport_connected = False
        self._passport_key: object = None  # the MrzKey being read
        self._key_by_camera = False  # that key read from the data page by the camera
        self._rescan = False  # the chip refused the camera's key: "Try again" reads the page
        self._face_record: IdentityRecord | None = None  # read, waiting for the face match
        self._face_tries = 0
        self._face_busy = False
        self._face_matches = 0  # frames in a row whose face matched
        self._page_in_view = False  # the last frame compared showed the passport's page
        self._camera_connected = False
        self._face_generation = 0  # a comparison asked before the last stop is stale
        self._active = False
        self._landscape: bool | None = None
        self._entry_parts: list[dict[str, Any]] = []
        self._auto = False  # the details were just read or typed (not known before)

        self.title_label = role_label("title", name="identifyTitle")
        self.purpose_label = role_label("subtitle", name="identifyPurpose")
        self.pages = QStackedWidget()
        self.pages.currentChanged.connect(self.promptChanged)
        self.pages.addWidget(self._build_card_page())
        self.pages.addWidget(self._build_id_page())
        self.pages.addWidget(self._build_phone_page())
        self.pages.addWidget(self._build_done_page())
        self.pages.addWidget(self._build_passport_page())
        self.pages.addWidget(self._build_passport_read_page())
        self.pages.addWidget(self._build_face_page())
        self.passport_scan = PassportScanPage()
        self.passport_scan.keyRead.connect(self._scanned_passport)
        self.passport_scan.typeInstead.connect(self._type_passport)
        self.pages.addWidget(self.passport_scan)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(16)
        layout.addWidget(self.title_label)
        layout.addWidget(self.purpose_label)
        layout.addWidget(self.pages, 1)
        self._arrange(True)  # compact until the screen's shape is known
        self.retranslate()

    # ---- pages --------------------------------------------------------------------
    def _build_card_page(self) -> QWidget:
        page = QWidget()
        self.card_prompt = role_label("touch", align=Qt.AlignmentFlag.AlignCenter,
                                      name="cardPrompt")
        self.card_hint = role_label("subtitle", align=Qt.AlignmentFlag.AlignCenter)
        self.card_error = role_label("error", align=Qt.AlignmentFlag.AlignCenter,
                                     name="cardError")
        self.card_error.setProperty("state", "attention")
        self.card_error.hide()
        self.type_instead = QPushButton()
        self.type_instead.setProperty("role", "secondary")
        self.type_instead.clicked.connect(lambda: self._show_id_page(""))
        self.use_passport = QPushButton()
        self.use_passport.setObjectName("usePassport")
        self.use_passport.setProperty("role", "secondary")
        self.use_passport.clicked.connect(self._show_passport_page)
        self.use_passport.hide()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.card_prompt)
        layout.addWidget(self.card_hint)
        layout.addWidget(self.card_error)
        layout.addStretch(1)
        # side by side in landscape, one above the other in portrait (long labels)
        self._card_choices = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._card_choices.setSpacing(16)
        self._card_choices.addWidget(self.use_passport, 1)
        self._card_choices.addWidget(self.type_instead, 1)
        layout.addLayout(self._card_choices)
        return page

    def _build_passport_page(self) -> QWidget:
        self.passport_entry = PassportKeyEntry()
        self.passport_entry.keyReady.connect(self._read_passport)
        return self.passport_entry

    def _build_passport_read_page(self) -> QWidget:
        page = QWidget()
        self.passport_prompt = role_label("touch", align=Qt.AlignmentFlag.AlignCenter,
                                          name="passportReadPrompt")
        self.passport_status = role_label("subtitle", align=Qt.AlignmentFlag.AlignCenter,
                                          name="passportStatus")
        self.passport_error = role_label("error", align=Qt.AlignmentFlag.AlignCenter,
                                         name="passportReadError")
        self.passport_error.setProperty("state", "attention")
        self.passport_error.hide()
        self.passport_retry = QPushButton()
        self.passport_retry.setObjectName("passportRetry")
        self.passport_retry.clicked.connect(self._retry_passport)
        self.passport_change = QPushButton()
        self.passport_change.setProperty("role", "secondary")
        self.passport_change.clicked.connect(self._type_passport)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.passport_prompt)
        layout.addWidget(self.passport_status)
        layout.addWidget(self.passport_error)
        layout.addStretch(1)
        actions = QHBoxLayout()
        actions.setSpacing(16)
        actions.addWidget(self.passport_change, 1)
        actions.addWidget(self.passport_retry, 1)
        layout.addLayout(actions)
        return page

    def _entry_page(self, with_x: bool) -> tuple[QWidget, dict[str, Any]]:
        """Prompt, display and messages beside (landscape) or above (portrait) a keypad."""
        page = QWidget()
        parts: dict[str, Any] = {
            "reason": role_label("notice"),
            "prompt": role_label("subtitle"),
            "display": role_label("entry", align=Qt.AlignmentFlag.AlignCenter, wrap=False),
            "error": role_label("error"),
            "keypad": DigitKeypad(left=X if with_x else "", key_height=112),
            "next": QPushButton(),
        }
        parts["error"].setProperty("state", "attention")
        # "Next" and whatever sits beside it (the ID page's "I have a passport")
        parts["actions"] = QWidget()
        actions = QHBoxLayout(parts["actions"])
        actions.setContentsMargins(0, 0, 0, 0)
        actions.setSpacing(16)
        actions.addWidget(parts["next"], 1)
        parts["display"].setMinimumHeight(112)
        parts["keypad"].setMinimumWidth(540)
        parts["keypad"].setMaximumWidth(720)
        text = QVBoxLayout()
        text.setSpacing(12)
        for key in ("reason", "prompt", "display", "error"):
            text.addWidget(parts[key])
        text.addStretch(1)
        keys = QVBoxLayout()
        keys.setSpacing(16)
        keys.addWidget(parts["keypad"], 0, Qt.AlignmentFlag.AlignHCenter)
        layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(32)
        layout.addLayout(text, 1)
        layout.addLayout(keys, 1)
        parts["layouts"] = (layout, text, keys)
        self._entry_parts.append(parts)
        return page, parts

    def _arrange(self, landscape: bool) -> None:
        """Keypad beside the text in landscape, below it in portrait ("Next" last)."""
        if landscape == self._landscape:
            return
        self._landscape = landscape
        self.passport_entry.set_landscape(landscape)
        self.passport_scan.set_landscape(landscape)
        self._card_choices.setDirection(QBoxLayout.Direction.LeftToRight if landscape
                                        else QBoxLayout.Direction.TopToBottom)
        for parts in self._entry_parts:
            layout, text, keys = parts["layouts"]
            layout.setDirection(QBoxLayout.Direction.LeftToRight if landscape
                                else QBoxLayout.Direction.TopToBottom)
            for column in (text, keys):
                column.removeWidget(parts["actions"])
            (text if landscape else keys).addWidget(parts["actions"])
            parts["keypad"].set_key_height(96 if landscape else 112)

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = event.size()
        self._arrange(size.width() > size.height())
        super().resizeEvent(event)

    def _build_id_page(self) -> QWidget:
        page, parts = self._entry_page(with_x=True)
        self.reason_label: QLabel = parts["reason"]
        self.id_prompt: QLabel = parts["prompt"]
        self.id_display: QLabel = parts["display"]
        self.id_error: QLabel = parts["error"]
        self.id_keypad: DigitKeypad = parts["keypad"]
        self.id_next: QPushButton = parts["next"]
        self.id_keypad.pressed.connect(self._id_key)
        self.id_next.clicked.connect(self._id_confirm)
        self.id_display.setObjectName("idDisplay")
        self.id_error.setObjectName("idError")
        self.id_use_passport = QPushButton()
        self.id_use_passport.setObjectName("idUsePassport")
        self.id_use_passport.setProperty("role", "secondary")
        self.id_use_passport.clicked.connect(self._show_passport_page)
        self.id_use_passport.hide()
        parts["actions"].layout().insertWidget(0, self.id_use_passport, 1)
        return page

    def _build_phone_page(self) -> QWidget:
        page, parts = self._entry_page(with_x=False)
        parts["reason"].hide()
        self.phone_prompt: QLabel = parts["prompt"]
        self.phone_display: QLabel = parts["display"]
        self.phone_error: QLabel = parts["error"]
        self.phone_keypad: DigitKeypad = parts["keypad"]
        self.phone_next: QPushButton = parts["next"]
        self.phone_keypad.pressed.connect(self._phone_key)
        self.phone_next.clicked.connect(self._phone_confirm)
        self.phone_display.setObjectName("phoneDisplay")
        self.phone_error.setObjectName("phoneError")
        return page

    def _build_done_page(self) -> QWidget:
        page = QWidget()
        self.done_title = role_label("subtitle", align=Qt.AlignmentFlag.AlignCenter)
        self.done_identity = role_label("entry", align=Qt.AlignmentFlag.AlignCenter,
                                        name="doneIdentity")
        self.continue_button = QPushButton()
        self.continue_button.clicked.connect(self._go_on)
        self.start_over = QPushButton()
        self.start_over.setProperty("role", "secondary")
        self.start_over.clicked.connect(self._not_me)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.done_title)
        layout.addWidget(self.done_identity)
        layout.addStretch(1)
        layout.addWidget(self.continue_button)
        layout.addSpacing(16)
        layout.addWidget(self.start_over)
        return page

    def _build_face_page(self) -> QWidget:
        page = QWidget()
        self.face_prompt = role_label("touch", align=Qt.AlignmentFlag.AlignCenter,
                                      name="facePrompt")
        self.face_view = CameraView()
        self.face_view.setObjectName("faceView")
        self.face_view.setMinimumSize(320, 240)
        self.face_status = role_label("subtitle", align=Qt.AlignmentFlag.AlignCenter,
                                      name="faceStatus")
        self.face_status.setProperty("state", "attention")
        self.face_retry = QPushButton()
        self.face_retry.setObjectName("faceRetry")
        self.face_retry.clicked.connect(self._start_face_match)
        self.face_retry.hide()
        layout = QVBoxLayout(page)
        layout.addWidget(self.face_prompt)
        layout.addWidget(self.face_view, 1)
        layout.addWidget(self.face_status)
        layout.addWidget(self.face_retry)
        layout.addStretch()  # takes the room only while the camera picture is hidden
        return page

    # ---- navigation -------------------------------------------------------------------
    def enter(self, args: dict[str, Any]) -> None:
        if args:  # a new request; back navigation brings {} and keeps the last one
            self.next_screen = str(args.get("next", "home"))
            self.next_args = dict(args.get("next_args") or {})
            purpose = args.get("purpose", "")
            self.purpose = purpose if callable(purpose) else str(purpose)
            ask = args.get("ask_phone")
            self.ask_phone = None if ask is None else bool(ask)
            self._clear_entries()
            self._show(Page.CARD)
        self._active = True
        self._show_purpose()
        session = self.context.session
        if session.identified and (not self._needs_phone() or session.phone):
            self._show_done(auto=False)
            return
        self._connect_reader()
        self._connect_passport()
        reader = self.context.devices.card_reader
        if reader is not None:
            reader.start_polling()
        trouble = self._reader_problem()
        if trouble:
            self._show_id_page(trouble)
        elif self.page() is Page.DONE:
            self._show(Page.CARD)

    def leave(self) -> None:
        self._active = False
        self.passport_scan.stop()
        self._stop_face_match()
        reader = self.context.devices.card_reader
        if reader is not None:
            reader.stop_polling()

    def reset(self) -> None:
        self.next_screen, self.next_args, self.purpose, self.ask_phone = "", {}, "", None
        self._clear_entries()
        self.done_identity.clear()
        self._show(Page.CARD)

    def _show_purpose(self) -> None:
        text = self.purpose() if callable(self.purpose) else self.purpose
        self.purpose_label.setText(text)
        self.purpose_label.setVisible(bool(text))

    def page(self) -> Page:
        return Page(self.pages.currentIndex())

    def _show(self, page: Page) -> None:
        if page is not Page.PASSPORT_SCAN:
            self.passport_scan.stop()
        self.pages.setCurrentIndex(page.value)

    # ---- card reader ---------------------------------------------------------------
    def _connect_reader(self) -> None:
        reader = self.context.devices.card_reader
        if reader is None or self._reader_connected:
            return
        reader.cardRead.connect(self._card_read)
        reader.cardRejected.connect(self._card_rejected)
        reader.healthChanged.connect(self._reader_health)
        self._reader_connected = True

    def _reader_problem(self) -> str:
        reader = self.context.devices.card_reader
        if reader is None:
            return self.tr("This machine has no card reader, so please type your ID number.")
        if reader.health.state is HealthState.OFFLINE:
            return self.tr("The card reader is not working right now, "
                           "so please type your ID number.")
        return ""

    def _reader_health(self, health: Health) -> None:
        if not self._active or self.page() is Page.DONE:
            return
        if health.state is HealthState.OFFLINE:
            self.reader_trouble = self._reader_problem()
            if self.page() is Page.CARD:
                self._show_id_page(self.reader_trouble)
            else:
                self.reason_label.setText(self.reader_trouble)
                self.reason_label.show()

    def _card_rejected(self, resident_message: str, _technician_message: str) -> None:
        """A card whose data disagree with its ID number: send the resident to staff."""
        if not self._active or self.page() is not Page.CARD:
            return
        self.card_error.setText(resident_message)
        self.card_error.show()

    def _card_read(self, record: IdentityRecord) -> None:
        if not self._active or self.page() is Page.DONE:
            return  # not ours: the screen is not shown
        ended = expired_on(record, today=self.context.clock().date())
        if ended is not None:
            record.wipe()
            self.card_error.setText(self._expired_text(ended))
            self.card_error.show()
            return
        self._card_read_any(record)

    def _expired_text(self, ended: date) -> str:
        return self.tr("This document expired on %1. Please use a valid document, or go "
                       "to a window for help.").replace("%1", ended.isoformat())

    def _card_read_any(self, record: IdentityRecord, face: MatchResult | None = None) -> None:
        """`record` is the resident now; `face`: the face check that matched it (a
        card's has none: an earlier check, refused or someone else's, is not theirs)."""
        self.card_error.hide()
        session = self.context.session
        if session.identity is not None and session.identity is not record:
            session.identity.wipe()
        session.identity = record
        session.face_match = face
        session.id_number = ""
        self.id_number = ""
        self.chromeChanged.emit()  # identified: the bar offers "Exit"
        if self._needs_phone() and not session.phone:
            self._show(Page.PHONE)
            self._refresh_phone()
            return
        self._show_done(auto=True)

    # ---- passport ------------------------------------------------------------------
    def _connect_passport(self) -> None:
        passport = self.context.devices.passport
        self.use_passport.setVisible(passport is not None)
        self.id_use_passport.setVisible(passport is not None)
        if passport is None or self._passport_connected:
            return
        passport.passportRead.connect(self._passport_read)
        passport.noPassport.connect(self._no_passport)
        passport.passportFailed.connect(self._passport_failed)
        self._passport_connected = True

    def _show_passport_page(self) -> None:
        """The camera reads the passport's MRZ first; without a camera, the keypad."""
        camera = self.context.devices.camera
        if camera is None or not hasattr(camera, "scan_mrz"):
            self._type_passport()
            return
        self._show(Page.PASSPORT_SCAN)
        self.passport_scan.start(camera)

    def _type_passport(self) -> None:
        self._show(Page.PASSPORT)

    def _scanned_passport(self, key: MrzKey) -> None:
        self.passport_entry.show_key(key)  # "Change the passport details" shows them
        self._read_passport(key, by_camera=True)

    def _read_passport(self, key: object, by_camera: bool = False) -> None:
        self._passport_key, self._key_by_camera, self._rescan = key, by_camera, False
        self._retry_passport()

    def _retry_passport(self) -> None:
        passport = self.context.devices.passport
        if self._rescan:  # the camera read another passport's page: read it again
            self._rescan = False
            self._show_passport_page()
            return
        if passport is None or self._passport_key is None:
            return
        self.passport_error.hide()
        for shown in (self.passport_prompt, self.passport_retry, self.passport_change):
            shown.show()
        self.passport_status.setText(self.tr("Reading the chip, please keep the passport "
                                             "still…"))
        self.passport_retry.setEnabled(False)
        self._show(Page.PASSPORT_READ)
        passport.read(self._passport_key)

    def _passport_problem(self, text: str) -> None:
        self.passport_status.clear()
        self.passport_error.setText(text)
        self.passport_error.show()
        self.passport_retry.setEnabled(True)

    def _passport_refused(self, text: str) -> None:
        """A verdict no retry changes (a chip that fails verification, an expired
        passport): said alone under the title, without "lay your passport on the
        reader" above it or buttons to read it again."""
        self._passport_problem(text)
        self.passport_retry.setEnabled(False)
        for hidden in (self.passport_prompt, self.passport_retry, self.passport_change):
            hidden.hide()

    def _no_passport(self) -> None:
        if self._active and self.page() is Page.PASSPORT_READ:
            self._passport_problem(self.tr("No passport was found on the reader. Lay the "
                                           "photo page flat on the reader and try again."))

    def _passport_failed(self, resident_message: str, _technician_message: str) -> None:
        if not self._active or self.page() is not Page.PASSPORT_READ:
            return
        # loaded by the read that failed (the chip reader's modules: not at start-up)
        from hardware.passport.reader import MSG_KEY_REFUSED

        if self._key_by_camera and resident_message == QCoreApplication.translate(
                "Device", MSG_KEY_REFUSED):  # nothing was typed: say what was read
            self._rescan = True
            resident_message = self.tr(
                "The passport's chip did not open with the details the camera read from "
                "the photo page. Please lay one passport only, open at its photo page, on "
                "the reader and try again.")
        self._passport_problem(resident_message)

    def _passport_read(self, record: IdentityRecord, passive_auth: object) -> None:
        if not self._active or self.page() is not Page.PASSPORT_READ:
            record.wipe()
            return
        if not getattr(passive_auth, "ok", False):
            record.wipe()
            self._passport_refused(self.tr("The passport's chip could not be verified. "
                                           "Please go to a window for help."))
            return
        ended = expired_on(record, today=self.context.clock().date())
        if ended is not None:
            record.wipe()
            self._passport_refused(self._expired_text(ended))
            return
        self._passport_key = None
        camera = self.context.devices.camera
        if camera is None or not record.photo_image:
            self._card_read_any(record)  # no camera: identified by the chip alone
            return
        self._face_record = record
        self._start_face_match()

    # ---- face match (人证比对) ---------------------------------------------------------
    def _threshold(self) -> float:
        shell = self.context.shell
        if shell is None:
            return DEFAULT_THRESHOLD
        return shell.services.config.devices.passport.face_match_threshold

    def _start_face_match(self) -> None:
        camera = self.context.devices.camera
        if camera is None or self._face_record is None:
            return
        if not self._camera_connected:
            camera.frameReady.connect(self.face_view.show_frame)
            camera.frameReady.connect(self._face_frame)
            self._camera_connected = True
        self._face_tries, self._face_busy, self._face_matches = 0, False, 0
        self._face_generation += 1
        self._say_face_note(page_in_view=False)
        self.face_prompt.show()
        self.face_view.show()
        self.face_retry.hide()
        self._show(Page.FACE)
        camera.start()

    def _stop_face_match(self) -> None:
        self._face_generation += 1
        self._face_busy = False
        self.face_view.clear()  # the live picture is not kept, not even on screen
        camera = self.context.devices.camera
        if camera is not None and self._camera_connected:
            camera.frameReady.disconnect(self.face_view.show_frame)
            camera.frameReady.disconnect(self._face_frame)
            self._camera_connected = False
            camera.stop(wait=False)
        if not self._active and self._face_record is not None:
            self._face_record.wipe()
            self._face_record = None

    def _face_frame(self, _frame: object) -> None:
        record = self._face_record
        if self._face_busy or record is None or self.page() is not Page.FACE:
            return
        camera = self.context.devices.camera
        if camera is None:
            return
        self._face_busy = True
        self._face_tries += 1
        generation = self._face_generation
        # the camera's newest full-size frame, compared where the camera runs (the
        # kiosk's camera process: dlib's models stay out of the kiosk)
        camera.match_face(self, record.photo_image, self._threshold(),
                          lambda result: self._face_checked(result, generation))

    def _face_checked(self, result: MatchResult, generation: int) -> None:
        if generation != self._face_generation:
            return  # asked before the resident left or tried again
        self._face_busy = False
        record = self._face_record
        if record is None or not self._active:
            return
        if result.document_in_view:  # whatever was compared, it may be the page's photo
            self._face_tries = self._face_matches = 0
            self._say_face_note(page_in_view=True)
            return  # compared again on the next frame, until one without the page
        self._say_face_note(page_in_view=False)
        if result.outcome is MatchOutcome.MATCHED:
            self._face_matches += 1
            if self._face_matches < FACE_FRAMES:
                return  # the next frame must match too
        else:
            self._face_matches = 0
        if result.outcome is MatchOutcome.NO_LIVE_FACE and self._face_tries < FACE_TRIES:
            return  # the next frame is compared
        self.context.session.face_match = result  # the result only, never an image
        if result.outcome is MatchOutcome.MATCHED:
            self._face_record = None
            self._stop_face_match()
            self._card_read_any(record, result)
            return
        self.face_status.setText(QCoreApplication.translate("Device", result.resident_message))
        if result.outcome is MatchOutcome.NO_LIVE_FACE:
            self.face_retry.show()  # nobody seen: the resident may look and try again
            return
        self._face_record = None
        record.wipe()
        self.face_prompt.hide()  # no more looking: the result is final, said under
        self.face_view.hide()  # the title, not below an empty camera picture
        self._stop_face_match()

    def _say_face_note(self, page_in_view: bool) -> None:
        """Above the camera picture: look at the camera, or (the passport's page in its
        view) take the passport away, in the prompt's big letters."""
        self._page_in_view = page_in_view
        if page_in_view:
            self.face_prompt.setText(self.tr("Please take your passport away from the camera "
                                             "and look at the screen."))
            self.face_status.setText(self.tr("The camera still sees your passport's page: we "
                                             "compare your face once the page is out of view."))
            return
        self.face_prompt.setText(self.tr("Look at the camera: we compare your face with "
                                         "your passport's photo"))
        self.face_status.setText(QCoreApplication.translate("Device", MSG_LOOK))

    # ---- typed ID number -----------------------------------------------------------
    def _show_id_page(self, reason: str) -> None:
        self.reader_trouble = reason
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))
        self._show(Page.ID_NUMBER)
        self._refresh_id()

    def _id_key(self, key: str) -> None:
        if key == BACK:
            self.id_number = self.id_number[:-1]
        elif len(self.id_number) < ID_LENGTH:
            self.id_number += key
        self.id_error.clear()
        self._refresh_id()

    def _refresh_id(self) -> None:
        self.id_display.setText(group_id_number(self.id_number) or "—")
        full = len(self.id_number) == ID_LENGTH
        self.id_keypad.set_digits_enabled(not full)
        self.id_keypad.buttons[X].setEnabled(len(self.id_number) == ID_LENGTH - 1)
        self.id_next.setEnabled(full)

    def _id_confirm(self) -> None:
        check = check_id_number(self.id_number, today=self.context.clock().date())
        if not check:
            self.id_error.setText(self._id_problem_text(check.problem))
            return
        session = self.context.session
        session.id_number = check.number
        session.face_match = None  # a typed number: no face was checked for it
        self.chromeChanged.emit()  # identified: the bar offers "Exit"
        if self._needs_phone():
            self._show(Page.PHONE)
            self._refresh_phone()
        else:
            self._show_done(auto=True)

    def _id_problem_text(self, problem: IdNumberProblem | None) -> str:
        if problem is IdNumberProblem.REGION:
            return self.tr("The first two digits are not a province code. "
                           "Please check the number on your card.")
        if problem is IdNumberProblem.BIRTH_DATE:
            return self.tr("Digits 7 to 14 should be your date of birth (year, month, day), "
                           "but they are not a real date. Please check them.")
        if problem is IdNumberProblem.CHECK_DIGIT:
            return self.tr("The last character does not match the other digits, so one of "
                           "them is probably mistyped. Please check each digit.")
        return self.tr("An ID number has 18 characters. Please type all of them.")

    # ---- phone ---------------------------------------------------------------------
    def _phone_key(self, key: str) -> None:
        if key == BACK:
            self.phone = self.phone[:-1]
        elif len(self.phone) < MOBILE_LENGTH:
            self.phone += key
        self.phone_error.clear()
        self._refresh_phone()

    def _refresh_phone(self) -> None:
        self.phone_display.setText(group_phone(self.phone) or "—")
        full = len(self.phone) == MOBILE_LENGTH
        self.phone_keypad.set_digits_enabled(not full)
        self.phone_next.setEnabled(full)

    def _phone_confirm(self) -> None:
        if len(self.phone) != MOBILE_LENGTH:
            self.phone_error.setText(self.tr("A mobile number has 11 digits."))
            return
        if not is_mobile(self.phone):
            self.phone_error.setText(self.tr(
                "This is not a mobile number: it should start with 13 to 19. "
                "Please check it."))
            return
        self.context.session.phone = self.phone
        self._show_done(auto=True)

    # ---- done ------------------------------------------------------------------------
    def _needs_phone(self) -> bool:
        if self.ask_phone is not None:
            return self.ask_phone
        return self.context.session.identity is None  # typed path only

    def _show_done(self, auto: bool) -> None:
        session = self.context.session
        lines = []
        identity = session.identity
        if identity is not None:
            lines.append(mask_person_name(identity.name))
            lines.append(mask_document_number(identity.kind, identity.id_number))
        else:
            lines.append(mask_id_number(session.applicant_id_number))
        if session.phone:
            lines.append(mask_phone(session.phone))
        self.done_identity.setText("\n".join(lines))
        self._auto = auto
        self.done_title.setText(self.tr("Thank you. We have your details:") if auto
                                else self.tr("You are already identified as:"))
        self._show(Page.DONE)

    def _go_on(self) -> None:
        if self.page() is Page.DONE and self.next_screen:
            self.navigate.emit(self.next_screen, dict(self.next_args))

    def _not_me(self) -> None:
        """Someone else's details: forget them and start this step again."""
        session = self.context.session
        if session.identity is not None:
            session.identity.wipe()
        session.identity, session.id_number, session.phone = None, "", ""
        session.face_match = None
        self._clear_entries()
        trouble = self._reader_problem()
        self._connect_reader()
        reader = self.context.devices.card_reader
        if reader is not None:
            reader.start_polling()  # read the card again even if it is the same
        if trouble:
            self._show_id_page(trouble)
        else:
            self._show(Page.CARD)

    def _clear_entries(self) -> None:
        self.passport_entry.clear()
        self._passport_key = None
        self._key_by_camera = self._rescan = False
        self.passport_error.hide()
        self.card_error.clear()
        self.card_error.hide()
        self.id_number = self.phone = ""
        self.id_error.clear()
        self.phone_error.clear()
        self._refresh_id()
        self._refresh_phone()

    # ---- text --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title = self.tr("Identify yourself")
        self.title_label.setText(self.tr("Please identify yourself"))
        self.card_prompt.setText(self.tr("Place your ID card on the reader"))
        self.card_hint.setText(self.tr("Lay the card flat on the card reader and leave it "
                                       "there until your details appear."))
        self.type_instead.setText(self.tr("I have no card with me: type my ID number"))
        self.use_passport.setText(self.tr("I have a passport"))
        self.id_use_passport.setText(self.tr("I have a passport"))
        self.passport_prompt.setText(self.tr("Lay your passport open at the photo page on "
                                             "the passport reader"))
        self.passport_retry.setText(self.tr("Try again"))
        self.passport_change.setText(self.tr("Change the passport details"))
        self.face_prompt.setText(self.tr("Look at the camera: we compare your face with "
                                         "your passport's photo"))
        self.face_retry.setText(self.tr("Try again"))
        if self.page() is Page.FACE and self._face_record is not None:
            self._say_face_note(self._page_in_view)  # the prompt as the last frame asks
        self.passport_entry.retranslate()
        self.passport_scan.retranslate()
        self.id_prompt.setText(self.tr("Type your 18-character ID number"))
        self.id_next.setText(self.tr("Next"))
        self.phone_prompt.setText(self.tr("Type your mobile phone number (11 digits)"))
        self.phone_next.setText(self.tr("Confirm"))
        self.continue_button.setText(self.tr("Continue"))
        self.start_over.setText(self.tr("This is not me: start again"))
        if self.reader_trouble:
            self.reader_trouble = self._reader_problem() or self.reader_trouble
            self.reason_label.setText(self.reader_trouble)
        self._show_purpose()
        if self.page() is Page.DONE:
            self.done_title.setText(self.tr("Thank you. We have your details:") if self._auto
                                    else self.tr("You are already identified as:"))
