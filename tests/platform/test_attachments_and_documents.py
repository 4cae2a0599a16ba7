"""Attachments by hash; reference data with ETags; the demo loader."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from fastapi.testclient import TestClient
from platform_helpers import SignedClient, tiny_catalog
from sqlalchemy import Engine

from sync.server import documents
from sync.server.cli import main


def test_attachment_query_put_and_mismatch(kiosk: SignedClient) -> None:
    data = b"\x89PNG fake photo"
    sha = hashlib.sha256(data).hexdigest()
    other = "0" * 64
    query = {"sha256": [sha, other]}
    assert kiosk.request("POST", "/v1/attachments/query", json_body=query).json() == {
        "missing": [sha, other]
    }
    bad = kiosk.request("PUT", f"/v1/attachments/{other}", content=data)
    assert (bad.status_code, bad.json()["code"]) == (400, "hash_mismatch")
    for _ in range(2):  # idempotent
        assert kiosk.request("PUT", f"/v1/attachments/{sha}", content=data).status_code == 204
    answer = kiosk.request("POST", "/v1/attachments/query", json_body=query).json()
    assert answer == {"missing": [other]}


def test_attachment_size_cap(kiosk: SignedClient) -> None:
    data = b"\0" * (20 * 1024 * 1024 + 1)
    answer = kiosk.request(
        "PUT", f"/v1/attachments/{hashlib.sha256(data).hexdigest()}", content=data
    )
    assert (answer.status_code, answer.json()["code"]) == (413, "body_too_large")


def test_etag_and_not_modified(kiosk: SignedClient, engine: Engine) -> None:
    first = kiosk.request("GET", "/v1/catalog")
    assert first.json() == {"departments": [], "matters": []}
    etag = first.headers["ETag"]
    again = kiosk.request("GET", "/v1/catalog", headers={"If-None-Match": etag})
    assert (again.status_code, again.content) == (304, b"")
    documents.put_document(engine, "catalog", tiny_catalog())
    changed = kiosk.request("GET", "/v1/catalog", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert changed.json()["matters"][0]["code"] == "M-RESIDENCE"


def test_load_demo_cli(tmp_path: Path, kiosk: SignedClient, db_url: str) -> None:
    (tmp_path / "notices.json").write_text(
        json.dumps(
            {
                "notices": [
                    {
                        "id": "N1",
                        "title_zh": "停水",
                        "title_en": "Water cut",
                        "body_zh": "周二",
                        "body_en": "Tuesday",
                        "published_at": "2024-05-01T08:00:00+08:00",
                    }
                ]
            }
        )
    )
    (tmp_path / "staff.json").write_text(
        json.dumps(
            {
                "staff": [
                    {
                        "staff_no": "S01",
                        "name": "Wang",
                        "pin_hash": "scrypt$16384$8$1$c2FsdA==$aGFzaA==",
                    }
                ]
            }
        )
    )
    assert main(["load-demo", "--db", db_url, "--dir", str(tmp_path)]) == 0
    assert kiosk.request("GET", "/v1/notices").json()["notices"][0]["title_en"] == "Water cut"
    assert kiosk.request("GET", "/v1/staff").json()["staff"][0]["staff_no"] == "S01"


def test_healthz(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"ok": True}
