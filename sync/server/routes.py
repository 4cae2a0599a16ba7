"""The /v1 API: enrollment (unsigned) and the signed terminal endpoints."""

from __future__ import annotations

import hashlib
import re
import time
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.protocol.models import (
    SHA256_PATTERN,
    ApplicationStatus,
    AttachmentQuery,
    AttachmentQueryResponse,
    BatchRequest,
    BatchResponse,
    Catalog,
    EnrollRequest,
    EnrollResponse,
    Heartbeat,
    NoticeList,
    Role,
    StatusPage,
)
from sync.server import documents, enrollment, sealing
from sync.server import heartbeat as heartbeats
from sync.server.access import CallerDep, PolicyRoute, Scope, allow, public
from sync.server.admin import notices as center_notices
from sync.server.auth import SignedRequest, signed_request
from sync.server.batch import process_batch
from sync.server.db import WRITE, ApplicationState, Attachment, single_statements
from sync.server.errors import ERROR_RESPONSE, ApiError

JSON = "application/json"


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]
RawRequest = Annotated[SignedRequest, Depends(signed_request)]
KIOSK, COUNTER, DISPLAY = Role.KIOSK, Role.COUNTER, Role.DISPLAY

unsigned = APIRouter(tags=["enrollment"], route_class=PolicyRoute)
signed = APIRouter(
    prefix="/v1",
    tags=["terminal"],
    responses={413: ERROR_RESPONSE, 422: ERROR_RESPONSE},
    route_class=PolicyRoute,
)


@unsigned.post(
    "/v1/enroll",
    responses={403: ERROR_RESPONSE, 422: ERROR_RESPONSE},
)
@public(objects="one-time enrollment codes (spent), terminals (created)")
def enroll(body: EnrollRequest, engine: EngineDep) -> EnrollResponse:
    """Spend a one-time enrollment code; answers the terminal id and its key."""
    return enrollment.enroll(engine, body)


@signed.post("/transactions/batch")
@allow(KIOSK, COUNTER, scope=Scope.CENTER,
       objects="transactions of its role's kinds; statuses of the center's applications")
def post_batch(caller: CallerDep, batch: BatchRequest, engine: EngineDep,
               request: Request) -> BatchResponse:
    """Deliver transactions; each item is accepted, duplicate or rejected.

    An item may carry `checksum`: the SHA-256 (hex) of its `payload` as canonical
    JSON (UTF-8, keys sorted, no whitespace, non-ASCII kept), taken when it was
    submitted. An item whose payload does not match it is rejected with code
    `checksum_mismatch` and not stored."""
    address = request.client.host if request.client else ""
    return BatchResponse(results=process_batch(engine, caller.terminal_id, batch.items, address))


@signed.post("/attachments/query")
@allow(KIOSK, COUNTER, objects="attachments", scope=Scope.CENTER)
def query_attachments(
    caller: CallerDep, query: AttachmentQuery, engine: EngineDep
) -> AttachmentQueryResponse:
    """Which of these attachments the platform does not have yet from this center."""
    wanted = set(query.sha256)
    with Session(engine) as session:
        present = (
            set(session.scalars(select(Attachment.sha256).where(
                Attachment.center == caller.center, Attachment.sha256.in_(wanted))))
            if wanted
            else set()
        )
    return AttachmentQueryResponse(missing=[sha for sha in query.sha256 if sha not in present])


@signed.put(
    "/attachments/{sha256}",
    status_code=204,
    response_class=Response,
    responses={400: ERROR_RESPONSE},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
)
@allow(KIOSK, COUNTER, objects="attachments", scope=Scope.CENTER)
def put_attachment(
    caller: CallerDep,
    sha256: Annotated[str, Path(pattern=SHA256_PATTERN)],
    raw: RawRequest,
    engine: EngineDep,
) -> Response:
    """Upload an attachment by its SHA-256 (idempotent); it belongs to the caller's center."""
    if hashlib.sha256(raw.body).hexdigest() != sha256:
        raise ApiError(
            400, "hash_mismatch", "The uploaded bytes do not match the SHA-256 in the path."
        )
    try:
        with Session(engine.execution_options(**WRITE)) as session, session.begin():
            if session.get(Attachment, (caller.center, sha256)) is None:
                session.add(
                    Attachment(
                        center=caller.center, sha256=sha256, size=len(raw.body),
                        data=sealing.seal_attachment(sealing.keys_for(engine), caller.center,
                                                     sha256, raw.body),
                        received_at=time.time(),
                    )
                )
    except IntegrityError:
        pass  # another instance stored the same bytes first
    return Response(status_code=204)


def _document_response(engine: Engine, name: str, if_none_match: str | None) -> Response:
    return etag_response(*documents.get_document(engine, name), if_none_match)


def etag_response(body: bytes, etag: str, if_none_match: str | None) -> Response:
    """A JSON document with its strong ETag, or 304 when the caller has it."""
    quoted = f'"{etag}"'
    headers = {"ETag": quoted, "Cache-Control": "no-cache"}
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        if quoted in tags or "*" in tags:
            return Response(status_code=304, headers=headers)
    return Response(content=body, media_type=JSON, headers=headers)


NOT_MODIFIED: dict[int | str, dict[str, Any]] = {304: {"description": "Not modified"}}
IfNoneMatch = Annotated[str | None, Header(max_length=1000)]
#: A status feed cursor: decimal ASCII digits, as the platform issues them.
CURSOR = re.compile(r"[0-9]{1,18}")


@signed.get("/catalog", response_model=Catalog, responses=NOT_MODIFIED)
@allow(KIOSK, COUNTER, DISPLAY, objects="the service catalog", scope=Scope.SHARED)
def get_catalog(
    _caller: CallerDep, engine: EngineDep, if_none_match: IfNoneMatch = None
) -> Response:
    """The service catalog, with a strong ETag."""
    return _document_response(engine, "catalog", if_none_match)


@signed.get("/notices", response_model=NoticeList, responses=NOT_MODIFIED)
@allow(KIOSK, COUNTER, DISPLAY, objects="city-wide notices and the center's own",
       scope=Scope.CENTER)
def get_notices(
    caller: CallerDep, engine: EngineDep, if_none_match: IfNoneMatch = None
) -> Response:
    """The city-wide notices and the caller's center's own (scheduled ones with
    their start and end, expired and ended ones left out), with a strong ETag."""
    city = NoticeList.model_validate_json(documents.get_document(engine, "notices")[0])
    body = center_notices.for_center(city, engine, caller.center, time.time()) \
        .model_dump_json().encode("utf-8")
    return etag_response(body, documents.etag_of(body), if_none_match)


def application_status(keys: sealing.Keys, row: ApplicationState) -> ApplicationStatus:
    return ApplicationStatus(
        tracking_number=row.tracking_number,
        matter_code=row.matter_code,
        status=row.status,  # type: ignore[arg-type]
        note=sealing.unseal_text(keys, row.note,
                                 sealing.status_note_binding(row.tracking_number)),
        updated_at=datetime.fromtimestamp(row.updated_at, UTC),
    )


@signed.get("/statuses", responses={400: ERROR_RESPONSE})
@allow(KIOSK, COUNTER, objects="application statuses", scope=Scope.CENTER)
def get_statuses(
    caller: CallerDep,
    engine: EngineDep,
    cursor: Annotated[str, Query(max_length=40)] = "0",
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> StatusPage:
    """Status changes of the center's applications after `cursor`; pass the answer's
    cursor next time."""
    if CURSOR.fullmatch(cursor) is None:
        raise ApiError(400, "bad_cursor", "The cursor is not one this platform issued.")
    after = int(cursor)
    with Session(engine) as session:
        rows = session.scalars(
            select(ApplicationState)
            .where(ApplicationState.center == caller.center,
                   ApplicationState.change_seq > after)
            .order_by(ApplicationState.change_seq)
            .limit(limit)
        ).all()
        keys = sealing.keys_for(engine)
        items = [application_status(keys, row) for row in rows]
        last = rows[-1].change_seq if rows else after
    return StatusPage(items=items, cursor=str(last))


@signed.get("/applications/{tracking_number}", responses={404: ERROR_RESPONSE})
@allow(KIOSK, COUNTER, objects="application statuses", scope=Scope.CENTER)
def get_application(
    caller: CallerDep, tracking_number: Annotated[str, Path(max_length=40)], engine: EngineDep
) -> ApplicationStatus:
    """The current status of one application of the caller's center."""
    with Session(engine) as session:
        row = session.get(ApplicationState, tracking_number)
        if row is None or row.center != caller.center:
            raise ApiError(
                404, "not_found", "No application of this center has this tracking number."
            )
        return application_status(sealing.keys_for(engine), row)


@signed.post("/heartbeat", status_code=204, response_class=Response)
@allow(KIOSK, COUNTER, DISPLAY, objects="its own heartbeat", scope=Scope.TERMINAL)
def post_heartbeat(caller: CallerDep, heartbeat: Heartbeat, engine: EngineDep) -> Response:
    """Report the terminal's health; the latest one is shown on the fleet page.

    A well-formed heartbeat is answered by `sync.server.hot_paths` before this route
    (the same checks, in fewer steps); this one answers the others' errors."""
    with single_statements(engine) as connection:
        heartbeats.store(connection, caller.terminal_id, heartbeat.model_dump_json(),
                         time.time())
    return Response(status_code=204)
