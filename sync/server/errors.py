"""Every error leaves the platform as an ErrorBody with a plain-English message."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol.models import ErrorBody

log = logging.getLogger(__name__)

#: OpenAPI `responses` entry for an ErrorBody answer (JSON, also from HTML routes).
ERROR_RESPONSE = {
    "model": ErrorBody,
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
}


class ApiError(StarletteHTTPException):
    """An error answer: HTTP status, machine-readable code, English message.

    An HTTPException subclass so that it also passes through body reading."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        server_time: float | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status, message, headers)
        self.body = ErrorBody(code=code, message=message, server_time=server_time)


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(code=code, message=message)
    return JSONResponse(body.model_dump(exclude_none=True), status, headers=headers)


def api_error_response(exc: ApiError) -> JSONResponse:
    return JSONResponse(
        exc.body.model_dump(exclude_none=True), exc.status_code, headers=exc.headers
    )


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return api_error_response(exc)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(part) for part in first.get("loc", ()))
    message = f"The request is not valid: {where}: {first.get('msg', 'invalid')}"
    return error_response(422, "invalid_request", message)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    code = phrase.lower().replace(" ", "_").replace("-", "_")
    message = exc.detail if isinstance(exc.detail, str) else phrase
    return error_response(exc.status_code, code, message, exc.headers)


async def _unexpected_error(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return error_response(
        500, "internal_error", "The platform hit an unexpected error; please retry later."
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
