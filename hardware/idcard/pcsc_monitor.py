"""Reader and card events from pcscd, delivered to a callback from one thread.

Why not pyscard's `CardMonitor`/`ReaderMonitor`: both are process-wide
singletons whose thread stops for good on SCARD_E_NO_SERVICE (pcscd
restarted) while the singleton keeps the dead thread, `CardMonitor` only
notices a stop request after its 60 s wait, and both print tracebacks to
stderr. This monitor uses pyscard's `scard` layer directly: its own context,
`SCardGetStatusChange` in short slices, `SCardCancel` to stop at once, and a
loop that survives pcscd restarts (it reports SERVICE_LOST and re-establishes
its context). `ensure_running()` restarts the thread if it died anyway.

Like pyscard's monitors, readers and cards already present are reported as
added/inserted when monitoring starts. The callback runs on the monitor
thread: hand results to Qt with a queued signal.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from smartcard import scard

log = logging.getLogger(__name__)

__all__ = ["EventKind", "PcscEvent", "PcscMonitor"]

_MASK = 0xFFFFFFFF


def code(hresult: int) -> int:
    """A PC/SC result as an unsigned 32-bit number (pyscard may give it signed)."""
    return hresult & _MASK


class EventKind(StrEnum):
    READER_ADDED = "reader_added"
    READER_REMOVED = "reader_removed"
    CARD_INSERTED = "card_inserted"
    CARD_REMOVED = "card_removed"
    SERVICE_LOST = "service_lost"  # pcscd went away; the monitor keeps retrying


@dataclass(frozen=True, slots=True)
class PcscEvent:
    kind: EventKind
    reader: str = ""
    atr: bytes = b""


class PcscMonitor:
    """Watches pcscd and calls `callback(PcscEvent)` on changes."""

    def __init__(self, callback: Callable[[PcscEvent], None], *, poll: float = 0.5,
                 retry: float = 0.5) -> None:
        self._callback = callback
        self._poll_ms = int(poll * 1000)
        self._retry = retry
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._context: int | None = None
        self._states: dict[str, int] = {}
        self._present: dict[str, bool] = {}
        self._service_up: bool | None = None
        self._down_since = 0.0
        self._loop_error = ""
        self.restarts = 0
        #: Attempts to reach pcscd since it went away (0 while it answers).
        self.retries_while_down = 0

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.alive:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="pcsc-monitor", daemon=True)
        self._thread.start()

    def ensure_running(self) -> bool:
        """Restart the thread if it died; True if it had to be restarted."""
        if self._thread is None or self.alive or self._stop.is_set():
            return False
        log.warning("PC/SC monitor thread died; restarting it")
        self.restarts += 1
        self.start()
        return True

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        context = self._context
        if context is not None:
            scard.SCardCancel(context)
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    # --- thread ---------------------------------------------------------------------
    def _emit(self, kind: EventKind, reader: str = "", atr: bytes = b"") -> None:
        try:
            self._callback(PcscEvent(kind, reader, atr))
        except Exception:  # a faulty observer must not kill monitoring
            log.exception("PC/SC event callback failed for %s", kind)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._watch()
            except Exception as error:
                # the same failure on every retry is logged once, not every `retry` seconds
                text = f"{type(error).__name__}: {error}"
                if text != self._loop_error:
                    self._loop_error = text
                    log.exception("PC/SC monitor loop failed; retrying")
            self._stop.wait(self._retry)
        self._forget_all()

    def _forget_all(self) -> None:
        for reader in list(self._present):
            self._forget(reader)

    def _forget(self, reader: str) -> None:
        if self._present.pop(reader, False):
            self._emit(EventKind.CARD_REMOVED, reader)
        self._states.pop(reader, None)
        self._emit(EventKind.READER_REMOVED, reader)

    def _lost(self, hresult: int) -> None:
        """pcscd cannot be reached: logged and reported once, then only counted."""
        self._forget_all()
        if self._service_up is False:
            self.retries_while_down += 1
            return
        log.warning("PC/SC service lost: %s; retrying every %.1f s (logged again when it "
                    "is back)", scard.SCardGetErrorMessage(hresult), self._retry)
        self._service_up = False
        self._down_since = time.monotonic()
        self.retries_while_down = 0
        self._emit(EventKind.SERVICE_LOST)

    def _back(self) -> None:
        if self._service_up is False:
            log.info("PC/SC service back after %d retries (%.0f s without it)",
                     self.retries_while_down, time.monotonic() - self._down_since)
        self._service_up = True
        self._loop_error = ""
        self.retries_while_down = 0

    def _watch(self) -> None:
        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if code(hresult) != 0:
            self._lost(hresult)
            return
        self._context = context
        try:
            while not self._stop.is_set():
                if not self._poll(context):
                    return
        finally:
            self._context = None
            scard.SCardReleaseContext(context)

    def _poll(self, context: int) -> bool:
        """One wait for changes; False when the context is no longer usable."""
        hresult, readers = scard.SCardListReaders(context, [])
        if code(hresult) == code(scard.SCARD_E_NO_READERS_AVAILABLE):
            readers = []
        elif code(hresult) != 0:
            self._lost(hresult)
            return False
        if self._service_up is not True:
            self._back()
        for gone in set(self._present) - set(readers):
            self._forget(gone)
        for reader in readers:
            if reader not in self._present:
                self._present[reader] = False
                self._emit(EventKind.READER_ADDED, reader)
        if not readers:
            self._stop.wait(self._poll_ms / 1000)
            return True
        query = [(r, self._states.get(r, scard.SCARD_STATE_UNAWARE)) for r in readers]
        hresult, states = scard.SCardGetStatusChange(context, self._poll_ms, query)
        result = code(hresult)
        if result in (code(scard.SCARD_E_TIMEOUT), code(scard.SCARD_E_CANCELLED)):
            return True
        if result == code(scard.SCARD_E_UNKNOWN_READER):
            return True  # a reader left between list and wait: next round sees it
        if result != 0:
            self._lost(hresult)
            return False
        for reader, event_state, atr in states:
            self._states[reader] = event_state & ~scard.SCARD_STATE_CHANGED
            present = bool(event_state & scard.SCARD_STATE_PRESENT)
            if present != self._present.get(reader, False):
                self._present[reader] = present
                kind = EventKind.CARD_INSERTED if present else EventKind.CARD_REMOVED
                self._emit(kind, reader, bytes(atr) if present else b"")
        return True
