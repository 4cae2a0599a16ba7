"""The hall feed: a worker thread that keeps the platform's event stream open.

The hall display shows its calls and state; counters and kiosks take their
queue state from it instead of reading it every few seconds
(`terminal.pushed_cadence`); counters and the display show its help board
("call staff" requests). It reads GET /v1/queue/events,
reconnects with exponential back-off and jitter when the stream breaks
(sending the last event id back, so nothing is missed) and reports through
Qt signals, which reach the GUI thread queued.
The back-off is capped at `MAX_DELAY` seconds, and `retry_now()` (the
terminal's link saw the platform return) ends it at once, so the hall and the
counters' help alerts are live again within seconds of the platform.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Generator
from contextlib import closing
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from sync.client import AuthError, PlatformError, TransientError, Unreachable
from sync.protocol.queue import HallCall, HallEvent

if TYPE_CHECKING:
    from terminal.link import Link

log = logging.getLogger("terminal.hall_feed")
#: Opens the stream from an event id (None: from now on).
StreamOpener = Callable[[int | None], Generator[HallEvent, None, None]]
#: First wait before reconnecting, and the cap of its doubling, in seconds.
FIRST_DELAY, MAX_DELAY = 0.5, 3.0
#: The wait after the platform refused the stream (a terminal withdrawn, or a
#: platform older than this terminal): a refusal does not end by itself in seconds.
REFUSED_DELAY = 60.0


class HallFeed(QObject):
    stateChanged = Signal(object)  # QueueState
    called = Signal(str, str, str)  # number, window, category (every call, in order)
    callReceived = Signal(object, bool)  # HallCall, fresh (worth announcing)
    connectionChanged = Signal(bool)
    helpChanged = Signal(object)  # HelpBoard: the center's help requests now
    reachable = Signal(bool)  # the platform answered / could not be reached (evidence)

    def __init__(self, open_stream: StreamOpener, *, first_delay: float = FIRST_DELAY,
                 max_delay: float = MAX_DELAY, stale_after: float = 120.0,
                 clock: Callable[[], float] = time.time,
                 parent: QObject | None = None) -> None:
        """`stale_after`: calls older than this many seconds (replayed after a
        long outage) are shown but not worth announcing."""
        super().__init__(parent)
        self._open = open_stream
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.stale_after = stale_after
        self._clock = clock
        self._stop = threading.Event()
        self._nudge = threading.Event()  # stop, or retry now
        self._thread: threading.Thread | None = None
        self.last_event_id: int | None = None
        self.connected = False
        self._outage = False  # the stream could not be opened since it last was

    def start(self) -> None:
        self._stop.clear()
        self._nudge.clear()
        self._thread = threading.Thread(target=self._run, name="hall-feed", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 1.0) -> None:
        """Ask the worker to end; it does at the next event, keep-alive or error."""
        self._stop.set()
        self._nudge.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def retry_now(self) -> None:
        """The platform is reachable again: end a back-off wait at once (any thread)."""
        self._nudge.set()

    def follow(self, link: Link) -> None:
        """Take part in the terminal's one online truth: what the stream meets is
        evidence for `link`, and the link seeing the platform return ends a
        back-off at once."""
        self.reachable.connect(link.report)
        link.changed.connect(self._link_moved)

    def _link_moved(self, online: bool) -> None:
        if online:
            self.retry_now()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # ------------------------------------------------------------ worker thread
    def _run(self) -> None:
        delay = self.first_delay
        while not self._stop.is_set():
            try:
                with closing(self._open(self.last_event_id)) as stream:
                    for event in stream:
                        if self._stop.is_set():
                            return
                        self._set_connected(True)
                        delay = self.first_delay
                        self._dispatch(event)
                log.info("the platform ended the event stream; reconnecting")
            except AuthError as error:
                # once per outage, as below: every refused retry would add a line
                (log.debug if self._outage else log.error)(
                    "the platform refuses this terminal's event stream (%s): a withdrawn "
                    "terminal must be enrolled again, an older platform updated", error)
                self._outage = True
                delay = REFUSED_DELAY
            except TransientError as error:
                if self._stop.is_set():
                    return  # stopping closed the stream under the reader: not an outage
                # once per outage: the retries every few seconds would flood the log
                (log.debug if self._outage else log.warning)("hall event stream: %s", error)
                self._outage = True
                if isinstance(error, Unreachable):  # a 503 or a garbled event is an answer
                    self._emit(self.reachable, False)
            except PlatformError as error:
                log.warning("hall event stream: %s", error)
            except Exception:
                log.exception("hall event stream failed")
            except BaseException:  # interpreter shutdown
                return
            self._set_connected(False)
            wait = delay * random.uniform(0.5, 1.0)
            delay = min(self.max_delay, delay * 2)
            self._nudge.wait(wait)
            self._nudge.clear()

    def _dispatch(self, event: HallEvent) -> None:
        if event.event_id is not None:
            self.last_event_id = event.event_id
        if event.state is not None:
            self._emit(self.stateChanged, event.state)
        if event.help is not None:
            self._emit(self.helpChanged, event.help)
        if event.call is not None:
            call: HallCall = event.call
            self._emit(self.called, call.number, call.window, call.category)
            self._emit(self.callReceived, call, self._fresh(call.at))

    def _fresh(self, at: datetime) -> bool:
        return self._clock() - at.timestamp() <= self.stale_after

    def _set_connected(self, connected: bool) -> None:
        if connected != self.connected:
            self.connected = connected
            self._emit(self.connectionChanged, connected)
            if connected:
                if self._outage:
                    log.info("hall event stream connected again")
                self._outage = False
                self._emit(self.reachable, True)

    def _emit(self, signal: Signal, *values: object) -> None:
        try:
            signal.emit(*values)  # type: ignore[attr-defined]
        except RuntimeError:  # the receiving window is gone (shutdown)
            self._stop.set()
