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

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

if TYPE_CHECKING:  # the kiosk imports this module before the sync core is loaded
    from sync.outbox import NewAttachment, Outbox, Submitted
    from sync.worker import SyncState, SyncWorker

log = logging.getLogger("terminal.sync")


class SubmitJob(QObject, QRunnable):
    """One submission; its signals arrive on the GUI thread."""

    submitted = Signal(object)  # Submitted
    submitFailed = Signal(str)

    def __init__(self, outbox: Outbox, payload: Any, attachments: Sequence[NewAttachment],
                 corrects: str | None) -> None:
        QObject.__init__(self)
        QRunnable.__init__(self)
        self.setAutoDelete(False)
        self._outbox = outbox
        self._payload = payload
        self._attachments = tuple(attachments)
        self._corrects = corrects

    def run(self) -> None:
        from sync.store.database import StoreError

        try:
            result: Submitted = self._outbox.submit(
                self._payload, attachments=self._attachments, corrects=self._corrects)
        except StoreError as error:
            log.error("submission not stored: %s", error)
            self.submitFailed.emit(str(error))
            return
        except Exception as error:
            log.exception("submission failed")
            self.submitFailed.emit(type(error).__name__)
            return
        self.submitted.emit(result)


class SyncBridge(QObject):
    stateChanged = Signal(object)  # SyncState

    def __init__(self, outbox: Outbox, worker: SyncWorker | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.outbox = outbox
        self._worker = worker
        self._store_thread = QThreadPool(self)
        self._store_thread.setMaxThreadCount(1)  # submissions keep their order
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
        self._store_thread.waitForDone(10_000)

    def submit(self, payload: Any, attachments: Sequence[NewAttachment] = (),
               corrects: str | None = None) -> SubmitJob:
        job = SubmitJob(self.outbox, payload, attachments, corrects)
        self._jobs.add(job)
        job.submitted.connect(lambda _result, job=job: self._finished(job))
        job.submitFailed.connect(lambda _message, job=job: self._finished(job))
        self._store_thread.start(job)
        return job

    def _finished(self, job: SubmitJob) -> None:
        self._jobs.discard(job)
        if self._worker is not None:
            self._worker.wake()
