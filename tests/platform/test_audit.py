"""The audit log (issue 10, Deliver 6): reads of personal data, status changes
and terminal actions with who, when, what and from where; auditors list and
export it; a hash chain shows any change, removal or insertion."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from fastapi.testclient import TestClient
from platform_helpers import SignedClient, acceptance_item, application_item
from sqlalchemy import Engine, delete, update

from sync.protocol.models import Catalog
from sync.server import audit, operators
from sync.server.db import AuditEntry
from sync.server.operators import OperatorRole

TRACKING = "RC-20260301-KA-00042"
PASSWORD = "a long password!"


def deliver(terminal: SignedClient, *items: dict[str, Any]) -> None:
    answer = terminal.request("POST", "/v1/transactions/batch", json_body={"items": list(items)})
    assert {result["status"] for result in answer.json()["results"]} == {"accepted"}


def entries(engine: Engine) -> list[tuple[str, str, str, str, str]]:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        return [(e.actor, e.center, e.action, e.object, e.address) for e in session.scalars(
            select(AuditEntry).order_by(AuditEntry.seq))]


def test_who_when_what_from_where(
    client: TestClient, engine: Engine, kiosk: SignedClient, counter: SignedClient,
    catalog: Catalog,
) -> None:
    deliver(kiosk, application_item(TRACKING))
    assert counter.request("GET", f"/v1/applications/{TRACKING}/detail").status_code == 200
    deliver(counter, acceptance_item(TRACKING, "on_the_spot"))
    assert entries(engine) == [
        (f"terminal:{kiosk.terminal_id}", "C-001", "status_change", f"{TRACKING}: received",
         "testclient"),
        (f"terminal:{counter.terminal_id}", "C-001", "read_personal_data", TRACKING,
         "testclient"),
        (f"terminal:{counter.terminal_id}", "C-001", "status_change", f"{TRACKING}: completed",
         "testclient"),
    ]
    operators.add_user(engine, "boss", PASSWORD, OperatorRole.PLATFORM_ADMIN, None)
    client.post("/login", data={"username": "boss", "password": PASSWORD})
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/fleet").text)
    assert csrf is not None
    client.post(f"/fleet/terminals/{kiosk.terminal_id}/revoke", data={"csrf": csrf.group(1)})
    assert entries(engine)[-1] == ("operator:boss", "C-001", "terminal_withdrawn",
                                   kiosk.terminal_id, "testclient")
    assert audit.verify(engine) == audit.Verdict(4, None)


def test_the_chain_shows_a_changed_or_removed_entry(engine: Engine) -> None:
    for n in range(5):
        audit.record(engine, audit.Event("terminal:T-1", "C-001", "read_personal_data",
                                         f"RC-{n}", "10.0.0.9"))
    assert audit.verify(engine) == audit.Verdict(5, None)
    with engine.begin() as connection:
        connection.execute(update(AuditEntry).where(AuditEntry.seq == 3)
                           .values(actor="terminal:T-2"))
    assert audit.verify(engine).broken_at == 3
    with engine.begin() as connection:
        connection.execute(update(AuditEntry).where(AuditEntry.seq == 3)
                           .values(actor="terminal:T-1"))
    assert audit.verify(engine).broken_at is None
    with engine.begin() as connection:
        connection.execute(delete(AuditEntry).where(AuditEntry.seq == 2))
    assert audit.verify(engine) == audit.Verdict(1, 3)


def test_auditors_list_and_export(client: TestClient, engine: Engine) -> None:
    for n in range(3):
        audit.record(engine, audit.Event("terminal:T-1", "C-001", "status_change",
                                         f"RC-{n}: accepted", "10.0.0.9"))
    operators.add_user(engine, "tech", PASSWORD, OperatorRole.TECHNICIAN, "C-001")
    operators.add_user(engine, "auditor", PASSWORD, OperatorRole.AUDITOR, None)
    client.post("/login", data={"username": "tech", "password": PASSWORD})
    assert client.get("/audit").status_code == 403
    client.post("/login", data={"username": "auditor", "password": PASSWORD})
    page = client.get("/audit").text
    assert "Hash chain verified: 3 entries." in page and "RC-2: accepted" in page
    export = client.get("/audit.csv")
    assert export.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.text)))
    assert rows[0] == [*audit.FIELDS, "hash"]
    assert [row[5] for row in rows[1:]] == ["RC-0: accepted", "RC-1: accepted",
                                            "RC-2: accepted"]
