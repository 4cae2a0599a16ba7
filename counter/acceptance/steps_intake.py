"""Steps 1-3 of the workbench: the matter, the applicant, the matter's form.

The form reuses the kiosk's inputs (`terminal.form_fields`); at the window the
keypads and the touch keyboard give way to the clerk's keyboard.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter.acceptance.common import chinese, heading, localized, note, scrolled, set_state
from counter.acceptance.face_compare import FaceCompare
from counter.acceptance.mrz_camera import MrzCamera
from hardware.documents import mask_document_number, validate_document_number
from hardware.facematch import DEFAULT_THRESHOLD
from hardware.identity import DocumentKind, IdentityRecord
from hardware.passport.mrz import MrzError, MrzKey
from sync.protocol.models import Catalog, FieldType, FormField, Matter, Person
from terminal.background import Latest, run_in_background
from terminal.form_fields import (
    FieldInput,
    IdNumberInput,
    KeypadInput,
    NumberInput,
    PhoneInput,
    TextInput,
    build_input,
    is_applicant_id,
)
from terminal.matter_search import SearchIndex
from terminal.validation import ID_LENGTH, PHONE_MAX_LENGTH, expired_on

if TYPE_CHECKING:
    from hardware.passport.passive_auth import PassiveAuthResult
    from terminal.devices.passport import PassportAdapter
    from terminal.devices.workers import CameraAdapter, CardReaderAdapter

MAX_LISTED = 60


# --------------------------------------------------------------------- 1. matter
class MatterStep(QWidget):
    """Search by name or pinyin initials (Enter takes the first hit)."""

    chosen = Signal(object)  # Matter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog: Catalog | None = None
        self.index: SearchIndex | None = None
        self._indexing = Latest()
        self.title = heading()
        self.search = QLineEdit()
        self.search.setObjectName("matterSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._show)
        self.search.returnPressed.connect(self._take_first)
        self.results = QListWidget()
        self.results.setObjectName("matterResults")
        self.results.setWordWrap(True)  # a long matter name wraps, never runs off the side
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        self.status = note()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.retranslate()

    def set_catalog(self, catalog: Catalog | None) -> None:
        self.catalog = catalog
        self.index = None
        if catalog is not None:  # a catalog that changed again meanwhile drops this index
            run_in_background(self, lambda: SearchIndex(catalog.matters), self._indexed,
                              token=self._indexing.next())
        self._show()

    def _indexed(self, index: SearchIndex) -> None:
        self.index = index
        self._show()

    def matter(self, code: str) -> Matter | None:
        if self.catalog is None:
            return None
        return next((m for m in self.catalog.matters if m.code == code), None)

    def _matches(self) -> list[Matter]:
        if self.catalog is None:
            return []
        query = self.search.text().strip()
        if not query:
            return self.catalog.matters[:MAX_LISTED]
        return self.index.search(query, MAX_LISTED) if self.index else []

    def _show(self) -> None:
        self.results.clear()
        for matter in self._matches():
            item = QListWidgetItem(f"{matter.code}  {localized(matter.name_zh, matter.name_en)}")
            item.setData(Qt.ItemDataRole.UserRole, matter.code)
            self.results.addItem(item)
        if self.catalog is None:
            self.status.setText(self.tr("The catalog is not loaded yet: the terminal has not "
                                        "reached the platform since it was installed."))
        else:
            self.status.setText(self.tr("Type a name or pinyin initials (for example dbsq), "
                                        "then Enter."))

    def _take_first(self) -> None:
        if self.results.count():
            self._activated(self.results.item(0))

    def _activated(self, item: QListWidgetItem) -> None:
        matter = self.matter(str(item.data(Qt.ItemDataRole.UserRole)))
        if matter is not None:
            self.chosen.emit(matter)

    def retranslate(self) -> None:
        self.title.setText(self.tr("1. Which matter?"))
        self.search.setPlaceholderText(self.tr("Search: name, or pinyin initials"))
        self._show()


# --------------------------------------------------------------------- 2. applicant
KINDS = tuple(DocumentKind)
#: documents whose issuing country the applicant step asks for
WITH_NATIONALITY = frozenset({DocumentKind.PASSPORT, DocumentKind.FOREIGN_PR_2017,
                              DocumentKind.FOREIGN_PR_2023})
_NATIONALITY = re.compile(r"[A-Z<]{3}")


def wire_nationality(text: str) -> str | None:
    """A nationality as the wire takes it (`CHN`, `D<<`), else None."""
    text = text.strip().upper()
    return text if _NATIONALITY.fullmatch(text) else None
FACE_HEIGHT = 160


def face_pixmap(data: bytes) -> QPixmap:
    """A document photo (JPEG, or JPEG 2000 through Pillow) scaled for the form."""
    image = QImage.fromData(data)
    if image.isNull():
        import io

        from PIL import Image

        with Image.open(io.BytesIO(data)) as photo:
            png = io.BytesIO()
            photo.convert("RGB").save(png, "PNG")
        image = QImage.fromData(png.getvalue())
    return QPixmap.fromImage(image).scaledToHeight(
        FACE_HEIGHT, Qt.TransformationMode.SmoothTransformation)


class ApplicantStep(QWidget):
    """The ID card (or permit, or foreigner's card) on the reader, a passport's chip,
    or the document number typed (checked by its kind's rules against `today()`,
    the workbench's clock)."""

    changed = Signal()

    def __init__(self, card: CardReaderAdapter | None, today: Callable[[], date],
                 passport: PassportAdapter | None = None,
                 camera: CameraAdapter | None = None,
                 face_threshold: Callable[[], float] = lambda: DEFAULT_THRESHOLD,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.passport = passport
        self._today = today
        #: the clerk read a passport's chip: a card the reader finds on its own
        #: (polled) no longer replaces that applicant; Ctrl+I still reads one
        self._passport_chosen = False
        self.title = heading()
        self.read_button = QPushButton()
        self.read_button.setObjectName("readCard")
        self.read_button.setEnabled(card is not None)
        self.read_button.clicked.connect(self.read_card)
        self.kind = QComboBox()
        self.kind.setObjectName("documentKind")
        # as narrow as the step needs (a long kind's name elided), its list wide enough
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(8)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.nationality = QLineEdit()
        self.nationality.setObjectName("nationality")
        self.nationality.setMaxLength(3)
        self.nationality.setFixedWidth(self.nationality.fontMetrics().horizontalAdvance("WWWW")
                                       + 16)
        self.nationality.textEdited.connect(self._edited)
        self.nationality_label = QLabel()
        # the issuing country under the document's kind: beside it, the row ran off the
        # step's side in the counter's window at 1366x768 in English
        self.kind_row = QWidget()
        kind_row = QVBoxLayout(self.kind_row)
        kind_row.setContentsMargins(0, 0, 0, 0)
        country = QHBoxLayout()
        country.addWidget(self.nationality_label)
        country.addWidget(self.nationality)
        country.addStretch(1)
        kind_row.addWidget(self.kind)
        kind_row.addLayout(country)
        self.id_number = QLineEdit()
        self.id_number.setObjectName("applicantId")
        self.id_number.setMaxLength(ID_LENGTH)
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setMaxLength(PHONE_MAX_LENGTH)
        self.address = QLineEdit()
        for edit in (self.id_number, self.name, self.phone, self.address):
            edit.textEdited.connect(self._edited)
        self.birth = QLineEdit()
        self.birth.setObjectName("passportBirth")
        self.expiry = QLineEdit()
        self.expiry.setObjectName("passportExpiry")
        for edit in (self.birth, self.expiry):
            edit.setMaxLength(6)
            edit.setInputMask("999999")
            edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0000000") + 16)
        self.read_passport_button = QPushButton()
        self.read_passport_button.setObjectName("readPassport")
        self.read_passport_button.setEnabled(passport is not None)
        self.read_passport_button.clicked.connect(self.read_passport)
        self.mrz_camera = MrzCamera(camera, self)
        self.mrz_camera.keyRead.connect(self._mrz_read)
        self.mrz_camera.cameraLost.connect(self._mrz_camera_lost)
        self.scan_mrz_button = QPushButton()
        self.scan_mrz_button.setObjectName("scanMrz")
        self.scan_mrz_button.setEnabled(passport is not None and camera is not None)
        self.scan_mrz_button.clicked.connect(self.scan_mrz)
        # each date and each way to read on a line of its own: side by side they ran off
        # the step's side in the counter's window at 1366x768 (the dates in Chinese, the
        # two buttons in English)
        self.chip_row = QWidget()
        chip = QVBoxLayout(self.chip_row)
        chip.setContentsMargins(0, 0, 0, 0)
        dates, ways = QGridLayout(), QVBoxLayout()
        self.birth_label, self.expiry_label = QLabel(), QLabel()
        for row, (label, edit) in enumerate(((self.birth_label, self.birth),
                                             (self.expiry_label, self.expiry))):
            dates.addWidget(label, row, 0)
            dates.addWidget(edit, row, 1)
        dates.setColumnStretch(2, 1)
        ways.addWidget(self.scan_mrz_button, 0, Qt.AlignmentFlag.AlignLeft)
        ways.addWidget(self.read_passport_button, 0, Qt.AlignmentFlag.AlignLeft)
        chip.addLayout(dates)
        chip.addLayout(ways)
        self.chip_result = note()
        self.chip_result.setObjectName("chipResult")
        self.face = QLabel()
        self.face.setObjectName("documentFace")
        self.face_compare = FaceCompare(camera, face_threshold)
        self.face_compare.finished.connect(  # the clerk sees the outcome
            lambda _result: self._reveal(self.face_compare.label))
        self.status = note()
        self.labels = [QLabel() for _ in range(6)]
        self.form = QFormLayout()
        for label, widget in zip(self.labels, (self.kind_row, self.id_number, self.chip_row,
                                               self.name, self.phone, self.address),
                                 strict=True):
            self.form.addRow(label, widget)
        # a chip read, a face check and their texts outgrow 1366x768: the step scrolls
        # rather than squeezing its rows
        body = QWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._area = scrolled(body)
        outer.addWidget(self._area)
        layout = QVBoxLayout(body)
        layout.addWidget(self.title)
        layout.addWidget(self.read_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(self.form)
        result = QHBoxLayout()
        result.addWidget(self.face, 0, Qt.AlignmentFlag.AlignTop)
        checks = QVBoxLayout()
        checks.addWidget(self.chip_result)
        checks.addWidget(self.face_compare)
        checks.addStretch(1)
        result.addLayout(checks, 1)
        layout.addLayout(result)
        layout.addWidget(self.status)
        layout.addStretch(1)
        if card is not None:
            card.cardRead.connect(self._card_read)
            card.noCard.connect(self._no_card)
            card.cardRejected.connect(self._card_rejected)
        if passport is not None:
            passport.passportRead.connect(self._passport_read)
            passport.noPassport.connect(self._no_passport)
            passport.passportFailed.connect(self._passport_failed)
        self.retranslate()
        self._kind_changed()

    def document_kind(self) -> DocumentKind:
        return KINDS[max(0, self.kind.currentIndex())]

    def _kind_changed(self) -> None:
        passport = self.document_kind() is DocumentKind.PASSPORT
        self.nationality_label.setVisible(self.document_kind() in WITH_NATIONALITY)
        self.nationality.setVisible(self.document_kind() in WITH_NATIONALITY)
        self.chip_row.setVisible(passport)
        self.labels[2].setVisible(passport)
        if not passport:
            self._clear_chip()
        self._edited()

    def _clear_chip(self) -> None:
        self.chip_result.clear()
        set_state(self.chip_result, "")
        self.face.clear()
        self.face.hide()
        self.face_compare.clear()

    def read_card(self) -> None:
        self._passport_chosen = False
        self.mrz_camera.stop()
        if self.card is not None:
            self.status.setText(self.tr("Reading the card…"))
            self.card.read_once()

    def scan_mrz(self) -> None:
        """Have the camera read the passport's MRZ, then the chip (the typed fields
        stay the other way)."""
        if self.passport is None or self.mrz_camera.camera is None:
            return
        self._passport_chosen = True
        self.kind.setCurrentIndex(KINDS.index(DocumentKind.PASSPORT))
        self.status.setText(self.tr("Lay the passport open at the photo page under the "
                                    "camera: its MRZ is read, then the chip."))
        set_state(self.status, "")
        self.mrz_camera.start()

    def _mrz_read(self, key: MrzKey) -> None:
        if not self.isVisible():
            return
        self.id_number.setText(key.document_number.rstrip("<"))
        self.birth.setText(key.birth)
        self.expiry.setText(key.expiry)
        self.read_passport()

    def _mrz_camera_lost(self) -> None:
        self.status.setText(self.tr("The camera is not working: type the passport number "
                                    "and the dates from the photo page, then read the chip."))
        set_state(self.status, "attention")

    def read_passport(self) -> None:
        """Read the chip of the passport whose number and dates are typed (Ctrl+P)."""
        if self.passport is None:
            return
        self._passport_chosen = True
        self.kind.setCurrentIndex(KINDS.index(DocumentKind.PASSPORT))
        try:
            key = MrzKey.typed(self.id_number.text(), self.birth.text(), self.expiry.text())
        except MrzError:
            self.status.setText(self.tr("Type the passport number, the date of birth and the "
                                        "date of expiry (YYMMDD) as on the photo page."))
            set_state(self.status, "attention")
            return
        self._clear_chip()
        self.status.setText(self.tr("Reading the passport chip…"))
        set_state(self.status, "")
        self.passport.read(key)

    def _card_read(self, record: IdentityRecord) -> None:
        if (not self.isVisible() and self.id_number.text()) or self._passport_chosen:
            return  # a card left on the reader while another step or a passport is used
        if self._refused_expired(record):
            return
        self.kind.setCurrentIndex(KINDS.index(record.kind))
        self.set_person(Person(id_number=record.id_number, name=record.name,
                               address=record.address, phone=self.phone.text() or None,
                               document_kind=record.kind.value,
                               nationality=wire_nationality(record.nationality)))
        self.status.setText(self.tr("Read from the card: %1").replace(
            "%1", mask_document_number(record.kind, record.id_number)))
        set_state(self.status, "")

    def _passport_read(self, record: IdentityRecord, passive_auth: PassiveAuthResult) -> None:
        if not self.isVisible():
            record.wipe()
            return
        from hardware.passport.passive_auth import PaStatus

        if self._refused_expired(record):
            return
        self.kind.setCurrentIndex(KINDS.index(record.kind))
        self.set_person(Person(id_number=record.id_number, name=record.name,
                               phone=self.phone.text() or None,
                               document_kind=record.kind.value,
                               nationality=wire_nationality(record.nationality)))
        if record.photo_image:
            self.face.setPixmap(face_pixmap(record.photo_image))
            self.face.show()
            self.face_compare.set_photo(record.photo_image)
        signer = passive_auth.signer
        if passive_auth.status is PaStatus.PASSED:
            text = self.tr("Chip read. Passive authentication passed: the data is signed by "
                           "%1, issued by a configured country signing CA.").replace("%1",
                                                                                     signer)
            state = ""
        elif passive_auth.status is PaStatus.UNANCHORED:
            text = self.tr("Chip read. The data is signed by %1, but no CSCA list is "
                           "configured, so that signer is not checked against a country "
                           "key.").replace("%1", signer)
            state = "attention"
        else:
            text = self.tr("Passive authentication FAILED: the chip's data cannot be "
                           "trusted. Check the passport by hand. (%1)").replace(
                "%1", "; ".join(passive_auth.problems))
            state = "attention"
        self.chip_result.setText(text)
        set_state(self.chip_result, state)
        self.status.setText(self.tr("Read from the passport chip: %1").replace(
            "%1", mask_document_number(record.kind, record.id_number)))
        set_state(self.status, "")
        # the photo, the chip's verdict and the face check land below the fold at
        # 1366x768: scrolled to once laid out, the clerk sees them without looking
        self._reveal(self.face if record.photo_image else self.chip_result)
        record.wipe()

    def _reveal(self, widget: QWidget) -> None:
        """Scroll `widget` into view once the step is laid out again (a text just set
        may take more lines)."""
        QTimer.singleShot(0, self, lambda: self._area.ensureWidgetVisible(widget))

    def _refused_expired(self, record: IdentityRecord) -> bool:
        """An expired document fills nothing: the clerk is told why."""
        ended = expired_on(record, today=self._today())
        if ended is None:
            return False
        record.wipe()
        self._clear_chip()
        self.status.setText(self.tr("This document expired on %1: it cannot be accepted. Ask "
                                    "for a valid document.").replace("%1", ended.isoformat()))
        set_state(self.status, "attention")
        return True

    def _no_passport(self) -> None:
        self.status.setText(self.tr("No passport on the reader: lay the photo page on it."))
        set_state(self.status, "attention")

    def _passport_failed(self, resident_message: str, technician_message: str) -> None:
        if not self.isVisible():
            return
        self.status.setText(resident_message + "\n" + technician_message)
        set_state(self.status, "attention")

    def _card_rejected(self, resident_message: str, technician_message: str) -> None:
        """The card's data disagree with its ID number: nothing from it is used."""
        if not self.isVisible():
            return
        self.status.setText(resident_message + "\n" + technician_message)
        set_state(self.status, "attention")

    def _no_card(self) -> None:
        self.status.setText(self.tr("No card on the reader. Place it flat, or type the number."))

    def _edited(self) -> None:
        self.id_number.setText(self.id_number.text().upper())
        self.nationality.setText(self.nationality.text().upper())
        self.status.setText(self.problem())
        set_state(self.status, "attention" if self.problem() else "")
        self.changed.emit()

    def problem(self) -> str:
        text = self.id_number.text().strip()
        if not text and not self.name.text().strip():
            return self.tr("Read the ID card, or type the ID number.")
        kind = self.document_kind()
        if text and not validate_document_number(kind, text, today=self._today()):
            if kind is DocumentKind.RESIDENT_ID:
                return self.tr("This ID number is not valid: check each digit (the last one "
                               "is a check digit).")
            return self.tr("This number is not valid for the document chosen: check the "
                           "document and each character.")
        if kind is DocumentKind.PASSPORT and self._nationality() is None:
            return self.tr("Type the issuing country as the passport's MRZ writes it "
                           "(3 letters, for example CHN or D<<).")
        return ""

    def _nationality(self) -> str | None:
        if self.document_kind() not in WITH_NATIONALITY:
            return None
        typed = wire_nationality(self.nationality.text())
        number = self.id_number.text().strip().upper()
        if typed is None and self.document_kind() is DocumentKind.FOREIGN_PR_2017:
            return wire_nationality(number[:3])  # the 2017 card's number opens with it
        return typed

    def face_match(self) -> tuple[str | None, float | None, float | None]:
        """The face check's outcome, distance and threshold when the clerk ran one
        (the only things recorded)."""
        result = self.face_compare.result
        if result is None:
            return None, None, None
        return result.outcome.value, result.distance, result.threshold

    def person(self) -> Person:
        def value(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None
        return Person(id_number=value(self.id_number), name=value(self.name),
                      phone=value(self.phone), address=value(self.address),
                      document_kind=self.document_kind().value,
                      nationality=self._nationality())

    def set_person(self, person: Person) -> None:
        """Show a person (read, or restored from a draft or a kiosk pre-application:
        a person without a document kind identified with a resident ID card)."""
        kind = DocumentKind(person.document_kind or DocumentKind.RESIDENT_ID)
        self.kind.setCurrentIndex(KINDS.index(kind))
        self.nationality.setText(person.nationality or "")
        self.id_number.setText(person.id_number or "")
        self.name.setText(person.name or "")
        self.phone.setText(person.phone or "")
        self.address.setText(person.address or "")
        for edit in (self.id_number, self.name, self.phone, self.address):
            edit.setCursorPosition(0)  # a long address shows its start, not its tail
        self.changed.emit()

    def start(self) -> None:
        self._passport_chosen = False
        if self.card is not None:
            self.card.start_polling()

    def stop(self) -> None:
        self.mrz_camera.stop()
        if self.card is not None:
            self.card.stop_polling()

    def retranslate(self) -> None:
        self.title.setText(self.tr("2. Who is applying?"))
        self.read_button.setText(self.tr("Read ID card (Ctrl+I)"))
        names = {
            DocumentKind.RESIDENT_ID: self.tr("Resident ID card"),
            DocumentKind.HMT_PERMIT: self.tr("Hong Kong/Macao/Taiwan residence permit"),
            DocumentKind.FOREIGN_PR_2017: self.tr("Foreigner's permanent residence card (2017)"),
            DocumentKind.FOREIGN_PR_2023: self.tr("Foreigner's permanent residence card (2023)"),
            DocumentKind.PASSPORT: self.tr("Passport"),
        }
        current = max(0, self.kind.currentIndex())
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItems([names[kind] for kind in KINDS])
        view = self.kind.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 8)
        self.kind.setCurrentIndex(current)
        self.kind.blockSignals(False)
        self.nationality_label.setText(self.tr("Issuing country"))
        self.birth_label.setText(self.tr("Born (YYMMDD)"))
        self.expiry_label.setText(self.tr("Expires (YYMMDD)"))
        self.read_passport_button.setText(self.tr("Read passport chip (Ctrl+P)"))
        self.scan_mrz_button.setText(self.tr("Read MRZ by camera"))
        self.face_compare.retranslate()
        for label, text in zip(self.labels, (self.tr("Document"), self.tr("Document number"),
                                             self.tr("Passport chip"), self.tr("Name"),
                                             self.tr("Phone"), self.tr("Address")), strict=True):
            label.setText(text)
        if self.card is None:
            self.status.setText(self.tr("No card reader: type the ID number."))


# --------------------------------------------------------------------- 3. form
class _Typed:
    """Mixin: a kiosk keypad input typed on the clerk's keyboard instead."""

    def _typed(self: Any) -> None:
        self.keypad.hide()
        self.display.hide()
        self.edit = QLineEdit(self.text())
        self.edit.setMaxLength(self.max_length)
        self.edit.textEdited.connect(self._typed_edit)
        self.layout().insertWidget(0, self.edit)

    def _typed_edit(self: Any, text: str) -> None:
        KeypadInput.set_value(self, text.strip().upper())
        self.changed.emit()

    def set_value(self: Any, value: Any) -> None:
        KeypadInput.set_value(self, value)
        if hasattr(self, "edit"):
            self.edit.setText(self.text())


class TypedNumber(_Typed, NumberInput):
    def __init__(self, field: FormField) -> None:
        super().__init__(field)
        self._typed()


class TypedPhone(_Typed, PhoneInput):
    def __init__(self, field: FormField) -> None:
        super().__init__(field)
        self._typed()


class TypedIdNumber(_Typed, IdNumberInput):
    def __init__(self, field: FormField, today: Callable[[], date]) -> None:
        super().__init__(field, today)
        self._typed()


class TypedText(TextInput):
    def __init__(self, field: FormField) -> None:
        super().__init__(field)
        self.editor.setProperty("role", "")  # the desk's field style, not the kiosk's
        self.editor.setMinimumHeight(0)

    def activate(self) -> None:
        """The clerk decides where to type."""


TYPED: dict[FieldType, Callable[[FormField], FieldInput]] = {
    FieldType.TEXT: TypedText, FieldType.NUMBER: TypedNumber,
    FieldType.PHONE: TypedPhone,
}


def counter_input(field: FormField, camera: CameraAdapter | None,
                  today: Callable[[], date]) -> FieldInput:
    if field.type is FieldType.ID_NUMBER:
        return TypedIdNumber(field, today)
    make = TYPED.get(field.type)
    if make is not None:
        return make(field)
    return build_input(field, language=lambda: "zh_CN" if chinese() else "en",
                       today=today, camera=camera)


class FormStep(QWidget):
    """The matter's fields; the applicant's own ID number comes from step 2."""

    changed = Signal()

    def __init__(self, camera: CameraAdapter | None, today: Callable[[], date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.camera = camera
        self._today = today
        self.inputs: dict[str, FieldInput] = {}
        self.matter: Matter | None = None
        self.title = heading()
        self.status = note()
        self.body = QWidget()
        self.form = QFormLayout()
        column = QVBoxLayout(self.body)
        column.addLayout(self.form)
        column.addStretch(1)  # spare height below the fields, not between them
        # a label too long beside its field goes above it: the form never scrolls sideways
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        area = scrolled(self.body)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(area, 1)
        layout.addWidget(self.status)
        self.retranslate()

    def set_matter(self, matter: Matter | None) -> None:
        for widget in self.inputs.values():
            widget.deactivate()
        while self.form.rowCount():
            self.form.removeRow(0)
        self.inputs = {}
        self.matter = matter
        for field in matter.fields if matter else []:
            widget = counter_input(field, self.camera, self._today)
            widget.changed.connect(self.changed)
            self.inputs[field.key] = widget
            self.form.addRow(self._label(field), widget)
        self.changed.emit()

    @staticmethod
    def _label(field: FormField) -> str:
        return localized(field.label_zh, field.label_en) + ("" if field.required else " ○")

    def values(self) -> dict[str, Any]:
        return {key: widget.value() for key, widget in self.inputs.items()
                if not isinstance(widget.value(), bytes) and widget.value() not in (None, "")}

    def images(self) -> dict[str, bytes]:
        return {key: widget.value() for key, widget in self.inputs.items()
                if isinstance(widget.value(), bytes)}

    def set_values(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            widget = self.inputs.get(key)
            if widget is not None and widget.field.type not in (FieldType.PHOTO,
                                                                 FieldType.DOCUMENT):
                widget.set_value(value)

    def set_applicant_id(self, id_number: str, checked: bool = False) -> None:
        """The applicant's number from step 2; `checked`: by its document's own rules
        there (a passport or foreigner's card number is no GB 11643 number)."""
        for widget in self.inputs.values():
            if is_applicant_id(widget.field) and id_number:
                if isinstance(widget, IdNumberInput):
                    widget.document_checked = checked
                widget.set_value(id_number)

    def problems(self) -> list[str]:
        return [f"{localized(w.field.label_zh, w.field.label_en)}: {w.problem()}"
                for w in self.inputs.values() if w.problem()]

    def activate(self) -> None:
        for widget in self.inputs.values():
            widget.activate()
        self.status.setText("\n".join(self.problems()))

    def deactivate(self) -> None:
        for widget in self.inputs.values():
            widget.deactivate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("3. The application form"))
        for widget in self.inputs.values():
            widget.retranslate()
            label = self.form.labelForField(widget)
            if isinstance(label, QLabel):  # the labels follow a language switch too
                label.setText(self._label(widget.field))
