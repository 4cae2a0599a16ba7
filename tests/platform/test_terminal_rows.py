"""`serve --workers 2` over real HTTP: each worker keeps the terminal rows it read
(`sync.server.direct`), yet a terminal withdrawn or given a new key by another
process is refused at once by both workers, on the heartbeat and on call-next
(SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

import pytest
from conftest import drop_every_table, pg_url_or_skip
from sqlalchemy import Engine
from test_workers import connect, wait_for_both_workers

from sync.client import PlatformClient
from sync.protocol import signing
from sync.protocol.models import Role
from sync.server import enrollment
from sync.server.db import make_engine
from sync.server.process import PlatformProcess

BEAT = json.dumps({"version": "1", "role": "kiosk", "backlog": 0, "dead_letters": 0,
                   "free_disk_bytes": 1}).encode()
CALL = json.dumps({"window": "1", "staff_no": "1001", "categories": []}).encode()


@dataclass
class Key:
    terminal_id: str
    key: bytes


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def platform(request: pytest.FixtureRequest,
             tmp_path: Path) -> Iterator[tuple[PlatformProcess, Engine]]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'platform.db'}"
    else:
        url = pg_url_or_skip()
        drop_every_table(url)
    process = PlatformProcess(url, workers=2)
    process.start(timeout=90)
    engine = make_engine(url)
    try:
        wait_for_both_workers(process)
        yield process, engine
    finally:
        engine.dispose()
        process.stop()


def enroll(process: PlatformProcess, code: str) -> Key:
    enrolled = PlatformClient.enroll(process.url, code)
    return Key(enrolled.terminal_id, base64.urlsafe_b64decode(enrolled.key))


Send = Callable[[HTTPConnection], tuple[int, str]]


def signed(terminal: Key, path: str, body: bytes) -> Send:
    """A request freshly signed (a new nonce) each time it is sent."""

    def send(connection: HTTPConnection) -> tuple[int, str]:
        headers = {**signing.signed_headers(terminal.terminal_id, terminal.key, "POST", path,
                                            body, int(time.time())),
                   "Content-Type": "application/json"}
        connection.request("POST", path, body, headers)
        answer = connection.getresponse()
        content = answer.read()
        return answer.status, json.loads(content).get("code", "") if content else ""

    return send


def by_worker(process: PlatformProcess, send: Send) -> dict[str, tuple[int, str]]:
    """`send` on new connections until each worker answered it once: worker -> answer."""
    answers: dict[str, tuple[int, str]] = {}
    for _ in range(300):
        connection, worker = connect(process)
        answers.setdefault(worker, send(connection))
        connection.close()
        if len(answers) == 2:
            return answers
    raise AssertionError(f"one worker never answered: {answers}")


def test_a_withdrawn_or_rekeyed_terminal_is_refused_at_once_by_every_worker(
        platform: tuple[PlatformProcess, Engine]) -> None:
    process, engine = platform
    kiosk = enroll(process, enrollment.issue_code(engine, "C001", Role.KIOSK))
    counter = enroll(process, enrollment.issue_code(engine, "C001", Role.COUNTER))
    beat, call = signed(kiosk, "/v1/heartbeat", BEAT), signed(counter, "/v1/queue/call-next", CALL)
    # both workers have read (and on PostgreSQL keep) both terminals' rows
    assert set(by_worker(process, beat).values()) == {(204, "")}
    assert set(by_worker(process, call).values()) == {(204, "")}  # nobody waits

    for terminal in (kiosk, counter):
        assert enrollment.revoke(engine, terminal.terminal_id)  # by this, another process
    revoked = (401, signing.TERMINAL_REVOKED)
    assert set(by_worker(process, beat).values()) == {revoked}
    assert set(by_worker(process, call).values()) == {revoked}

    renewed = [enroll(process, code) for code in (
        enrollment.renewal_code(engine, kiosk.terminal_id),
        enrollment.renewal_code(engine, counter.terminal_id))]
    assert [terminal.terminal_id for terminal in renewed] == [kiosk.terminal_id,
                                                              counter.terminal_id]
    assert set(by_worker(process, beat).values()) == {(401, "bad_signature")}  # the old key
    assert set(by_worker(process, call).values()) == {(401, "bad_signature")}
    assert set(by_worker(process, signed(renewed[0], "/v1/heartbeat", BEAT)).values()) \
        == {(204, "")}
    assert set(by_worker(process, signed(renewed[1], "/v1/queue/call-next", CALL)).values()) \
        == {(204, "")}
