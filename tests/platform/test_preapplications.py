"""GET /v1/applications/{tracking_number}/detail: a kiosk application in full,
for counter terminals of the same center only."""

from __future__ import annotations

import base64
from typing import Any

from fastapi.testclient import TestClient
from platform_helpers import SignedClient, application_item, enroll_terminal
from sqlalchemy import Engine

from sync.protocol.models import ApplicationPayload, Catalog, Role
from sync.server import enrollment

DETAIL = "/v1/applications/{}/detail"


def deliver(terminal: SignedClient, *items: dict[str, Any]) -> None:
    answer = terminal.request("POST", "/v1/transactions/batch", json_body={"items": list(items)})
    assert answer.status_code == 200, answer.text
    assert {result["status"] for result in answer.json()["results"]} == {"accepted"}


def test_a_counter_reads_a_kiosk_application_with_its_personal_data(
        client: TestClient, engine: Engine, kiosk: SignedClient, catalog: Catalog) -> None:
    deliver(kiosk, application_item("RC-20261125-K01-00001"),
            application_item("RC-20261125-K01-00002", seq=2))
    counter = enroll_terminal(client, engine, Role.COUNTER)
    answer = counter.request("GET", DETAIL.format("RC-20261125-K01-00002"))
    assert answer.status_code == 200, answer.text
    assert answer.headers["Cache-Control"] == "no-store"
    payload = ApplicationPayload.model_validate(answer.json())
    assert payload.tracking_number == "RC-20261125-K01-00002"
    assert payload.applicant.id_number == "110101199001011234"
    assert payload.fields == {"purpose": "school"}


def test_only_counters_of_the_center_and_only_known_numbers(
        client: TestClient, engine: Engine, kiosk: SignedClient, catalog: Catalog) -> None:
    deliver(kiosk, application_item("RC-20261125-K01-00003"))
    refused = kiosk.request("GET", DETAIL.format("RC-20261125-K01-00003"))
    assert refused.status_code == 403
    assert refused.json()["code"] == "wrong_role"
    counter = enroll_terminal(client, engine, Role.COUNTER)
    missing = counter.request("GET", DETAIL.format("RC-20261125-K01-09999"))
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    assert counter.request("GET", DETAIL.format("RC_!")).status_code == 422
    code = enrollment.issue_code(engine, "C-OTHER", Role.COUNTER)
    other = client.post("/v1/enroll", json={"code": code, "hostname": "elsewhere"}).json()


    stranger = SignedClient(client, other["terminal_id"], base64.urlsafe_b64decode(other["key"]))
    assert stranger.request("GET", DETAIL.format("RC-20261125-K01-00003")).status_code == 404


def test_unsigned_requests_are_refused(client: TestClient, kiosk: SignedClient,
                                       catalog: Catalog) -> None:
    deliver(kiosk, application_item("RC-20261125-K01-00004"))
    assert client.get(DETAIL.format("RC-20261125-K01-00004")).status_code == 401
