"""Transaction batches: per-item validation, dedup, semantic checks, storage.

A batch is one database transaction with a handful of statements whatever
its size: one SELECT for known ids, one for matter codes, one for
attachments, bulk INSERTs, and the status rows. Queue items (tickets,
bookings, check-ins) are checked and applied one by one by `sync.server.queue.batch`.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.protocol.checksum import payload_checksum
from sync.protocol.models import (
    AcceptanceOutcome,
    AcceptancePayload,
    ApplicationPayload,
    BookingPayload,
    CaseProgressPayload,
    HelpRequestPayload,
    ItemResult,
    ItemStatus,
    RepairPayload,
    TransactionItem,
)
from sync.server import audit, help_requests, sealing
from sync.server.access import may_record
from sync.server.cases.book import PROGRESS_STATUS, REPAIR, CaseBook
from sync.server.db import (
    STATUS_COUNTER,
    WRITE,
    ApplicationState,
    Attachment,
    CatalogMatter,
    Counter,
    StoredTransaction,
    Terminal,
)
from sync.server.notify.messages import Notifier, booking_subject, case_subject
from sync.server.queue.batch import QueueItems
from sync.server.ratings.book import RatingBook
from sync.server.ratings.settings import answer_days

ITEM_ADAPTER: TypeAdapter[TransactionItem] = TypeAdapter(TransactionItem)

_OUTCOME_STATUS = {
    AcceptanceOutcome.ACCEPTED: "accepted",
    AcceptanceOutcome.ON_THE_SPOT: "completed",
    AcceptanceOutcome.MISSING_MATERIALS: "missing",
    AcceptanceOutcome.NOT_ACCEPTED: "rejected",
}


@dataclass
class _Candidate:
    index: int
    item: TransactionItem
    payload_json: str
    payload_hash: str


@dataclass(frozen=True)
class _StatusChange:
    tracking_number: str
    matter_code: str
    status: str
    note: str
    overwrite: bool  # False: only create (an application never undoes an acceptance)


def _rejected(item_id: str, code: str, reason: str) -> ItemResult:
    return ItemResult(id=item_id, status=ItemStatus.REJECTED, code=code, reason=reason[:300])


def _invalid_reason(exc: ValidationError) -> str:
    first = exc.errors(include_url=False)[0]
    where = ".".join(str(part) for part in first["loc"]) or "item"
    return f"{where}: {first['msg']}"


def _raw_id(raw: Any) -> str:
    value = raw.get("id") if isinstance(raw, dict) else None
    return str(value)[:64] if value is not None else ""


def _status_change(item: TransactionItem) -> _StatusChange | None:
    payload = item.payload
    if isinstance(payload, ApplicationPayload):
        return _StatusChange(
            payload.tracking_number, payload.matter_code, "received", "", overwrite=False
        )
    if isinstance(payload, RepairPayload):  # followed by its number like an application
        return _StatusChange(payload.tracking_number, REPAIR, "received", "", overwrite=False)
    if isinstance(payload, AcceptancePayload):
        # the clerk's reason only: what is owed and the promised date are the case's,
        # which the kiosk shows by name in the resident's language (the story)
        note = payload.reason or "" if payload.outcome is AcceptanceOutcome.NOT_ACCEPTED else ""
        return _StatusChange(
            payload.tracking_number,
            payload.matter_code,
            _OUTCOME_STATUS[payload.outcome],
            note[:1000],
            overwrite=True,
        )
    return None


def _matter_code(item: TransactionItem) -> str | None:
    payload = item.payload
    if isinstance(payload, ApplicationPayload | AcceptancePayload | BookingPayload):
        return payload.matter_code
    return None


def _parse(raw_items: list[Any]) -> tuple[dict[int, ItemResult], list[_Candidate]]:
    """Validate each item on its own; a malformed item never blocks the others."""
    results: dict[int, ItemResult] = {}
    candidates: list[_Candidate] = []
    for index, raw in enumerate(raw_items):
        try:
            item = ITEM_ADAPTER.validate_python(raw)
        except ValidationError as exc:
            results[index] = _rejected(_raw_id(raw), "invalid", _invalid_reason(exc))
            continue
        if item.checksum is not None and item.checksum != payload_checksum(raw["payload"]):
            results[index] = _rejected(
                str(item.id), "checksum_mismatch",
                "The payload does not match the checksum the terminal took when it was "
                "submitted: it was altered at rest or on the way. Not stored.")
            continue
        payload_json = json.dumps(
            item.model_dump(mode="json", exclude={"checksum"}),
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        payload_hash = hashlib.sha256(payload_json.encode("utf-8")).hexdigest()
        candidates.append(_Candidate(index, item, payload_json, payload_hash))
    return results, candidates


def _apply_status_changes(
    session: Session, keys: sealing.Keys, center: str, changes: list[_StatusChange], now: float
) -> list[_StatusChange]:
    """Create or update status rows of `center`, each change numbered in commit order
    (acceptances of another center's applications were refused before); notes sealed."""
    last = session.execute(
        select(Counter.value).where(Counter.name == STATUS_COUNTER).with_for_update()
    ).scalar_one()
    numbers = {change.tracking_number for change in changes}
    existing = set(
        session.scalars(
            select(ApplicationState.tracking_number).where(
                ApplicationState.tracking_number.in_(numbers)
            )
        )
    )
    final: dict[str, _StatusChange] = {}
    for change in changes:
        if change.overwrite or (
            change.tracking_number not in existing and change.tracking_number not in final
        ):
            final[change.tracking_number] = change
    if not final:
        return []
    rows = [
        {
            "tracking_number": change.tracking_number,
            "center": center,
            "matter_code": change.matter_code,
            "status": change.status,
            "note": sealing.seal_text(keys, change.note,
                                      sealing.status_note_binding(change.tracking_number)),
            "updated_at": now,
            "change_seq": last + offset,
        }
        for offset, change in enumerate(final.values(), start=1)
    ]
    new_rows = [row for row in rows if row["tracking_number"] not in existing]
    old_rows = [row for row in rows if row["tracking_number"] in existing]
    if new_rows:
        session.execute(insert(ApplicationState), new_rows)
    if old_rows:
        session.execute(update(ApplicationState), old_rows)
    session.execute(
        update(Counter).where(Counter.name == STATUS_COUNTER).values(value=last + len(rows))
    )
    return list(final.values())


def _application_centers(session: Session, candidates: list[_Candidate]) -> dict[str, str]:
    """The center of each already known application an acceptance names."""
    numbers = {c.item.payload.tracking_number for c in candidates
               if isinstance(c.item.payload, AcceptancePayload)}
    if not numbers:
        return {}
    return dict(session.execute(
        select(ApplicationState.tracking_number, ApplicationState.center)
        .where(ApplicationState.tracking_number.in_(numbers))
    ).all())


def _refusal(
    item: TransactionItem, role: str, center: str, owners: dict[str, str]
) -> tuple[str, str] | None:
    """Why this terminal may not record this item (its role, its center), or None."""
    payload = item.payload
    if not may_record(role, payload.kind):
        return "wrong_role", f"A {role} terminal may not record {payload.kind} transactions."
    if isinstance(payload, ApplicationPayload) and payload.channel.value != role:
        return "wrong_role", f"A {role} terminal may not record {payload.channel.value} " \
                             "applications."
    if isinstance(payload, AcceptancePayload) and \
            owners.get(payload.tracking_number, center) != center:
        return "foreign_application", (
            f"Application {payload.tracking_number} is not one of this center's; "
            "a counter decides only on applications of its own center.")
    return None


def _remember_contact(notifier: Notifier, center: str, item: TransactionItem) -> None:
    """The phone an application or booking gives, for the resident's notifications."""
    payload = item.payload
    if isinstance(payload, ApplicationPayload | AcceptancePayload):
        notifier.remember(case_subject(payload.tracking_number), center,
                          payload.applicant.phone)
    elif isinstance(payload, BookingPayload):
        notifier.remember(booking_subject(payload.booking_code), center,
                          payload.applicant.phone)


def _store(
    engine: Engine,
    terminal_id: str,
    candidates: list[_Candidate],
    results: dict[int, ItemResult],
    now: float,
    address: str,
) -> None:
    with Session(engine.execution_options(**WRITE)) as session, session.begin():
        terminal = session.get(Terminal, terminal_id)
        center, role = (terminal.center, terminal.role) if terminal else ("", "")
        keys = sealing.keys_for(engine)
        owners = _application_centers(session, candidates)
        ids = [str(c.item.id) for c in candidates]
        known: dict[str, str] = dict(
            session.execute(
                select(StoredTransaction.tx_id, StoredTransaction.payload_hash).where(
                    StoredTransaction.terminal_id == terminal_id,
                    StoredTransaction.tx_id.in_(ids),
                )
            ).all()
        )
        codes = {code for c in candidates if (code := _matter_code(c.item)) is not None}
        matters = (
            set(session.scalars(select(CatalogMatter.code).where(CatalogMatter.code.in_(codes))))
            if codes
            else set()
        )
        hashes = {sha for c in candidates for sha in c.item.attachments}
        uploaded = (
            set(session.scalars(select(Attachment.sha256).where(
                Attachment.center == center, Attachment.sha256.in_(hashes))))
            if hashes
            else set()
        )

        rows: list[dict[str, Any]] = []
        changes: list[_StatusChange] = []
        queue_items = QueueItems(session, terminal_id)
        cases = CaseBook(session, keys, center, terminal_id)
        ratings = RatingBook(session, center, terminal_id, answer_days())
        notifier = Notifier(session, keys, now)
        for c in candidates:
            tx_id = str(c.item.id)
            code = _matter_code(c.item)
            missing = [sha for sha in c.item.attachments if sha not in uploaded]
            if tx_id in known:
                results[c.index] = (
                    ItemResult(id=tx_id, status=ItemStatus.DUPLICATE)
                    if known[tx_id] == c.payload_hash
                    else _rejected(
                        tx_id,
                        "conflict",
                        "A different transaction with this id was already received.",
                    )
                )
                continue
            if (refusal := _refusal(c.item, role, center, owners)) is not None:
                results[c.index] = _rejected(tx_id, *refusal)
                continue
            if code is not None and code not in matters:
                results[c.index] = _rejected(
                    tx_id, "unknown_matter", f"Matter {code!r} is not in the catalog."
                )
                continue
            if missing:
                results[c.index] = _rejected(
                    tx_id,
                    "missing_attachment",
                    f"Attachment {missing[0]} was not uploaded before the transaction.",
                )
                continue
            if (refusal := cases.refusal(c.item) or ratings.refusal(c.item)) is not None:
                results[c.index] = _rejected(tx_id, *refusal)
                continue
            if (refusal := queue_items.apply(c.item)) is not None:
                results[c.index] = _rejected(tx_id, *refusal)
                continue
            if isinstance(c.item.payload, HelpRequestPayload):
                help_requests.record(session, terminal_id, center, c.item, c.item.payload, now)
            cases.apply(c.item, now)
            ratings.apply(c.item, now)
            _remember_contact(notifier, center, c.item)
            known[tx_id] = c.payload_hash
            results[c.index] = ItemResult(id=tx_id, status=ItemStatus.ACCEPTED)
            rows.append(
                {
                    "terminal_id": terminal_id,
                    "tx_id": tx_id,
                    "seq": c.item.seq,
                    "kind": c.item.payload.kind,
                    "payload": sealing.seal_record(
                        keys, c.payload_json, sealing.record_binding(terminal_id, tx_id)),
                    "payload_hash": c.payload_hash,
                    "received_at": now,
                }
            )
            if (change := _status_change(c.item)) is not None:
                changes.append(change)
            elif isinstance(c.item.payload, CaseProgressPayload) and \
                    c.item.payload.action in PROGRESS_STATUS:
                progress = c.item.payload
                changes.append(_StatusChange(
                    progress.tracking_number, cases.matter_code(progress.tracking_number),
                    PROGRESS_STATUS[progress.action],
                    progress.note or progress.handler or "", overwrite=True))
        if rows:
            session.execute(insert(StoredTransaction), rows)
        if changes:
            applied = _apply_status_changes(session, keys, center, changes, now)
            for change in applied:
                notifier.case_moved(center, change.tracking_number, change.status)
            audit.append(session, [
                audit.Event(f"terminal:{terminal_id}", center, "status_change",
                            f"{change.tracking_number}: {change.status}", address)
                for change in applied], now)


def process_batch(engine: Engine, terminal_id: str, raw_items: list[Any],
                  address: str = "") -> list[ItemResult]:
    """Results in the order of the items. Retried once if a concurrent
    instance stored the same ids first (its rows then count as duplicates)."""
    invalid, candidates = _parse(raw_items)
    for attempt in (1, 2):
        results = dict(invalid)
        try:
            _store(engine, terminal_id, candidates, results, time.time(), address)
        except IntegrityError:
            if attempt == 2:
                raise
            continue
        break
    return [results[index] for index in range(len(raw_items))]
