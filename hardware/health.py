"""Device health as every driver reports it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class HealthState(StrEnum):
    READY = "ready"
    DEGRADED = "degraded"  # works, with a problem known (paper near end, SAM not ready)
    UNKNOWN = "unknown"  # reachable but cannot say whether it works (no status answer)
    OFFLINE = "offline"


@dataclass(frozen=True, slots=True)
class Health:
    """A device's state with a precise reason for technicians.

    `resident_message` is what a resident may be told, in English source
    text marked with `hardware.messages.QT_TRANSLATE_NOOP("Device", ...)`;
    it never names parts, codes or causes a resident cannot act on.
    """

    state: HealthState
    reason: str = ""
    resident_message: str = ""

    @classmethod
    def ready(cls) -> Health:
        return cls(HealthState.READY)


class DeviceError(Exception):
    """A known device failure with a message for each audience."""

    def __init__(self, technician_message: str, resident_message: str = "",
                 state: HealthState = HealthState.OFFLINE) -> None:
        super().__init__(technician_message)
        self.technician_message = technician_message
        self.resident_message = resident_message or technician_message
        self.state = state

    def health(self) -> Health:
        return Health(self.state, self.technician_message, self.resident_message)
