"""What the kiosk knows of the hall's queue: the latest `QueueState`, for the
attract screen's "now serving" and the take-number screen's waiting counts.

The platform pushes it on its event stream (`terminal.hall_feed`, the one
counters and the hall display read): on connect and whenever counts or calls
change. Each state, pushed or read, is cached for offline estimates and tops
up the leased numbers on a lane of its own (`top_ups`: one thread, at most
one state waiting, the latest), never on the shared lane where a resident's
take-number request would queue behind a top-up waiting on a slow platform.
The kiosk reads the state itself only as a safety re-sync (`RESYNC_MS`) while
the stream is connected, and every `POLL_MS` as before while it is not and the
link is up; offline it reads nothing and issues from its leases and cache.

Imported in phase one: the sync core is imported only when started.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from kiosk.context import KioskContext
from terminal.background import Lane, run_in_background
from terminal.pushed_cadence import PushedCadence

if TYPE_CHECKING:
    from sync.protocol.queue import QueueState
    from terminal.hall_feed import HallFeed

log = logging.getLogger("kiosk.queue_view")
#: Between reads of the queue state while the event stream is not connected.
POLL_MS = 10_000
#: Between reads while the stream pushes the state (should an event be missed).
RESYNC_MS = 300_000
#: A state not confirmed for this long is not shown as "now serving" (the link is
#: probably down).
STALE_SECONDS = 60.0


class QueueView(QObject):
    """Follows the queue state; `serving()` answers [(number, window)]."""

    changed = Signal()

    def __init__(self, context: KioskContext, parent: QObject | None = None, *,
                 poll_ms: int = POLL_MS, resync_ms: int = RESYNC_MS) -> None:
        super().__init__(parent)
        self.context = context
        self.state: QueueState | None = None
        self.feed: HallFeed | None = None
        self._confirmed = 0.0  # time.monotonic() when the state was last known current
        self._busy = False
        self._remembering = False
        self._unremembered: QueueState | None = None  # came while one was being kept
        self.top_ups = Lane(1, "kiosk-leases")
        self._stopped = False
        self.cadence = PushedCadence(poll_ms, resync_ms, self)
        self.cadence.due.connect(self.poll)

    @property
    def pushed(self) -> bool:
        """The event stream is connected: `state` is the platform's current one."""
        return self.cadence.pushed

    def start(self) -> None:
        """Open the event stream (phase two: needs the shell) and the re-sync timer."""
        shell = self.context.shell
        if shell is None:
            return
        from terminal.hall_feed import HallFeed

        self.feed = HallFeed(shell.services.runtime.client.queue_events, parent=self)
        self.feed.stateChanged.connect(self._pushed)
        self.feed.connectionChanged.connect(self._connection)
        self.feed.follow(shell.link)
        self.feed.start()
        self.cadence.start()

    def stop(self) -> None:
        self.cadence.stop()
        if self.feed is not None:
            self.feed.stop(timeout=0)  # it ends when its stream does
        self._stopped = True
        self.top_ups.close()  # a state waiting is dropped; one under way ends by itself

    def poll(self) -> None:
        shell = self.context.shell
        if shell is None or self._busy or self.context.link_down():
            return
        self._busy = True
        client = shell.services.runtime.client
        run_in_background(self, client.queue_state, self._got, self._failed)

    def live_state(self) -> QueueState | None:
        """The state while the stream keeps it current, else None (read it)."""
        return self.state if self.pushed else None

    # ------------------------------------------------------------ pushed
    def _pushed(self, state: QueueState) -> None:
        self._show(state)
        self._remember(state)

    def _connection(self, connected: bool) -> None:
        if not connected:
            self._confirmed = time.monotonic()  # current until now
        self.cadence.set_pushed(connected)

    def _remember(self, state: QueueState) -> None:
        """Cache the state and top up the leases on `top_ups`, one at a time, the
        latest last."""
        shell = self.context.shell
        if shell is None or self._stopped:
            return
        if self._remembering:
            self._unremembered = state
            return
        from kiosk.queue_service import remember_state

        self._remembering = True
        runtime = shell.services.runtime
        self.top_ups.run(self, lambda: remember_state(runtime, state), self._remembered,
                         lambda message: self._remembered(message))

    def _remembered(self, failure: str | None = None) -> None:
        if failure:
            log.info("queue state not kept: %s", failure)
        self._remembering = False
        state, self._unremembered = self._unremembered, None
        if state is not None:
            self._remember(state)

    # ------------------------------------------------------------ read
    def _got(self, state: Any) -> None:
        self._busy = False
        self.read(state)

    def read(self, state: QueueState) -> None:
        """A state read from the platform (here or by a screen): shown and kept."""
        self._show(state)
        self._remember(state)

    def _show(self, state: QueueState) -> None:
        self.state = state
        self._confirmed = time.monotonic()
        self.changed.emit()

    def _failed(self, message: str) -> None:
        self._busy = False
        log.info("queue state not refreshed: %s", message)
        if self.state is not None and self._stale():
            self.state = None
            self.changed.emit()

    def _stale(self) -> bool:
        return not self.pushed and time.monotonic() - self._confirmed > STALE_SECONDS

    def serving(self) -> list[tuple[str, str]]:
        """The latest call of each window, [] when unknown or stale."""
        if self.state is None or self._stale():
            return []
        return [(call.number, call.window) for call in self.state.now_serving]
