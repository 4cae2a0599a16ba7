"""The authorization layer, checked from the route table.

- Every route the app serves declares a policy (`sync.server.access`).
- The matrix: every route is called unsigned and as every terminal role of
  the center that owns the objects (C-001) and of another center (C-002),
  on a real platform over loopback. A role the policy does not name gets
  403; an unsigned call to a terminal route 401; a caller of C-002 never
  sees C-001's data in an answer and changes nothing of C-001's.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from platform_helpers import SignedClient, application_item
from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from sync.protocol import signing
from sync.protocol.models import Role
from sync.server import enrollment
from sync.server.access import Policy, PolicyRoute, Scope, allow, route_table
from sync.server.app import create_app
from sync.server.db import (
    ApplicationState,
    Attachment,
    BookingRow,
    CaseRow,
    HeartbeatRecord,
    HelpRequestRow,
    QueueTicket,
    Terminal,
    make_engine,
)
from sync.server.process import PlatformProcess
from sync.server.queue.bookings import DEFAULT_RULE, id_hash

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
HOME, AWAY = "C-001", "C-002"
TRACKING = "RC-20260301-KA-00001"
APPLICANT = "Zhang Sanfeng"
ID_NUMBER = "110101195001011237"
BOOKING = "BK-HOME-0001"
KIOSK_NAME = "HOME-KIOSK-7"
PHOTO = b"C-001: photo of a household register"
PHOTO_SHA = hashlib.sha256(PHOTO).hexdigest()
#: Text only C-001's objects hold: no answer to a C-002 caller may contain it,
#: unless the caller sent it itself (an error message may name what was asked).
HOME_SECRETS = (HOME, TRACKING, APPLICANT, ID_NUMBER, BOOKING, KIOSK_NAME)


# ---------------------------------------------------------------- the route-policy test
def undeclared(app: FastAPI) -> list[str]:
    return [f"{entry.method} {entry.path}" for entry in route_table(app) if entry.policy is None]


def test_every_route_declares_a_policy() -> None:
    app = create_app("sqlite://")
    try:
        assert undeclared(app) == []
        assert len(list(route_table(app))) >= 25
    finally:
        app.state.engine.dispose()


def test_a_route_without_a_policy_is_found_and_refused() -> None:
    app = create_app("sqlite://")
    extra = APIRouter(route_class=PolicyRoute)

    @extra.get("/v1/forgotten")
    def forgotten() -> dict[str, str]:
        return {"leak": "everything"}

    @app.get("/plain")
    def plain() -> dict[str, str]:
        return {}

    app.include_router(extra)
    try:
        assert sorted(undeclared(app)) == ["GET /plain", "GET /v1/forgotten"]
        with TestClient(app) as client:
            answer = client.get("/v1/forgotten")
        assert (answer.status_code, answer.json()["code"]) == (403, "no_policy")
    finally:
        app.state.engine.dispose()


def test_a_policy_names_roles() -> None:
    with pytest.raises(ValueError):
        allow(objects="anything", scope=Scope.CENTER)


# ---------------------------------------------------------------- the world
@dataclass
class World:
    url: str
    engine: Engine
    http: httpx.Client
    terminals: dict[tuple[str, Role], SignedClient] = field(default_factory=dict)


def enroll(world: World, center: str, role: Role) -> SignedClient:
    code = enrollment.issue_code(world.engine, center, role)
    answer = world.http.post("/v1/enroll", json={"code": code, "hostname": f"{center}-{role}"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return SignedClient(world.http, body["terminal_id"],  # type: ignore[arg-type]
                        base64.urlsafe_b64decode(body["key"]))


def next_working_day() -> date:
    day = date.today() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def seed_home(world: World) -> None:
    """C-001's objects: an application, an attachment, a help request (id 1), a
    ticket, a booking."""
    kiosk = world.terminals[HOME, Role.KIOSK]
    item = application_item(TRACKING, matter="MZ-001", attachments=[PHOTO_SHA])
    item["payload"]["applicant"] = {"name": APPLICANT, "id_number": ID_NUMBER}
    call_staff = {**application_item(), "payload": {
        "kind": "help_request", "kiosk": KIOSK_NAME, "screen": "home"}}
    assert kiosk.request("PUT", f"/v1/attachments/{PHOTO_SHA}", content=PHOTO).status_code == 204
    answer = kiosk.request("POST", "/v1/transactions/batch",
                           json_body={"items": [item, call_staff]})
    assert [r["status"] for r in answer.json()["results"]] == ["accepted"] * 2, answer.text
    ticket = kiosk.request("POST", "/v1/queue/tickets",
                           json_body={"category": "A", "client_ref": str(uuid.uuid4())})
    assert ticket.status_code == 200, ticket.text
    start, end = DEFAULT_RULE.slots(next_working_day())[0]
    with world.engine.begin() as connection:
        connection.execute(insert(BookingRow).values(
            booking_code=BOOKING, center=HOME, matter_code="RS-006",
            slot_start=start.timestamp(), slot_end=end.timestamp(),
            id_hash=id_hash(world.engine, ID_NUMBER), status="booked"))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('access') / 'platform.db'}"
    process = PlatformProcess(db_url, demo_data=DEMO)
    engine = make_engine(db_url)
    process.start()
    try:
        with httpx.Client(base_url=process.url, timeout=10.0) as http:
            world = World(process.url, engine, http)
            for center in (HOME, AWAY):
                for role in Role:
                    world.terminals[center, role] = enroll(world, center, role)
            seed_home(world)
            yield world
    finally:
        process.stop()
        engine.dispose()


def home_snapshot(engine: Engine) -> dict[str, Any]:
    """Everything of C-001 a foreign caller might try to change."""
    with Session(engine) as session:
        home_terminals = select(Terminal.id).where(Terminal.center == HOME)
        return {
            "statuses": session.execute(
                select(ApplicationState.tracking_number, ApplicationState.status,
                       ApplicationState.note, ApplicationState.change_seq)
                .where(ApplicationState.center == HOME)).all(),
            "attachments": session.execute(
                select(Attachment.sha256, Attachment.size)
                .where(Attachment.center == HOME)).all(),
            "tickets": session.execute(
                select(QueueTicket.number, QueueTicket.status, QueueTicket.window,
                       QueueTicket.priority, QueueTicket.recalls)
                .where(QueueTicket.center == HOME).order_by(QueueTicket.id)).all(),
            "bookings": session.execute(
                select(BookingRow.booking_code, BookingRow.status, BookingRow.ticket_number)
                .where(BookingRow.center == HOME)).all(),
            "cases": session.execute(
                select(CaseRow.tracking_number, CaseRow.state, CaseRow.rating)
                .where(CaseRow.center == HOME)).all(),
            "help requests": session.execute(
                select(HelpRequestRow.id, HelpRequestRow.acknowledged_at,
                       HelpRequestRow.window).where(HelpRequestRow.center == HOME)).all(),
            "heartbeats": session.execute(
                select(HeartbeatRecord.terminal_id, HeartbeatRecord.body)
                .where(HeartbeatRecord.terminal_id.in_(home_terminals))).all(),
        }


# ---------------------------------------------------------------- samples per route
Check = Callable[[httpx.Response, bytes], None]


def _no_check(_answer: httpx.Response, _body: bytes) -> None:
    return None


@dataclass(frozen=True)
class Sample:
    """One request to a route, and what its allowed callers get back."""

    path: str
    body: Any = None  # JSON, or bytes as they are
    home: frozenset[int] = frozenset({200})
    away: frozenset[int] = frozenset({200})
    away_check: Check = _no_check

    def content(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        return b"" if self.body is None else json.dumps(self.body).encode()


def _missing_photo(answer: httpx.Response, _body: bytes) -> None:
    assert answer.json() == {"missing": [PHOTO_SHA]}


def _full_slots(answer: httpx.Response, _body: bytes) -> None:
    slots = answer.json()["slots"]
    assert slots and all(slot["remaining"] == slot["capacity"] for slot in slots)


def _rejected(answer: httpx.Response, _body: bytes) -> None:
    assert [result["status"] for result in answer.json()["results"]] == ["rejected"]


def _forged_acceptance() -> dict[str, Any]:
    return {"items": [{
        "id": str(uuid.uuid4()), "seq": 1, "created_at": datetime.now(UTC).isoformat(),
        "payload": {"kind": "acceptance", "tracking_number": TRACKING, "matter_code": "MZ-001",
                    "outcome": "not_accepted", "reason": "forged", "applicant": {}},
    }]}


ACTION = {"window": "9", "staff_no": "9001"}
BEAT = {"version": "9.9", "role": "kiosk", "backlog": 0, "dead_letters": 0,
        "free_disk_bytes": 1}


NO_MANAGER = frozenset({403})  # a counter without its manager's session: manager_required


def manager_samples() -> dict[tuple[str, str], Sample]:
    """The manager's routes: no terminal gets in without a signed-in manager
    (tests/platform/test_center_admin.py signs one in)."""
    notice = {"title_zh": "停水", "title_en": "Water off",
              "starts_at": datetime.now(UTC).isoformat()}
    routes: list[tuple[str, str, str, Any]] = [
        ("POST", "/v1/admin/sign-out", "/v1/admin/sign-out", None),
        ("GET", "/v1/admin/notices", "/v1/admin/notices", None),
        ("POST", "/v1/admin/notices", "/v1/admin/notices", notice),
        ("PUT", "/v1/admin/notices/{notice_id}", "/v1/admin/notices/N-1", notice),
        ("POST", "/v1/admin/notices/{notice_id}/expire", "/v1/admin/notices/N-1/expire", None),
        ("GET", "/v1/admin/staff", "/v1/admin/staff", None),
        ("POST", "/v1/admin/staff", "/v1/admin/staff",
         {"staff_no": "7777", "name": "Intruder", "pin": "123456"}),
        ("POST", "/v1/admin/staff/{staff_no}/deactivate", "/v1/admin/staff/1001/deactivate",
         None),
        ("POST", "/v1/admin/staff/{staff_no}/activate", "/v1/admin/staff/1001/activate", None),
        ("PUT", "/v1/admin/staff/{staff_no}/pin", "/v1/admin/staff/1001/pin",
         {"pin": "123456"}),
        ("PUT", "/v1/admin/staff/{staff_no}/card", "/v1/admin/staff/1001/card",
         {"card_uid": "04AABBCC"}),
        ("GET", "/v1/admin/setup", "/v1/admin/setup", None),
        ("PUT", "/v1/admin/windows", "/v1/admin/windows", {"windows": []}),
        ("PUT", "/v1/admin/opening", "/v1/admin/opening", {"opening": None}),
        ("GET", "/v1/admin/calendar/{year}", "/v1/admin/calendar/2026", None),
        ("PUT", "/v1/admin/calendar/{year}", "/v1/admin/calendar/2026",
         {"year": 2026, "days": []}),
        ("GET", "/v1/followups", "/v1/followups", None),
        ("POST", "/v1/followups/{follow_up_id}/answer", "/v1/followups/1/answer",
         {"answer": "called back"}),
        ("GET", "/v1/figures", "/v1/figures", None),
        ("GET", "/v1/figures.csv", "/v1/figures.csv", None),
    ]
    return {(method, template): Sample(path, body, home=NO_MANAGER, away=NO_MANAGER)
            for method, template, path, body in routes}


def samples() -> dict[tuple[str, str], Sample]:
    """A request for every route of the app; the table test fails on a route missing here."""
    slot_day = next_working_day().isoformat()
    return {
        ("POST", "/v1/enroll"): Sample("/v1/enroll", {"code": "no-such-code"},
                                       home=frozenset({403}), away=frozenset({403})),
        ("POST", "/v1/transactions/batch"): Sample(
            "/v1/transactions/batch", _forged_acceptance(), away_check=_rejected),
        ("POST", "/v1/attachments/query"): Sample(
            "/v1/attachments/query", {"sha256": [PHOTO_SHA]}, away_check=_missing_photo),
        ("PUT", "/v1/attachments/{sha256}"): Sample(
            f"/v1/attachments/{PHOTO_SHA}", PHOTO, home=frozenset({204}),
            away=frozenset({204})),
        ("GET", "/v1/catalog"): Sample("/v1/catalog"),
        ("GET", "/v1/notices"): Sample("/v1/notices"),
        ("GET", "/v1/staff"): Sample("/v1/staff"),
        ("POST", "/v1/staff/sign-in"): Sample(
            "/v1/staff/sign-in", {"purpose": "counter", "staff_no": "1001", "pin": "246810"}),
        ("GET", "/v1/statuses"): Sample("/v1/statuses?cursor=0"),
        ("GET", "/v1/applications/{tracking_number}"): Sample(
            f"/v1/applications/{TRACKING}", away=frozenset({404})),
        ("GET", "/v1/applications/{tracking_number}/detail"): Sample(
            f"/v1/applications/{TRACKING}/detail", away=frozenset({404})),
        ("GET", "/v1/applications/{tracking_number}/story"): Sample(
            f"/v1/applications/{TRACKING}/story", away=frozenset({404})),
        ("POST", "/v1/heartbeat"): Sample("/v1/heartbeat", BEAT, home=frozenset({204}),
                                          away=frozenset({204})),
        ("POST", "/v1/queue/tickets"): Sample(
            "/v1/queue/tickets", {"category": "A", "client_ref": str(uuid.uuid4())}),
        ("POST", "/v1/queue/leases"): Sample("/v1/queue/leases", {"category": "A", "size": 1}),
        ("GET", "/v1/queue/state"): Sample("/v1/queue/state"),
        ("POST", "/v1/queue/call-next"): Sample(
            "/v1/queue/call-next", {**ACTION, "categories": ["A"]},
            home=frozenset({200, 204}), away=frozenset({200, 204})),
        ("POST", "/v1/queue/tickets/{number}/{action}"): Sample(
            "/v1/queue/tickets/A001/recall", ACTION, home=frozenset({200, 409}),
            away=frozenset({200, 404, 409})),
        ("POST", "/v1/queue/walk-in"): Sample("/v1/queue/walk-in", {**ACTION, "category": "A"}),
        ("GET", "/v1/queue/stats"): Sample("/v1/queue/stats"),
        ("GET", "/v1/bookings/slots"): Sample(
            f"/v1/bookings/slots?matter=RS-006&date={slot_day}", away_check=_full_slots),
        ("GET", "/v1/bookings"): Sample(f"/v1/bookings?id_number={ID_NUMBER}"),
        ("GET", "/v1/queue/events"): Sample("/v1/queue/events"),
        ("GET", "/v1/cases"): Sample("/v1/cases"),
        ("GET", "/v1/cases/{tracking_number}"): Sample(
            f"/v1/cases/{TRACKING}", away=frozenset({404})),
        ("GET", "/v1/calendar"): Sample("/v1/calendar"),
        ("GET", "/v1/center"): Sample("/v1/center"),
        **manager_samples(),
        ("GET", "/a/{tracking_number}"): Sample(f"/a/{TRACKING}?c=WRONG1",
                                                home=frozenset({404}), away=frozenset({404})),
        ("GET", "/figures.csv"): Sample("/figures.csv"),
        ("GET", "/q/{day}/{number}"): Sample("/q/20260105/A001?c=WRONG1",
                                             home=frozenset({404}), away=frozenset({404})),
        ("GET", "/b/{booking_code}"): Sample(f"/b/{BOOKING}?c=WRONG1",
                                             home=frozenset({404}), away=frozenset({404})),
        ("POST", "/v1/help/{request_id}/acknowledge"): Sample(
            "/v1/help/1/acknowledge", ACTION, away=frozenset({404})),
        ("GET", "/fleet"): Sample("/fleet"),
        ("POST", "/fleet/terminals/{terminal_id}/revoke"): Sample("/fleet/terminals/T-X/revoke"),
        ("POST", "/fleet/terminals/{terminal_id}/rotate-key"): Sample(
            "/fleet/terminals/T-X/rotate-key"),
        ("GET", "/audit"): Sample("/audit"),
        ("GET", "/audit.csv"): Sample("/audit.csv"),
        ("GET", "/login"): Sample("/login"),
        ("POST", "/login"): Sample("/login", b"username=nobody&password=nothing",
                                   home=frozenset({401, 429}), away=frozenset({401, 429})),
        ("POST", "/logout"): Sample("/logout"),
        ("GET", "/healthz"): Sample("/healthz"),
        ("GET", "/openapi.json"): Sample("/openapi.json"),
        ("GET", "/docs"): Sample("/docs"),
    }


def policies() -> dict[tuple[str, str], Policy | None]:
    app = create_app("sqlite://")
    try:
        return {(entry.method, entry.path): entry.policy for entry in route_table(app)}
    finally:
        app.state.engine.dispose()


POLICIES = policies()


def routes() -> list[tuple[str, str]]:
    return sorted(POLICIES)


def test_every_route_has_a_matrix_sample() -> None:
    assert sorted(samples()) == routes()


def call(world: World, method: str, sample: Sample,
         caller: SignedClient | None) -> tuple[httpx.Response, bytes]:
    """The answer and its first bytes (one event of a stream)."""
    content = sample.content()
    headers = {"Content-Type": "application/octet-stream" if isinstance(sample.body, bytes)
               else "application/json"}
    if caller is not None:
        headers |= signing.signed_headers(caller.terminal_id, caller.key, method, sample.path,
                                          content, int(time.time()))
    with world.http.stream(method, sample.path, content=content, headers=headers) as answer:
        body = b""
        for chunk in answer.iter_bytes():
            body += chunk
            if answer.headers.get("content-type", "").startswith("text/event-stream") \
                    and b"\n\n" in body.split(b"data:", 1)[-1]:
                break
    answer._content = body
    return answer, body


@pytest.mark.parametrize("route", routes(), ids=lambda route: " ".join(route))
def test_matrix(world: World, route: tuple[str, str]) -> None:
    method, template = route
    sample = samples()[route]
    policy = POLICIES[route]
    assert policy is not None
    if policy.operators:  # people's routes: no terminal and nobody unsigned gets in
        refused = 303 if policy.page and method == "GET" else 401
        for caller in [None, *world.terminals.values()]:
            answer, _ = call(world, method, sample, caller)
            assert answer.status_code == refused, (route, answer.status_code)
        return
    unsigned, _ = call(world, method, sample, None)
    if policy.public:
        assert unsigned.status_code in sample.home
    else:
        assert (unsigned.status_code, unsigned.json()["code"]) == (401, "bad_signature")

    before = home_snapshot(world.engine)
    for role in Role:
        answer, body = call(world, method, sample, world.terminals[AWAY, role])
        where = f"{method} {template} as {role.value} of {AWAY}"
        if not policy.public and role not in policy.roles:
            assert (answer.status_code, answer.json()["code"]) == (403, "wrong_role"), where
            continue
        assert answer.status_code in sample.away, (where, answer.status_code, body[:300])
        asked = sample.path.encode() + sample.content()
        leaked = [secret for secret in HOME_SECRETS
                  if secret.encode() in body and secret.encode() not in asked]
        assert leaked == [], where
        sample.away_check(answer, body)
    assert home_snapshot(world.engine) == before, f"{method} {template} changed {HOME}'s data"

    for role in Role:
        answer, body = call(world, method, sample, world.terminals[HOME, role])
        where = f"{method} {template} as {role.value} of {HOME}"
        if not policy.public and role not in policy.roles:
            assert (answer.status_code, answer.json()["code"]) == (403, "wrong_role"), where
        else:
            assert answer.status_code in sample.home, (where, answer.status_code, body[:300])
