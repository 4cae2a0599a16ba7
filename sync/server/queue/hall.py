"""GET /v1/queue/events: the push channel of hall displays, counters and kiosks (SSE).

Each connection reads the `queue_event` table from its own cursor when it is
woken: on PostgreSQL by a NOTIFY from the committing process (one LISTEN per
process, `hall_push`), on SQLite by a commit in this process or by a slow
poll; or, with RECEPTION_PLATFORM_HALL_PUSH=poll, every 0.5 s. A stream is

    retry: 3000
    id: <cursor>         event: state   data: <QueueState JSON>   (on connect)
    id: <cursor>         event: help    data: <HelpBoard JSON>    (on connect)
    id: <event id>       event: call    data: <HallCall JSON>     (per call/recall)
    id: <cursor>         event: state   data: <QueueState JSON>   (when counts change)
    id: <cursor>         event: help    data: <HelpBoard JSON>    (when help requests change)
    : keep-alive                                                  (every ~15 s)

`id` is the last queue_event id the stream has covered; a client that
reconnects with it as `Last-Event-ID` gets every later call, none missed.
Without one the stream starts at the newest event (no replay). A `help`
event is the center's whole help board (`sync.server.help_requests`), so a
reconnecting client needs no replay of it.

PostgreSQL may make ids visible out of order (a transaction that took id 10
commits after the one that took 11), so within one connection each poll
looks back `LOOKBACK_IDS` ids and skips the ids it has already seen.
"""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from sync.protocol.help import ON_THE_WAY_SECONDS, HelpBoard
from sync.protocol.models import Role
from sync.protocol.queue import HallCall, QueueState
from sync.server.access import CallerDep, PolicyRoute, Scope, allow
from sync.server.db import QueueEvent, QueueTicket
from sync.server.errors import ERROR_RESPONSE
from sync.server.help_requests import board
from sync.server.queue import hall_push
from sync.server.queue.core import local_day, utc
from sync.server.queue.stats import CALL_KINDS, queue_state
from sync.server.routes import EngineDep

#: Seconds of silence after which a keep-alive comment is sent.
KEEPALIVE_SECONDS = 15.0
#: Seconds between state checks when no event came (day change, wait times).
STATE_REFRESH_SECONDS = 60.0
#: A stream ends after this long; the client reconnects (and is re-authenticated).
MAX_STREAM_SECONDS = 30 * 60.0
#: Client reconnection delay the stream asks for, in milliseconds.
RETRY_MILLISECONDS = 3000
#: Most events read per poll.
BATCH = 200
#: How far back each poll looks for late-committed ids.
LOOKBACK_IDS = 1000

T = TypeVar("T")

router = APIRouter(prefix="/v1", tags=["queue"], responses={422: ERROR_RESPONSE},
                   route_class=PolicyRoute)

_STREAM_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A text/event-stream: `state` events (QueueState JSON) on connect "
                       "and when counts change, `call` events (HallCall JSON: number, "
                       "window, category, kind, at) per call or recall, `help` events "
                       "(HelpBoard JSON: the center's help requests) on connect and when "
                       "they change, `: keep-alive` comments; each event's `id` is a "
                       "queue_event id to resume from.",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}


@dataclass
class _Watch:
    """One connection's position in the queue_event table."""

    center: str
    start: int
    cursor: int
    seen: set[int] = field(default_factory=set)
    shown: tuple[object, ...] | None = None  # what the last state event showed
    help: HelpBoard | None = None  # what the last help event showed


_EVENT_ID = re.compile(r"[0-9]{1,18}")


def parse_last_event_id(value: str | None) -> int | None:
    """The id to resume after; None for no header or one this platform never sent."""
    if value is None or _EVENT_ID.fullmatch(value.strip()) is None:
        return None
    return int(value.strip())


def newest_event_id(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.max(QueueEvent.id))) or 0


def read_events(engine: Engine, watch: _Watch,
                now: float) -> tuple[list[tuple[int, HallCall]], bool]:
    """Today's new calls, each with the id to resume after it, and whether any
    event (of any kind) was new. Advances the watch's cursor."""
    low = max(watch.start, watch.cursor - LOOKBACK_IDS)
    today = local_day(now)
    with Session(engine) as session:
        # today's events only: the (center, day) index then skips every older day
        # (without the day, an SQLite poll read all the center's days' events)
        rows = session.execute(
            select(QueueEvent.id, QueueEvent.kind, QueueEvent.window, QueueEvent.at,
                   QueueEvent.day, QueueTicket.number, QueueTicket.category)
            .join(QueueTicket, QueueTicket.id == QueueEvent.ticket_id)
            .where(QueueEvent.center == watch.center, QueueEvent.day == today,
                   QueueEvent.id > low)
            .order_by(QueueEvent.id)
            .limit(BATCH + len(watch.seen))
        ).all()
    calls: list[tuple[int, HallCall]] = []
    fresh = [row for row in rows if row.id not in watch.seen][:BATCH]
    for row in fresh:
        watch.seen.add(row.id)
        watch.cursor = max(watch.cursor, row.id)
        if row.kind in CALL_KINDS and row.day == today and row.window:
            calls.append((watch.cursor, HallCall(
                number=row.number, window=row.window, category=row.category,
                kind=row.kind, at=utc(row.at))))
    watch.seen = {seen for seen in watch.seen if seen > watch.cursor - LOOKBACK_IDS}
    return calls, bool(fresh)


def shown_by(state: QueueState) -> tuple[object, ...]:
    """What a hall display shows of a state, without the ever-growing wait times."""
    return (state.day, tuple((c.code, c.waiting) for c in state.categories),
            tuple(state.now_serving), tuple(state.recent_calls))


def frame(event: str, event_id: int, data: str) -> bytes:
    return f"id: {event_id}\nevent: {event}\ndata: {data}\n\n".encode()


def help_changes_in(help_board: HelpBoard, now: float) -> float:
    """Seconds until an acknowledged request leaves the board (it changes by itself
    then); 0 once one is due, infinity when none is acknowledged."""
    ends = [request.acknowledged_at.timestamp() + ON_THE_WAY_SECONDS
            for request in help_board.requests if request.acknowledged_at is not None]
    return max(0.0, min(ends) - now) if ends else float("inf")


async def hall_stream(engine: Engine, watch: _Watch, request: Request) -> AsyncIterator[bytes]:
    """The event stream of one connection; ends on disconnect, after MAX_STREAM_SECONDS,
    or when the server is stopping (app.state.streams_stopping), so a stop ends it cleanly
    instead of cutting it after the graceful-shutdown timeout."""
    stopping = request.app.state.streams_stopping
    hub = hall_push.hub_for(engine)
    waiter = hub.subscribe(watch.center)
    try:
        async for chunk in _events(engine, watch, request, waiter, hub, stopping):
            yield chunk
    finally:
        hub.unsubscribe(waiter)


async def _events(engine: Engine, watch: _Watch, request: Request, waiter: hall_push.Waiter,
                  hub: hall_push.HallHub, stopping: Any) -> AsyncIterator[bytes]:
    async def read(woken: bool, kind: str, reading: Callable[[], T]) -> T:
        """Woken by a commit: shared with the process's other streams of the center
        woken by it; else (a slow look, a clock change) read for this stream alone."""
        if woken:
            return await run_in_threadpool(hub.shared, kind, watch.center, reading)
        return await run_in_threadpool(reading)

    started = last_sent = last_state = last_look = time.monotonic()
    state = await run_in_threadpool(queue_state, engine, watch.center, time.time())
    watch.shown = shown_by(state)
    yield f"retry: {RETRY_MILLISECONDS}\n".encode() + frame(
        "state", watch.cursor, state.model_dump_json())
    watch.help = await run_in_threadpool(board, engine, watch.center, time.time())
    yield frame("help", watch.cursor, watch.help.model_dump_json())
    while time.monotonic() - started < MAX_STREAM_SECONDS and not stopping.is_set():
        now = time.monotonic()
        look_in = min(hub.poll_seconds() - (now - last_look),
                      KEEPALIVE_SECONDS - (now - last_sent),
                      STATE_REFRESH_SECONDS - (now - last_state),
                      help_changes_in(watch.help, time.time()))
        woken = await waiter.wait(max(look_in, 0.02))
        if stopping.is_set() or await request.is_disconnected():
            return
        now = time.monotonic()
        calls: list[tuple[int, HallCall]] = []
        any_new = False
        looked = woken or now - last_look >= hub.poll_seconds() - 0.02
        if looked:
            last_look = now
            calls, any_new = await run_in_threadpool(read_events, engine, watch, time.time())
        help_board = watch.help
        if looked or help_changes_in(watch.help, time.time()) == 0:
            help_board = await read(woken, "help", lambda: board(engine, watch.center,
                                                                 time.time()))
        if help_board != watch.help:
            watch.help = help_board
            yield frame("help", watch.cursor, help_board.model_dump_json())
            last_sent = now
        for event_id, call in calls:
            yield frame("call", event_id, call.model_dump_json())
            last_sent = now
        if any_new or now - last_state >= STATE_REFRESH_SECONDS:
            last_state = now
            state = await read(woken, "state", lambda: queue_state(engine, watch.center,
                                                                   time.time()))
            if shown_by(state) != watch.shown:
                watch.shown = shown_by(state)
                yield frame("state", watch.cursor, state.model_dump_json())
                last_sent = now
        if now - last_sent >= KEEPALIVE_SECONDS:
            yield b": keep-alive\n\n"
            last_sent = now


@router.get("/queue/events", response_class=StreamingResponse, responses=_STREAM_DOC)
@allow(Role.DISPLAY, Role.COUNTER, Role.KIOSK,
       objects="queue calls and state; help requests",
       scope=Scope.CENTER)
def queue_events(
    caller: CallerDep,
    request: Request,
    engine: EngineDep,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID", max_length=20)] = None,
) -> StreamingResponse:
    """Server-sent events of the caller's center: the hall state and help board,
    then every call and every change."""
    resume = parse_last_event_id(last_event_id)
    start = resume if resume is not None else newest_event_id(engine)
    watch = _Watch(center=caller.center, start=start, cursor=start)
    return StreamingResponse(
        hall_stream(engine, watch, request),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
