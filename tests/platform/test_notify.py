"""Notifying residents from the real platform: messages queued with the change
that causes them, sent by `reception-platform notify` (a real process) to a real
HTTP server standing in for the SMS gateway, shaped by the configured templates,
retried with back-off, failed for good on a refusal, and once only per key even
when the sender is killed between the gateway's answer and its own record."""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import drop_every_table, pg_url_or_skip
from platform_helpers import acceptance_item, application_item, tiny_catalog
from sqlalchemy import Engine, func, select, update

from sync.protocol import signing
from sync.protocol.models import Catalog, Role
from sync.protocol.queue import QueueCategoryList
from sync.server import documents, enrollment, sealing
from sync.server.db import BookingRow, NotificationRow, NotifyContact, QueueTicket, make_engine
from sync.server.notify.sender import Sender, backoff
from sync.server.notify.timed import purge, queue_timed
from sync.server.notify.transports import HttpSmsTransport, LogTransport, Outgoing
from sync.server.process import PlatformProcess
from sync.server.queue.bookings import DEFAULT_RULE
from sync.server.queue.core import ZONE

PHONE = "13912345678"
MASKED = "139****5678"
KEYS = "k1:" + base64.urlsafe_b64encode(b"n" * 32).decode()
BOOKED = "M-BOOKED"
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
BODY = '{"to": "${phone}", "text": "${text}", "ref": "${key}"}'


@dataclass
class Gateway:
    """An SMS gateway on loopback: records every request, delivers each
    idempotency key once, answers `fail_next` 503s first, holds answers while
    `hold` is set."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    delivered: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail_next: int = 0
    refuse: bool = False
    hold: threading.Event = field(default_factory=threading.Event)
    held: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    url: str = ""

    def handle(self, headers: dict[str, str], body: bytes) -> int:
        message = json.loads(body)
        key = headers.get("idempotency-key", "")
        with self.lock:
            self.requests.append({"key": key, "body": message,
                                  "auth": headers.get("authorization")})
            if self.refuse:
                return 400
            if self.fail_next > 0:
                self.fail_next -= 1
                return 503
            self.delivered.setdefault(key, message)
        if self.hold.is_set():
            self.held.set()
            time.sleep(30)  # the sender is killed while it waits for this answer
        return 200


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    state = Gateway()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status = state.handle({k.lower(): v for k, v in self.headers.items()}, body)
            try:
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()
            except OSError:
                pass  # the sender is gone

        def log_message(self, *_args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}/v2/send"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@dataclass
class Live:
    url: str
    db_url: str
    engine: Engine
    folder: Path


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def live(request: pytest.FixtureRequest, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> Iterator[Live]:
    monkeypatch.setenv(sealing.KEYS_ENV, KEYS)
    if request.param == "sqlite":
        db_url = f"sqlite:///{tmp_path / 'platform.db'}"
    else:
        db_url = pg_url_or_skip()
        drop_every_table(db_url)
    process = PlatformProcess(db_url, log_path=tmp_path / "platform.log")
    process.start()
    engine = make_engine(db_url)
    base = tiny_catalog()
    booked = base.matters[0].model_copy(update={"code": BOOKED, "needs_appointment": True})
    documents.put_document(engine, "catalog", Catalog(departments=base.departments,
                                                      matters=[*base.matters, booked]))
    documents.put_queue_categories(engine, QueueCategoryList.model_validate_json(
        (DEMO / "queue_categories.json").read_bytes()))
    try:
        yield Live(process.url, db_url, engine, tmp_path)
    finally:
        process.stop()
        engine.dispose()


def _terminal(live: Live, role: Role) -> tuple[str, bytes]:
    code = enrollment.issue_code(live.engine, "C-NOTE", role)
    enrolled = httpx.post(live.url + "/v1/enroll", json={"code": code}, timeout=10).json()
    return enrolled["terminal_id"], base64.urlsafe_b64decode(enrolled["key"])


def _deliver(live: Live, terminal: tuple[str, bytes], *items: dict[str, Any]) -> None:
    body = json.dumps({"items": list(items)}).encode()
    headers = signing.signed_headers(terminal[0], terminal[1], "POST",
                                     "/v1/transactions/batch", body, int(time.time()))
    answer = httpx.post(live.url + "/v1/transactions/batch", content=body,
                        headers={**headers, "Content-Type": "application/json"}, timeout=10)
    assert [r["status"] for r in answer.json()["results"]] == ["accepted"] * len(items), \
        answer.text


def _case_with_phone(live: Live) -> str:
    """A kiosk application with a phone, accepted, started and completed: three moves."""
    number = "N-" + uuid.uuid4().hex[:8].upper()
    kiosk, counter = _terminal(live, Role.KIOSK), _terminal(live, Role.COUNTER)
    submitted = application_item(number)
    submitted["payload"]["applicant"]["phone"] = PHONE
    _deliver(live, kiosk, submitted)
    progress = [{"id": str(uuid.uuid4()), "seq": 3 + index,
                 "created_at": datetime.now(UTC).isoformat(),
                 "payload": {"kind": "case_progress", "tracking_number": number,
                             "action": action, **extra}}
                for index, (action, extra) in enumerate(
                    [("in_progress", {}), ("completed", {"result": "approved"})])]
    for item in (acceptance_item(number, "accepted", seq=2), *progress):  # one by one
        _deliver(live, counter, item)
    return number


def _config(live: Live, gateway: Gateway, **extra: str) -> Path:
    lines = ["[notify]", 'transport = "http"', "interval = 0.2", "lease = 1.0",
             *(f"{key} = {value}" for key, value in extra.items()),
             "[notify.http]", f'url = "{gateway.url}"', f"body = '{BODY}'",
             "[notify.http.headers]", 'Content-Type = "application/json"',
             'Authorization = "Bearer demo-token"']
    path = live.folder / "notify.toml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _sender(live: Live, config: Path, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "sync.server.cli", "notify", "--db", live.db_url,
             "--config", str(config)], stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, sealing.KEYS_ENV: KEYS})


def _until(condition: Any, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _states(live: Live) -> dict[str, str]:
    with live.engine.connect() as connection:
        return dict(connection.execute(select(NotificationRow.key, NotificationRow.state))
                    .all())


def test_a_case_s_moves_reach_the_gateway_once_each_in_the_configured_shape(
        live: Live, gateway: Gateway) -> None:
    number = _case_with_phone(live)
    keys = {f"case:{number}:{state}" for state in ("accepted", "in_progress", "completed")}
    assert set(_states(live)) == keys  # queued with the moves; "received" says nothing
    with live.engine.connect() as connection:  # the phone is sealed at rest
        stored = connection.execute(select(NotificationRow.phone)).scalars().all()
    assert not any(PHONE in value for value in stored)

    log = live.folder / "sender.log"
    sender = _sender(live, _config(live, gateway), log)
    try:
        _until(lambda: set(gateway.delivered) == keys)
        _until(lambda: set(_states(live).values()) == {"sent"})
    finally:
        sender.send_signal(signal.SIGTERM)
        assert sender.wait(10) == 0
    completed = gateway.delivered[f"case:{number}:completed"]
    assert completed["to"] == PHONE and completed["ref"] == f"case:{number}:completed"
    assert number in completed["text"] and "已办结" in completed["text"]
    assert {r["auth"] for r in gateway.requests} == {"Bearer demo-token"}
    assert len(gateway.requests) == 3
    written = log.read_text("utf-8")
    assert MASKED in written and PHONE not in written and "已办结" not in written


def test_a_sender_killed_mid_way_sends_nothing_twice(live: Live, gateway: Gateway) -> None:
    number = _case_with_phone(live)
    config = _config(live, gateway)
    log = live.folder / "sender.log"
    gateway.hold.set()  # the gateway takes the first message, then answers late
    first = _sender(live, config, log)
    try:
        _until(gateway.held.is_set)
    finally:
        first.kill()  # between the gateway's delivery and the sender's record
        first.wait(10)
    assert len(gateway.delivered) == 1
    gateway.hold.clear()
    second = _sender(live, config, log)
    try:
        _until(lambda: set(_states(live).values()) == {"sent"})
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(10)
    sent_keys = [request["key"] for request in gateway.requests]
    [again] = {key for key in sent_keys if sent_keys.count(key) > 1}  # the one in flight
    assert again.startswith(f"case:{number}:")
    assert len(gateway.delivered) == 3  # the gateway dropped the repeat by its key
    assert sorted(set(sent_keys)) == sorted(gateway.delivered)


@pytest.mark.log_warnings(r"failed for good after 1 attempts: gateway answered HTTP 400")
def test_transient_failures_back_off_and_a_refusal_fails_for_good(
        live: Live, gateway: Gateway) -> None:
    number = _case_with_phone(live)
    transport = HttpSmsTransport(gateway.url, headers={"Content-Type": "application/json"},
                                 body=BODY)
    sender = Sender(live.engine, transport, base_delay=60.0, jitter=lambda: 0.5)
    gateway.fail_next = 4
    assert sender.pass_once() == 0  # three 503s
    with live.engine.connect() as connection:
        waits = connection.execute(select(NotificationRow.next_at, NotificationRow.attempts,
                                          NotificationRow.state)).all()
    assert {(attempts, state) for _, attempts, state in waits} == {(1, "pending")}
    assert all(at > time.time() + 20 for at, _, _ in waits)  # 30 s: half of 60 s
    assert sender.pass_once() == 0  # not due yet: nothing claimed
    assert len(gateway.requests) == 3
    later = time.time() + 3600
    assert sender.pass_once(later) == 2  # one more 503, then two sent
    assert sender.pass_once(later + 3600) == 1
    assert len(gateway.delivered) == 3 and len(gateway.requests) == 7

    assert [backoff(n, base=5, draw=lambda: 1.0) for n in (1, 2, 3, 20)] == \
        [5, 10, 20, 3600]
    refused = "N-" + uuid.uuid4().hex[:8].upper()
    gateway.refuse = True
    kiosk, counter = _terminal(live, Role.KIOSK), _terminal(live, Role.COUNTER)
    item = application_item(refused)
    item["payload"]["applicant"]["phone"] = PHONE
    _deliver(live, kiosk, item)
    _deliver(live, counter, acceptance_item(refused, "not_accepted", seq=2, reason="no"))
    assert sender.pass_once() == 0
    assert _states(live)[f"case:{refused}:rejected"] == "failed"
    assert number


def test_the_log_transport_writes_each_key_once_with_a_masked_phone(tmp_path: Path) -> None:
    transport = LogTransport(tmp_path / "sms.jsonl")
    message = Outgoing("case:X-1:accepted", "case_moved", PHONE, "您的办件 X-1 已受理")
    transport.send(message)
    transport.send(message)
    lines = (tmp_path / "sms.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {"key": "case:X-1:accepted", "kind": "case_moved", "to": MASKED,
         "text": "您的办件 X-1 已受理"}]


def test_a_booked_resident_is_reminded_and_told_when_the_number_is_near(live: Live) -> None:
    kiosk = _terminal(live, Role.KIOSK)
    day = datetime.now(UTC).date() + timedelta(days=1)
    start, end = DEFAULT_RULE.slots(day)[0] if DEFAULT_RULE.slots(day) else (None, None)
    if start is None:  # a weekend: the rule gives no slot
        day += timedelta(days=2)
        start, end = DEFAULT_RULE.slots(day)[0]
    code = f"BK-{day:%Y%m%d}-NOTE-0001"
    _deliver(live, kiosk, {"id": str(uuid.uuid4()), "seq": 1,
                           "created_at": datetime.now(UTC).isoformat(),
                           "payload": {"kind": "booking", "booking_code": code,
                                       "matter_code": BOOKED,
                                       "slot_start": start.isoformat(),
                                       "slot_end": end.isoformat(),
                                       "applicant": {"name": "Li Wei", "phone": PHONE}}})
    hours = (start.timestamp() - time.time()) / 3600
    assert queue_timed(live.engine, time.time(), near=3, remind_hours=hours - 1) == 0
    assert queue_timed(live.engine, time.time(), near=3, remind_hours=hours + 1) == 1
    assert queue_timed(live.engine, time.time(), near=3, remind_hours=hours + 1) == 0
    assert _states(live) == {f"booking:{code}:reminder": "pending"}

    # the day comes: the resident checks in behind five others
    with live.engine.begin() as connection:
        connection.execute(update(BookingRow).where(BookingRow.booking_code == code).values(
            slot_start=time.time() + 600, slot_end=time.time() + 2400))
    counter = _terminal(live, Role.COUNTER)
    for _ in range(5):
        _signed(live, kiosk, "/v1/queue/tickets", {"category": "A",
                                                    "client_ref": str(uuid.uuid4())})
    # the five came an hour earlier: a booked ticket's wait counts double in
    # call-next, so one issued milliseconds after them could be called first
    with live.engine.begin() as connection:
        connection.execute(update(QueueTicket).values(queued_at=QueueTicket.queued_at - 3600))
    ticket = _signed(live, kiosk, "/v1/queue/tickets", {
        "category": "A", "booking_code": code, "client_ref": str(uuid.uuid4())})
    assert ticket.status_code == 200, ticket.text
    number = ticket.json()["number"]
    assert queue_timed(live.engine, time.time(), near=3, remind_hours=1) == 0  # 5 ahead
    for _ in range(2):
        assert _signed(live, counter, "/v1/queue/call-next", {
            "window": "1", "staff_no": "1001", "categories": []}).status_code == 200
    assert queue_timed(live.engine, time.time(), near=3, remind_hours=1) == 1  # 3 ahead
    assert queue_timed(live.engine, time.time(), near=3, remind_hours=1) == 0
    near = [key for key in _states(live) if key.endswith(":near")]
    assert near == [f"ticket:C-NOTE:{datetime.now(ZONE):%Y-%m-%d}:{number}:near"]


def _signed(live: Live, terminal: tuple[str, bytes], path: str,
            payload: dict[str, Any]) -> httpx.Response:
    body = json.dumps(payload).encode()
    headers = signing.signed_headers(terminal[0], terminal[1], "POST", path, body,
                                     int(time.time()))
    return httpx.post(live.url + path, content=body,
                      headers={**headers, "Content-Type": "application/json"}, timeout=10)


def test_docs_configuration_lists_every_notifier_setting() -> None:
    from sync.server.notify.settings import HttpSettings, NotifySettings
    from terminal.config_doc import NOTIFY_SETTINGS

    documented = {(section, key) for section, key, _, _ in NOTIFY_SETTINGS}
    assert documented == {("notify", name) for name in NotifySettings.model_fields} | {
        ("notify.http", name) for name in HttpSettings.model_fields}


def test_phones_are_forgotten_after_the_kept_days(live: Live, gateway: Gateway) -> None:
    number = _case_with_phone(live)
    transport = HttpSmsTransport(gateway.url, headers={"Content-Type": "application/json"},
                                 body=BODY)
    assert Sender(live.engine, transport).pass_once() == 3
    now = time.time()
    assert purge(live.engine, now, keep_days=1) == 0  # all fresh
    with live.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(NotifyContact)) == 1
    removed = purge(live.engine, now + 2 * 86400, keep_days=1)
    assert removed == 4  # the case's contact and its three sent messages
    assert _states(live) == {} and number
