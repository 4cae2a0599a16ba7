"""One-time upgrade: seal the free text earlier versions kept in the clear.

Repair locations and descriptions, rating comments and refusal reasons
joined `PERSONAL_KEYS` later; records stored before then hold them in the
plain payload. This moves them into the sealed personal part (or drops them
where the personal part was already purged), once, when the runtime opens the
store with its key. The payload column of a sealed record may otherwise never
change, so the guard is lifted inside the same transaction and put back.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import text

from sync.crypto import DecryptionError, Sealer
from sync.protocol.models import PERSONAL_KEYS
from sync.store.database import Database

log = logging.getLogger("sync.store")
TASK = "reseal_free_text"
_GUARD = """
CREATE TRIGGER records_sealed BEFORE UPDATE OF id, kind, created_at, corrects, payload, checksum
ON records WHEN OLD.sealed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'record is sealed: record a correction instead'); END
"""


def reseal_free_text(database: Database, sealer: Sealer) -> int:
    """Run the task if it is due; return how many records changed."""
    with database.read() as connection:
        due = connection.execute(text("SELECT 1 FROM store_meta WHERE key = :key"),
                                 {"key": TASK}).first()
    if due is None:
        return 0
    clauses = " OR ".join(f"json_type(payload, '$.{key}') IS NOT NULL" for key in PERSONAL_KEYS)
    clauses = f"CASE WHEN json_valid(payload) THEN ({clauses}) ELSE 0 END"
    changed = 0
    with database.write() as connection:
        rows = connection.execute(text(
            f"SELECT seq, id, payload, personal, purged_at FROM records WHERE {clauses}")).all()
        if rows:
            connection.execute(text("DROP TRIGGER records_sealed"))
            for row in rows:
                try:
                    payload, personal = _split(row, sealer)
                except (DecryptionError, ValueError) as error:
                    log.warning("record %s left as it is (%s): delivery sets it aside", row.id,
                                error)
                    continue
                connection.execute(
                    text("UPDATE records SET payload = :payload, personal = :personal "
                         "WHERE seq = :seq"),
                    {"payload": payload, "personal": personal, "seq": row.seq})
                changed += 1
            connection.execute(text(_GUARD))
        connection.execute(text("DELETE FROM store_meta WHERE key = :key"), {"key": TASK})
    if changed:
        log.info("sealed the personal free text of %d record(s) stored by an earlier version",
                 changed)
    return changed


def _split(row: Any, sealer: Sealer) -> tuple[str, bytes | None]:
    document = json.loads(row.payload)
    moved = {key: document.pop(key) for key in PERSONAL_KEYS if key in document}
    payload = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    if row.purged_at is not None:
        return payload, row.personal  # purged already: the free text simply goes
    personal: dict[str, Any] = {}
    if row.personal is not None:
        personal = json.loads(sealer.open(row.personal, row.id.encode()))
    personal.update(moved)
    plain = json.dumps(personal, ensure_ascii=False, separators=(",", ":"))
    return payload, sealer.seal(plain.encode("utf-8"), row.id.encode())
