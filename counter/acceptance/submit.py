"""Record one outcome through the shared `terminal.submitter.Submitter`: a
tracking number (allocated off the GUI thread, or the pre-application's own),
then the payload through the bridge; `recorded` only after the local commit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from sync.protocol.models import AcceptancePayload
from terminal.submitter import Submitter

if TYPE_CHECKING:
    from sync.outbox import NewAttachment
    from terminal.sync_bridge import Stored, SyncBridge

#: Blocking: the next tracking number of a day (a committed local counter).
NumberSource = Callable[[date], str]


@dataclass(frozen=True)
class Recorded:
    """One outcome stored on this terminal (delivered later by the sync worker)."""

    record_id: str
    payload: AcceptancePayload
    when: datetime


class OutcomeSubmitter(QObject):
    recorded = Signal(object)  # Recorded
    failed = Signal(str)  # technician detail

    def __init__(self, bridge: SyncBridge, numbers: NumberSource,
                 clock: Callable[[], datetime], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._numbers = numbers
        self._clock = clock
        self._submitter = Submitter(self)

    @property
    def busy(self) -> bool:
        return self._submitter.busy

    def submit(self, make_payload: Callable[[str], AcceptancePayload],
               attachments: Sequence[NewAttachment], number: str | None = None) -> None:
        """`make_payload(tracking_number)`; `number` reuses an existing one."""
        when, numbers = self._clock(), self._numbers

        def recorded(stored: Stored) -> None:
            self.recorded.emit(Recorded(stored.result.id, stored.payload, when))

        self._submitter.submit(self._bridge, make_payload,
                               number or (lambda: numbers(when.date())),
                               recorded, self.failed.emit, attachments)
