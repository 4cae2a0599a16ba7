"""The demo's simulated camera that waits for a tap (`simulated_qr = "on_tap"`):
an empty counter top until `show_qr()`, then the receipt photos (with their
status QR codes) for `QR_SECONDS`. OpenCV and numpy: it runs where the camera
runs (`terminal.devices.demo_taps` holds the OpenCV-free part of the demo)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from hardware.camera.sources import Frame, ImageFolderSource

#: How long the simulated camera shows a receipt after "simulate scan".
QR_SECONDS = 4.0
#: The empty counter top's grey (no QR code to find).
EMPTY_GREY = 96


class TapQrSource(ImageFolderSource):
    """The simulated camera: an empty counter top, and the receipt photos of
    its folder for `QR_SECONDS` after each `show_qr()`."""

    def __init__(self, folder: str | Path, **kwargs: Any) -> None:
        super().__init__(folder, **kwargs)
        self._qr_until = 0.0

    def show_qr(self) -> None:
        self._qr_until = time.monotonic() + QR_SECONDS

    def _read_frame(self) -> Frame | None:
        frame = super()._read_frame()
        if frame is None or time.monotonic() < self._qr_until:
            return frame
        return np.full_like(frame, EMPTY_GREY)
