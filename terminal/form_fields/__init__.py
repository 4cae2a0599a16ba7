"""Touch inputs for the catalog's form field types, with plain validation.

`build_input(field, ...)` returns a `FieldInput` for a `FormField`, one module per
kind: text (`text`: the on-screen keyboard the window docks), number / phone /
id_number (`numbers`: the big digit keypad, the rules of `terminal.validation`),
date (`date_picker`: a big picker, no keyboard), choice (`choice`: big buttons),
photo and document (`capture`: the camera; the image work of `images` runs off the
GUI thread). Every input answers `problem()` with a plain sentence ("" when the
value is fine).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from sync.protocol.models import FieldType, FormField
from terminal.form_fields.base import FieldInput, is_applicant_id, is_birth_date
from terminal.form_fields.capture import CaptureInput
from terminal.form_fields.choice import Choice, ChoiceInput, catalog_choice
from terminal.form_fields.date_picker import DateInput
from terminal.form_fields.images import Capture, CaptureKind, process_frame, qimage_to_bgr
from terminal.form_fields.numbers import IdNumberInput, KeypadInput, NumberInput, PhoneInput
from terminal.form_fields.text import TextInput

if TYPE_CHECKING:
    from terminal.devices.workers import CameraAdapter

__all__ = [
    "Capture", "CaptureInput", "CaptureKind", "Choice", "ChoiceInput", "DateInput",
    "FieldInput", "IdNumberInput", "KeypadInput", "NumberInput", "PhoneInput", "TextInput",
    "build_input", "catalog_choice", "is_applicant_id", "is_birth_date", "process_frame",
    "qimage_to_bgr",
]


def build_input(
    field: FormField,
    *,
    language: Callable[[], str],
    today: Callable[[], date],
    camera: CameraAdapter | None = None,
    multiline: bool = False,
) -> FieldInput:
    """The input for one catalog field; `today` is the injected clock's date."""
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
        return IdNumberInput(field, today)
    if kind is FieldType.PHONE:
        return PhoneInput(field)
    if kind in (FieldType.PHOTO, FieldType.DOCUMENT):
        return CaptureInput(field, camera)
    raise ValueError(f"no input for field type {kind}")
