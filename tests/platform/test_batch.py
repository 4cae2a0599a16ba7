"""Transaction batches: per-item outcomes, dedup, statuses, size cap."""

from __future__ import annotations

import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from platform_helpers import MATTER, SignedClient, acceptance_item, application_item
from sqlalchemy import Engine

from sync.protocol.models import MAX_BATCH_BYTES, Catalog
from sync.server.batch import process_batch
from sync.server.db import make_engine


def deliver(terminal: SignedClient, items: list[Any]) -> list[dict[str, Any]]:
    answer = terminal.request("POST", "/v1/transactions/batch", json_body={"items": items})
    assert answer.status_code == 200, answer.text
    results: list[dict[str, Any]] = answer.json()["results"]
    return results


def test_every_outcome_in_one_batch(kiosk: SignedClient, catalog: Catalog) -> None:
    photo = b"scan of the household register"
    sha = hashlib.sha256(photo).hexdigest()
    assert kiosk.request("PUT", f"/v1/attachments/{sha}", content=photo).status_code == 204
    earlier = application_item("K-0001", attachments=[sha])
    changed = application_item("K-0002")
    assert [r["status"] for r in deliver(kiosk, [earlier, changed])] == ["accepted"] * 2

    conflicting = {**changed, "payload": {**changed["payload"], "fields": {"purpose": "job"}}}
    malformed = {**application_item("K-0003"), "seq": 0}
    batch = [
        application_item("K-0004"),
        earlier,
        conflicting,
        malformed,
        application_item("K-0005", matter="M-NOPE"),
        application_item("K-0006", attachments=["ab" * 32]),
    ]
    results = deliver(kiosk, batch)
    outcomes = [(r["status"], r.get("code")) for r in results]
    assert outcomes == [
        ("accepted", None),
        ("duplicate", None),
        ("rejected", "conflict"),
        ("rejected", "invalid"),
        ("rejected", "unknown_matter"),
        ("rejected", "missing_attachment"),
    ]
    assert [r["id"] for r in results[:4]] == [item["id"] for item in batch[:4]]
    assert "seq" in results[3]["reason"]


def test_same_id_twice_in_one_batch(kiosk: SignedClient, catalog: Catalog) -> None:
    item = application_item("K-0100")
    results = deliver(kiosk, [item, item])
    assert [r["status"] for r in results] == ["accepted", "duplicate"]


def test_applications_and_acceptances_drive_statuses(
    kiosk: SignedClient, counter: SignedClient, catalog: Catalog
) -> None:
    deliver(kiosk, [application_item("K-0200"), application_item("K-0201")])
    page = kiosk.request("GET", "/v1/statuses?cursor=0").json()
    assert [(i["tracking_number"], i["status"]) for i in page["items"]] == [
        ("K-0200", "received"),
        ("K-0201", "received"),
    ]
    cursor = page["cursor"]
    deliver(
        counter,
        [
            acceptance_item("K-0200", "missing_materials", materials_missing=["hukou", "photo"]),
            acceptance_item("K-0201", "on_the_spot"),
        ],
    )
    deliver(kiosk, [application_item("K-0201")])  # a late application never undoes it
    later = kiosk.request("GET", f"/v1/statuses?cursor={cursor}").json()
    assert [(i["tracking_number"], i["status"]) for i in later["items"]] == [
        ("K-0200", "missing"),
        ("K-0201", "completed"),
    ]
    assert later["items"][0]["note"] == ""  # the owed materials are the case's (its story)
    assert kiosk.request("GET", f"/v1/statuses?cursor={later['cursor']}").json()["items"] == []

    first_only = kiosk.request("GET", "/v1/statuses?cursor=0&limit=1").json()
    assert len(first_only["items"]) == 1
    one = kiosk.request("GET", "/v1/applications/K-0201").json()
    assert (one["matter_code"], one["status"]) == (MATTER, "completed")
    missing = kiosk.request("GET", "/v1/applications/K-9999")
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    assert kiosk.request("GET", "/v1/statuses?cursor=abc").json()["code"] == "bad_cursor"


def test_body_too_big(kiosk: SignedClient) -> None:
    padding = "x" * MAX_BATCH_BYTES
    answer = kiosk.request(
        "POST", "/v1/transactions/batch", json_body={"items": [{"pad": padding}]}
    )
    assert answer.status_code == 413
    assert answer.json()["code"] == "body_too_large"


def test_malformed_batch_is_an_error_body(kiosk: SignedClient) -> None:
    answer = kiosk.request("POST", "/v1/transactions/batch", json_body={"things": []})
    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid_request"


def test_two_instances_deliver_the_same_batch(
    kiosk: SignedClient, catalog: Catalog, engine: Engine, db_url: str
) -> None:
    """Two engines stand for two platform processes on one database."""
    other = make_engine(db_url)
    items = [application_item(f"K-3{n:03d}") for n in range(50)]
    barrier = threading.Barrier(2)

    def deliver_via(instance: Engine) -> list[str]:
        barrier.wait()
        return [r.status.value for r in process_batch(instance, kiosk.terminal_id, items)]

    try:
        with ThreadPoolExecutor(2) as pool:
            outcomes = list(pool.map(deliver_via, [engine, other]))
    finally:
        other.dispose()
    assert sorted((set(statuses) for statuses in outcomes), key=sorted) == [
        {"accepted"},
        {"duplicate"},
    ]
    page = kiosk.request("GET", "/v1/statuses?cursor=0&limit=1000").json()
    assert len(page["items"]) == 50
