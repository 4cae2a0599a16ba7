"""`GET /v1/applications/{tracking_number}/detail`: a kiosk application in full.

A counter terminal opens a resident's kiosk pre-application for acceptance:
the stored `ApplicationPayload`, personal data included. Only counter
terminals of the same center may read it, only over the signed API, and the
answer is marked `Cache-Control: no-store`.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.protocol.models import ApplicationPayload, Channel, Role, TransactionItem
from sync.server import audit, sealing
from sync.server.access import CallerDep, PolicyRoute, Scope, allow
from sync.server.db import StoredTransaction, Terminal
from sync.server.errors import ERROR_RESPONSE, ApiError
from sync.server.routes import EngineDep

TRACKING_PATH = r"^[A-Za-z0-9-]{4,40}$"

router = APIRouter(
    prefix="/v1",
    tags=["terminal"],
    responses={404: ERROR_RESPONSE},
    route_class=PolicyRoute,
)


def find_kiosk_application(session: Session, center: str,
                           tracking_number: str) -> ApplicationPayload | None:
    """The latest stored kiosk application with this number from `center`'s terminals."""
    # The stored item is canonical JSON (sort_keys, no spaces): a LIKE narrows the scan,
    # the parsed payload decides. The path pattern keeps LIKE wildcards out.
    needle = f'%"tracking_number":"{tracking_number}"%'
    keys = sealing.keys_for(session.get_bind())  # type: ignore[arg-type]
    rows = session.execute(
        select(StoredTransaction.terminal_id, StoredTransaction.tx_id, StoredTransaction.payload)
        .join(Terminal, Terminal.id == StoredTransaction.terminal_id)
        .where(StoredTransaction.kind == "application", Terminal.center == center,
               StoredTransaction.payload.like(needle))
        .order_by(StoredTransaction.received_at.desc(), StoredTransaction.seq.desc())
    ).all()
    for terminal_id, tx_id, stored in rows:
        text = sealing.unseal_record(keys, stored, sealing.record_binding(terminal_id, tx_id))
        try:
            payload = TransactionItem.model_validate(json.loads(text)).payload
        except (ValueError, ValidationError):
            continue
        if (isinstance(payload, ApplicationPayload) and payload.channel is Channel.KIOSK
                and payload.tracking_number == tracking_number):
            return payload
    return None


@router.get("/applications/{tracking_number}/detail")
@allow(Role.COUNTER, objects="kiosk applications with personal data", scope=Scope.CENTER)
def get_application_detail(
    caller: CallerDep,
    tracking_number: Annotated[str, Path(pattern=TRACKING_PATH)],
    engine: EngineDep,
    request: Request,
    response: Response,
) -> ApplicationPayload:
    """A kiosk application with its personal data, for acceptance at a counter
    (each read is in the audit log)."""
    with Session(engine) as session:
        payload = find_kiosk_application(session, caller.center, tracking_number)
    if payload is None:
        raise ApiError(404, "not_found", "No kiosk application of this center has this "
                       "tracking number (it may not have reached the platform yet).")
    audit.record(engine, audit.Event(
        f"terminal:{caller.terminal_id}", caller.center, "read_personal_data", tracking_number,
        request.client.host if request.client else ""))
    response.headers["Cache-Control"] = "no-store"
    return payload
