"""Submitting transactions and tracking their delivery.

`submit` writes the domain record and its outbox entry in one `BEGIN
IMMEDIATE` transaction and returns only after the commit (fsynced): only then
may anyone be told "done". Delivery takes pending entries in `seq` order and
records the platform's answer per item in one commit.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import and_, bindparam, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from uuid6 import uuid7

from sync.crypto import DecryptionError, Sealer
from sync.protocol.checksum import payload_checksum
from sync.protocol.models import PERSONAL_KEYS, ItemResult, ItemStatus, Payload
from sync.store.database import Database, StoreCorruptError
from sync.store.files import AttachmentFiles
from sync.store.schema import Attachment, OutboxEntry, Record, RecordAttachment, utc_text

log = logging.getLogger("sync.outbox")
PAYLOAD_ADAPTER: TypeAdapter[Any] = TypeAdapter(Payload)

PENDING, DELIVERED, DEAD = "pending", "delivered", "dead"
# Dead letters found damaged on this terminal (not refused by the platform).
LOCAL_PREFIX = "local_"
UNREADABLE, UNDECRYPTABLE, UNPARSABLE, CHECKSUM = (
    "local_unreadable", "local_undecryptable", "local_unparsable", "local_checksum")
# Built once on the Core tables: the submit path skips ORM statement coercion.
INSERT_RECORD = Record.__table__.insert()
INSERT_ENTRY = OutboxEntry.__table__.insert()
INSERT_LINK = RecordAttachment.__table__.insert()
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class NewAttachment:
    data: bytes
    media_type: str


@dataclass(frozen=True)
class Submitted:
    id: str
    seq: int
    created_at: datetime
    attachments: tuple[str, ...]


@dataclass(frozen=True)
class OutgoingItem:
    seq: int
    id: str
    body: dict[str, Any]
    size: int
    attachments: tuple[str, ...]


@dataclass(frozen=True)
class DeadLetter:
    id: str
    seq: int
    kind: str
    created_at: str
    code: str
    reason: str
    attempts: int

    @property
    def local(self) -> bool:
        """Damaged on this terminal, as opposed to refused by the platform."""
        return self.code.startswith(LOCAL_PREFIX)


class RecordDamaged(Exception):
    """A stored record cannot be read back as it was submitted."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code


def open_payload(sealer: Sealer, record_id: str, payload_text: Any,
                 personal: bytes | None) -> dict[str, Any]:
    """A stored record's payload, its sealed personal part opened back in."""
    try:
        payload = json.loads(payload_text)
    except (TypeError, ValueError) as error:
        raise RecordDamaged(UNPARSABLE, f"the stored payload is not valid JSON ({error})") \
            from error
    if not isinstance(payload, dict):
        raise RecordDamaged(UNPARSABLE, "the stored payload is not a JSON object")
    if personal is not None:
        try:
            opened = json.loads(sealer.open(personal, str(record_id).encode()))
        except DecryptionError as error:
            raise RecordDamaged(UNDECRYPTABLE, "the sealed personal data fails its integrity "
                                               "check (altered on disk, or sealed under another "
                                               "key)") from error
        except ValueError as error:
            raise RecordDamaged(UNPARSABLE, f"the sealed personal data is not valid JSON "
                                            f"({error})") from error
        if not isinstance(opened, dict):
            raise RecordDamaged(UNPARSABLE, "the sealed personal data is not a JSON object")
        payload.update(opened)
    return payload


def verify_checksum(payload: dict[str, Any], checksum: str | None) -> None:
    if checksum is not None and payload_checksum(payload) != checksum:
        raise RecordDamaged(CHECKSUM, "the record no longer matches the checksum taken when it "
                                      "was submitted (changed on disk)")


@dataclass(frozen=True)
class Delivery:
    """Where one transaction stands, for a receipt or a status screen."""

    id: str
    state: str
    delivered_at: str | None


class Outbox:
    def __init__(self, database: Database, sealer: Sealer, files: AttachmentFiles,
                 *, clock: Clock = utc_now) -> None:
        self.database = database
        self._sealer = sealer
        self.files = files
        self._clock = clock

    # ------------------------------------------------------------ submitting
    def submit(self, payload: Any, *, attachments: Sequence[NewAttachment] = (),
               corrects: str | None = None) -> Submitted:
        """Store one transaction durably; return after the commit."""
        document = PAYLOAD_ADAPTER.dump_python(payload, mode="json")
        checksum = payload_checksum(document)
        personal = {key: document.pop(key) for key in PERSONAL_KEYS if key in document}
        record_id = str(uuid7())
        created_at = self._clock()
        hashes = tuple(self.files.put(item.data) for item in attachments)
        payload_text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        sealed_personal = None
        if personal:
            plain = json.dumps(personal, ensure_ascii=False, separators=(",", ":"))
            sealed_personal = self._sealer.seal(plain.encode("utf-8"), record_id.encode())
        size = len(payload_text.encode("utf-8")) + (len(sealed_personal or b"")) + 200
        with self.database.write() as connection:
            if corrects is not None:
                self._require_record(connection, corrects)
            seq = connection.execute(INSERT_RECORD, {
                "id": record_id, "kind": document["kind"], "created_at": utc_text(created_at),
                "corrects": corrects, "payload": payload_text, "personal": sealed_personal,
                "checksum": checksum,
            }).inserted_primary_key[0]
            connection.execute(INSERT_ENTRY, {"seq": seq, "state": PENDING, "size": size})
            for item, sha256 in zip(attachments, hashes, strict=True):
                connection.execute(
                    sqlite_insert(Attachment)
                    .values(sha256=sha256, size=len(item.data), media_type=item.media_type)
                    .on_conflict_do_nothing()
                )
                connection.execute(INSERT_LINK, {"seq": seq, "sha256": sha256})
        self.database.committed(seq)
        return Submitted(record_id, seq, created_at, hashes)

    @staticmethod
    def _require_record(connection: Any, record_id: str) -> None:
        found = connection.execute(select(Record.seq).where(Record.id == record_id)).first()
        if found is None:
            raise KeyError(f"no transaction {record_id} to correct")

    # ------------------------------------------------------------ delivering
    def next_batch(self, max_items: int, max_bytes: int, *,
                   after_seq: int = 0) -> list[OutgoingItem]:
        """The oldest pending entries within the caps, sealed from now on.

        A record that cannot be read, decrypted or parsed, or no longer matches
        its checksum, is quarantined as a local dead letter with the reason;
        the others go on."""
        while True:
            try:
                rows, links = self._take(max_items, max_bytes, after_seq)
            except StoreCorruptError:
                rows, links = self._take_one_by_one(max_items, after_seq)
            items, damaged = [], []
            for row in rows:
                try:
                    items.append(self._outgoing(row, tuple(links.get(row.seq, ()))))
                except RecordDamaged as error:
                    damaged.append((row.seq, row.id, error.code, str(error)))
            if damaged:
                self._quarantine(damaged)
            if items or not rows:
                return items

    def _take(self, max_items: int, max_bytes: int,
              after_seq: int) -> tuple[list[Any], dict[int, list[str]]]:
        now = utc_text(self._clock())
        with self.database.write() as connection:
            rows = connection.execute(
                self._row_query()
                .where(and_(OutboxEntry.state == PENDING, OutboxEntry.seq > after_seq))
                .order_by(OutboxEntry.seq)
                .limit(max_items)
            ).all()
            chosen, total = [], 0
            for row in rows:
                if chosen and total + row.size > max_bytes:
                    break
                chosen.append(row)
                total += row.size
            if not chosen:
                return [], {}
            seqs = [row.seq for row in chosen]
            connection.execute(
                update(Record)
                .where(and_(Record.seq.in_(seqs), Record.sealed_at.is_(None)))
                .values(sealed_at=now)
            )
            links = connection.execute(
                select(RecordAttachment.seq, RecordAttachment.sha256)
                .where(RecordAttachment.seq.in_(seqs))
                .order_by(RecordAttachment.seq, RecordAttachment.sha256)
            ).all()
        by_seq: dict[int, list[str]] = {}
        for link in links:
            by_seq.setdefault(link.seq, []).append(link.sha256)
        return chosen, by_seq

    @staticmethod
    def _row_query() -> Any:
        return (select(Record.seq, Record.id, Record.created_at, Record.corrects,
                       Record.payload, Record.personal, Record.checksum, OutboxEntry.size)
                .join(OutboxEntry, OutboxEntry.seq == Record.seq))

    def _take_one_by_one(self, max_items: int,
                         after_seq: int) -> tuple[list[Any], dict[int, list[str]]]:
        """The batch query hit a damaged page: read entry by entry, quarantining
        each one that cannot be read (only the outbox index must be intact)."""
        with self.database.read() as connection:
            seqs = connection.execute(
                select(OutboxEntry.seq)
                .where(and_(OutboxEntry.state == PENDING, OutboxEntry.seq > after_seq))
                .order_by(OutboxEntry.seq).limit(max_items)
            ).scalars().all()
        rows, links, damaged = [], {}, []
        for seq in seqs:
            try:
                with self.database.read() as connection:
                    row = connection.execute(self._row_query().where(Record.seq == seq)).one()
                    links[seq] = list(connection.execute(
                        select(RecordAttachment.sha256).where(RecordAttachment.seq == seq)
                        .order_by(RecordAttachment.sha256)
                    ).scalars())
            except StoreCorruptError as error:
                damaged.append((seq, "", UNREADABLE,
                                f"the database page holding this record is damaged ({error})"))
                continue
            rows.append(row)
        if damaged:
            self._quarantine(damaged)
        return rows, links

    def quarantine(self, seq: int, record_id: str, code: str, reason: str) -> None:
        """Set one pending record aside as a local dead letter (it cannot be sent)."""
        self._quarantine([(seq, record_id, code, reason)])

    def _quarantine(self, damaged: Sequence[tuple[int, str, str, str]]) -> None:
        for seq, record_id, code, reason in damaged:
            log.error("record seq=%d %s is damaged and set aside as a dead letter (%s): %s",
                      seq, record_id, code, reason)
        with self.database.write() as connection:
            connection.execute(
                update(OutboxEntry)
                .where(and_(OutboxEntry.seq == bindparam("target"), OutboxEntry.state == PENDING))
                .values(state=DEAD, error_code=bindparam("code"), error_reason=bindparam("reason")),
                [{"target": seq, "code": code, "reason": reason[:1000]}
                 for seq, _, code, reason in damaged])

    def _payload(self, row: Any) -> dict[str, Any]:
        """The stored payload with its personal part decrypted back in (while kept)."""
        return open_payload(self._sealer, row.id, row.payload, row.personal)

    def _outgoing(self, row: Any, hashes: tuple[str, ...]) -> OutgoingItem:
        payload = self._payload(row)
        verify_checksum(payload, row.checksum)
        body = {
            "id": row.id, "seq": row.seq, "created_at": row.created_at,
            "corrects": row.corrects, "attachments": list(hashes), "payload": payload,
        }
        if row.checksum is not None:
            body["checksum"] = row.checksum
        return OutgoingItem(row.seq, row.id, body, row.size, hashes)

    def record_results(self, results: Sequence[ItemResult], attempted: Sequence[str]) -> None:
        """Apply the platform's per-item answers in one commit."""
        now = utc_text(self._clock())
        answered = {result.id: result for result in results}
        with self.database.write() as connection:
            seqs = dict(connection.execute(
                select(Record.id, Record.seq).where(Record.id.in_(list(answered)))
            ).all())
            delivered, dead = [], []
            for record_id, result in answered.items():
                if record_id not in seqs:
                    log.warning("platform answered for unknown transaction %s", record_id)
                elif result.status is ItemStatus.REJECTED:
                    dead.append({"target": seqs[record_id], "code": result.code or "rejected",
                                 "reason": result.reason or ""})
                else:
                    delivered.append({"target": seqs[record_id], "result": result.status.value})
            pending_entry = and_(OutboxEntry.seq == bindparam("target"),
                                 OutboxEntry.state == PENDING)
            if delivered:
                connection.execute(
                    update(OutboxEntry).where(pending_entry).values(
                        state=DELIVERED, delivered_at=now, result=bindparam("result"),
                        attempts=OutboxEntry.attempts + 1),
                    delivered)
            if dead:
                connection.execute(
                    update(OutboxEntry).where(pending_entry).values(
                        state=DEAD, error_code=bindparam("code"),
                        error_reason=bindparam("reason"), attempts=OutboxEntry.attempts + 1),
                    dead)
        unanswered = [record_id for record_id in attempted if record_id not in answered]
        if unanswered:
            log.warning("platform left %d items unanswered; they stay pending", len(unanswered))

    def mark_dead(self, record_id: str, code: str, reason: str) -> None:
        """Dead-letter one entry the platform refuses as a whole request."""
        self.record_results(
            [ItemResult(id=record_id, status=ItemStatus.REJECTED, code=code, reason=reason)],
            [record_id],
        )

    def attachments_to_upload(self, hashes: Sequence[str]) -> list[str]:
        with self.database.read() as connection:
            rows = connection.execute(
                select(Attachment.sha256).where(
                    and_(Attachment.sha256.in_(hashes), Attachment.uploaded_at.is_(None))
                )
            ).all()
        return sorted(row.sha256 for row in rows)

    def mark_uploaded(self, hashes: Sequence[str]) -> None:
        if not hashes:
            return
        with self.database.write() as connection:
            connection.execute(
                update(Attachment).where(Attachment.sha256.in_(hashes))
                .values(uploaded_at=utc_text(self._clock()))
            )

    # ------------------------------------------------------------ inspecting
    def backlog(self) -> int:
        return self._count(PENDING)

    def dead_count(self) -> int:
        return self._count(DEAD)

    def damaged_count(self) -> int:
        """Dead letters damaged on this terminal (a subset of `dead_count`)."""
        with self.database.read() as connection:
            return connection.execute(
                select(func.count()).select_from(OutboxEntry).where(and_(
                    OutboxEntry.state == DEAD, OutboxEntry.error_code.startswith(LOCAL_PREFIX)))
            ).scalar_one()

    def _count(self, state: str) -> int:
        with self.database.read() as connection:
            return connection.execute(
                select(func.count()).select_from(OutboxEntry).where(OutboxEntry.state == state)
            ).scalar_one()

    def delivery(self, record_id: str) -> Delivery | None:
        with self.database.read() as connection:
            row = connection.execute(
                select(OutboxEntry.state, OutboxEntry.delivered_at)
                .join(Record, Record.seq == OutboxEntry.seq)
                .where(Record.id == record_id)
            ).first()
        return None if row is None else Delivery(record_id, row.state, row.delivered_at)

    def dead_letters(self) -> list[DeadLetter]:
        with self.database.read() as connection:
            entries = connection.execute(
                select(OutboxEntry.seq, OutboxEntry.error_code, OutboxEntry.error_reason,
                       OutboxEntry.attempts)
                .where(OutboxEntry.state == DEAD).order_by(OutboxEntry.seq)
            ).all()
        letters = []
        for entry in entries:
            try:
                with self.database.read() as connection:
                    record = connection.execute(
                        select(Record.id, Record.kind, Record.created_at)
                        .where(Record.seq == entry.seq)).one()
                known = (record.id, record.kind, record.created_at)
            except StoreCorruptError:
                known = ("(unreadable)", "?", "?")
            letters.append(DeadLetter(known[0], entry.seq, known[1], known[2],
                                      entry.error_code or "", entry.error_reason or "",
                                      entry.attempts))
        return letters

    def retry(self, record_id: str) -> bool:
        """Put a dead letter back in the queue (after the cause was fixed)."""
        with self.database.write() as connection:
            seq = select(Record.seq).where(Record.id == record_id).scalar_subquery()
            changed = connection.execute(
                update(OutboxEntry)
                .where(and_(OutboxEntry.seq == seq, OutboxEntry.state == DEAD))
                .values(state=PENDING, error_code=None, error_reason=None)
            ).rowcount
        return changed == 1

    def load(self, record_id: str) -> Any:
        """The full payload of one record (personal data included while kept).

        A record whose personal part cannot be opened is returned without it,
        as after the purge (delivery quarantines it with the reason)."""
        with self.database.read() as connection:
            row = connection.execute(
                select(Record.id, Record.payload, Record.personal).where(Record.id == record_id)
            ).first()
        if row is None:
            raise KeyError(record_id)
        try:
            payload = self._payload(row)
        except RecordDamaged as error:
            if error.code != UNDECRYPTABLE:
                raise
            log.warning("record %s: %s; shown without its personal part", record_id, error)
            return json.loads(row.payload)
        return payload if row.personal is None else PAYLOAD_ADAPTER.validate_python(payload)

    # ------------------------------------------------------------ retention
    def purge(self, retention: timedelta) -> int:
        """Drop personal data and attachment files delivered before `retention` ago."""
        now = self._clock()
        cutoff = utc_text(now - retention)
        stamp = utc_text(now)
        with self.database.write() as connection:
            delivered_old = (
                select(OutboxEntry.seq)
                .where(and_(OutboxEntry.state == DELIVERED, OutboxEntry.delivered_at < cutoff))
            )
            purged = connection.execute(
                update(Record)
                .where(and_(Record.seq.in_(delivered_old), Record.purged_at.is_(None)))
                .values(personal=None, purged_at=stamp)
            ).rowcount
            still_needed = (
                select(RecordAttachment.sha256)
                .join(Record, Record.seq == RecordAttachment.seq)
                .where(Record.purged_at.is_(None))
            )
            hashes = connection.execute(
                select(Attachment.sha256).where(
                    and_(Attachment.purged_at.is_(None), Attachment.sha256.not_in(still_needed))
                )
            ).scalars().all()
            connection.execute(
                update(Attachment).where(Attachment.sha256.in_(hashes)).values(purged_at=stamp)
            )
        for sha256 in hashes:
            self.files.delete(sha256)
        return purged
