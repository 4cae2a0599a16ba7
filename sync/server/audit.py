"""The audit log: every read of a record's personal data, every status change
and every action on a terminal, with who, when, what and from where.

Append-only as a hash chain: each entry's `hash` is the SHA-256 of the
previous entry's hash and the entry's own fields (canonical JSON), so a
changed, removed or inserted row breaks every later hash (`verify`). Entries
are numbered under the `audit` counter's row lock, so concurrent instances
append one after the other. Auditors list them at `/audit` and export them as
CSV at `/audit.csv`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.orm import Session

from sync.server.access import OperatorDep, PolicyRoute, Scope, operator
from sync.server.console import STYLE
from sync.server.db import WRITE, AuditEntry, Counter
from sync.server.operators import OperatorRole

AUDIT_COUNTER = "audit"
GENESIS = "0" * 64
READERS = (OperatorRole.AUDITOR, OperatorRole.PLATFORM_ADMIN)
PAGE_ROWS = 200
FIELDS = ("seq", "at", "actor", "center", "action", "object", "address")

router = APIRouter(tags=["people"], route_class=PolicyRoute)


@dataclass(frozen=True)
class Event:
    actor: str  # "terminal:T-..." or "operator:name"
    center: str  # the center whose record it is ("" for none)
    action: str  # read_personal_data, status_change, terminal_revoked, ...
    object: str  # tracking number, terminal id, ...
    address: str = ""  # the caller's network address


def _digest(previous: str, fields: dict[str, object]) -> str:
    body = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((previous + body).encode("utf-8")).hexdigest()


def append(session: Session, events: list[Event], now: float) -> None:
    """Add entries inside the caller's transaction (atomic with what they record)."""
    if not events:
        return
    if session.get(Counter, AUDIT_COUNTER) is None:
        session.add(Counter(name=AUDIT_COUNTER, value=0))
        session.flush()
    last = session.execute(select(Counter.value).where(Counter.name == AUDIT_COUNTER)
                           .with_for_update()).scalar_one()
    previous = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == last)) or GENESIS
    rows = []
    for seq, event in enumerate(events, start=last + 1):
        fields = {"seq": seq, "at": now, "actor": event.actor, "center": event.center,
                  "action": event.action, "object": event.object[:200],
                  "address": event.address[:64]}
        previous = _digest(previous, fields)
        rows.append({**fields, "hash": previous})
    session.execute(insert(AuditEntry), rows)
    session.execute(update(Counter).where(Counter.name == AUDIT_COUNTER)
                    .values(value=last + len(events)))


def record(engine: Engine, event: Event) -> None:
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        append(session, [event], time.time())


@dataclass(frozen=True)
class Verdict:
    entries: int
    broken_at: int | None  # the first entry whose hash does not follow


def verify(engine: Engine) -> Verdict:
    """Recompute the chain from the first entry."""
    previous, count, expected_seq = GENESIS, 0, 1
    with Session(engine) as session:
        for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
            fields = {name: getattr(entry, name) for name in FIELDS}
            if entry.seq != expected_seq or _digest(previous, fields) != entry.hash:
                return Verdict(count, entry.seq)
            previous, count, expected_seq = entry.hash, count + 1, expected_seq + 1
    return Verdict(count, None)


def _entries(engine: Engine, limit: int | None) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.seq.desc())
    with Session(engine) as session:
        return list(session.scalars(query.limit(limit) if limit else query))


def _when(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M:%S")


@router.get("/audit", response_class=HTMLResponse)
@operator(*READERS, objects="the audit log", scope=Scope.SHARED, page=True)
def audit_page(who: OperatorDep, request: Request) -> HTMLResponse:
    """The latest entries and whether the chain holds."""
    engine = request.app.state.engine
    verdict = verify(engine)
    counted = f"{verdict.entries} {'entry' if verdict.entries == 1 else 'entries'}"
    state = (f"Hash chain verified: {counted}." if verdict.broken_at is None
             else f"THE CHAIN IS BROKEN at entry {verdict.broken_at}.")
    rows = "\n".join(
        "<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in (
            entry.seq, _when(entry.at), entry.actor, entry.center, entry.action, entry.object,
            entry.address, entry.hash[:16] + "…")) + "</tr>"
        for entry in _entries(engine, PAGE_ROWS))
    return HTMLResponse(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Audit</title>'
        f"<style>{STYLE}</style></head><body><p>{escape(who.username)} "
        f'({who.role.value}) · <a href="/fleet">Fleet</a> · <a href="/audit.csv">Export CSV</a>'
        f"</p><h1>Audit log</h1><p>{escape(state)} Latest {PAGE_ROWS} shown, newest first."
        "</p><table><tr><th>#</th><th>When (UTC)</th><th>Who</th><th>Center</th><th>What</th>"
        f"<th>Record</th><th>From</th><th>Hash</th></tr>{rows}</table></body></html>")


@router.get("/audit.csv", response_class=Response,
            responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}},
                             "description": "Every entry, oldest first, with its hashes"}})
@operator(*READERS, objects="the audit log", scope=Scope.SHARED)
def audit_export(_who: OperatorDep, request: Request) -> Response:
    """Every entry as CSV, oldest first, with the hashes to check the chain elsewhere."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*FIELDS, "hash"])
    for entry in reversed(_entries(request.app.state.engine, None)):
        writer.writerow([*(getattr(entry, name) for name in FIELDS), entry.hash])
    return Response(out.getvalue(), media_type="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="audit.csv"'})
