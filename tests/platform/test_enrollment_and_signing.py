"""Enrollment codes are one-time; every signed request is checked."""

from __future__ import annotations

import hashlib
import re
import time

from fastapi.testclient import TestClient
from platform_helpers import SignedClient
from sqlalchemy import Engine, insert, update

from sync.protocol import signing
from sync.protocol.models import Role
from sync.server import enrollment
from sync.server.db import EnrollCode


def test_enrollment_code_is_one_time(client: TestClient, engine: Engine) -> None:
    code = enrollment.issue_code(engine, "C-007", Role.COUNTER)
    first = client.post("/v1/enroll", json={"code": code, "hostname": "win-3"})
    assert first.status_code == 200
    body = first.json()
    assert body["terminal_id"].startswith("T-")
    assert (body["center"], body["role"]) == ("C-007", "counter")
    second = client.post("/v1/enroll", json={"code": code})
    assert second.status_code == 403
    assert second.json()["code"] == "enroll_code_used"


def test_codes_are_read_as_a_technician_types_them(client: TestClient,
                                                   engine: Engine) -> None:
    codes = [enrollment.issue_code(engine, "C-001", Role.KIOSK) for _ in range(200)]
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}", code)
               for code in codes)  # never "-" first (a command line's option), no I L O U
    assert len(set(codes)) == len(codes)
    typed = codes[0].replace("-", " ").lower().replace("0", "o").replace("1", "l")
    assert client.post("/v1/enroll", json={"code": typed}).status_code == 200
    again = client.post("/v1/enroll", json={"code": codes[0]})
    assert (again.status_code, again.json()["code"]) == (403, "enroll_code_used")


def test_a_code_issued_before_the_readable_codes_still_enrolls(client: TestClient,
                                                               engine: Engine) -> None:
    old = "-6inl8e1-mP_"  # secrets.token_urlsafe(9), stored by hash as it was
    with engine.begin() as conn:
        conn.execute(insert(EnrollCode).values(
            code_hash=hashlib.sha256(old.encode()).hexdigest(), center="C-001",
            role="kiosk", created_at=time.time()))
    assert client.post("/v1/enroll", json={"code": f" {old} "}).status_code == 200


def test_unknown_and_expired_codes(client: TestClient, engine: Engine) -> None:
    assert client.post("/v1/enroll", json={"code": "nope-nope"}).json()["code"] == (
        "enroll_code_unknown"
    )
    code = enrollment.issue_code(engine, "C-001", Role.KIOSK)
    with engine.begin() as conn:
        conn.execute(update(EnrollCode).values(created_at=time.time() - 25 * 3600))
    answer = client.post("/v1/enroll", json={"code": code})
    assert (answer.status_code, answer.json()["code"]) == (403, "enroll_code_expired")


def test_good_signature(kiosk: SignedClient) -> None:
    assert kiosk.request("GET", "/v1/catalog").status_code == 200
    assert kiosk.request("GET", "/v1/statuses?cursor=0&limit=5").status_code == 200


def test_tampered_body_and_query(kiosk: SignedClient) -> None:
    body = b'{"sha256": []}'
    headers = signing.signed_headers(
        kiosk.terminal_id, kiosk.key, "POST", "/v1/attachments/query", body, int(time.time())
    )
    tampered = kiosk.client.post(
        "/v1/attachments/query", content=b'{"sha256":[] }', headers=headers
    )
    assert (tampered.status_code, tampered.json()["code"]) == (401, "bad_signature")
    headers = signing.signed_headers(
        kiosk.terminal_id, kiosk.key, "GET", "/v1/statuses?cursor=0", b"", int(time.time())
    )
    other_query = kiosk.client.get("/v1/statuses?cursor=5", headers=headers)
    assert other_query.json()["code"] == "bad_signature"


def test_clock_skew_reports_server_time(kiosk: SignedClient) -> None:
    answer = kiosk.request("GET", "/v1/catalog", timestamp=int(time.time()) - 301)
    assert answer.status_code == 401
    assert answer.json()["code"] == "clock_skew"
    assert abs(answer.json()["server_time"] - time.time()) < 5


def test_replayed_nonce(kiosk: SignedClient) -> None:
    headers = signing.signed_headers(
        kiosk.terminal_id, kiosk.key, "GET", "/v1/notices", b"", int(time.time())
    )
    assert kiosk.client.get("/v1/notices", headers=headers).status_code == 200
    replay = kiosk.client.get("/v1/notices", headers=headers)
    assert (replay.status_code, replay.json()["code"]) == (401, "replayed_nonce")


def test_unknown_terminal_and_unsigned(kiosk: SignedClient) -> None:
    stranger = SignedClient(kiosk.client, "T-NOBODY", b"k" * 32)
    assert stranger.request("GET", "/v1/catalog").json() == kiosk.request(
        "GET", "/v1/catalog", headers={"X-Signature": "0" * 64}).json()  # alike
    unsigned = kiosk.client.get("/v1/catalog")
    assert (unsigned.status_code, unsigned.json()["code"]) == (401, "bad_signature")
