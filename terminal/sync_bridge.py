"""The Qt edge of the sync core.

`SyncBridge` runs the sync worker thread and re-emits its state as a signal;
`submit` stores a transaction on a single store thread (never on the GUI
thread) and calls back with `Stored` or the failure's text once the commit
has returned, so a screen says "done" only after the data is on disk. The
callbacks are given with the submission, before the work starts: an answer
cannot outrun its listener.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from terminal.background import Lane, Token

if TYPE_CHECKING:  # the kiosk imports this module before the sync core is loaded
    from sync.outbox import NewAttachment, Outbox, Submitted
    from sync.worker import SyncState, SyncWorker

log = logging.getLogger("terminal.sync")


@dataclass(frozen=True)
class Stored:
    """A transaction committed to the local store (delivered later by the worker)."""

    payload: Any
    result: Submitted


class SubmitError(Exception):
    """A submission that was not stored; its text is for the technician."""


class SyncBridge(QObject):
    stateChanged = Signal(object)  # SyncState

    def __init__(self, outbox: Outbox, worker: SyncWorker | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.outbox = outbox
        self._worker = worker
        self._store_lane = Lane(1, "store")  # one thread: submissions keep their order
        self.last_state: SyncState | None = None
        self.stateChanged.connect(self._remember)

    def _remember(self, state: SyncState) -> None:
        self.last_state = state

    def publish(self, state: SyncState) -> None:
        """Called on the worker thread; the signal is queued to the GUI thread."""
        self.stateChanged.emit(state)

    def attach_worker(self, worker: SyncWorker) -> None:
        self._worker = worker

    def start(self) -> None:
        if self._worker is not None:
            self._worker.start()

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.stop()
        self._store_lane.wait(10_000)

    def submit(self, owner: QObject | None, payload: Any,
               on_done: Callable[[Stored], None] | None,
               on_error: Callable[[str], None] | None = None, *,
               attachments: Sequence[NewAttachment] = (), corrects: str | None = None,
               token: Token | None = None) -> None:
        """Store `payload` on the store thread; `on_done(Stored)` after the commit or
        `on_error(text)`, on the GUI thread, unless `owner` is gone or `token` cancelled
        (the record stays stored either way)."""
        kept = tuple(attachments)
        self._store_lane.run(
            owner, lambda: self._store(payload, kept, corrects), on_done,
            None if on_error is None else lambda error: on_error(str(error)),
            token=token, error_as_text=False)

    def _store(self, payload: Any, attachments: tuple[NewAttachment, ...],
               corrects: str | None) -> Stored:
        """On the store thread: commit, then wake the worker."""
        from sync.store.database import StoreError

        try:
            result = self.outbox.submit(payload, attachments=attachments, corrects=corrects)
        except StoreError as error:
            log.error("submission not stored: %s", error)
            raise SubmitError(str(error)) from error
        except Exception as error:
            log.exception("submission failed")
            raise SubmitError(type(error).__name__) from error
        worker = self._worker
        if worker is not None:
            worker.wake()
        return Stored(payload, result)
