"""Request body size caps, enforced before the body is buffered."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol.models import MAX_BATCH_BYTES
from sync.server.errors import ApiError, error_response

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
_TOO_LARGE = "The request body is larger than the platform accepts ({limit} bytes)."


def body_limit(scope: Scope) -> int:
    """Attachments may be up to 20 MB; every other body up to MAX_BATCH_BYTES."""
    if scope["method"] == "PUT" and scope["path"].startswith("/v1/attachments/"):
        return MAX_ATTACHMENT_BYTES
    return MAX_BATCH_BYTES


class BodyLimitMiddleware:
    """413 by Content-Length up front, or as soon as a streamed body exceeds it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(scope)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isascii() and declared.isdigit() \
                and int(declared) > limit:
            response = error_response(413, "body_too_large", _TOO_LARGE.format(limit=limit))
            await response(scope, receive, send)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise ApiError(413, "body_too_large", _TOO_LARGE.format(limit=limit))
            return message

        await self.app(scope, limited_receive, send)
