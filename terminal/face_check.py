"""A face check (kiosk and counter): one camera frame against the document's photo.

`match_frame(frame, photo, threshold)` copies the frame's pixels, decodes the
photo and runs `hardware.facematch`, answering a `MatchResult` (outcome and
distance only); the frame and the photo are dropped once compared: nothing of
them is kept. The camera adapters' `match_face` runs it on the newest full-size
frame off the GUI thread: in the camera process of the kiosk and of the counter
(dlib holds the GIL for a whole match, and its models never enter a window's
process), or on the background lane of an in-process camera. One matcher
(dlib's models, loaded on first use) serves the whole process; numpy, dlib and
the models load only when the first face is checked.

A frame that shows a passport's data page is marked `document_in_view`: the
photo printed on the page is the chip's photo, so a match on such a frame may
prove only that the page is the passport's. The page is recognised by its MRZ
(`hardware.passport.mrz_ocr`: a read whose check digits pass, or a line of
the MRZ's `<<<<` fillers), the one sign measured to be both present on the
pages under the kiosk's camera and absent from faces in front of it (a face's
size, a second face or a page-like rectangle around it all occur in frames of
a resident alone: see docs/devices.md). It is not liveness detection.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage

if TYPE_CHECKING:
    import numpy as np

    from hardware.facematch import FaceMatcher, MatchResult

log = logging.getLogger("terminal.face_check")
_MATCHER: FaceMatcher | None = None
_MATCHER_LOCK = threading.Lock()


def _matcher() -> FaceMatcher:
    global _MATCHER
    with _MATCHER_LOCK:
        if _MATCHER is None:
            from hardware.facematch import FaceMatcher

            _MATCHER = FaceMatcher()
        return _MATCHER


def frame_pixels(frame: QImage) -> np.ndarray:
    """A camera frame's pixels as an RGB array that owns its memory."""
    import numpy as np

    rgb = frame.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    data = np.frombuffer(rgb.constBits(), np.uint8, count=stride * height)
    return data.reshape(height, stride)[:, :width * 3].reshape(height, width, 3).copy()


#: a run of MRZ fillers that no face and no room behind a resident shows
MRZ_FILLERS = "<<<<"


def shows_mrz(rgb: np.ndarray) -> bool:
    """Whether a frame shows a passport's MRZ: verified, or a line of its fillers
    (a page the reader cannot verify, tilted or half covered, still shows them)."""
    import cv2

    from hardware.passport.mrz_ocr import read_mrz

    read = read_mrz(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    return read.key is not None or MRZ_FILLERS in read.text


def _compare(live: np.ndarray, photo: bytes, threshold: float) -> MatchResult:
    from dataclasses import replace

    from hardware.facematch import decode_photo

    result = _matcher().compare(live, decode_photo(photo), threshold)
    try:
        page = shows_mrz(live)
    except Exception:
        log.exception("the frame could not be searched for an MRZ")
        page = False
    return replace(result, document_in_view=page) if page else result


def match_frame(frame: QImage | None, photo: bytes, threshold: float) -> MatchResult:
    """One frame against the document's photo, here and now (call it off the GUI
    thread). No frame is "nobody in front of the camera"; a matcher that cannot
    run (its models missing, say) is a photo that cannot be compared here. The
    result says whether the frame showed a passport's data page."""
    from hardware.facematch import MatchOutcome, MatchResult

    if frame is None or frame.isNull():
        return MatchResult(MatchOutcome.NO_LIVE_FACE, None, threshold)
    try:
        return _compare(frame_pixels(frame), photo, threshold)
    except Exception:
        log.exception("face match failed")
        return MatchResult(MatchOutcome.NO_DOCUMENT_FACE, None, threshold)
