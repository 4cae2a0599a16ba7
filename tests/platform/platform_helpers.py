"""Helpers for platform tests: signed requests and transaction builders."""

from __future__ import annotations

import base64
import json
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sync.protocol import signing
from sync.protocol.models import Catalog, Department, EnrollResponse, Matter, Role
from sync.server import enrollment
from sync.server.process import PlatformProcess

MATTER = "M-RESIDENCE"


@dataclass
class SignedClient:
    """A TestClient that signs its requests as one enrolled terminal."""

    client: TestClient
    terminal_id: str
    key: bytes

    def request(
        self,
        method: str,
        path: str,
        *,
        json_body: Any = None,
        content: bytes = b"",
        headers: dict[str, str] | None = None,
        timestamp: int | None = None,
    ) -> httpx.Response:
        body = json.dumps(json_body).encode() if json_body is not None else content
        signed = signing.signed_headers(
            self.terminal_id,
            self.key,
            method,
            path,
            body,
            int(time.time()) if timestamp is None else timestamp,
        )
        all_headers = {**signed, "Content-Type": "application/json", **(headers or {})}
        return self.client.request(method, path, content=body, headers=all_headers)


def enroll_terminal(client: TestClient, engine: Engine, role: Role = Role.KIOSK,
                    center: str = "C-001") -> SignedClient:
    code = enrollment.issue_code(engine, center, role)
    answer = client.post("/v1/enroll", json={"code": code, "hostname": "kiosk-1"})
    assert answer.status_code == 200, answer.text
    enrolled = EnrollResponse.model_validate(answer.json())
    return SignedClient(client, enrolled.terminal_id, base64.urlsafe_b64decode(enrolled.key))


def tiny_catalog() -> Catalog:
    return Catalog(
        departments=[Department(code="CA", name_zh="民政", name_en="Civil affairs")],
        matters=[
            Matter(
                code=MATTER,
                name_zh="居住证明",
                name_en="Residence certificate",
                department="CA",
                category="certificates",
                handling="immediate",
            ),
        ],
    )


def application_item(
    tracking: str = "K-0001",
    matter: str = MATTER,
    seq: int = 1,
    attachments: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "seq": seq,
        "created_at": datetime.now(UTC).isoformat(),
        "attachments": attachments or [],
        "payload": {
            "kind": "application",
            "tracking_number": tracking,
            "matter_code": matter,
            "channel": "kiosk",
            "applicant": {"name": "Li Wei", "id_number": "110101199001011234"},
            "fields": {"purpose": "school"},
        },
    }


def acceptance_item(tracking: str, outcome: str, seq: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "seq": seq,
        "created_at": datetime.now(UTC).isoformat(),
        "payload": {
            "kind": "acceptance",
            "tracking_number": tracking,
            "matter_code": MATTER,
            "outcome": outcome,
            "applicant": {"name": "Li Wei"},
            **extra,
        },
    }


def enroll_with_process(platform: PlatformProcess, role: Role,
                        center: str = "C001") -> tuple[str, bytes]:
    """A terminal enrolled over HTTP with a code issued in `platform`'s database:
    its id and key."""
    from sync.client import PlatformClient
    from sync.server.db import make_engine

    engine = make_engine(platform.database_url)
    try:
        code = enrollment.issue_code(engine, center, role)
    finally:
        engine.dispose()
    enrolled = PlatformClient.enroll(platform.url, code)
    return enrolled.terminal_id, base64.urlsafe_b64decode(enrolled.key)
