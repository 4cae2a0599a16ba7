"""The platform's two hottest requests answered beneath FastAPI's routing.

Every terminal probes `GET /healthz` each second while online and posts a
heartbeat every minute; through FastAPI's router, dependencies and two thread
hops a heartbeat cost 1.6 ms of CPU and a probe 0.45 ms. This middleware answers
them first:

- `GET /healthz`: `{"ok": true}`, with the answering process in
  `X-Platform-Worker` (its pid: which of several workers took the connection).
- `POST /v1/heartbeat` with a well-formed, valid body: the same checks as the
  route (`sync.server.auth.check_terminal`: terminal, signature, clock,
  withdrawal; the route's roles; the nonce, recorded with the heartbeat in one
  statement, `sync.server.heartbeat.store_fresh`) in one thread hop on one
  connection. A request that is not well-formed or whose body does not validate
  goes on to the route with its body, which answers it as every route does
  (401, 403, then 422): the nonce table is the one replay rule of both paths.
"""

from __future__ import annotations

import asyncio
import os
import time
from concurrent.futures import ThreadPoolExecutor

from pydantic import ValidationError
from sqlalchemy import Engine
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol.models import Heartbeat
from sync.server import heartbeat as heartbeats
from sync.server.access import Policy, policy_of
from sync.server.auth import signed_request_of
from sync.server.errors import ApiError, api_error_response
from sync.server.routes import post_heartbeat

WORKER_HEADER = "X-Platform-Worker"
#: Threads (and on PostgreSQL database connections) per process taking heartbeats.
HEARTBEAT_THREADS = 2
_HEALTHY = b'{"ok":true}'
_HEARTBEAT_POLICY = policy_of(post_heartbeat)


def _policy() -> Policy:
    if _HEARTBEAT_POLICY is None:
        raise RuntimeError("the heartbeat route declares no policy")
    return _HEARTBEAT_POLICY


class HotPaths:
    """ASGI middleware answering `/healthz` and valid heartbeats (see the module)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._policy = _policy()
        # threads of its own, cheaper to hand over to than AnyIO's (the routes');
        # on PostgreSQL each holds a connection (sync.server.heartbeat)
        self._threads = ThreadPoolExecutor(HEARTBEAT_THREADS, thread_name_prefix="heartbeat")
        self._heartbeats: heartbeats.Taker | None = None

    def _taker(self, engine: Engine) -> heartbeats.Taker:
        if self._heartbeats is None or self._heartbeats.engine is not engine:
            self._heartbeats = heartbeats.Taker(engine)
        return self._heartbeats

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope.get("query_string"):
            if scope["path"] == "/healthz" and scope["method"] == "GET":
                await _healthz(send)
                return
            if scope["path"] == "/v1/heartbeat" and scope["method"] == "POST":
                await self._heartbeat(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _heartbeat(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            body = await _read_body(receive)
        except ApiError as error:  # too large (sync.server.limits)
            await api_error_response(error)(scope, receive, send)
            return
        try:
            signed = signed_request_of(scope, Headers(scope=scope), body)
            beat = Heartbeat.model_validate_json(body).model_dump_json()
        except (ApiError, ValidationError):
            await self.app(scope, _replay(body, receive), send)
            return
        try:
            await asyncio.get_running_loop().run_in_executor(
                self._threads, self._taker(scope["app"].state.engine).take, signed, beat,
                time.time(), self._policy.check_role)
        except ApiError as error:
            await api_error_response(error)(scope, receive, send)
            return
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})


async def _healthz(send: Send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(_HEALTHY)).encode()),
        (WORKER_HEADER.lower().encode(), str(os.getpid()).encode())]})
    await send({"type": "http.response.body", "body": _HEALTHY})


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
