"""The Qt edge of the sync core.

`SyncBridge` runs the sync worker thread and re-emits its state as a signal;
`submit` stores a transaction on a single store thread (never on the GUI
thread) and answers with `submitted` or `submitFailed` once the commit has
returned, so a screen says "done" only after the data is on disk.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from terminal.background import Lane

if TYPE_CHECKING:  # the kiosk imports this module before the sync core is loaded
    from sync.outbox import NewAttachment, Outbox, Submitted
    from sync.worker import SyncState, SyncWorker

log = logging.getLogger("terminal.sync")


class SubmitJob(QObject):
    """One submission's outcome: its signals arrive on the GUI thread.

    The work itself runs on the bridge's store lane (a Python thread), which
    emits one of these signals after the commit returned or failed."""

    submitted = Signal(object)  # Submitted
    submitFailed = Signal(str)


def _store(outbox: Outbox, job: SubmitJob, payload: Any,
           attachments: tuple[NewAttachment, ...], corrects: str | None) -> None:
    from sync.store.database import StoreError

    try:
        result: Submitted = outbox.submit(payload, attachments=attachments, corrects=corrects)
    except StoreError as error:
        log.error("submission not stored: %s", error)
        job.submitFailed.emit(str(error))
        return
    except Exception as error:
        log.exception("submission failed")
        job.submitFailed.emit(type(error).__name__)
        return
    job.submitted.emit(result)


class SyncBridge(QObject):
    stateChanged = Signal(object)  # SyncState

    def __init__(self, outbox: Outbox, worker: SyncWorker | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.outbox = outbox
        self._worker = worker
        self._store_lane = Lane(1, "store")  # one thread: submissions keep their order
        self._jobs: set[SubmitJob] = set()
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

    def submit(self, payload: Any, attachments: Sequence[NewAttachment] = (),
               corrects: str | None = None) -> SubmitJob:
        job = SubmitJob()
        self._jobs.add(job)  # alive until its answer was delivered
        outbox, kept = self.outbox, tuple(attachments)
        self._store_lane.run(
            self, lambda: _store(outbox, job, payload, kept, corrects),
            lambda _none: self._finished(job))  # delivered after the job's own signal
        return job

    def _finished(self, job: SubmitJob) -> None:
        self._jobs.discard(job)
        if self._worker is not None:
            self._worker.wake()
