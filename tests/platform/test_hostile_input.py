"""No input yields a 5xx (issue 10, "What the attack found" 3, 4 and 6): each
of the inputs that made the platform fail or drift is answered plainly.

Transactions out of bounds are rejected one by one (`invalid`), so the rest
of the batch is delivered; whole requests out of bounds get a documented 4xx."""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from platform_helpers import SignedClient, application_item, enroll_terminal
from sqlalchemy import Engine

from sync.protocol import signing
from sync.protocol.models import Catalog, Role


def deliver(sender: SignedClient, *items: dict[str, Any]) -> list[dict[str, Any]]:
    answer = sender.request("POST", "/v1/transactions/batch", json_body={"items": list(items)})
    assert answer.status_code == 200, answer.text
    results: list[dict[str, Any]] = answer.json()["results"]
    return results


def served_item(called_at: str) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "seq": 1, "created_at": datetime.now(UTC).isoformat(),
            "payload": {"kind": "served", "number": None, "category": "A", "window": "1",
                        "staff_no": "1001", "called_at": called_at, "ended_at": called_at}}


def ticket_item(created_at: str) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "seq": 1, "created_at": created_at,
            "payload": {"kind": "ticket", "number": "A001", "category": "A",
                        "issued_offline": True}}


@pytest.mark.parametrize("when", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                                  "1970-01-01T00:00:00Z"])
def test_dates_out_of_range_are_invalid_items(
    kiosk: SignedClient, counter: SignedClient, catalog: Catalog, when: str
) -> None:
    good = application_item("K-DATE-1")
    results = deliver(kiosk, ticket_item(when), {**application_item("K-DATE-2"),
                                                 "created_at": when}, good)
    assert [(r["status"], r.get("code")) for r in results] == [
        ("rejected", "invalid"), ("rejected", "invalid"), ("accepted", None)]
    assert "created_at" in results[0]["reason"]
    [served] = deliver(counter, served_item(when))
    assert (served["status"], served["code"]) == ("rejected", "invalid")


def test_sequence_numbers_beyond_64_bits_are_invalid(
    kiosk: SignedClient, catalog: Catalog
) -> None:
    results = deliver(kiosk, {**application_item("K-SEQ-1"), "seq": 2**63},
                      {**application_item("K-SEQ-2"), "seq": 2**63 - 1})
    assert [r["status"] for r in results] == ["rejected", "accepted"]
    assert "seq" in results[0]["reason"]


def test_form_fields_are_bounded(kiosk: SignedClient, catalog: Catalog) -> None:
    item = application_item("K-FIELDS-1")
    huge_value = {**item, "payload": {**item["payload"], "fields": {"note": "x" * 1_000_000}}}
    many_keys = application_item("K-FIELDS-2")
    many_keys["payload"]["fields"] = {f"k{n}": n for n in range(150_000)}
    nested = application_item("K-FIELDS-3")
    nested["payload"]["fields"] = {"deep": {"deeper": [1]}}
    results = deliver(kiosk, huge_value)
    results += deliver(kiosk, many_keys)
    results += deliver(kiosk, nested)
    assert [(r["status"], r["code"]) for r in results] == [("rejected", "invalid")] * 3


def test_a_body_nested_beyond_the_decoder_is_refused(kiosk: SignedClient) -> None:
    deep = b'{"items": [' + b'{"x": [' * 100_000 + b"1" + b"]}" * 100_000 + b"]}"
    answer = kiosk.request("POST", "/v1/transactions/batch", content=deep)
    assert (answer.status_code, answer.json()["code"]) == (422, "invalid_request")


def test_heartbeat_strings_and_counts_are_bounded(kiosk: SignedClient) -> None:
    beat = {"version": "1.0", "role": "kiosk", "backlog": 0, "dead_letters": 0,
            "free_disk_bytes": 1}
    for bad in ({"version": "v" * 3_000_000},
                {"devices": {"printer": {"state": "ready", "reason": "r" * 10_000}}},
                {"devices": {f"d{n}": {"state": "ready"} for n in range(50)}},
                {"last_delivery_at": 0},
                {"backlog": 2**64}):
        answer = kiosk.request("POST", "/v1/heartbeat", json_body={**beat, **bad})
        assert (answer.status_code, answer.json()["code"]) == (422, "invalid_request"), bad
    assert kiosk.request("POST", "/v1/heartbeat", json_body=beat).status_code == 204


@pytest.mark.parametrize("cursor", ["²", "١٢", "-1", "9" * 19, "1e3", ""])
def test_cursors_not_issued_by_the_platform(kiosk: SignedClient, cursor: str) -> None:
    answer = kiosk.request("GET", f"/v1/statuses?cursor={cursor}")
    assert (answer.status_code, answer.json()["code"]) == (400, "bad_cursor")


def test_a_day_is_a_date_of_this_century(client: TestClient, engine: Engine) -> None:
    counter = enroll_terminal(client, engine, Role.COUNTER)
    for day in ("0", "1970-01-01", "9999-12-31", "2026-13-01"):
        answer = counter.request("GET", f"/v1/queue/stats?day={day}")
        assert (answer.status_code, answer.json()["code"]) == (422, "invalid_request"), day
    assert counter.request("GET", "/v1/queue/stats?day=2026-03-02").status_code == 200


def test_unknown_terminal_and_bad_signature_answer_alike(kiosk: SignedClient) -> None:
    stranger = SignedClient(kiosk.client, "T-NOBODY", b"k" * 32)
    too_long = SignedClient(kiosk.client, "T-" + "X" * 5000, b"k" * 32)
    forged = kiosk.request("GET", "/v1/catalog", headers={"X-Signature": "0" * 64})
    non_ascii = kiosk.request("GET", "/v1/catalog",
                              headers={"X-Signature": ("é" * 64).encode("latin-1")})  # type: ignore[dict-item]
    answers = [stranger.request("GET", "/v1/catalog"), too_long.request("GET", "/v1/catalog"),
               forged, non_ascii]
    assert {(a.status_code, a.text) for a in answers} == {(forged.status_code, forged.text)}
    assert forged.status_code == 401


def test_authentication_comes_before_the_body(client: TestClient, kiosk: SignedClient) -> None:
    for body in (b"{not json", b"[" * 10_000, b"\xff\xfe"):
        unsigned = client.post("/v1/transactions/batch", content=body,
                               headers={"Content-Type": "application/json"})
        assert unsigned.status_code == 401, body[:10]
        signed = kiosk.request("POST", "/v1/transactions/batch", content=body)
        assert (signed.status_code, signed.json()["code"]) == (422, "invalid_request")


@pytest.mark.parametrize("number", ["A%3FB", "A%23B", "A%0D%0AB", "A%20B", "%C2%B2"])
def test_a_path_signed_as_sent_is_accepted(kiosk: SignedClient, number: str) -> None:
    """Encoded `?`, `#`, CR/LF in a path parameter: the signature covers the path
    as it went on the wire."""
    path = f"/v1/applications/{number}"
    headers = signing.signed_headers(kiosk.terminal_id, kiosk.key, "GET", path, b"",
                                     int(time.time()))
    answer = kiosk.client.get(path, headers=headers)
    assert (answer.status_code, answer.json()["code"]) == (404, "not_found")


def test_a_display_resumes_from_an_event_id_it_never_got(
    client: TestClient, engine: Engine
) -> None:
    from sync.server.queue.hall import parse_last_event_id

    assert [parse_last_event_id(value) for value in ("²", "12", " 7 ", "1" * 30, "-3")] == [
        None, 12, 7, None, None]
    display = enroll_terminal(client, engine, Role.DISPLAY)
    answer = display.request("GET", "/v1/queue/events", headers={"Last-Event-ID": "1" * 21})
    assert (answer.status_code, answer.json()["code"]) == (422, "invalid_request")


def test_every_status_the_platform_answers_is_documented(app: FastAPI) -> None:
    document = app.openapi()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            where = f"{method.upper()} {path}"
            if operation["x-access"]["callers"] != "anyone":
                assert "403" in codes and codes & {"401", "303"}, where
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in codes, where
            if operation.get("requestBody"):
                assert "413" in codes, where
    assert json.dumps(document).count('"500"') == 0
