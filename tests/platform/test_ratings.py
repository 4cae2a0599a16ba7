"""Ratings at the platform, over HTTP on loopback against the real server process:
a rating only for a served ticket or a case of the rating counter's center, a
follow-up for every poor one that the center manager signed in on a counter
answers in the configured working days (overdue ones counted), and the figures
per window and clerk over a range of days, as JSON and CSV, for that manager."""

from __future__ import annotations

import base64
import csv
import io
import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from platform_helpers import acceptance_item, tiny_catalog
from sqlalchemy import Engine, select, update

from sync.protocol import signing
from sync.protocol.models import Role, StaffMember, StaffRoster
from sync.protocol.pin_hash import hash_pin
from sync.protocol.queue import QueueCategoryList
from sync.protocol.ratings import FollowUp, FollowUpList, RangeFigures
from sync.protocol.staff import HEADER_MANAGER_SESSION, MANAGER
from sync.protocol.work_calendar import WorkCalendar, WorkingDays
from sync.server import documents, enrollment, operators, sealing
from sync.server.db import FollowUpRow, make_engine
from sync.server.operators import OperatorRole
from sync.server.process import PlatformProcess
from sync.server.queue.core import local_day
from sync.server.ratings.settings import ANSWER_DAYS_ENV

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
CENTER = "C-RATE"
BATCH = "/v1/transactions/batch"
ANSWER_DAYS = 2
PIN = "246810"


@dataclass
class Live:
    url: str
    engine: Engine


@dataclass
class Term:
    http: httpx.Client
    terminal_id: str
    key: bytes
    manager: str | None = None  # the session of the manager signed in here

    def send(self, method: str, path: str, payload: Any = None) -> httpx.Response:
        body = json.dumps(payload).encode() if payload is not None else b""
        headers = signing.signed_headers(self.terminal_id, self.key, method, path, body,
                                         int(time.time()))
        headers["Content-Type"] = "application/json"
        if self.manager:
            headers[HEADER_MANAGER_SESSION] = self.manager
        return self.http.request(method, path, content=body, headers=headers)

    def sign_in(self, staff_no: str, pin: str = PIN) -> str | None:
        answer = self.send("POST", "/v1/staff/sign-in",
                           {"purpose": "counter", "staff_no": staff_no, "pin": pin})
        assert answer.status_code == 200, answer.text
        session: str | None = answer.json()["manager_session"]
        return session

    def deliver(self, *items: dict[str, Any]) -> list[tuple[str, str | None]]:
        answer = self.send("POST", BATCH, {"items": list(items)})
        assert answer.status_code == 200, answer.text
        return [(r["status"], r.get("code")) for r in answer.json()["results"]]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    folder = tmp_path_factory.mktemp("ratings")
    db_url = f"sqlite:///{folder / 'platform.db'}"
    mp = pytest.MonkeyPatch()
    mp.setenv(sealing.KEYS_ENV, "k1:" + base64.urlsafe_b64encode(b"r" * 32).decode())
    mp.setenv(ANSWER_DAYS_ENV, str(ANSWER_DAYS))
    process = PlatformProcess(db_url, log_path=folder / "platform.log")
    process.start()
    engine = make_engine(db_url)
    documents.put_document(engine, "catalog", tiny_catalog())
    documents.put_queue_categories(engine, QueueCategoryList.model_validate_json(
        (DEMO / "queue_categories.json").read_bytes()))
    pin = hash_pin(PIN, n=2**10)
    documents.put_document(engine, "staff", StaffRoster(staff=[
        StaffMember(staff_no="1001", name="Clerk One", pin_hash=pin, center=CENTER),
        StaffMember(staff_no="1002", name="Clerk Two", pin_hash=pin, center=CENTER),
        StaffMember(staff_no="9100", name="Manager", role=MANAGER, pin_hash=pin,
                    center=CENTER),
        StaffMember(staff_no="9200", name="Other manager", role=MANAGER, pin_hash=pin,
                    center="C-ELSEWHERE"),
    ]))
    try:
        yield Live(process.url, engine)
    finally:
        process.stop()
        engine.dispose()
        mp.undo()


def _enroll(live: Live, role: Role, center: str = CENTER) -> Iterator[Term]:
    code = enrollment.issue_code(live.engine, center, role)
    with httpx.Client(base_url=live.url, timeout=10) as http:
        enrolled = http.post("/v1/enroll", json={"code": code}).json()
        yield Term(http, enrolled["terminal_id"], base64.urlsafe_b64decode(enrolled["key"]))


@pytest.fixture
def kiosk(live: Live) -> Iterator[Term]:
    yield from _enroll(live, Role.KIOSK)


@pytest.fixture
def counter(live: Live) -> Iterator[Term]:
    yield from _enroll(live, Role.COUNTER)


@pytest.fixture
def stranger(live: Live) -> Iterator[Term]:
    yield from _enroll(live, Role.COUNTER, center="C-ELSEWHERE")


@pytest.fixture
def desk(live: Live) -> Iterator[Term]:
    """A counter of the center with its manager signed in."""
    for term in _enroll(live, Role.COUNTER):
        term.manager = term.sign_in("9100")
        assert term.manager
        yield term


@pytest.fixture
def stranger_kiosk(live: Live) -> Iterator[Term]:
    yield from _enroll(live, Role.KIOSK, center="C-ELSEWHERE")


def _issue(kiosk: Term) -> str:
    answer = kiosk.send("POST", "/v1/queue/tickets",
                        {"category": "A", "priority": None, "client_ref": str(uuid.uuid4())})
    assert answer.status_code == 200, answer.text
    number: str = answer.json()["number"]
    return number


def _serve(kiosk: Term, counter: Term, window: str, staff_no: str) -> str:
    """A ticket issued, called to `window` by `staff_no`, served and ended (the queue
    is empty before: call-next takes it)."""
    number = _issue(kiosk)
    called = counter.send("POST", "/v1/queue/call-next",
                          {"window": window, "staff_no": staff_no, "categories": []})
    assert called.status_code == 200 and called.json()["number"] == number, called.text
    for action in ("serve", "end"):
        answer = counter.send("POST", f"/v1/queue/tickets/{number}/{action}",
                              {"window": window, "staff_no": staff_no})
        assert answer.status_code == 200, answer.text
    return number


def _rating(level: int, *, number: str | None = None, ticket: str | None = None,
            day: str | None = None, reasons: list[str] | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {"kind": "rating", "level": level, "reasons": reasons or []}
    if number:
        payload["tracking_number"] = number
    if ticket:
        payload.update(ticket_number=ticket, ticket_day=day or local_day(time.time()))
    return {"id": str(uuid.uuid4()), "seq": 1, "created_at": datetime.now(UTC).isoformat(),
            "payload": payload}


def _follow_ups(counter: Term, state: str | None = None) -> FollowUpList:
    answer = counter.send("GET", "/v1/followups" + (f"?state={state}" if state else ""))
    assert answer.status_code == 200, answer.text
    return FollowUpList.model_validate(answer.json())


def _drain(kiosk: Term, counter: Term) -> None:
    """End every ticket left waiting by earlier tests (call-next takes the oldest)."""
    while (answer := counter.send("POST", "/v1/queue/call-next",
                                  {"window": "9", "staff_no": "1001",
                                   "categories": []})).status_code == 200:
        counter.send("POST", f"/v1/queue/tickets/{answer.json()['number']}/no-show",
                     {"window": "9", "staff_no": "1001"})


def test_a_rating_only_for_a_real_service_or_case_of_the_center(
        kiosk: Term, counter: Term, stranger: Term, stranger_kiosk: Term) -> None:
    _drain(kiosk, counter)
    served = _serve(kiosk, counter, "1", "1001")
    waiting = _issue(kiosk)
    elsewhere = [_serve(stranger_kiosk, stranger, "1", "5001") for _ in range(3)][-1]
    assert elsewhere not in (served, waiting)  # served at the other center only
    case = "R-" + uuid.uuid4().hex[:10].upper()
    assert counter.deliver(acceptance_item(case, "on_the_spot", staff_no="1002",
                                           window="2")) == [("accepted", None)]
    answers = counter.deliver(
        _rating(5, ticket=served), _rating(4, ticket=waiting),
        _rating(4, ticket=elsewhere), _rating(3, ticket=served, day="2020-01-02"),
        _rating(5, number=case), _rating(5, number="R-NO-SUCH-CASE"))
    assert answers == [("accepted", None), ("rejected", "unknown_service"),
                       ("rejected", "unknown_service"), ("rejected", "unknown_service"),
                       ("accepted", None), ("rejected", "unknown_case")]
    assert stranger.deliver(_rating(2, number=case)) == [("rejected", "unknown_case")]
    both = counter.send("POST", BATCH, {"items": [
        {**_rating(5, ticket=served), "payload": {
            "kind": "rating", "level": 5, "tracking_number": case,
            "ticket_number": served, "ticket_day": local_day(time.time())}}]}).json()
    assert both["results"][0]["code"] == "invalid"
    _drain(kiosk, counter)


def test_a_poor_rating_opens_a_follow_up_the_manager_answers(
        kiosk: Term, counter: Term, desk: Term, stranger: Term, live: Live) -> None:
    before = _follow_ups(desk).open
    served = _serve(kiosk, counter, "3", "1002")
    assert counter.deliver(_rating(1, ticket=served, reasons=["attitude", "long_wait"]),
                           _rating(3, ticket=served)) == [("accepted", None)] * 2
    listing = _follow_ups(desk, "open")
    assert listing.open == before + 1 and listing.answer_days == ANSWER_DAYS
    mine = next(item for item in listing.items if item.ticket_number == served)
    calendar = WorkCalendar.model_validate(counter.send("GET", "/v1/calendar").json())
    today = listing.today
    due = WorkingDays(calendar).add(today, ANSWER_DAYS)
    assert (mine.due_date, mine.due_estimated) == (due.date, due.estimated)
    assert mine.working_days_left == ANSWER_DAYS and not mine.overdue
    assert (mine.level, mine.reasons, mine.window, mine.staff_no) == (
        1, ["attitude", "long_wait"], "3", "1002")

    path = f"/v1/followups/{mine.id}/answer"
    text = "Called the resident back; the clerk apologised."
    assert counter.sign_in("1002") is None  # a clerk gets no manager session
    for refused in (counter, stranger):  # no manager signed in here
        answer = refused.send("POST", path, {"answer": text})
        assert (answer.status_code, answer.json()["code"]) == (403, "manager_required")
        assert refused.send("GET", "/v1/followups").status_code == 403
    stranger.manager = stranger.sign_in("9200")  # a manager of another center
    assert stranger.manager and _follow_ups(stranger).items == []
    assert stranger.send("POST", path, {"answer": text}).status_code == 404
    answered = desk.send("POST", path, {"answer": text})
    assert answered.status_code == 200, answered.text
    shown = FollowUp.model_validate(answered.json())
    assert (shown.state.value, shown.answer, shown.answered_by) == ("answered", text, "9100")
    again = desk.send("POST", path, {"answer": text})
    assert (again.status_code, again.json()["code"]) == (409, "already_answered")
    assert _follow_ups(desk).open == before
    with live.engine.connect() as connection:  # the answer is sealed at rest
        stored = connection.scalar(select(FollowUpRow.answer).where(
            FollowUpRow.id == mine.id))
    assert stored and "apologised" not in stored


def test_an_unanswered_follow_up_past_its_due_day_is_overdue(
        kiosk: Term, counter: Term, desk: Term, live: Live) -> None:
    served = _serve(kiosk, counter, "1", "1001")
    assert counter.deliver(_rating(2, ticket=served)) == [("accepted", None)]
    item = next(i for i in _follow_ups(desk, "open").items if i.ticket_number == served)
    past = (date.fromisoformat(local_day(time.time())) - timedelta(days=20)).isoformat()
    with live.engine.begin() as connection:  # as if opened weeks ago
        connection.execute(update(FollowUpRow).where(FollowUpRow.id == item.id)
                           .values(due_day=past))
    listing = _follow_ups(desk, "open")
    late = next(i for i in listing.items if i.id == item.id)
    assert late.overdue and late.working_days_left is not None \
        and late.working_days_left <= -10
    assert listing.overdue >= 1 and listing.items[0].due_date.isoformat() == past


def test_figures_per_window_and_clerk_over_a_range_as_json_and_csv(
        kiosk: Term, counter: Term, desk: Term, live: Live) -> None:
    _drain(kiosk, counter)
    today = local_day(time.time())
    assert counter.send("GET", "/v1/figures").status_code == 403  # no manager here
    start = desk.send("GET", f"/v1/figures?start={today}&end={today}")
    base = RangeFigures.model_validate(start.json())
    first = _serve(kiosk, counter, "7", "2001")
    second = _serve(kiosk, counter, "8", "2002")
    third = _serve(kiosk, counter, "8", "2002")
    assert counter.deliver(_rating(5, ticket=first), _rating(4, ticket=second),
                           _rating(1, ticket=third)) == [("accepted", None)] * 3
    figures = RangeFigures.model_validate(
        desk.send("GET", f"/v1/figures?start={today}&end={today}").json())
    windows = {line.key: line for line in figures.windows}
    clerks = {line.key: line for line in figures.clerks}
    assert (windows["7"].served, windows["8"].served) == (1, 2)
    assert windows["8"].ratings == [1, 0, 0, 1, 0] and clerks["2001"].ratings == [0] * 4 + [1]
    assert clerks["2002"].average_rating == 2.5
    assert figures.total.served == base.total.served + 3
    assert windows["8"].average_wait_seconds is not None
    assert windows["8"].average_service_seconds is not None

    exported = desk.send("GET", f"/v1/figures.csv?start={today}&end={today}")
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    clerk_row = next(row for row in rows if row[:2] == ["clerk", "2002"])
    assert clerk_row[2] == "2" and clerk_row[7:12] == ["1", "0", "0", "1", "0"]
    assert clerk_row[12] == "2.50"
    bad = desk.send("GET", f"/v1/figures?start={today}&end=2020-01-01")
    assert (bad.status_code, bad.json()["code"]) == (400, "bad_range")

    operators.add_user(live.engine, "manager-rate", "a long enough secret",
                       OperatorRole.CENTER_MANAGER, CENTER)
    with httpx.Client(base_url=live.url, timeout=10) as browser:
        assert browser.get("/figures.csv").status_code == 401
        browser.post("/login", data={"username": "manager-rate",
                                     "password": "a long enough secret"})
        own = browser.get("/figures.csv", params={"start": today, "end": today})
        assert own.status_code == 200 and "clerk,2002,2" in own.text
        assert browser.get("/figures.csv", params={"center": "C-ELSEWHERE"}
                           ).status_code == 403
