"""Heartbeats are stored and shown on the fleet page."""

from __future__ import annotations

from fastapi.testclient import TestClient
from platform_helpers import SignedClient
from sqlalchemy import Engine

from sync.server import operators
from sync.server.operators import OperatorRole


def test_heartbeat_then_fleet_page(
    client: TestClient, engine: Engine, kiosk: SignedClient
) -> None:
    beat = {
        "version": "1.4.2",
        "role": "kiosk",
        "backlog": 17,
        "dead_letters": 2,
        "free_disk_bytes": 5 * 1024**3,
        "devices": {
            "printer": {"state": "offline", "reason": "paper <out>"},
            "card_reader": {"state": "ready"},
        },
    }
    answer = kiosk.request("POST", "/v1/heartbeat", json_body=beat)
    assert answer.status_code == 204
    assert (
        kiosk.request("POST", "/v1/heartbeat", json_body={**beat, "backlog": 3}).status_code == 204
    )
    operators.add_user(engine, "admin", "correct horse battery", OperatorRole.PLATFORM_ADMIN,
                       None)
    client.post("/login", data={"username": "admin", "password": "correct horse battery"})
    page = client.get("/fleet")
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert kiosk.terminal_id in html
    for text in (
        "C-001",
        "1.4.2",
        "<td>3</td>",
        "<td>2</td>",
        "5.0 GB",
        "printer: offline",
        "paper &lt;out&gt;",
        "card_reader: ready",
    ):
        assert text in html, text
    assert "<td>17</td>" not in html


def test_bad_heartbeat_is_rejected(kiosk: SignedClient) -> None:
    answer = kiosk.request("POST", "/v1/heartbeat", json_body={"version": "1"})
    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid_request"
