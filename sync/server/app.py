"""The reference central platform as a FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from sync.protocol.models import PROTOCOL_VERSION
from sync.server import fleet, hall, preapplications, queue, routes
from sync.server.db import create_schema, make_engine
from sync.server.errors import install_error_handlers
from sync.server.limits import BodyLimitMiddleware


def create_app(database_url: str) -> FastAPI:
    """An app serving from `database_url`; creates missing tables.

    The process keeps nothing but the engine: nonces, dedup and every other
    piece of state live in the database, so instances can be multiplied."""
    engine = make_engine(database_url)
    create_schema(engine)
    app = FastAPI(
        title="Reception central platform (reference)",
        version=f"{PROTOCOL_VERSION}.0",
        description="Enrollment, signed transaction delivery, reference data, "
        "application statuses and the fleet of reception-center terminals.",
    )
    app.state.engine = engine
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware)
    app.include_router(routes.public)
    app.include_router(routes.signed)
    app.include_router(fleet.router)
    app.include_router(queue.router)
    app.include_router(hall.router)
    app.include_router(preapplications.router)

    @app.get("/healthz", tags=["fleet"])
    def healthz() -> dict[str, bool]:
        """Liveness probe."""
        return {"ok": True}

    return app
