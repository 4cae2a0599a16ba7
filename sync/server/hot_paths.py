"""The platform's hottest requests answered beneath FastAPI's routing.

Every terminal probes `GET /healthz` each second while online and posts a
heartbeat every minute, and a counter's call-next is waited for by a person
at the window; through FastAPI's router, dependencies, validation of the answer
and two thread hops a heartbeat cost 1.6 ms of CPU, a probe 0.45 ms and a call
5 ms. This middleware answers them first:

- `GET /healthz`: `{"ok": true}`, with the answering process in
  `X-Platform-Worker` (its pid: which of several workers took the connection).
- `POST /v1/heartbeat` and `POST /v1/queue/call-next`, well-formed (signature
  headers, no query, a JSON content type) with a valid body: the same checks as their routes
  (terminal, signature, clock, withdrawal, the route's roles, the nonce in the
  table every route spends nonces in) and the same work, in one thread hop on
  one connection: on PostgreSQL one statement, the terminal's row confirmed in
  it (`sync.server.direct`, `sync.server.heartbeat`, `sync.server.queue.calls`). Any
  other request to them goes on to the route with its body, which answers it
  as every route does (401, 403, then 422).
"""

from __future__ import annotations

import email.message
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Engine
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol.models import Heartbeat
from sync.protocol.queue import CallNextRequest
from sync.server import heartbeat as heartbeats
from sync.server.access import Policy, policy_of
from sync.server.auth import (
    SignedRequest,
    check_signed_request_on,
    purge_nonces,
    signed_request_of,
)
from sync.server.db import pool_settings, single_statements
from sync.server.direct import Direct
from sync.server.errors import ApiError, api_error_response
from sync.server.lanes import Lane
from sync.server.queue import calls
from sync.server.queue import routes as queue_routes
from sync.server.routes import post_heartbeat

WORKER_HEADER = "X-Platform-Worker"
#: Threads per process taking heartbeats, and taking calls: on PostgreSQL each holds one
#: of the pool's connections (`sync.server.direct`; docs/capacity.md "Database
#: connections"). A heartbeat or a call is one round trip: one thread takes a few
#: thousand heartbeats a second, two carry ten counters calling at once.
HEARTBEAT_THREADS, CALL_THREADS = 1, 2
HOT_THREADS = HEARTBEAT_THREADS + CALL_THREADS
#: A heartbeat's commit does not wait for its WAL flush (PostgreSQL's
#: synchronous_commit off, on the heartbeat threads' connections): the heartbeat
#: row is a latest state, and what a crash could lose is the last moment's rows
#: and their nonces, so a heartbeat of that moment could be stored once more.
#: Half the PostgreSQL CPU of a heartbeat and a third of its own was waiting for
#: that flush. Calls and every other write wait for it.
HEARTBEAT_SETTINGS = "SET synchronous_commit = off"
_HEALTHY = b'{"ok":true}'
#: (status, JSON body or b"") of an answered request.
Answer = tuple[int, bytes]
Admit = Callable[[Any], None]


@dataclass
class _Route:
    """A route answered here: its body's model, its policy, the work, the threads it
    runs on and, on PostgreSQL, their connections (with `settings`)."""

    model: type[BaseModel]
    policy: Policy
    take: Callable[[Engine, Direct | None, SignedRequest, Any, float, Admit], Answer]
    lane: Lane
    settings: str = ""
    direct: Direct | None = None

    def direct_of(self, engine: Engine) -> Direct | None:
        """The engine's hot-path connections on PostgreSQL; None on SQLite."""
        if engine.dialect.name != "postgresql":
            return None
        direct = self.direct
        if direct is None or direct.engine is not engine:
            direct = self.direct = Direct(engine, self.settings)
        return direct


def _policy(endpoint: Callable[..., Any]) -> Policy:
    policy = policy_of(endpoint)
    if policy is None:
        raise RuntimeError(f"{endpoint.__name__} declares no policy")
    return policy


class HotPaths:
    """ASGI middleware answering `/healthz`, heartbeats and call-next (see the module)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # threads of their own, cheaper to hand over to than AnyIO's (the routes'), and
        # fewer than the pool has connections: the routes keep the rest
        heartbeat_threads, call_threads = hot_threads()
        self._routes = {
            "/v1/heartbeat": _Route(Heartbeat, _policy(post_heartbeat), _heartbeat,
                                    Lane(heartbeat_threads, "heartbeat"), HEARTBEAT_SETTINGS),
            "/v1/queue/call-next": _Route(CallNextRequest, _policy(queue_routes.call_next),
                                          _call_next, Lane(call_threads, "call")),
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope.get("query_string"):
            if scope["path"] == "/healthz" and scope["method"] == "GET":
                await _healthz(send)
                return
            route = self._routes.get(scope["path"])
            if route is not None and scope["method"] == "POST":
                await self._signed(route, scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _signed(self, route: _Route, scope: Scope, receive: Receive,
                      send: Send) -> None:
        try:
            body = await _read_body(receive)
        except ApiError as error:  # too large (sync.server.limits)
            await api_error_response(error)(scope, receive, send)
            return
        headers = Headers(scope=scope)
        try:
            if not _json_content(headers.get("content-type")):
                raise ValueError("the route answers a body it does not read as JSON")
            signed = signed_request_of(scope, headers, body)
            parsed = route.model.model_validate_json(body)
        except (ApiError, ValueError):  # pydantic's ValidationError is a ValueError
            await self.app(scope, _replay(body, receive), send)
            return
        engine = scope["app"].state.engine
        try:
            status, content = await route.lane.run(
                route.take, engine, route.direct_of(engine), signed, parsed, time.time(),
                route.policy.check_role)
        except ApiError as error:
            await api_error_response(error)(scope, receive, send)
            return
        headers = [(b"content-type", b"application/json"),
                   (b"content-length", str(len(content)).encode())] if content else []
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": content})


def hot_threads() -> tuple[int, int]:
    """Heartbeat and call threads: HEARTBEAT_THREADS and CALL_THREADS, fewer calls'
    when the pool is small, so that the routes keep at least one of its connections."""
    return HEARTBEAT_THREADS, max(1, min(CALL_THREADS, pool_settings()["pool_size"] - 2))


def _heartbeat(engine: Engine, direct: Direct | None, signed: SignedRequest, beat: Heartbeat,
               now: float, admit: Admit) -> Answer:
    heartbeats.take(engine, direct, signed, beat.model_dump_json(), now, admit)
    return 204, b""


def _call_next(engine: Engine, direct: Direct | None, signed: SignedRequest,
               request: CallNextRequest, now: float, admit: Admit) -> Answer:
    if direct is not None:
        ticket = calls.call_next_direct(direct, signed, request, now, admit)
    else:  # SQLite: in one write transaction
        with single_statements(engine) as connection:
            caller = check_signed_request_on(connection, signed, now)
            admit(caller)
            ticket = calls.call_next_on(connection, caller, request, now)
        calls.called(engine, caller, ticket)
    purge_nonces(engine, now)
    return (204, b"") if ticket is None else (200, ticket.model_dump_json().encode())


async def _healthz(send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(_HEALTHY)).encode()),
        (WORKER_HEADER.lower().encode(), str(os.getpid()).encode())]})
    await send({"type": "http.response.body", "body": _HEALTHY})


def _json_content(value: str | None) -> bool:
    """The body is JSON as FastAPI reads it (strict: application/json or +json)."""
    if not value:
        return False
    message = email.message.Message()
    message["content-type"] = value
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json"))


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """The request's body once more, then the connection's own messages."""
    sent = False

    async def replayed_receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed_receive
