"""Looking for a passport's MRZ in a camera's full-size frames, off the GUI thread.

`MrzScan` takes the newest frame when the last read is done (never a queue),
reads it with `hardware.passport.mrz_ocr` on a lane of its own, and answers
with the access key once two reads give the same verified key (a read of
another key starts the count again): a single read whose check digits happen
to pass is not enough. It runs in the camera adapter (`CameraAdapter.scan_mrz`)
of the camera process of the kiosk and the counter (`camera_child`), so the OCR
never stalls a window. tesseract runs only when the OCR-B shapes give no
verified line.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from terminal.background import Lane

if TYPE_CHECKING:
    import numpy as np
    from PySide6.QtGui import QImage

    from hardware.passport.mrz import MrzKey

log = logging.getLogger("terminal.devices.mrz")

#: verified reads of the same key in a row before it is given
AGREEING_READS = 2


def _bgr(image: QImage) -> np.ndarray:
    """A frame's pixels as an OpenCV BGR array of its own."""
    import numpy as np
    from PySide6.QtGui import QImage

    converted = image.convertToFormat(QImage.Format.Format_BGR888)
    width, height, stride = converted.width(), converted.height(), converted.bytesPerLine()
    raw = np.frombuffer(converted.constBits(), np.uint8, count=stride * height)
    return raw.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).copy()


class MrzScan:
    """Feed it frames with `offer`; `found(key)` is called on the scan's lane."""

    def __init__(self, found: Callable[[MrzKey], None]) -> None:
        self._found = found
        self._lane = Lane(1, "camera-mrz")
        self._lock = threading.Lock()
        self._active = False
        self._busy = False
        self._last: MrzKey | None = None
        self._agreeing = 0
        self._generation = 0
        self.reads = 0  # frames read so far (the tests wait on it)

    @property
    def active(self) -> bool:
        return self._active

    def start(self) -> None:
        with self._lock:
            self._active, self._last, self._agreeing = True, None, 0
            self._generation += 1

    def stop(self) -> None:
        with self._lock:
            self._active = False
            self._generation += 1

    def offer(self, image: QImage) -> None:
        """A new full-size frame: read it unless a read is still running."""
        with self._lock:
            if not self._active or self._busy:
                return
            self._busy = True
            generation = self._generation
        # each frame is a new image of its own (`to_qimage`): nothing to copy
        self._lane.run(None, lambda: self._read(image, generation), None)

    def _read(self, image: QImage, generation: int) -> None:
        from hardware.passport.mrz_ocr import read_mrz

        try:
            read = read_mrz(_bgr(image))
        except Exception:
            log.exception("the MRZ could not be read")
            read = None
        with self._lock:
            self._busy = False
            self.reads += 1
            if generation != self._generation or read is None:
                return
            if read.key is None:  # a hand, a glare: the reads before it still count
                log.debug("no MRZ: %s", read.reason)
                return
            self._agreeing = self._agreeing + 1 if read.key == self._last else 1
            self._last = read.key
            if self._agreeing < AGREEING_READS:
                return
            self._active = False
            self._generation += 1
            key = read.key
        log.info("passport MRZ read by the camera (%s)", read.engine)
        self._found(key)
