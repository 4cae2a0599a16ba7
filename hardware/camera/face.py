"""Face presence and ID-photo cropping with OpenCV's shipped Haar cascade.

The cascade file comes with opencv-python-headless 4.x (`cv2.data`); 5.0
dropped it, hence the `<5` pin. Presence only: no recognition, nothing
leaves the machine.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import cv2
import numpy as np

from hardware.camera.boxes import FaceBox
from hardware.health import DeviceError
from hardware.messages import QT_TRANSLATE_NOOP

CASCADE_FILE = "haarcascade_frontalface_default.xml"

#: Output size of an ID photo: 358x441 px (26x32 mm at 350 dpi, head and shoulders).
ID_PHOTO_SIZE = (358, 441)
#: Share of the photo's width taken by the detected face box.
FACE_WIDTH_SHARE = 0.55
#: Height of the face box's centre from the top, as a share of the photo's height.
FACE_CENTER_HEIGHT = 0.45


class FaceDetector:
    """Haar-cascade face detector; loads its cascade on first use.

    `min_face_share` is the smallest face width as a share of the frame's
    shorter side (a resident at the kiosk fills much of the frame).
    """

    def __init__(self, cascade_path: str | Path | None = None, *, scale_factor: float = 1.1,
                 min_neighbors: int = 5, min_face_share: float = 0.1) -> None:
        self.cascade_path = Path(cascade_path) if cascade_path else _default_cascade_path()
        self.scale_factor = scale_factor
        self.min_neighbors = min_neighbors
        self.min_face_share = min_face_share
        self._cascade: cv2.CascadeClassifier | None = None

    def _load(self) -> cv2.CascadeClassifier:
        if self._cascade is None:
            cascade = cv2.CascadeClassifier(str(self.cascade_path))
            if cascade.empty():
                raise DeviceError(
                    f"face cascade not loadable: {self.cascade_path} "
                    "(opencv-python-headless 5.x ships none; pin <5 or bundle the file)",
                    QT_TRANSLATE_NOOP("Device", "Photo checks are not available right now."),
                )
            self._cascade = cascade
        return self._cascade

    def detect(self, frame: np.ndarray) -> list[FaceBox]:
        """Return the faces in a BGR or grayscale frame, largest first."""
        if frame is None or frame.ndim not in (2, 3) or min(frame.shape[:2]) < 24:
            return []
        gray = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        gray = cv2.equalizeHist(np.ascontiguousarray(gray, dtype=np.uint8))
        side = max(24, int(min(gray.shape) * self.min_face_share))
        found = self._load().detectMultiScale(gray, scaleFactor=self.scale_factor,
                                              minNeighbors=self.min_neighbors,
                                              minSize=(side, side))
        faces = [FaceBox(int(x), int(y), int(w), int(h)) for x, y, w, h in found]
        return sorted(faces, key=lambda f: f.area, reverse=True)


def _default_cascade_path() -> Path:
    data = getattr(cv2, "data", None)
    folder = getattr(data, "haarcascades", "") if data is not None else ""
    return Path(folder) / CASCADE_FILE


def detect_faces(frame: np.ndarray, detector: FaceDetector | None = None) -> list[FaceBox]:
    """Faces in `frame`, largest first (a default detector if none is given)."""
    return (detector or _shared_detector()).detect(frame)


_LOCAL = threading.local()  # a cascade is not shared between threads


def _shared_detector() -> FaceDetector:
    detector = getattr(_LOCAL, "detector", None)
    if detector is None:
        detector = _LOCAL.detector = FaceDetector()
    return detector


def crop_id_photo(frame: np.ndarray, face: FaceBox,
                  size: tuple[int, int] = ID_PHOTO_SIZE) -> np.ndarray:
    """Crop a head-and-shoulders ID photo around `face`, resized to `size`.

    The face box takes `FACE_WIDTH_SHARE` of the width, centred, its centre
    at `FACE_CENTER_HEIGHT` of the height. The window is shifted to stay
    inside the frame when it fits; otherwise the missing part is white.
    """
    out_w, out_h = size
    crop_w = face.w / FACE_WIDTH_SHARE
    crop_h = crop_w * out_h / out_w
    cx, cy = face.center
    x0 = cx - crop_w / 2
    y0 = cy - FACE_CENTER_HEIGHT * crop_h
    frame_h, frame_w = frame.shape[:2]
    if crop_w <= frame_w:
        x0 = min(max(x0, 0.0), frame_w - crop_w)
    if crop_h <= frame_h:
        y0 = min(max(y0, 0.0), frame_h - crop_h)
    left, top = round(x0), round(y0)
    right, bottom = round(x0 + crop_w), round(y0 + crop_h)
    pad = (max(0, -top), max(0, bottom - frame_h), max(0, -left), max(0, right - frame_w))
    if any(pad):
        white = (255,) * (1 if frame.ndim == 2 else frame.shape[2])
        frame = cv2.copyMakeBorder(frame, *pad, cv2.BORDER_CONSTANT, value=white)
        top, bottom, left, right = top + pad[0], bottom + pad[0], left + pad[2], right + pad[2]
    crop = frame[top:bottom, left:right]
    interpolation = cv2.INTER_AREA if crop.shape[1] > out_w else cv2.INTER_CUBIC
    return cv2.resize(crop, size, interpolation=interpolation)


class IdPhotoStatus(StrEnum):
    OK = "ok"
    NO_FACE = "no_face"
    SEVERAL_FACES = "several_faces"


_STATUS_MESSAGES = {
    IdPhotoStatus.OK: "",
    IdPhotoStatus.NO_FACE: QT_TRANSLATE_NOOP(
        "Device", "No face found. Please look straight at the camera."),
    IdPhotoStatus.SEVERAL_FACES: QT_TRANSLATE_NOOP(
        "Device", "More than one face is in the picture. Please stand alone in front of "
                  "the camera."),
}


@dataclass(frozen=True, slots=True)
class IdPhotoResult:
    """Outcome of `take_id_photo`: `image` is set only when `status` is OK."""

    status: IdPhotoStatus
    faces: tuple[FaceBox, ...]
    image: np.ndarray | None = None

    @property
    def ok(self) -> bool:
        return self.status is IdPhotoStatus.OK

    @property
    def resident_message(self) -> str:
        return _STATUS_MESSAGES[self.status]


def take_id_photo(frame: np.ndarray, detector: FaceDetector | None = None, *,
                  background_share: float = 0.5,
                  size: tuple[int, int] = ID_PHOTO_SIZE) -> IdPhotoResult:
    """Find exactly one face and crop an ID photo around it.

    Faces narrower than `background_share` of the largest face are taken as
    people in the background (or cascade noise) and ignored.
    """
    faces = detect_faces(frame, detector)
    if not faces:
        return IdPhotoResult(IdPhotoStatus.NO_FACE, ())
    largest = faces[0]
    near = tuple(f for f in faces if f.w >= background_share * largest.w)
    if len(near) > 1:
        return IdPhotoResult(IdPhotoStatus.SEVERAL_FACES, tuple(faces))
    return IdPhotoResult(IdPhotoStatus.OK, tuple(faces), crop_id_photo(frame, largest, size))
