"""The image work of a captured picture, run off the GUI thread: a portrait (one
face, cropped), a document (a page, flattened) or an ordinary picture (scaled)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from PySide6.QtGui import QImage

from terminal.form_fields.base import translate

JPEG_QUALITY = 90
# The longer side of an ordinary picture, in pixels (enough to see a crack or a leak).
PICTURE_SIDE = 1600
# portrait: an ID photo, one face; document: a page, flattened; picture: anything
CaptureKind = Literal["portrait", "document", "picture"]


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

