"""The image work of a captured picture, run off the GUI thread: a portrait (one
face, cropped), a document (a page, flattened) or an ordinary picture (scaled).

`encode_frame` is the OpenCV part and answers plain data (`Picture`), so the
kiosk's camera process can run it; `capture_of` makes the `Capture` the form
shows (translated message, decoded preview)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from PySide6.QtGui import QImage

from terminal.form_fields.base import translate

if TYPE_CHECKING:
    import numpy as np

JPEG_QUALITY = 90
# The longer side of an ordinary picture, in pixels (enough to see a crack or a leak).
PICTURE_SIDE = 1600
# portrait: an ID photo, one face; document: a page, flattened; picture: anything
CaptureKind = Literal["portrait", "document", "picture"]


def qimage_to_bgr(image: QImage) -> np.ndarray:
    """A copy of a QImage as an OpenCV BGR array."""
    import numpy as np

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


@dataclass(frozen=True)
class Picture:
    """A processed frame as plain data: JPEG bytes, or why there are none (the
    device message, untranslated; empty: the JPEG could not be written)."""

    jpeg: bytes | None
    message: str = ""


def encode_frame(frame: np.ndarray, kind: CaptureKind) -> Picture:
    """Worker thread: a portrait (one face, cropped), a document (page, flattened)
    or an ordinary picture (a leaking pipe: no checks, at most `PICTURE_SIDE` px)."""
    import cv2

    from hardware.camera import capture_document, take_id_photo

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
        return Picture(None, message)
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    return Picture(encoded.tobytes() if ok else None)


def capture_of(picture: Picture) -> Capture:
    """The form's `Capture` of a processed frame (any thread); the device's message
    in the UI language (its "Device" context, as `translate_device`)."""
    if picture.jpeg is not None:
        return Capture(picture.jpeg, QImage.fromData(picture.jpeg, "JPG"))
    if picture.message:
        return Capture(None, None, translate("Device", picture.message))
    return Capture(
        None, None, translate("FormFields", "The picture could not be saved. Please try again.")
    )


def process_frame(frame: np.ndarray, kind: CaptureKind) -> Capture:
    """Worker thread: `encode_frame`, then the `Capture` the form shows."""
    return capture_of(encode_frame(frame, kind))
