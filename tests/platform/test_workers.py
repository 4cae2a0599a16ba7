"""`serve --workers 2` over real HTTP: a burst of new connections is spread over
both workers (each listens on a socket of its own, SO_REUSEPORT), and a heartbeat
replayed to either worker is refused (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import selectors
import signal
import socket
import time
from collections import Counter
from collections.abc import Iterator
from http.client import HTTPConnection
from pathlib import Path

import pytest
from conftest import drop_every_table, pg_url_or_skip
from platform_helpers import enroll_with_process

from sync.protocol import signing
from sync.protocol.models import Role
from sync.server.hot_paths import WORKER_HEADER
from sync.server.process import PlatformProcess

BURST = 64
#: How long a held worker's share of a burst may wait for the others to answer theirs.
HELD_SECONDS = 3.0


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[PlatformProcess]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'platform.db'}"
    else:
        url = pg_url_or_skip()
        drop_every_table(url)
    process = PlatformProcess(url, workers=2)
    process.start(timeout=90)
    try:
        yield process
    finally:
        process.stop()


def connect(process: PlatformProcess) -> tuple[HTTPConnection, str]:
    """A new connection and the pid of the worker that took it."""
    connection = HTTPConnection("127.0.0.1", process.port, timeout=30)
    connection.request("GET", "/healthz")
    answer = connection.getresponse()
    answer.read()
    return connection, answer.headers[WORKER_HEADER]


PROBE = b"GET /healthz HTTP/1.1\r\nHost: platform\r\nConnection: close\r\n\r\n"


def burst(process: PlatformProcess, count: int, held: str | None = None) -> Counter[str]:
    """`count` connections opened at once, then asked which worker took each. With
    `held` (a worker's pid), that worker is stopped (busy) while the connections
    are opened and the others answer what they took, for up to HELD_SECONDS."""
    if held is not None:
        os.kill(int(held), signal.SIGSTOP)
    try:
        connections = [socket.create_connection(("127.0.0.1", process.port), timeout=30)
                       for _ in range(count)]
        for connection in connections:
            connection.sendall(PROBE)
        answers = _answers(connections, HELD_SECONDS if held is not None else 30.0)
    finally:
        if held is not None:
            os.kill(int(held), signal.SIGCONT)
    answers.update(_answers([c for c in connections if c not in answers], 30.0))
    for connection in connections:
        connection.close()
    return Counter(_worker(answer) for answer in answers.values())


def _answers(connections: list[socket.socket], seconds: float) -> dict[socket.socket, bytes]:
    """Each connection's whole answer (the platform closes it), for those that came."""
    received = {connection: b"" for connection in connections}
    done: dict[socket.socket, bytes] = {}
    deadline = time.monotonic() + seconds
    with selectors.DefaultSelector() as selector:
        for connection in connections:
            selector.register(connection, selectors.EVENT_READ)
        while len(done) < len(connections) and (left := deadline - time.monotonic()) > 0:
            for key, _ in selector.select(left):
                connection = key.fileobj
                assert isinstance(connection, socket.socket)
                chunk = connection.recv(4096)
                if chunk:
                    received[connection] += chunk
                else:
                    done[connection] = received[connection]
                    selector.unregister(connection)
    return done


def _worker(answer: bytes) -> str:
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    return next(line.split(":", 1)[1].strip() for line in head[1:]
                if line.lower().startswith(WORKER_HEADER.lower() + ":"))


def wait_for_both_workers(process: PlatformProcess) -> set[str]:
    deadline = time.monotonic() + 90
    while len(workers := burst(process, 8)) < 2:
        assert time.monotonic() < deadline, "the second worker never answered"
        time.sleep(0.2)
    return set(workers)


def test_a_burst_of_connections_is_spread_over_the_workers(
        platform: PlatformProcess) -> None:
    """Even while one worker is busy: on one shared socket the other accepted the
    whole burst (and would keep those streams for their lifetime)."""
    busy = min(wait_for_both_workers(platform))
    workers = burst(platform, BURST, held=busy)
    assert len(workers) == 2, workers
    assert min(workers.values()) >= BURST // 8, workers  # a fair coin: 1e-10 to fail


def test_a_heartbeat_replayed_to_either_worker_is_refused(platform: PlatformProcess) -> None:
    terminal_id, key = enroll_with_process(platform, Role.KIOSK)
    body = json.dumps({"version": "1", "role": "kiosk", "backlog": 0, "dead_letters": 0,
                       "free_disk_bytes": 1}).encode()
    headers = {**signing.signed_headers(terminal_id, key, "POST", "/v1/heartbeat",
                                        body, int(time.time())),
               "Content-Type": "application/json"}
    wait_for_both_workers(platform)
    connection, first = connect(platform)
    connection.request("POST", "/v1/heartbeat", body, headers)
    assert connection.getresponse().status == 204
    connection.close()
    refused_by: set[str] = set()
    for _ in range(200):
        connection, worker = connect(platform)
        connection.request("POST", "/v1/heartbeat", body, headers)
        answer = connection.getresponse()
        assert (answer.status, json.loads(answer.read())["code"]) == (401, "replayed_nonce")
        connection.close()
        refused_by.add(worker)
        if len(refused_by) == 2:
            break
    assert len(refused_by) == 2 and first in refused_by
