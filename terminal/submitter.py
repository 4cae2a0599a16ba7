"""One submission at a time for a screen or a desk, shared by kiosk and counter.

A tracking number (allocated off the GUI thread, or one given), the payload
made from it on the GUI thread, the local commit through `SyncBridge.submit`;
then `on_done(Stored)` or `on_error(text)` on the GUI thread. Every step is
started with its callbacks bound and the submission's cancel token, so
`cancel()` drops the answer of a submission in flight (the resident has gone;
the record stays stored) and no answer can be lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from terminal.background import Latest, Token, run_in_background

if TYPE_CHECKING:
    from sync.outbox import NewAttachment
    from terminal.sync_bridge import Stored, SyncBridge

#: Blocking: the next tracking number (a committed local counter).
NumberSource = Callable[[], str]


@dataclass(frozen=True)
class _Submission:
    bridge: SyncBridge
    make_payload: Callable[[str], Any]
    on_done: Callable[[Stored], None]
    on_error: Callable[[str], None]
    attachments: tuple[NewAttachment, ...]
    token: Token


class Submitter:
    def __init__(self, owner: QObject) -> None:
        self._owner = owner
        self._latest = Latest()
        self.busy = False

    def submit(self, bridge: SyncBridge, make_payload: Callable[[str], Any],
               number: str | NumberSource, on_done: Callable[[Stored], None],
               on_error: Callable[[str], None],
               attachments: Sequence[NewAttachment] = ()) -> bool:
        """Start one submission; False (and nothing done) while one is in flight."""
        if self.busy:
            return False
        self.busy = True
        job = _Submission(bridge, make_payload, on_done, on_error, tuple(attachments),
                          self._latest.next())
        if isinstance(number, str):
            self._store(job, number)
        else:
            run_in_background(self._owner, number, lambda allocated: self._store(job, allocated),
                              lambda message: self._finish(job.on_error, message),
                              token=job.token)
        return True

    def cancel(self) -> None:
        """Forget the submission in flight: its answer will not be delivered."""
        self._latest.cancel()
        self.busy = False

    def _store(self, job: _Submission, number: str) -> None:
        try:
            payload = job.make_payload(number)
        except ValueError as error:  # a payload the models refuse
            self._finish(job.on_error, f"{type(error).__name__}: {error}")
            return
        job.bridge.submit(self._owner, payload, lambda stored: self._finish(job.on_done, stored),
                          lambda message: self._finish(job.on_error, message),
                          attachments=job.attachments, token=job.token)

    def _finish(self, callback: Callable[[Any], None], value: Any) -> None:
        self.busy = False
        callback(value)
