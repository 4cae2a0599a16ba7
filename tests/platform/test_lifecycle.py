"""A terminal's lifecycle at the platform (issue 10, Deliver 5): withdrawn from
the CLI, renewed with a one-time code (the key rotates, the id stays)."""

from __future__ import annotations

import base64

import pytest
from fastapi.testclient import TestClient
from platform_helpers import SignedClient
from sqlalchemy import Engine

from sync.server import enrollment
from sync.server.cli import main


def test_revoke_then_renew_from_the_cli(
    client: TestClient, kiosk: SignedClient, db_url: str, engine: Engine,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert kiosk.request("GET", "/v1/catalog").status_code == 200
    assert main(["terminal", "revoke", kiosk.terminal_id, "--db", db_url]) == 0
    refused = kiosk.request("GET", "/v1/catalog")
    assert refused.status_code == 401
    assert refused.json() == {"code": "terminal_revoked",
                              "message": "This terminal was withdrawn; enroll it again."}
    forged = SignedClient(client, kiosk.terminal_id, b"x" * 32).request("GET", "/v1/catalog")
    unknown = SignedClient(client, "T-NOBODY", b"x" * 32).request("GET", "/v1/catalog")
    assert forged.json() == unknown.json() and forged.json()["code"] == "bad_signature"

    capsys.readouterr()
    assert main(["terminal", "rotate-key", kiosk.terminal_id, "--db", db_url]) == 0
    code = capsys.readouterr().out.splitlines()[0]
    answer = client.post("/v1/enroll", json={"code": code, "hostname": "kiosk-1b"}).json()
    assert answer["terminal_id"] == kiosk.terminal_id
    renewed = SignedClient(client, kiosk.terminal_id, base64.urlsafe_b64decode(answer["key"]))
    assert renewed.request("GET", "/v1/catalog").status_code == 200
    assert kiosk.request("GET", "/v1/catalog").json()["code"] == "bad_signature"
    assert client.post("/v1/enroll", json={"code": code}).json()["code"] == "enroll_code_used"
    assert main(["terminal", "revoke", "T-NOBODY", "--db", db_url]) == 1


def test_a_rotated_key_works_until_the_code_is_spent(
    client: TestClient, kiosk: SignedClient, engine: Engine
) -> None:
    code = enrollment.renewal_code(engine, kiosk.terminal_id)
    assert code is not None
    assert kiosk.request("GET", "/v1/notices").status_code == 200
    assert client.post("/v1/enroll", json={"code": code}).status_code == 200
    assert kiosk.request("GET", "/v1/notices").status_code == 401
    assert enrollment.renewal_code(engine, "T-NOBODY") is None
