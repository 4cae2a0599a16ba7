"""Simulated devices that wait for a tap, for demonstrations.

With `simulated_card = "on_tap"` the simulated reader has no card on it until
`place_card()` (the demo's "simulate card" button), and the card is taken
away once it was read, as a resident does. With `simulated_qr = "on_tap"` the
simulated camera films an empty counter top until `show_qr()`, then the
receipt photos (with their status QR codes) for `QR_SECONDS`.
Plain Python; `place_card` and `show_qr` may be called from any thread.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hardware.camera.sources import Frame, ImageFolderSource
from hardware.idcard import ga467
from hardware.idcard.ga467_sim import Ga467Simulator
from hardware.identity import IdentityRecord

#: How long the simulated camera shows a receipt after "simulate scan".
QR_SECONDS = 4.0
#: The empty counter top's grey (no QR code to find).
EMPTY_GREY = 96


class TapCardSimulator(Ga467Simulator):
    """A GA 467 simulator whose card is laid on by `place_card()` and taken
    away after one successful read."""

    def __init__(self, identity: IdentityRecord) -> None:
        super().__init__(identity, card_present=False)

    def place_card(self) -> None:
        self.card_present = True

    def _answer(self, command: ga467.Command) -> bytes:
        answer = super()._answer(command)
        if (command.cmd, command.para) == ga467.READ_TEXT_PHOTO and self.card_present:
            self.card_present = False  # read: the resident takes the card back
        return answer


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


@dataclass
class DemoTaps:
    """What the demo's buttons do (None: that device is not simulated on tap)."""

    card: TapCardSimulator | None = None
    camera: TapQrSource | None = None

    def place_card(self) -> None:
        if self.card is not None:
            self.card.place_card()

    def show_qr(self) -> None:
        if self.camera is not None:
            self.camera.show_qr()
