"""Face match (人证比对): the live camera face against the document's photo.

dlib's face recognition ResNet (`dlib_face_recognition_resnet_model_v1`) turns
an aligned face into 128 numbers; two photos of one person lie closer than
about 0.6 (Euclidean), dlib's own threshold (99.38 % on LFW). The weights
ship inside the `face-recognition-models` package (nothing is downloaded at run
time); `dlib-bin` gives dlib itself as a wheel. Faces are found with dlib's
HOG frontal detector and aligned on 5 landmarks. The models load on first use
(about 30 MB, a few seconds): construct the matcher off the GUI thread.

Only the outcome and the distance leave this module (`MatchResult`); the
images are never kept. A reader that hands over only the WLT photo of a
Chinese card gives nothing to compare with (`NO_DOCUMENT_FACE`).
"""

from __future__ import annotations

import importlib.util
import io
import threading
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hardware.messages import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "DEFAULT_THRESHOLD",
    "FaceMatcher",
    "MatchOutcome",
    "MatchResult",
    "decode_photo",
]

MSG_LOOK = QT_TRANSLATE_NOOP("Device", "Please look at the camera.")
MSG_MATCHED = QT_TRANSLATE_NOOP("Device", "Thank you, your face matches your document.")
MSG_NOT_MATCHED = QT_TRANSLATE_NOOP(
    "Device", "Your face could not be matched with your document. Please go to a window.")
MSG_NO_DOCUMENT_FACE = QT_TRANSLATE_NOOP(
    "Device", "Your document's photo cannot be compared here. Please go to a window.")


# dlib's distance below which two faces are taken as one person
DEFAULT_THRESHOLD = 0.6
# the document's photo is small (a passport's DG2 is about 240 x 300): upsample once
DOCUMENT_UPSAMPLE = 1
WEIGHTS_PACKAGE = "face_recognition_models"
LANDMARKS_MODEL = "shape_predictor_5_face_landmarks.dat"
RECOGNITION_MODEL = "dlib_face_recognition_resnet_model_v1.dat"


def model_folder() -> Path:
    """Where the weights package keeps dlib's models. Found without importing the
    package, whose `__init__` needs setuptools' deprecated `pkg_resources`."""
    spec = importlib.util.find_spec(WEIGHTS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the {WEIGHTS_PACKAGE} package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "models"


class MatchOutcome(StrEnum):
    MATCHED = "matched"
    NOT_MATCHED = "not_matched"
    NO_LIVE_FACE = "no_live_face"  # nobody (or nobody facing) in front of the camera
    NO_DOCUMENT_FACE = "no_document_face"  # no photo, or no face found on it


_RESIDENT_MESSAGES = {
    MatchOutcome.MATCHED: MSG_MATCHED, MatchOutcome.NOT_MATCHED: MSG_NOT_MATCHED,
    MatchOutcome.NO_LIVE_FACE: MSG_LOOK, MatchOutcome.NO_DOCUMENT_FACE: MSG_NO_DOCUMENT_FACE,
}


@dataclass(frozen=True, slots=True)
class MatchResult:
    """What is recorded of a face match: never the images. `document_in_view`: the
    frame also showed a passport's data page (its MRZ), whose printed photo may be
    the face that was compared (`terminal.face_check`)."""

    outcome: MatchOutcome
    distance: float | None
    threshold: float
    document_in_view: bool = False

    @property
    def resident_message(self) -> str:
        return _RESIDENT_MESSAGES[self.outcome]


def decode_photo(data: bytes) -> np.ndarray | None:
    """A document photo (JPEG, JPEG 2000, PNG) as RGB pixels; None if it does not decode
    (WLT data, for one, decodes only with the licensed library)."""
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            return np.asarray(image.convert("RGB"))
    except (UnidentifiedImageError, OSError, ValueError):
        return None


class FaceMatcher:
    """Compares faces; thread-safe, models loaded once on first use."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold < 2.0:
            raise ValueError("a face-match threshold lies between 0 and 2")
        self.threshold = threshold
        self._lock = threading.Lock()
        self._models: tuple[Any, Any, Any] | None = None

    def _load(self) -> tuple[Any, Any, Any]:
        with self._lock:
            if self._models is None:
                import dlib

                folder = model_folder()
                self._models = (
                    dlib.get_frontal_face_detector(),
                    dlib.shape_predictor(str(folder / LANDMARKS_MODEL)),
                    dlib.face_recognition_model_v1(str(folder / RECOGNITION_MODEL)),
                )
            return self._models

    def embedding(self, rgb: np.ndarray, upsample: int = 0) -> np.ndarray | None:
        """The 128-number descriptor of the largest face in an RGB image, None if none."""
        import numpy as np

        detector, landmarks, recognizer = self._load()
        image = np.ascontiguousarray(rgb, dtype=np.uint8)
        faces = list(detector(image, upsample))
        if not faces:
            return None
        face = max(faces, key=lambda rect: rect.width() * rect.height())
        shape = landmarks(image, face)
        return np.asarray(recognizer.compute_face_descriptor(image, shape))

    def compare(self, live_rgb: np.ndarray, document_rgb: np.ndarray | None,
                threshold: float | None = None) -> MatchResult:
        """The live face against the document's photo, by `threshold` (default: this
        matcher's; one matcher's models serve any threshold)."""
        threshold = self.threshold if threshold is None else threshold
        document = None if document_rgb is None else self.embedding(document_rgb,
                                                                    DOCUMENT_UPSAMPLE)
        if document is None:
            return MatchResult(MatchOutcome.NO_DOCUMENT_FACE, None, threshold)
        live = self.embedding(live_rgb)
        if live is None:  # a face further from the camera: look again at twice the size
            live = self.embedding(live_rgb, 1)
        if live is None:
            return MatchResult(MatchOutcome.NO_LIVE_FACE, None, threshold)
        distance = float(((live - document) ** 2).sum() ** 0.5)
        outcome = MatchOutcome.MATCHED if distance < threshold else MatchOutcome.NOT_MATCHED
        return MatchResult(outcome, round(distance, 4), threshold)
