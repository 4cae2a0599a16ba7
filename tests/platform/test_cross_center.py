"""Forgery across centers: a terminal of C-002 can neither change nor read what
belongs to C-001 (issue 10, "What the attack found" 1 and 4).

Written against the interface the platform had before its authorization
layer, so that these tests fail on a platform without it."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from fastapi.testclient import TestClient
from platform_helpers import SignedClient, acceptance_item, application_item
from sqlalchemy import Engine

from sync.protocol.models import Catalog, Role
from sync.server import enrollment

TRACKING = "RC-20260301-KA-00001"


def terminal(client: TestClient, engine: Engine, center: str, role: Role) -> SignedClient:
    code = enrollment.issue_code(engine, center, role)
    answer = client.post("/v1/enroll", json={"code": code, "hostname": f"{center}-{role}"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return SignedClient(client, body["terminal_id"], base64.urlsafe_b64decode(body["key"]))


def deliver(sender: SignedClient, *items: dict[str, Any]) -> list[dict[str, Any]]:
    answer = sender.request("POST", "/v1/transactions/batch", json_body={"items": list(items)})
    assert answer.status_code == 200, answer.text
    results: list[dict[str, Any]] = answer.json()["results"]
    return results


def status_at_home(home: SignedClient) -> tuple[str, str]:
    answer = home.request("GET", f"/v1/applications/{TRACKING}")
    assert answer.status_code == 200, answer.text
    return answer.json()["status"], answer.json()["note"]


def filed_at_c001(client: TestClient, engine: Engine) -> SignedClient:
    kiosk = terminal(client, engine, "C-001", Role.KIOSK)
    assert deliver(kiosk, application_item(TRACKING))[0]["status"] == "accepted"
    return kiosk


def test_a_c002_kiosk_cannot_post_an_acceptance_for_a_c001_application(
    client: TestClient, engine: Engine, catalog: Catalog
) -> None:
    home = filed_at_c001(client, engine)
    forger = terminal(client, engine, "C-002", Role.KIOSK)
    [result] = deliver(forger, acceptance_item(TRACKING, "not_accepted", reason="forged"))
    assert result["status"] == "rejected"
    assert status_at_home(home) == ("received", "")


def test_a_c002_counter_cannot_decide_on_a_c001_application(
    client: TestClient, engine: Engine, catalog: Catalog
) -> None:
    home = filed_at_c001(client, engine)
    forger = terminal(client, engine, "C-002", Role.COUNTER)
    [result] = deliver(forger, acceptance_item(TRACKING, "not_accepted", reason="forged"))
    assert (result["status"], result["code"]) == ("rejected", "foreign_application")
    assert status_at_home(home) == ("received", "")
    own = terminal(client, engine, "C-001", Role.COUNTER)
    assert deliver(own, acceptance_item(TRACKING, "on_the_spot"))[0]["status"] == "accepted"
    assert status_at_home(home)[0] == "completed"


def test_a_c002_kiosk_reads_no_c001_status(
    client: TestClient, engine: Engine, catalog: Catalog
) -> None:
    home = filed_at_c001(client, engine)
    reader = terminal(client, engine, "C-002", Role.KIOSK)
    feed = reader.request("GET", "/v1/statuses?cursor=0")
    assert feed.status_code == 200
    assert feed.json()["items"] == []
    assert reader.request("GET", f"/v1/applications/{TRACKING}").status_code == 404
    assert [item["tracking_number"] for item in
            home.request("GET", "/v1/statuses?cursor=0").json()["items"]] == [TRACKING]


def test_attachments_of_c001_are_invisible_to_c002(client: TestClient, engine: Engine) -> None:
    photo = b"C-001 household register scan"
    sha = hashlib.sha256(photo).hexdigest()
    home = terminal(client, engine, "C-001", Role.KIOSK)
    assert home.request("PUT", f"/v1/attachments/{sha}", content=photo).status_code == 204
    prober = terminal(client, engine, "C-002", Role.KIOSK)
    answer = prober.request("POST", "/v1/attachments/query", json_body={"sha256": [sha]})
    assert answer.json() == {"missing": [sha]}
    assert home.request("POST", "/v1/attachments/query",
                        json_body={"sha256": [sha]}).json() == {"missing": []}


def test_a_hall_display_records_and_uploads_nothing(
    client: TestClient, engine: Engine, catalog: Catalog
) -> None:
    display = terminal(client, engine, "C-001", Role.DISPLAY)
    photo = b"not for a display"
    upload = display.request("PUT", f"/v1/attachments/{hashlib.sha256(photo).hexdigest()}",
                             content=photo)
    assert (upload.status_code, upload.json()["code"]) == (403, "wrong_role")
    batch = display.request("POST", "/v1/transactions/batch",
                            json_body={"items": [application_item(TRACKING)]})
    assert (batch.status_code, batch.json()["code"]) == (403, "wrong_role")
