"""Touch inputs for the catalog's form field types, with plain validation.

`build_input(field, ...)` returns a `FieldInput` for a `FormField`: text
(the on-screen keyboard the window docks), number / phone / id_number (a big
keypad), date (a big picker, no keyboard), choice (big buttons), photo and document (camera
capture; the image work runs off the GUI thread). Every input answers
`problem()` with a plain sentence ("" when the value is fine).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hardware.identity import validate_id_number
from sync.protocol.models import FieldType, FormField
from terminal.background import run_in_background
from terminal.widgets.camera_view import CameraView
from terminal.widgets.keyboard import TouchLineEdit, TouchTextEdit

if TYPE_CHECKING:
    from terminal.devices.workers import CameraAdapter

MAX_TEXT = 200
MAX_LONG_TEXT = 2000
PHONE_RE = re.compile(r"1\d{10}|0\d{9,11}")
NO_FRAME_TIMEOUT_MS = 6000
JPEG_QUALITY = 90
#: Where the date picker starts for a date of birth.
BIRTH_DATE_START = date(1960, 1, 1)
#: The longer side of an ordinary picture, in pixels (enough to see a crack or a leak).
PICTURE_SIDE = 1600
#: portrait: an ID photo, one face; document: a page, flattened; picture: anything
CaptureKind = Literal["portrait", "document", "picture"]


translate = QCoreApplication.translate  # lupdate reads translate("Context", "text")


def is_birth_date(field: FormField) -> bool:
    """A person's own date of birth (not a baby's, which is recent)."""
    return field.type is FieldType.DATE and field.key == "birth_date"


def is_applicant_id(field: FormField) -> bool:
    """The applicant's own ID number (pre-filled from the session)."""
    return field.type is FieldType.ID_NUMBER and field.key.startswith("applicant")


# --------------------------------------------------------------------- base
class FieldInput(QWidget):
    """One field's input; `value()` is what goes into the payload."""

    changed = Signal()

    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.locked = False  # filled from the session: shown, not asked

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def is_empty(self) -> bool:
        return self.value() in (None, "")

    def problem(self) -> str:
        """A plain sentence saying what to fix, or ""."""
        if self.field.required and self.is_empty():
            return translate("FormFields", "Please fill this in.")
        return ""

    def activate(self) -> None:
        """The input's page is shown (start the camera...)."""

    def deactivate(self) -> None:
        """The input's page is hidden."""

    def retranslate(self) -> None:
        """Re-set texts after a language change."""


# --------------------------------------------------------------------- text
class TextInput(FieldInput):
    def __init__(
        self, field: FormField, multiline: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(field, parent)
        self.multiline = multiline
        self.limit = MAX_LONG_TEXT if multiline else MAX_TEXT
        self.editor: TouchLineEdit | TouchTextEdit = (
            TouchTextEdit() if multiline else TouchLineEdit()
        )
        self.editor.setObjectName(f"text_{field.key}")
        if isinstance(self.editor, QLineEdit):
            self.editor.setMaxLength(self.limit)
        self.editor.textChanged.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.editor)
        layout.addStretch(1)

    def value(self) -> str:
        raw = (
            self.editor.text() if isinstance(self.editor, QLineEdit) else self.editor.toPlainText()
        )
        return raw.strip()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if isinstance(self.editor, QLineEdit):
            self.editor.setText(text)
        else:
            self.editor.setPlainText(text)

    def problem(self) -> str:
        if len(self.value()) > self.limit:
            return translate("FormFields", "This is too long. Please shorten it.")
        return super().problem()

    def activate(self) -> None:
        """The field takes the focus: the on-screen keyboard comes up."""
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def deactivate(self) -> None:
        """The keyboard goes with the field (pending pinyin is dropped, not committed)."""
        self.editor.clearFocus()


# --------------------------------------------------------------------- keypad
class Keypad(QWidget):
    """Big digit keys; `extra` adds one more key (e.g. "X" for ID numbers)."""

    pressed = Signal(str)  # a character, "back" or "clear"

    def __init__(self, extra: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setSpacing(12)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._columns = 0
        self.buttons: dict[str, QPushButton] = {}
        for key in ["1", "2", "3", "4", "5", "6", "7", "8", "9", extra or "clear", "0", "back"]:
            button = QPushButton()
            button.setMinimumSize(120, 96)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            if key in ("clear", "back"):
                button.setProperty("role", "secondary")
            button.clicked.connect(lambda _checked=False, key=key: self.pressed.emit(key))
            self.buttons[key] = button
        self._arrange(3)
        self.retranslate()

    def _arrange(self, columns: int) -> None:
        """Three columns like a telephone; six (two rows) on a landscape window,
        where four rows of keys would not fit beside the step buttons."""
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.buttons.values():
            self._grid.removeWidget(button)
        for index, button in enumerate(self.buttons.values()):
            self._grid.addWidget(button, index // columns, index % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        window = self.window().size()
        self._arrange(6 if window.width() > window.height() else 3)
        super().resizeEvent(event)

    def retranslate(self) -> None:
        for key, button in self.buttons.items():
            button.setText(
                {
                    "clear": translate("FormFields", "Clear"),
                    "back": translate("FormFields", "⌫ Delete"),
                }.get(key, key)
            )


class KeypadInput(FieldInput):
    """A number typed on the on-screen keypad (number, phone, ID number)."""

    def __init__(
        self, field: FormField, max_length: int, extra: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(field, parent)
        self.max_length = max_length
        self._text = ""
        self.display = QLabel()
        self.display.setObjectName("keypadDisplay")
        self.display.setProperty("role", "entry")
        self.display.setMinimumHeight(96)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setProperty("role", "subtitle")
        self.note.hide()
        self.keypad = Keypad(extra)
        self.keypad.pressed.connect(self._key)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.display)
        layout.addWidget(self.note)
        layout.addWidget(self.keypad)
        layout.addStretch(1)

    def _key(self, key: str) -> None:
        if key == "back":
            self._text = self._text[:-1]
        elif key == "clear":
            self._text = ""
        elif len(self._text) < self.max_length:
            self._text += key
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        self.display.setText(self._text)

    def text(self) -> str:
        return self._text

    def value(self) -> Any:
        return self._text

    def set_value(self, value: Any) -> None:
        self._text = "" if value is None else str(value)[: self.max_length]
        self._show()

    def lock(self, shown: str, note: str) -> None:
        """Filled from the ID card: show it masked, no keypad."""
        self.locked = True
        self.display.setText(shown)
        self.note.setText(note)
        self.note.show()
        self.keypad.hide()

    def retranslate(self) -> None:
        self.keypad.retranslate()


class NumberInput(KeypadInput):
    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, 9, parent=parent)

    def value(self) -> int | None:
        return int(self._text) if self._text else None


class PhoneInput(KeypadInput):
    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, 12, parent=parent)

    def problem(self) -> str:
        if self._text and not PHONE_RE.fullmatch(self._text):
            return translate(
                "FormFields", "This phone number looks wrong. A mobile number has 11 digits."
            )
        return super().problem()


class IdNumberInput(KeypadInput):
    def __init__(self, field: FormField, parent: QWidget | None = None) -> None:
        super().__init__(field, 18, extra="X", parent=parent)

    def problem(self) -> str:
        if self._text:
            check = validate_id_number(self._text)
            if check.problem is not None:
                return translate(
                    "FormFields", "This ID number is not right. Please check each digit."
                )
        return super().problem()


# --------------------------------------------------------------------- date
class _Spinner(QWidget):
    """One column of the date picker: ▲ value ▼ (and ±10 for years)."""

    changed = Signal()

    def __init__(self, big_step: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = 1
        self.low, self.high = 1, 31
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.shown = QLabel()
        self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.shown.setProperty("role", "entry")
        self.shown.setMinimumHeight(96)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.caption)
        self.buttons: list[QPushButton] = []
        steps = ([big_step] if big_step else []) + [1]
        for step in steps:
            layout.addWidget(self._button(f"▲ +{step}" if big_step else "▲", step))
        layout.addWidget(self.shown)
        for step in reversed(steps):
            layout.addWidget(self._button(f"▼ −{step}" if big_step else "▼", -step))

    def _button(self, text: str, step: int) -> QPushButton:
        button = QPushButton(text)
        button.setProperty("role", "secondary")
        button.setAutoRepeat(True)
        button.setAutoRepeatDelay(500)
        button.clicked.connect(lambda _checked=False: self.step(step))
        self.buttons.append(button)
        return button

    def set_range(self, low: int, high: int) -> None:
        self.low, self.high = low, high
        self.set(self.value)

    def set(self, value: int) -> None:
        self.value = max(self.low, min(self.high, value))
        self.shown.setText(str(self.value))

    def step(self, delta: int) -> None:
        self.set(self.value + delta)
        self.changed.emit()


class DateInput(FieldInput):
    """A big year / month / day picker; no keyboard. It starts at today, or at
    `BIRTH_DATE_START` for a resident's date of birth (an elderly resident must
    not press "-10" six times from this year)."""

    def __init__(
        self,
        field: FormField,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field, parent)
        self._today = today
        self._start = BIRTH_DATE_START if is_birth_date(field) else None
        self._picked = False
        self.year, self.month, self.day = _Spinner(10), _Spinner(), _Spinner()
        now = today()
        self.year.set_range(1900, now.year + 5)
        self.month.set_range(1, 12)
        for spinner in (self.year, self.month, self.day):
            spinner.changed.connect(self._changed)
        self.summary = QLabel()
        self.summary.setProperty("role", "subtitle")
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(self.year, 3)
        columns.addWidget(self.month, 2)
        columns.addWidget(self.day, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(columns)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        self.set_value(None)
        self.retranslate()

    def _changed(self) -> None:
        self._picked = True
        self._clamp_day()
        self._update_summary()
        self.changed.emit()

    def _clamp_day(self) -> None:
        self.day.set_range(1, calendar.monthrange(self.year.value, self.month.value)[1])

    def _update_summary(self) -> None:
        picked = self.picked_date()
        self.summary.setText(
            translate("FormFields", "Chosen: %1").replace("%1", f"{picked:%Y-%m-%d}")
            if self._picked
            else translate("FormFields", "Use ▲ ▼ to choose the date.")
        )

    def picked_date(self) -> date:
        return date(self.year.value, self.month.value, self.day.value)

    def value(self) -> str | None:
        return self.picked_date().isoformat() if self._picked else None

    def set_value(self, value: Any) -> None:
        start = date.fromisoformat(value) if value else self._start or self._today()
        self._picked = bool(value)
        self.year.set(start.year)
        self.month.set(start.month)
        self._clamp_day()
        self.day.set(start.day)
        self._update_summary()

    def problem(self) -> str:
        if self.field.required and not self._picked:
            return translate("FormFields", "Please choose the date with ▲ ▼.")
        return ""

    def retranslate(self) -> None:
        self.year.caption.setText(translate("FormFields", "Year"))
        self.month.caption.setText(translate("FormFields", "Month"))
        self.day.caption.setText(translate("FormFields", "Day"))
        self._update_summary()


# --------------------------------------------------------------------- choice
@dataclass(frozen=True)
class Choice:
    value: str
    zh: str
    en: str


def catalog_choice(text: str) -> Choice:
    """Catalog choices read "疾病 Illness": Chinese first, then English."""
    match = re.match(r"^([^A-Za-z]+?)\s+([A-Za-z].*)$", text.strip())
    if match:
        return Choice(text, match.group(1).strip(), match.group(2).strip())
    return Choice(text, text, text)


class ChoiceInput(FieldInput):
    """One big button per choice; exactly one may be chosen."""

    def __init__(
        self,
        field: FormField,
        choices: list[Choice],
        language: Callable[[], str],
        columns: int = 2,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field, parent)
        self.choices = choices
        self._language = language
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(16)
        self.buttons: list[QPushButton] = []
        for index, _choice in enumerate(choices):
            button = QPushButton()
            button.setCheckable(True)
            button.setProperty("role", "choice")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.group.addButton(button, index)
            grid.addWidget(button, index // columns, index % columns)
            self.buttons.append(button)
        grid.setRowStretch(len(choices) // columns + 1, 1)
        self.group.idToggled.connect(self._toggled)
        self.retranslate()

    def _toggled(self, _index: int, checked: bool) -> None:
        self.retranslate()
        if checked:
            self.changed.emit()

    def label(self, choice: Choice) -> str:
        return choice.zh if self._language() == "zh_CN" else choice.en

    def value(self) -> str | None:
        index = self.group.checkedId()
        return self.choices[index].value if index >= 0 else None

    def set_value(self, value: Any) -> None:
        for index, choice in enumerate(self.choices):
            if choice.value == value:
                self.buttons[index].setChecked(True)
                return
        checked = self.group.checkedButton()
        if checked is not None:
            self.group.setExclusive(False)
            checked.setChecked(False)
            self.group.setExclusive(True)
        self.retranslate()

    def problem(self) -> str:
        if self.field.required and self.value() is None:
            return translate("FormFields", "Please choose one.")
        return ""

    def retranslate(self) -> None:
        for button, choice in zip(self.buttons, self.choices, strict=True):
            mark = "✓  " if button.isChecked() else ""
            button.setText(mark + self.label(choice))


# --------------------------------------------------------------------- camera capture
def qimage_to_bgr(image: QImage) -> np.ndarray:
    """A copy of a QImage as an OpenCV BGR array."""
    converted = image.convertToFormat(QImage.Format.Format_BGR888)
    width, height, stride = converted.width(), converted.height(), converted.bytesPerLine()
    raw = np.frombuffer(converted.constBits(), np.uint8, count=stride * height)
    return raw.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).copy()


@dataclass(frozen=True)
class Capture:
    """Outcome of processing one frame: JPEG bytes, or a message for the resident."""

    jpeg: bytes | None
    preview: QImage | None
    message: str = ""


def process_frame(frame: np.ndarray, kind: CaptureKind) -> Capture:
    """Worker thread: a portrait (one face, cropped), a document (page, flattened)
    or an ordinary picture (a leaking pipe: no checks, at most `PICTURE_SIDE` px)."""
    import cv2

    from hardware.camera import capture_document, take_id_photo
    from terminal.devices.workers import frame_to_qimage, translate_device

    if kind == "document":
        page = capture_document(frame)
        image, message = page.image, page.resident_message
    elif kind == "portrait":
        photo = take_id_photo(frame)
        image, message = photo.image, photo.resident_message
    else:
        scale = min(1.0, PICTURE_SIDE / max(frame.shape[:2]))
        image = frame if scale == 1.0 else cv2.resize(
            frame, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        message = ""
    if image is None:
        return Capture(None, None, translate_device(message))
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:
        return Capture(
            None, None, translate("FormFields", "The picture could not be saved. Please try again.")
        )
    return Capture(encoded.tobytes(), frame_to_qimage(image))


class CaptureInput(FieldInput):
    """A picture from the camera: a portrait (face checked), a document (perspective
    corrected), or an ordinary picture; by default the field's type decides."""

    def __init__(
        self,
        field: FormField,
        camera: CameraAdapter | None,
        kind: CaptureKind | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field, parent)
        self.kind: CaptureKind = kind or (
            "document" if field.type is FieldType.DOCUMENT else "portrait")
        self.camera = camera
        self.available = camera is not None
        self._jpeg: bytes | None = None
        self._frame: QImage | None = None
        self._active = False
        self._busy = False
        self._listening = False  # connected to the camera's signals
        self.preview = CameraView()
        self.preview.setMinimumSize(320, 240)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setObjectName("cameraPreview")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("role", "subtitle")
        self.take = QPushButton()
        self.take.clicked.connect(self._take)
        self.again = QPushButton()
        self.again.setProperty("role", "secondary")
        self.again.clicked.connect(self._again)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take, 1)
        buttons.addWidget(self.again, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._no_frame = QTimer(self)
        self._no_frame.setSingleShot(True)
        self._no_frame.setInterval(NO_FRAME_TIMEOUT_MS)
        self._no_frame.timeout.connect(self._camera_failed)
        self._refresh()

    # ---- value
    def value(self) -> bytes | None:
        return self._jpeg

    def set_value(self, value: Any) -> None:
        self._jpeg = value if isinstance(value, bytes) else None
        if self._jpeg is not None:
            image = QImage.fromData(self._jpeg)
            self._show_image(image)
        self._refresh()

    def problem(self) -> str:
        if self._jpeg is not None:
            return ""
        if not self.available:
            return (
                translate(
                    "FormFields",
                    "The camera is not working, and this picture is needed. "
                    "Please go to a window to finish this application.",
                )
                if self.field.required
                else ""
            )
        return (
            translate("FormFields", "Please take the picture first.") if self.field.required else ""
        )

    # ---- camera
    def activate(self) -> None:
        self._active = True
        if self.camera is None or not self.available or self._jpeg is not None:
            self._refresh()
            return
        if not self._listening:
            self.camera.frameReady.connect(self._frame_ready)
            self.camera.healthChanged.connect(self._health)
            self._listening = True
        self.camera.start()
        self._no_frame.start()
        self._refresh()

    def deactivate(self) -> None:
        self._active = False
        self._no_frame.stop()
        self._stop_camera()

    def _stop_camera(self) -> None:
        if self.camera is None:
            return
        if self._listening:  # a slot not connected must not be disconnected (a warning)
            self.camera.frameReady.disconnect(self._frame_ready)
            self.camera.healthChanged.disconnect(self._health)
            self._listening = False
        if self.camera.capturing:
            self.camera.stop(wait=False)

    def _frame_ready(self, image: QImage) -> None:
        self._no_frame.stop()
        self._frame = image
        if self._jpeg is None and not self._busy:
            self._show_image(image)

    def _health(self, health: object) -> None:
        from hardware.health import HealthState

        if getattr(health, "state", None) is HealthState.OFFLINE and self._frame is None:
            self._camera_failed()

    def _camera_failed(self) -> None:
        self.available = False
        self._stop_camera()
        self._refresh()
        self.changed.emit()

    def _show_image(self, image: QImage) -> None:
        self.preview.show_frame(image)

    def _take(self) -> None:
        if self._frame is None or self._busy:
            return
        self._busy = True
        frame = qimage_to_bgr(self._frame)
        self._refresh()
        run_in_background(
            self, lambda: process_frame(frame, self.kind), self._processed, self._process_failed
        )

    def capture_frame(self, frame: np.ndarray) -> None:
        """Process a frame directly (tests, or a frame from elsewhere)."""
        self._busy = True
        self._refresh()
        run_in_background(
            self, lambda: process_frame(frame, self.kind), self._processed, self._process_failed
        )

    def _processed(self, capture: Capture) -> None:
        self._busy = False
        if capture.jpeg is None:
            self.message.setText(capture.message)
            self.changed.emit()
            return
        self._jpeg = capture.jpeg
        if capture.preview is not None:
            self._show_image(capture.preview)
        self._stop_camera()
        self._refresh()
        self.changed.emit()

    def _process_failed(self, _message: str) -> None:
        self._busy = False
        self.message.setText(
            translate("FormFields", "The picture could not be taken. Please try again.")
        )

    def _again(self) -> None:
        self._jpeg = None
        self.preview.clear()
        if self._active:
            self.activate()
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        taken = self._jpeg is not None
        self.take.setVisible(self.available and not taken)
        self.take.setEnabled(not self._busy)
        self.again.setVisible(self.available and taken)
        if not self.available:
            self.preview.setText(translate("FormFields", "Camera not available"))
            self.message.setText(
                translate(
                    "FormFields",
                    "The camera is not working, and this picture is needed. "
                    "Please go to a window to finish this application.",
                )
                if self.field.required
                else translate(
                    "FormFields", "The camera is not working. You can go on without this picture."
                )
            )
        elif self._busy:
            self.message.setText(translate("FormFields", "Checking the picture…"))
        elif taken:
            self.message.setText(
                translate("FormFields", "Picture taken. Touch “Take again” if you want a new one.")
            )
        elif self.kind == "document":
            self.message.setText(
                translate(
                    "FormFields", "Lay the page flat under the camera, then touch “Take picture”."
                )
            )
        elif self.kind == "picture":
            self.message.setText(
                translate("FormFields", "Hold up what you want to show in front of the camera, "
                          "then touch “Take picture”.")
            )
        else:
            self.message.setText(
                translate("FormFields", "Look straight at the camera, then touch “Take picture”.")
            )
        self.retranslate_buttons()

    def retranslate_buttons(self) -> None:
        self.take.setText(translate("FormFields", "Take picture"))
        self.again.setText(translate("FormFields", "Take again"))

    def retranslate(self) -> None:
        self._refresh()


# --------------------------------------------------------------------- factory
def build_input(
    field: FormField,
    *,
    language: Callable[[], str],
    camera: CameraAdapter | None = None,
    multiline: bool = False,
    today: Callable[[], date] = date.today,
) -> FieldInput:
    """The input for one catalog field."""
    kind = field.type
    if kind is FieldType.TEXT:
        return TextInput(field, multiline=multiline)
    if kind is FieldType.NUMBER:
        return NumberInput(field)
    if kind is FieldType.DATE:
        return DateInput(field, today=today)
    if kind is FieldType.CHOICE:
        return ChoiceInput(field, [catalog_choice(text) for text in field.choices], language)
    if kind is FieldType.ID_NUMBER:
        return IdNumberInput(field)
    if kind is FieldType.PHONE:
        return PhoneInput(field)
    if kind in (FieldType.PHOTO, FieldType.DOCUMENT):
        return CaptureInput(field, camera)
    raise ValueError(f"no input for field type {kind}")
