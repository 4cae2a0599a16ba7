"""Wake-ups of the hall streams when their center's queue or help board changes.

A commit that adds a `queue_event` or adds or changes a `help_request` names its
center:

- on PostgreSQL with `NOTIFY reception_hall, '<center>'` in the same transaction
  (sent when it commits, never when it rolls back). Each platform process has
  one `LISTEN` connection, opened by a thread while any stream of the process
  is connected, and wakes that process's streams of the center: a call made
  through one process reaches the displays connected to every other;
- on SQLite, in the process that committed only (SQLite has no notifications):
  its streams wake at once, those of other processes on the same file at their
  next slow poll.

A woken stream reads from its own cursor, so a lost wake-up only delays: the
streams still look every `SAFETY_POLL_SECONDS` (PostgreSQL, listener connected)
or `SQLITE_POLL_SECONDS`, and every `POLL_SECONDS` while the listener is down.
After the listener (re)connects it wakes every stream of the process once.

`RECEPTION_PLATFORM_HALL_POLL_SECONDS` replaces both slow polls' seconds.
`RECEPTION_PLATFORM_HALL_PUSH=poll` turns all this off: every stream looks at
the table every `POLL_SECONDS`, as before (kept to measure one against the
other, see docs/capacity.md).
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import Pool

from sync.server.db import HelpRequestRow, QueueEvent

log = logging.getLogger(__name__)

CHANNEL = "reception_hall"
MODE_ENV = "RECEPTION_PLATFORM_HALL_PUSH"
SLOW_POLL_ENV = "RECEPTION_PLATFORM_HALL_POLL_SECONDS"
NOTIFY, POLL = "notify", "poll"
#: Seconds between two looks of a stream at the table in poll mode (the old way).
POLL_SECONDS = 0.5
#: Seconds between a stream's looks while pushes reach it (lost wake-ups, clock).
SAFETY_POLL_SECONDS = 15.0
#: Seconds between a stream's looks on SQLite (commits of other processes).
SQLITE_POLL_SECONDS = 5.0
#: Seconds the listener waits for notifications before it checks whether to stop.
LISTEN_TICK_SECONDS = 1.0
#: Seconds a read shared by the streams of one center and wake-up stays good.
SHARED_SECONDS = 1.0
_CENTERS = "hall_push_centers"
T = TypeVar("T")


def mode() -> str:
    value = os.environ.get(MODE_ENV, NOTIFY)
    if value not in (NOTIFY, POLL):
        raise ValueError(f"{MODE_ENV} must be {NOTIFY} or {POLL}, not {value!r}")
    return value


def slow_poll_seconds() -> float | None:
    """RECEPTION_PLATFORM_HALL_POLL_SECONDS, or None for the defaults."""
    value = os.environ.get(SLOW_POLL_ENV)
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 24 * 3600:
        raise ValueError(f"{SLOW_POLL_ENV} must be seconds (over 0, at most a day)")
    return seconds


@dataclass(eq=False)
class Waiter:
    """One stream's wake-up flag, set from any thread."""

    center: str
    loop: asyncio.AbstractEventLoop
    flag: asyncio.Event = field(default_factory=asyncio.Event)

    def wake(self) -> None:
        self.loop.call_soon_threadsafe(self.flag.set)

    async def wait(self, timeout: float) -> bool:
        """Whether a wake-up came within `timeout` seconds (cleared for the next)."""
        try:
            await asyncio.wait_for(self.flag.wait(), max(0.0, timeout))
        except TimeoutError:
            return False
        self.flag.clear()
        return True


class HallHub:
    """The streams of one process and database, by center."""

    def __init__(self, engine: Engine) -> None:
        self.postgresql = engine.dialect.name == "postgresql"
        self.push = mode() == NOTIFY
        self._dsn = engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False)
        self._lock = threading.Lock()
        self._waiters: dict[str, set[Waiter]] = {}
        self._listener: _Listener | None = None
        self._wakes: dict[str, int] = {}  # wake-ups per center
        self._wakes_of_all = 0
        self._shared: dict[tuple[str, str], tuple[tuple[int, int], float, Any]] = {}
        self._shared_locks: dict[tuple[str, str], threading.Lock] = {}
        self._slow_poll = slow_poll_seconds() or (
            SAFETY_POLL_SECONDS if self.postgresql else SQLITE_POLL_SECONDS)

    def subscribe(self, center: str) -> Waiter:
        """A waiter woken on the center's changes; the running loop's."""
        waiter = Waiter(center, asyncio.get_running_loop())
        with self._lock:
            self._waiters.setdefault(center, set()).add(waiter)
            if self.push and self.postgresql and self._listener is None:
                self._listener = _Listener(self, self._dsn)
        return waiter

    def unsubscribe(self, waiter: Waiter) -> None:
        with self._lock:
            waiters = self._waiters.get(waiter.center, set())
            waiters.discard(waiter)
            if not waiters:
                self._waiters.pop(waiter.center, None)
                self._wakes.pop(waiter.center, None)
                for key in [key for key in self._shared if key[1] == waiter.center]:
                    del self._shared[key]
            if not self._waiters and self._listener is not None:
                self._listener.stop()
                self._listener = None

    def wake(self, center: str) -> None:
        with self._lock:
            self._wakes[center] = self._wakes.get(center, 0) + 1
            waiters = list(self._waiters.get(center, ()))
        for waiter in waiters:
            waiter.wake()

    def wake_all(self) -> None:
        with self._lock:
            self._wakes_of_all += 1
            waiters = [waiter for group in self._waiters.values() for waiter in group]
        for waiter in waiters:
            waiter.wake()

    def shared(self, kind: str, center: str, read: Callable[[], T]) -> T:
        """`read()` once per center and wake-up for all this process's streams of the
        center (blocking: call it on a worker thread). The streams one commit wakes
        would each read the same queue state and help board; the first reads, the
        others take its answer. Not shared in poll mode (each stream reads, as before)."""
        if not self.push:
            return read()
        key = (kind, center)
        with self._lock:
            stamp = (self._wakes_of_all, self._wakes.get(center, 0))
            lock = self._shared_locks.setdefault(key, threading.Lock())
        with lock:
            entry = self._shared.get(key)
            if entry is not None and entry[0] == stamp \
                    and time.monotonic() - entry[1] < SHARED_SECONDS:
                answer: T = entry[2]
                return answer
            answer = read()
            self._shared[key] = (stamp, time.monotonic(), answer)
            return answer

    def poll_seconds(self) -> float:
        """How long a stream waits for a wake-up before it looks anyway."""
        if not self.push:
            return POLL_SECONDS
        listener = self._listener
        if not self.postgresql or (listener is not None and listener.listening):
            return self._slow_poll
        return POLL_SECONDS


class _Listener:
    """A thread with one PostgreSQL connection in LISTEN, waking the hub's streams."""

    def __init__(self, hub: HallHub, dsn: str) -> None:
        self.listening = False
        self._hub, self._dsn = hub, dsn
        self._stopped = threading.Event()
        threading.Thread(target=self._run, name="hall-listen", daemon=True).start()

    def stop(self) -> None:
        self._stopped.set()

    def _run(self) -> None:
        import psycopg

        backoff = 0.5
        while not self._stopped.is_set():
            try:
                with psycopg.connect(self._dsn, autocommit=True) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    self.listening, backoff = True, 0.5
                    self._hub.wake_all()  # whatever was committed before we listened
                    while not self._stopped.is_set():
                        for note in connection.notifies(timeout=LISTEN_TICK_SECONDS):
                            self._hub.wake(note.payload)
            except psycopg.Error as error:
                log.warning("hall stream listener: %s; again in %.1f s", error, backoff)
            finally:
                self.listening = False
            self._hub.wake_all()  # the streams poll while nobody listens
            self._stopped.wait(backoff)
            backoff = min(backoff * 2, 5.0)


_hubs: weakref.WeakKeyDictionary[Pool, HallHub] = weakref.WeakKeyDictionary()
_hubs_lock = threading.Lock()


def hub_for(engine: Engine) -> HallHub:
    """The process's hub of this engine's database (one per connection pool)."""
    with _hubs_lock:
        hub = _hubs.get(engine.pool)
        if hub is None:
            hub = _hubs[engine.pool] = HallHub(engine)
        return hub


class StreamsStopping(threading.Event):
    """`app.state.streams_stopping`: setting it wakes every stream, so each ends now."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self._engine = engine
        mode(), slow_poll_seconds()  # a bad setting stops the app's start, not a commit

    def set(self) -> None:
        super().set()
        hub_for(self._engine).wake_all()


def _changed_centers(session: Session) -> set[str]:
    centers = {item.center for item in session.new if isinstance(item, QueueEvent | HelpRequestRow)}
    centers |= {item.center for item in session.dirty if isinstance(item, HelpRequestRow)}
    return centers


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    """NOTIFY in the flushing transaction (PostgreSQL) or remember for the commit."""
    centers = _changed_centers(session)
    if not centers or mode() != NOTIFY:
        return
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        for center in sorted(centers):
            connection.execute(text("SELECT pg_notify(:channel, :center)"),
                               {"channel": CHANNEL, "center": center})
    else:
        session.info.setdefault(_CENTERS, set()).update(centers)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    centers = session.info.pop(_CENTERS, None)
    bind = session.get_bind()
    if centers and isinstance(bind, Engine):
        committed(bind, centers)


def committed(engine: Engine, centers: set[str]) -> None:
    """SQLite: a commit outside the ORM changed these centers' queues; wake the
    process's streams of them (PostgreSQL: the transaction's NOTIFY does)."""
    hub = _hubs.get(engine.pool)
    if hub is not None and mode() == NOTIFY:
        for center in centers:
            hub.wake(center)


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, _previous: Any) -> None:
    session.info.pop(_CENTERS, None)
