"""Simulated devices that wait for a tap, for demonstrations.

With `simulated_card = "on_tap"` the simulated reader has no card on it until
`place_card()` (the demo's "simulate card" button), and the card is taken
away once it was read, as a resident does. With `simulated_qr = "on_tap"` the
simulated camera films an empty counter top until `show_qr()`, then the
receipt photos (with their status QR codes) for a few seconds, or after
`show_passport()` the demo passport's data page (`terminal.devices.demo_camera`).
Plain Python; `place_card` and `show_qr` may be called from any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from hardware.idcard import ga467
from hardware.idcard.ga467_sim import Ga467Simulator
from hardware.identity import IdentityRecord


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


class QrShower(Protocol):
    """A simulated camera that shows its receipts on `show_qr()` (`demo_camera.TapQrSource`,
    or the kiosk's camera process, which passes the tap on to its own)."""

    def show_qr(self) -> None: ...

    def show_passport(self) -> None: ...


@dataclass
class DemoTaps:
    """What the demo's buttons do (None: that device is not simulated on tap)."""

    card: TapCardSimulator | None = None
    camera: QrShower | None = None

    def place_card(self) -> None:
        if self.card is not None:
            self.card.place_card()

    def show_qr(self) -> None:
        if self.camera is not None:
            self.camera.show_qr()

    def show_passport(self) -> None:
        if self.camera is not None:
            self.camera.show_passport()
