"""The demo's simulated camera that waits for a tap (`simulated_qr = "on_tap"`):
an empty counter top until `show_qr()`, then the receipt photos (with their
status QR codes) for `QR_SECONDS`; after `show_passport()`, photos of the demo
passport's data page (`simulated_passport = "demo"`, valid today) for
`PASSPORT_SECONDS`, whose MRZ the kiosk reads. OpenCV and numpy: it runs where the camera
runs (`terminal.devices.demo_taps` holds the OpenCV-free part of the demo)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from hardware.camera.sources import Frame, ImageFolderSource

#: How long the simulated camera shows a receipt after "simulate scan".
QR_SECONDS = 4.0
#: How long it shows the demo passport's data page after "show the passport".
PASSPORT_SECONDS = 10.0
#: The empty counter top's grey (no QR code to find).
EMPTY_GREY = 96


def passport_photos(size: tuple[int, int], count: int = 3) -> list[np.ndarray]:
    """The demo passport's data page, photographed a few times at `size`."""
    from datetime import date

    from hardware.passport.data_page import photograph, render_data_page
    from hardware.passport.specimen import demo_lines

    rng = np.random.default_rng(5)
    page = render_data_page(demo_lines(date.today()), rng,
                            fields=(("Surname", "ERIKSSON"), ("Given names", "ANNA MARIA")))
    return [photograph(page, rng, size=size, page_share=0.8, angle=float(angle)).frame
            for angle in np.linspace(-3, 3, count)]


class TapQrSource(ImageFolderSource):
    """The simulated camera: an empty counter top, and the receipt photos of
    its folder for `QR_SECONDS` after each `show_qr()`."""

    def __init__(self, folder: str | Path, **kwargs: Any) -> None:
        super().__init__(folder, **kwargs)
        self._qr_until = 0.0
        self._passport_until = 0.0
        self._passport: list[np.ndarray] = []
        self._shown = 0

    def show_qr(self) -> None:
        self._qr_until = time.monotonic() + QR_SECONDS

    def show_passport(self) -> None:
        self._passport_until = time.monotonic() + PASSPORT_SECONDS

    def _read_frame(self) -> Frame | None:
        frame = super()._read_frame()
        now = time.monotonic()
        if frame is None or now < self._qr_until:
            return frame
        if now < self._passport_until:
            if not self._passport:  # drawn on the camera's thread, on the first show
                self._passport = passport_photos((frame.shape[1], frame.shape[0]))
            self._shown += 1
            return self._passport[self._shown % len(self._passport)].copy()
        return np.full_like(frame, EMPTY_GREY)
