"""The terminal's one answer to "is the platform reachable?".

Every front end shows the same truth in its header badge and its panels:
`Link` decides, and `LinkedState` publishes it inside the `SyncState` that the
sync bridge already carries to every screen (`SyncBridge.stateChanged` and
`last_state`). The link learns from

* its own probe: `GET /healthz` every `ONLINE_INTERVAL` s while online (so a
  platform that goes away is noticed within about a second), and while
  offline after a back-off that starts at `RETRY_FIRST` and is capped at
  `RETRY_CAP` s (so a platform that returns is found within about two);
* every platform call a front end makes (`report`): an answer means
  reachable, a network failure means not (and the probe checks at once);
* the sync worker: its network failures, and the platform refusing this
  terminal (`auth_failed`: offline until a pass succeeds again).

When the link comes back the sync worker and the hall feed are told to end
their own back-off, so every front end is back within the probe's cap.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from sync.worker import SyncState
    from terminal.sync_bridge import SyncBridge

log = logging.getLogger("terminal.link")
#: Seconds between probes while the platform answers.
ONLINE_INTERVAL = 1.0
#: Seconds a probe may take before the platform counts as unreachable.
PROBE_TIMEOUT = 1.0
#: First wait before probing again after a failure; it doubles up to RETRY_CAP.
RETRY_FIRST = 0.25
#: Longest wait between probes while offline (each wait is jittered down to half).
RETRY_CAP = 2.0

Probe = Callable[[float], None]  # raises when the platform does not answer in time


class Link(QObject):
    """Online (True), offline (False) or not known yet (None), decided in one place.

    `online` and `changed` are for the GUI thread; `report`, `refuse` and
    `truth` may be called from any thread."""

    changed = Signal(object)  # bool
    _moved = Signal()

    def __init__(self, probe: Probe, *, interval: float = ONLINE_INTERVAL,
                 timeout: float = PROBE_TIMEOUT, retry_first: float = RETRY_FIRST,
                 retry_cap: float = RETRY_CAP, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._probe = probe
        self.interval, self.timeout = interval, timeout
        self.retry_first, self.retry_cap = retry_first, retry_cap
        self.online: bool | None = None  # as last delivered on the GUI thread
        self._reachable: bool | None = None
        self._refused = False
        self._since = time.monotonic()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._gui_thread = threading.get_ident()  # made on the GUI thread, as it lives there
        self._moved.connect(self._deliver)

    # ------------------------------------------------------------ evidence
    def truth(self) -> bool | None:
        with self._lock:
            return False if self._refused else self._reachable

    def report(self, reachable: bool) -> None:
        """A platform call answered (True) or could not reach the platform (False)."""
        with self._lock:
            was = self._reachable
            self._reachable = reachable
        if was is not reachable:
            self._log(was, reachable)
            if not reachable:
                self._wake.set()  # probe now: confirm, and watch for the return
        self._notify()

    def refuse(self, refused: bool) -> None:
        """The platform refuses this terminal (a technician must enroll it again)."""
        with self._lock:
            changed, self._refused = self._refused != refused, refused
        if changed:
            self._notify()

    def _log(self, was: bool | None, reachable: bool) -> None:
        now = time.monotonic()
        lasted, self._since = now - self._since, now
        if reachable and was is False:
            log.info("platform reachable again (unreachable for %.1f s)", lasted)
        elif not reachable:
            log.warning("platform unreachable")

    def _notify(self) -> None:
        if threading.get_ident() == self._gui_thread:
            self._deliver()
        else:
            self._moved.emit()  # queued to the GUI thread

    def _deliver(self) -> None:
        """On the GUI thread: announce the latest truth if it moved (a late queued
        notice finds nothing new and says nothing)."""
        online = self.truth()
        if online is not None and online != self.online:
            self.online = online
            self.changed.emit(online)

    # ------------------------------------------------------------ the probe
    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="link-probe", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(self.timeout + 2.0)

    def check_now(self) -> None:
        """Probe at once (any thread)."""
        self._wake.set()

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self._probe(self.timeout)
                reachable = True
            except Exception:  # any failure to answer: unreachable
                reachable = False
            if self._stop.is_set():
                return
            self.report(reachable)
            if reachable:
                failures, wait = 0, self.interval
            else:
                failures += 1
                ceiling = min(self.retry_cap, self.retry_first * 2 ** (failures - 1))
                wait = ceiling * random.uniform(0.5, 1.0)
            self._wake.wait(wait)


class LinkedState(QObject):
    """Publishes the sync worker's `SyncState` through the bridge with the link's
    `online`, on the GUI thread, whenever either changes; feeds the worker's
    failures to the link as evidence."""

    _workerState = Signal(object)

    def __init__(self, bridge: SyncBridge, link: Link, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge, self._link = bridge, link
        self._worker: SyncState | None = None
        self._workerState.connect(self._from_worker)
        link.changed.connect(self._link_moved)

    def worker_state(self, state: SyncState) -> None:
        """The sync worker's callback (its thread): queued to the GUI thread."""
        self._workerState.emit(state)

    def _from_worker(self, state: SyncState) -> None:
        self._worker = state
        self._link.refuse(state.auth_failed)
        if state.online is False and not state.auth_failed:
            self._link.report(False)
        self._publish()

    def _link_moved(self, _online: bool) -> None:
        self._publish()

    def _publish(self) -> None:
        from sync.worker import SyncState

        online = self._link.online
        base = self._worker or SyncState(online, 0, 0, None)
        self._bridge.publish(replace(base, online=base.online if online is None else online))
