"""Opt-in fault injection for tests; never part of the production path.

Wrap an app with `FaultInjectionMiddleware(app, plan_path)`, or start the
server with RECEPTION_PLATFORM_FAULTS=1 and RECEPTION_PLATFORM_FAULT_PLAN
naming a JSON file. The plan lives in that file (not in the process), so it
works across instances; each matching request spends one use of the first
matching rule, under a file lock:

    {"rules": [{"action": "status", "status": 503, "retry_after": 2,
                "method": "POST", "path": "/v1/transactions/batch", "times": 2}]}

A rule with `body_contains` matches only requests whose body holds that text
(e.g. one transaction id, to fail every batch that carries it).

Actions: `status` (answer `status`, with Retry-After if given), `delay`
(sleep `delay` seconds, then serve), `drop_after_commit` (serve fully, then
close the connection without sending the reply), `garbage` (200 with bytes
that are not JSON), `oversized` (200 with `size` bytes).
"""

from __future__ import annotations

import asyncio
import fcntl
import os
from pathlib import Path
from typing import Literal

import anyio
from pydantic import BaseModel
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.server.errors import error_response

ENV_ENABLE = "RECEPTION_PLATFORM_FAULTS"
ENV_PLAN = "RECEPTION_PLATFORM_FAULT_PLAN"


class FaultRule(BaseModel):
    action: Literal["status", "delay", "drop_after_commit", "garbage", "oversized"]
    path: str = "/"  # prefix of the request path
    method: str | None = None
    body_contains: str | None = None
    times: int | None = 1  # None: every matching request
    status: int = 503
    retry_after: int | None = None
    delay: float = 1.0
    size: int = 8 * 1024 * 1024


class FaultPlan(BaseModel):
    rules: list[FaultRule] = []


def write_plan(path: Path, rules: list[FaultRule]) -> None:
    """Replace the plan (tests call this between requests)."""
    with path.open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(FaultPlan(rules=rules).model_dump_json())


def take_fault(path: Path, method: str, request_path: str,
               body: bytes = b"") -> FaultRule | None:
    """Spend one use of the first rule matching this request, if any."""
    if not path.exists():
        return None
    with path.open("r+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        text = handle.read()
        plan = FaultPlan.model_validate_json(text) if text.strip() else FaultPlan()
        for index, rule in enumerate(plan.rules):
            if rule.times == 0 or not request_path.startswith(rule.path):
                continue
            if rule.method is not None and rule.method.upper() != method:
                continue
            if rule.body_contains is not None and rule.body_contains.encode() not in body:
                continue
            if rule.times is not None:
                plan.rules[index] = rule.model_copy(update={"times": rule.times - 1})
                handle.seek(0)
                handle.truncate()
                handle.write(plan.model_dump_json())
            return rule
    return None


class FaultInjectionMiddleware:
    """ASGI middleware applying the fault plan stored in `plan_path`."""

    def __init__(self, app: ASGIApp, plan_path: Path) -> None:
        self.app = app
        self.plan_path = plan_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body, receive = await _buffered(receive)
        rule = await anyio.to_thread.run_sync(
            take_fault, self.plan_path, scope["method"], scope["path"], body
        )
        if rule is None:
            await self.app(scope, receive, send)
        elif rule.action == "status":
            headers = {"Retry-After": str(rule.retry_after)} if rule.retry_after else None
            response = error_response(
                rule.status, "injected_fault", "Fault injected for testing.", headers
            )
            await response(scope, receive, send)
        elif rule.action == "delay":
            await anyio.sleep(rule.delay)
            await self.app(scope, receive, send)
        elif rule.action == "drop_after_commit":
            await self._serve_then_drop(scope, receive, send)
        else:
            body = b"\x00\xffnot json{{" if rule.action == "garbage" else b"x" * rule.size
            await Response(body, 200, media_type="application/json")(scope, receive, send)

    async def _serve_then_drop(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def swallow(_message: Message) -> None:
            return None

        await self.app(scope, receive, swallow)
        # uvicorn's `send` is a bound method of the request cycle holding the transport.
        transport = getattr(getattr(send, "__self__", None), "transport", None)
        if transport is None:
            raise ConnectionAbortedError("connection dropped by fault injection")
        transport.close()
        for _ in range(3):  # let the server notice the disconnect before we return
            await asyncio.sleep(0)


async def _buffered(receive: Receive) -> tuple[bytes, Receive]:
    """Read the request body, and a `receive` that hands it to the app again."""
    messages: list[Message] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            break
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.request")

    async def replay() -> Message:
        return messages.pop(0) if messages else await receive()

    return body, replay


def faults_from_env(app: ASGIApp) -> ASGIApp:
    """Wrap `app` only when RECEPTION_PLATFORM_FAULTS=1 (plan file from the env)."""
    if os.environ.get(ENV_ENABLE) != "1":
        return app
    plan = os.environ.get(ENV_PLAN)
    if not plan:
        raise RuntimeError(f"{ENV_ENABLE}=1 needs {ENV_PLAN} naming the fault plan file")
    return FaultInjectionMiddleware(app, Path(plan))
