"""Identity-card readers: GA 467 serial readers and PC/SC center cards.

Every reader satisfies `IdentityReader`; simulators sit beside the drivers
(`ga467_sim` for serial readers, `vcard` for a virtual card behind vpcd,
served by `vpcd`, the vpcd client the virtual passport uses too).
"""

from __future__ import annotations

from typing import Protocol

from hardware.health import Health
from hardware.identity import IdentityRecord


class IdentityReader(Protocol):
    """What the kiosk and counter need from any identity reader."""

    def read_card(self, timeout: float = 3.0) -> IdentityRecord | None:
        """The identity on the reader, None when no card is present."""
        ...

    def health(self) -> Health: ...

    def close(self) -> None: ...
