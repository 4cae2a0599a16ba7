"""The reference central platform as a FastAPI application."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from sync.protocol.models import PROTOCOL_VERSION
from sync.server import (
    audit,
    console,
    fleet,
    help_api,
    preapplications,
    routes,
    sealing,
    slip_pages,
    staff,
)
from sync.server.access import PolicyRoute, Scope, operator, public
from sync.server.admin import api as admin_api
from sync.server.cases import api as cases_api
from sync.server.cases import calendar as cases_calendar
from sync.server.cases import status_page
from sync.server.db import create_schema, make_engine
from sync.server.errors import install_error_handlers
from sync.server.hot_paths import HotPaths
from sync.server.limits import BodyLimitMiddleware
from sync.server.queue import hall, hall_push
from sync.server.queue import routes as queue_routes
from sync.server.queue.errors import QueueError
from sync.server.ratings import api as ratings_api
from sync.server.ratings.settings import answer_days


def create_app(database_url: str) -> FastAPI:
    """An app serving from `database_url`; creates missing tables.

    The process keeps nothing but the engine: nonces, dedup and every other
    piece of state live in the database, so instances can be multiplied."""
    engine = make_engine(database_url)
    try:
        create_schema(engine)
        cases_calendar.seed(engine)
        sealing.keys_for(engine)  # a missing or unreadable key stops the start, not a request
        answer_days()  # so does a bad follow-up setting
    except BaseException:
        engine.dispose()
        raise
    app = FastAPI(
        title="Reception central platform (reference)",
        version=f"{PROTOCOL_VERSION}.0",
        description="Enrollment, signed transaction delivery, reference data, "
        "application statuses and the fleet of reception-center terminals. "
        "Each operation's `x-access` names the terminal roles that may call it "
        "and whose objects it touches.",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.router.route_class = PolicyRoute
    app.state.engine = engine
    app.state.streams_stopping = hall_push.StreamsStopping(engine)  # set: streams end
    install_error_handlers(app)
    app.add_exception_handler(QueueError, queue_routes.answer_queue_error)
    app.add_middleware(HotPaths)  # inside the body limit
    app.add_middleware(BodyLimitMiddleware)
    app.include_router(routes.unsigned)
    app.include_router(routes.signed)
    app.include_router(console.router)
    app.include_router(fleet.router)
    app.include_router(audit.router)
    app.include_router(queue_routes.router)
    app.include_router(hall.router)
    app.include_router(help_api.router)
    app.include_router(preapplications.router)
    app.include_router(staff.router)
    app.include_router(cases_api.router)
    app.include_router(status_page.router)
    app.include_router(ratings_api.router)
    app.include_router(slip_pages.router)
    app.include_router(admin_api.router)

    @app.get("/healthz", tags=["fleet"])
    @public(objects="nothing")
    def healthz() -> dict[str, bool]:
        """Liveness probe (answered by `sync.server.hot_paths`, with the worker's pid
        in `X-Platform-Worker`, unless it carries a query)."""
        return {"ok": True}

    @app.get("/openapi.json", include_in_schema=False)
    @operator(*console.ANYONE_SIGNED_IN, objects="the API description", scope=Scope.SHARED)
    def openapi_document(request: Request) -> JSONResponse:
        document: dict[str, Any] = request.app.openapi()
        return JSONResponse(document)

    @app.get("/docs", include_in_schema=False)
    @operator(*console.ANYONE_SIGNED_IN, objects="the API description", scope=Scope.SHARED,
              page=True)
    def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url="/openapi.json", title=app.title)

    return app
