"""Record one outcome: a tracking number (allocated off the GUI thread, or the
pre-application's own), then the payload through the bridge; `recorded` only
after the local commit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from sync.protocol.models import AcceptancePayload
from terminal.background import run_in_background

if TYPE_CHECKING:
    from sync.outbox import NewAttachment
    from terminal.sync_bridge import SyncBridge

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
        self.busy = False

    def submit(self, make_payload: Callable[[str], AcceptancePayload],
               attachments: Sequence[NewAttachment], number: str | None = None) -> None:
        """`make_payload(tracking_number)`; `number` reuses an existing one."""
        if self.busy:
            return
        self.busy = True
        when = self._clock()
        if number:
            self._store(make_payload, attachments, number, when)
            return
        run_in_background(self, lambda: self._numbers(when.date()),
                          lambda allocated: self._store(make_payload, attachments,
                                                        allocated, when),
                          self._fail)

    def _store(self, make_payload: Callable[[str], AcceptancePayload],
               attachments: Sequence[NewAttachment], number: str, when: datetime) -> None:
        try:
            payload = make_payload(number)
        except ValueError as error:
            self._fail(str(error))
            return
        job = self._bridge.submit(payload, attachments)
        job.submitted.connect(lambda result: self._done(Recorded(result.id, payload, when)))
        job.submitFailed.connect(self._fail)

    def _done(self, recorded: Recorded) -> None:
        self.busy = False
        self.recorded.emit(recorded)

    def _fail(self, message: str) -> None:
        self.busy = False
        self.failed.emit(message)

