"""The kiosk's submit path for an application or a repair request: through
`terminal.submitter.Submitter` (a tracking number allocated on the store thread,
the payload, the local commit); only its answer after the commit leads to the
done screen (`DONE`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from kiosk.context import KioskContext
from kiosk.receipts import Outcome
from terminal.submitter import Submitter as SharedSubmitter

if TYPE_CHECKING:
    from sync.outbox import NewAttachment, Submitted

#: The screen a saved application or repair request goes on to.
DONE = "apply_done"


class Submitter(QObject):
    """The kiosk's `terminal.submitter.Submitter`: `done(Outcome)` after the commit."""

    done = Signal(object)  # Outcome
    failed = Signal(str)  # technician detail; screens show their own plain words

    def __init__(self, context: KioskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._submitter = SharedSubmitter(self)

    @property
    def busy(self) -> bool:
        return self._submitter.busy

    def cancel(self) -> None:
        """Forget a submission in flight (the session was wiped); it stays stored."""
        self._submitter.cancel()

    def submit(self, make_payload: Callable[[str], Any],
               make_outcome: Callable[[str, Submitted], Outcome],
               attachments: Sequence[NewAttachment] = ()) -> None:
        shell = self.context.shell
        if shell is None or self.busy:
            self.failed.emit("the terminal is still starting")
            return
        from sync.tracking import TrackingCounter

        counter = TrackingCounter(shell.services.runtime.database, shell.services.terminal_id)
        day = self.context.clock().date()
        self._submitter.submit(
            shell.bridge, make_payload, lambda: counter.next_number(day),
            lambda stored: self.done.emit(
                make_outcome(stored.payload.tracking_number, stored.result)),
            self.failed.emit, attachments)
