"""The real server under uvicorn on a loopback port, with injected faults."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from platform_helpers import application_item, tiny_catalog

from sync.protocol import signing
from sync.server import documents, operators
from sync.server.cli import main
from sync.server.db import make_engine
from sync.server.faults import FaultRule, write_plan
from sync.server.operators import OperatorRole
from sync.server.process import PlatformProcess

REPO = Path(__file__).resolve().parents[2]
BATCH = "/v1/transactions/batch"


@dataclass
class LiveServer:
    base_url: str
    db_url: str
    plan: Path


@dataclass
class LiveTerminal:
    http: httpx.Client
    terminal_id: str
    key: bytes

    def send(self, method: str, path: str, payload: Any) -> httpx.Response:
        body = json.dumps(payload).encode()
        headers = signing.signed_headers(
            self.terminal_id, self.key, method, path, body, int(time.time())
        )
        headers["Content-Type"] = "application/json"
        return self.http.request(method, path, content=body, headers=headers)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("live")
    db_url = f"sqlite:///{folder / 'platform.db'}"
    plan = folder / "faults.json"
    write_plan(plan, [])
    engine = make_engine(db_url)
    process = PlatformProcess(db_url, fault_plan=plan)
    process.start()
    try:
        documents.put_document(engine, "catalog", tiny_catalog())
        yield LiveServer(process.url, db_url, plan)
    finally:
        process.stop()
        engine.dispose()


@pytest.fixture
def terminal(server: LiveServer, capsys: pytest.CaptureFixture[str]) -> Iterator[LiveTerminal]:
    assert main(["enroll-code", "--db", server.db_url, "--center", "C-9", "--role", "kiosk"]) == 0
    code = capsys.readouterr().out.strip()
    with httpx.Client(base_url=server.base_url, timeout=10) as http:
        enrolled = http.post("/v1/enroll", json={"code": code}).json()
        yield LiveTerminal(http, enrolled["terminal_id"], base64.urlsafe_b64decode(enrolled["key"]))
    write_plan(server.plan, [])


def test_lost_acknowledgement_then_retry_is_duplicate(
    server: LiveServer, terminal: LiveTerminal
) -> None:
    items = [application_item(f"L-{n:04d}") for n in range(20)]
    write_plan(server.plan, [FaultRule(action="drop_after_commit", path=BATCH)])
    with pytest.raises(httpx.TransportError):
        terminal.send("POST", BATCH, {"items": items})
    retry = terminal.send("POST", BATCH, {"items": items})
    assert {r["status"] for r in retry.json()["results"]} == {"duplicate"}


def test_injected_errors_then_recovery(server: LiveServer, terminal: LiveTerminal) -> None:
    write_plan(
        server.plan,
        [
            FaultRule(action="status", status=503, retry_after=3, path=BATCH, times=2),
            FaultRule(action="garbage", path=BATCH),
        ],
    )
    items = [application_item("L-1000")]
    for _ in range(2):
        busy = terminal.send("POST", BATCH, {"items": items})
        assert (busy.status_code, busy.headers["Retry-After"]) == (503, "3")
        assert busy.json()["code"] == "injected_fault"
    garbage = terminal.send("POST", BATCH, {"items": items})
    with pytest.raises(json.JSONDecodeError):
        garbage.json()
    answer = terminal.send("POST", BATCH, {"items": items})
    assert answer.json()["results"][0]["status"] == "accepted"
    engine = make_engine(server.db_url)
    operators.add_user(engine, "watcher", "a long password!", OperatorRole.AUDITOR, None)
    engine.dispose()
    terminal.http.post("/login", data={"username": "watcher", "password": "a long password!"})
    page = terminal.http.get("/fleet")
    assert terminal.terminal_id in page.text
