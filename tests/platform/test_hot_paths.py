"""The link probe, the heartbeat and call-next answered beneath FastAPI's routing
(`sync.server.hot_paths`): the same checks as every signed route, the nonce
table shared with them, the same answers as their routes (SQLite and
PostgreSQL, through the ASGI app)."""

from __future__ import annotations

import json
import os
import time

from fastapi.testclient import TestClient
from platform_helpers import SignedClient, enroll_terminal
from sqlalchemy import Engine, select, update
from test_queue import load_queues, number_of

from sync.protocol import signing
from sync.protocol.models import MAX_BATCH_BYTES, Role
from sync.server.db import HeartbeatRecord, Terminal
from sync.server.hot_paths import WORKER_HEADER

BEAT = {"version": "1.0", "role": "kiosk", "backlog": 3, "dead_letters": 0,
        "free_disk_bytes": 10**9}


def stored(engine: Engine, terminal_id: str) -> dict[str, object] | None:
    with engine.connect() as connection:
        body = connection.scalar(select(HeartbeatRecord.body)
                                 .where(HeartbeatRecord.terminal_id == terminal_id))
    return json.loads(body) if body is not None else None


def signed_beat(kiosk: SignedClient, beat: dict[str, object],
                path: str = "/v1/heartbeat") -> tuple[bytes, dict[str, str]]:
    body = json.dumps(beat).encode()
    headers = signing.signed_headers(kiosk.terminal_id, kiosk.key, "POST", path, body,
                                     int(time.time()))
    return body, {**headers, "Content-Type": "application/json"}


def test_the_probe_names_the_process_that_answered(client: TestClient) -> None:
    answer = client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"ok": True}
    assert answer.headers[WORKER_HEADER] == str(os.getpid())


def test_a_heartbeat_is_stored_once_and_its_replay_refused(
        client: TestClient, engine: Engine, kiosk: SignedClient) -> None:
    body, headers = signed_beat(kiosk, BEAT)
    assert client.post("/v1/heartbeat", content=body, headers=headers).status_code == 204
    assert stored(engine, kiosk.terminal_id) == {**BEAT, "damaged_records": 0, "devices": {},
                                                 "last_delivery_at": None}
    later = {**BEAT, "backlog": 9}
    assert kiosk.request("POST", "/v1/heartbeat", json_body=later).status_code == 204
    replay = client.post("/v1/heartbeat", content=body, headers=headers)
    assert replay.status_code == 401
    assert replay.json()["code"] == "replayed_nonce"
    assert stored(engine, kiosk.terminal_id)["backlog"] == 9  # type: ignore[index]


def test_a_heartbeat_nonce_is_spent_for_every_route(
        client: TestClient, kiosk: SignedClient) -> None:
    body, headers = signed_beat(kiosk, BEAT)
    assert client.post("/v1/heartbeat", content=body, headers=headers).status_code == 204
    path = "/v1/catalog"
    other = signing.signed_headers(kiosk.terminal_id, kiosk.key, "GET", path, b"",
                                   int(time.time()))
    other[signing.HEADER_NONCE] = headers[signing.HEADER_NONCE]
    other[signing.HEADER_SIGNATURE] = signing.sign(
        kiosk.key, "GET", path, b"", int(other[signing.HEADER_TIMESTAMP]),
        headers[signing.HEADER_NONCE])
    answer = client.get(path, headers=other)
    assert answer.status_code == 401
    assert answer.json()["code"] == "replayed_nonce"


def test_a_heartbeat_is_checked_as_every_signed_request(
        client: TestClient, engine: Engine, kiosk: SignedClient) -> None:
    body, headers = signed_beat(kiosk, BEAT)
    forged = {**headers, signing.HEADER_SIGNATURE: "0" * 64}
    assert client.post("/v1/heartbeat", content=body, headers=forged).json()["code"] \
        == "bad_signature"
    other_body = json.dumps({**BEAT, "backlog": 1000}).encode()
    assert client.post("/v1/heartbeat", content=other_body, headers=headers).json()["code"] \
        == "bad_signature"
    stranger = {**headers, signing.HEADER_TERMINAL: "T-NOBODY"}
    assert client.post("/v1/heartbeat", content=body, headers=stranger).status_code == 401
    old = int(time.time()) - signing.MAX_SKEW_SECONDS - 60
    late = signing.signed_headers(kiosk.terminal_id, kiosk.key, "POST", "/v1/heartbeat",
                                  body, old)
    answer = client.post("/v1/heartbeat", content=body, headers=late)
    assert (answer.status_code, answer.json()["code"]) == (401, "clock_skew")
    with engine.begin() as connection:
        connection.execute(update(Terminal).where(Terminal.id == kiosk.terminal_id)
                           .values(revoked_at=time.time()))
    answer = client.post("/v1/heartbeat", content=body, headers=headers)
    assert (answer.status_code, answer.json()["code"]) == (401, signing.TERMINAL_REVOKED)
    assert stored(engine, kiosk.terminal_id) is None


def test_every_terminal_role_may_beat(client: TestClient, engine: Engine) -> None:
    for role in Role:
        terminal = enroll_terminal(client, engine, role)
        answer = terminal.request("POST", "/v1/heartbeat", json_body={**BEAT, "role": role})
        assert answer.status_code == 204, answer.text


def test_requests_it_does_not_take_get_the_routes_answers(
        client: TestClient, engine: Engine, kiosk: SignedClient) -> None:
    unsigned = client.post("/v1/heartbeat", json=BEAT)
    assert (unsigned.status_code, unsigned.json()["code"]) == (401, "bad_signature")
    invalid = kiosk.request("POST", "/v1/heartbeat", json_body={**BEAT, "backlog": -1})
    assert (invalid.status_code, invalid.json()["code"]) == (422, "invalid_request")
    body, headers = signed_beat(kiosk, {**BEAT, "backlog": -1})
    first = client.post("/v1/heartbeat", content=body, headers=headers)
    assert first.json()["code"] == "invalid_request"  # and its nonce spent
    assert client.post("/v1/heartbeat", content=body, headers=headers).json()["code"] \
        == "replayed_nonce"
    too_large = kiosk.request("POST", "/v1/heartbeat", content=b" " * (MAX_BATCH_BYTES + 1))
    assert (too_large.status_code, too_large.json()["code"]) == (413, "body_too_large")
    assert stored(engine, kiosk.terminal_id) is None


def test_call_next_answers_as_its_route_and_refuses_a_replay(
        client: TestClient, engine: Engine, kiosk: SignedClient,
        counter: SignedClient) -> None:
    load_queues(engine)
    first, second = number_of(kiosk), number_of(kiosk, priority="elderly")
    call = {"window": "3", "staff_no": "1001", "categories": []}
    body = json.dumps(call).encode()
    headers = {**signing.signed_headers(counter.terminal_id, counter.key, "POST",
                                        "/v1/queue/call-next", body, int(time.time())),
               "Content-Type": "application/json"}
    hot = client.post("/v1/queue/call-next", content=body, headers=headers)
    assert hot.status_code == 200
    replay = client.post("/v1/queue/call-next", content=body, headers=headers)
    assert (replay.status_code, replay.json()["code"]) == (401, "replayed_nonce")
    routed = counter.request("POST", "/v1/queue/call-next?through=route", json_body=call)
    assert routed.status_code == 200
    assert {hot.json()["number"], routed.json()["number"]} == {first, second}
    assert hot.headers["content-type"] == routed.headers["content-type"]
    hot_ticket, routed_ticket = hot.json(), routed.json()
    assert hot_ticket.keys() == routed_ticket.keys()
    same = ("category", "status", "window", "people_ahead", "recalls")
    assert {key: hot_ticket[key] for key in same} == {key: routed_ticket[key] for key in same}
    assert (hot_ticket["status"], hot_ticket["window"]) == ("called", "3")
    empty = counter.request("POST", "/v1/queue/call-next", json_body=call)
    assert (empty.status_code, empty.content) == (204, b"")


def test_call_next_keeps_its_policy(client: TestClient, engine: Engine,
                                    kiosk: SignedClient) -> None:
    load_queues(engine)
    number_of(kiosk)
    call = {"window": "1", "staff_no": "1001", "categories": []}
    refused = kiosk.request("POST", "/v1/queue/call-next", json_body=call)
    assert (refused.status_code, refused.json()["code"]) == (403, "wrong_role")
    display = enroll_terminal(client, engine, Role.DISPLAY)
    assert display.request("POST", "/v1/queue/call-next", json_body=call).status_code == 403
    stranger = enroll_terminal(client, engine, Role.COUNTER, center="C-002")
    assert stranger.request("POST", "/v1/queue/call-next", json_body=call).status_code == 204


def test_a_body_not_sent_as_json_gets_the_routes_answer(
        client: TestClient, kiosk: SignedClient) -> None:
    for content_type in (None, "text/plain"):
        body, headers = signed_beat(kiosk, BEAT)
        del headers["Content-Type"]
        if content_type:
            headers["Content-Type"] = content_type
        answer = client.post("/v1/heartbeat", content=body, headers=headers)
        assert (answer.status_code, answer.json()["code"]) == (422, "invalid_request")
    body, headers = signed_beat(kiosk, BEAT)
    headers["Content-Type"] = "application/vnd.reception+json; charset=utf-8"
    assert client.post("/v1/heartbeat", content=body, headers=headers).status_code == 204
