"""The background sync thread: delivers, refreshes and beats on its own.

It never touches a widget; it reports `SyncState` through a callback that the
Qt adapter turns into a signal. Failures back off exponentially with full
jitter (honouring Retry-After), so a returning link is found within
`backoff_cap` seconds and a struggling platform is not hammered.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sync.client import AuthError, PlatformError, TransientError, Unreachable
from sync.conditions import Condition
from sync.outbox import utc_now
from sync.protocol.signing import TERMINAL_REVOKED
from sync.store.database import StoreError, StoreFullError
from sync.synchronizer import Synchronizer

log = logging.getLogger("sync.worker")


@dataclass(frozen=True)
class SyncState:
    online: bool | None
    backlog: int
    dead_letters: int
    last_success: datetime | None
    last_error: str | None = None
    auth_failed: bool = False
    damaged: int = 0  # dead letters damaged on this terminal (also in dead_letters)

    @property
    def revoked(self) -> bool:
        """The platform withdrew this terminal: it must be enrolled again."""
        return self.auth_failed and (self.last_error or "").startswith(TERMINAL_REVOKED + ":")


def full_jitter_delay(failures: int, base: float, cap: float,
                      retry_after: float | None = None,
                      rand: Callable[[], float] = random.random) -> float:
    """AWS-style full jitter, but never sooner than the platform asked."""
    ceiling = min(cap, base * (2 ** min(max(0, failures - 1), 64)))  # no float overflow
    delay = ceiling * rand()
    if retry_after is not None:
        delay = max(delay, min(retry_after, cap * 4))
    return delay


class SyncWorker:
    def __init__(self, synchronizer: Synchronizer,
                 on_state: Callable[[SyncState], None] = lambda state: None) -> None:
        self.sync = synchronizer
        self._on_state = on_state
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._online: bool | None = None
        self._last_success: datetime | None = None
        self._platform = Condition(log, "platform unreachable")
        self._trouble = Condition(log, "platform answers but cannot take deliveries")
        self._disk = Condition(log, "disk full")
        self._store = Condition(log, "local store failing")
        self._bug = Condition(log, "sync pass failed")
        self._store_problem: str | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def wake(self) -> None:
        """Something was submitted: deliver now if the link is up (a back-off the
        platform's own failing answer started holds: `_run`)."""
        if self._online is not False:
            self._wake.set()

    def retry_now(self) -> None:
        """The platform answers again (the terminal's link check saw it): end the
        back-off and deliver now."""
        self._wake.set()

    def _run(self) -> None:
        settings = self.sync.settings
        failures = 0
        next_refresh = next_heartbeat = 0.0
        while not self._stop.is_set():
            error: str | None = None
            auth_failed = False
            retry_after: float | None = None
            answered_failure = False
            try:
                contacted = False
                while not self._stop.is_set() and self.sync.deliver_batch().sent:
                    contacted = self._online = True
                    self._last_success = utc_now()
                    self._platform.ok()
                    self._publish(True, None)
                now = time.monotonic()
                if now >= next_refresh:
                    self.sync.refresh()
                    contacted = True
                    next_refresh = now + settings.refresh_interval
                # After a failure, only an answer from the platform says "online".
                if now >= next_heartbeat or (not contacted and self._online is not True):
                    self.sync.heartbeat()
                    next_heartbeat = now + settings.heartbeat_interval
                self._platform.ok()
                self._trouble.ok()
                self._bug.ok()
                self._online = True
                self._last_success = utc_now()
            except Unreachable as failure:
                error = str(failure)
                self._platform.failed(error)
                self._online = False
            except TransientError as failure:  # it answered, busy or unreadable: reachable
                error, retry_after = str(failure), failure.retry_after
                self._trouble.failed(error)
                self._online = True
                answered_failure = True
            except AuthError as failure:
                error, auth_failed = str(failure), True
                self._platform.failed(f"the platform refuses this terminal: {error}",
                                      level=logging.ERROR)
                self._online = False
            except PlatformError as failure:
                error = str(failure)
                self._platform.failed(error)
            except StoreError as failure:
                error = str(failure)
                self._store_failed(failure)
            except Exception as failure:  # a bug: logged once per kind, the thread lives on
                error = f"internal error: {type(failure).__name__}"
                self._bug.failed(f"{type(failure).__name__}: {failure}", level=logging.ERROR,
                                 exc_info=failure)
            self._maintain()
            failures = failures + 1 if error else 0
            wait = (full_jitter_delay(failures, settings.backoff_base, settings.backoff_cap,
                                      retry_after) if error else settings.poll_interval)
            self._publish(self._online, error or self._store_problem, auth_failed)
            # the platform answered "not now" (busy, Retry-After): only stopping ends
            # the wait, not a record submitted meanwhile (nor one submitted during
            # this pass), which the next pass sends with the others
            (self._stop if answered_failure else self._wake).wait(wait)
            self._wake.clear()

    def _maintain(self) -> None:
        """Local upkeep, online or not: checkpoint, purge, sweep, backups when due."""
        try:
            self.sync.maintain()
        except StoreError as failure:
            self._store_failed(failure)
        except Exception as failure:
            self._bug.failed(f"{type(failure).__name__}: {failure}", level=logging.ERROR,
                             exc_info=failure)
        else:
            self._store_problem = None
            self._disk.ok()
            self._store.ok()

    def _store_failed(self, failure: StoreError) -> None:
        self._store_problem = str(failure)
        if isinstance(failure, StoreFullError):
            self._disk.failed(str(failure), level=logging.ERROR)
        else:
            self._store.failed(str(failure), level=logging.ERROR)

    def _publish(self, online: bool | None, error: str | None, auth_failed: bool = False) -> None:
        outbox = self.sync.outbox
        try:
            state = SyncState(online, outbox.backlog(), outbox.dead_count(), self._last_success,
                              error, auth_failed, outbox.damaged_count())
        except Exception as failure:
            self._store.failed(f"could not read the backlog: {type(failure).__name__}: "
                               f"{failure}", level=logging.ERROR)
            return
        self._on_state(state)
