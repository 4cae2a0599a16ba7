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


def _compare(live: np.ndarray, photo: bytes, threshold: float) -> MatchResult:
    from hardware.facematch import decode_photo

    return _matcher().compare(live, decode_photo(photo), threshold)


def match_frame(frame: QImage | None, photo: bytes, threshold: float) -> MatchResult:
    """One frame against the document's photo, here and now (call it off the GUI
    thread). No frame is "nobody in front of the camera"; a matcher that cannot
    run (its models missing, say) is a photo that cannot be compared here."""
    from hardware.facematch import MatchOutcome, MatchResult

    if frame is None or frame.isNull():
        return MatchResult(MatchOutcome.NO_LIVE_FACE, None, threshold)
    try:
        return _compare(frame_pixels(frame), photo, threshold)
    except Exception:
        log.exception("face match failed")
        return MatchResult(MatchOutcome.NO_DOCUMENT_FACE, None, threshold)
