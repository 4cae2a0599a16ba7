"""The pages a queue ticket's and a booking slip's QR open, against the real
platform process on loopback: the kiosk's slip encodes the page with its check
code (`kiosk.receipts`, `terminal.slips`), the page shows the place in the queue
or the booking's time and nothing personal, and a guessed number or a wrong code
gets the same "not found" page."""

from __future__ import annotations

import base64
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
from sqlalchemy import Engine

from kiosk.receipts import BookingOutcome, IssuedTicket, Names
from sync.client import PlatformClient
from sync.protocol import signing
from sync.protocol.models import Role
from sync.server import enrollment
from sync.server.db import make_engine
from sync.server.process import PlatformProcess
from sync.server.queue.bookings import DEFAULT_RULE
from sync.server.queue.core import ZONE
from terminal.slips import configure_status_links

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
APPLICANT = {"name": "Li Xiaoming", "id_number": "11010519491231002X", "phone": "13912345678"}


@dataclass
class Kiosk:
    url: str
    terminal_id: str
    key: bytes

    def send(self, method: str, path: str, payload: Any = None) -> httpx.Response:
        body = json.dumps(payload).encode() if payload is not None else b""
        headers = signing.signed_headers(self.terminal_id, self.key, method, path, body,
                                         int(time.time()))
        headers["Content-Type"] = "application/json"
        return httpx.request(method, self.url + path, content=body, headers=headers,
                             timeout=10)

    def links(self) -> None:
        """This kiosk's slips, as `terminal.shell` configures them."""
        client = PlatformClient(self.url, self.terminal_id, self.key)
        configure_status_links(self.url + "/a/", client.status_check_code)


@dataclass
class Live:
    url: str
    engine: Engine


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    folder = tmp_path_factory.mktemp("slips")
    db_url = f"sqlite:///{folder / 'platform.db'}"
    process = PlatformProcess(db_url, demo_data=DEMO, log_path=folder / "platform.log")
    process.start()
    engine = make_engine(db_url)
    try:
        yield Live(process.url, engine)
    finally:
        process.stop()
        engine.dispose()


def _enroll(live: Live, role: Role, center: str = "C001") -> Kiosk:
    code = enrollment.issue_code(live.engine, center, role)
    enrolled = httpx.post(live.url + "/v1/enroll", json={"code": code}, timeout=10).json()
    return Kiosk(live.url, enrolled["terminal_id"], base64.urlsafe_b64decode(enrolled["key"]))


@pytest.fixture
def kiosk(live: Live) -> Kiosk:
    return _enroll(live, Role.KIOSK)


@pytest.fixture
def counter(live: Live) -> Kiosk:
    return _enroll(live, Role.COUNTER)


def _issue(kiosk: Kiosk) -> IssuedTicket:
    answer = kiosk.send("POST", "/v1/queue/tickets",
                        {"category": "A", "client_ref": str(uuid.uuid4())})
    assert answer.status_code == 200, answer.text
    shown = answer.json()
    issued = datetime.fromisoformat(shown["issued_at"]).astimezone(ZONE)
    return IssuedTicket(number=shown["number"], category=Names("综合业务", "General"),
                        priority=None, issued_at=issued, people_ahead=None)


def _open(url: str, lang: str = "en") -> httpx.Response:
    return httpx.get(url, headers={"Accept-Language": lang}, timeout=10)


def _call(counter: Kiosk, window: str) -> str:
    answer = counter.send("POST", "/v1/queue/call-next",
                          {"window": window, "staff_no": "1001", "categories": []})
    assert answer.status_code == 200, answer.text
    number: str = answer.json()["number"]
    return number


def test_a_ticket_slip_opens_its_place_in_the_queue(kiosk: Kiosk, counter: Kiosk) -> None:
    while counter.send("POST", "/v1/queue/call-next", {  # an empty queue to start from
            "window": "9", "staff_no": "1001", "categories": []}).status_code == 200:
        pass
    kiosk.links()
    first, second = _issue(kiosk), _issue(kiosk)
    url = second.qr_payload
    assert url.startswith(f"{kiosk.url}/q/{second.issued_at:%Y%m%d}/{second.number}?c=")
    page = _open(url)
    assert page.status_code == 200 and second.number in page.text
    assert "1 people ahead of you" in page.text and 'http-equiv="refresh"' in page.text
    chinese = _open(url, "zh-CN,zh;q=0.9")
    assert "您前面还有 1 人" in chinese.text and 'lang="zh-CN"' in chinese.text

    assert _call(counter, "3") == first.number
    assert "You are next" in _open(url).text
    assert _call(counter, "5") == second.number
    called = _open(url).text
    assert "Please go to window 5 now" in called
    for action in ("serve", "end"):
        counter.send("POST", f"/v1/queue/tickets/{second.number}/{action}",
                     {"window": "5", "staff_no": "1001"})
    done = _open(url).text
    assert "Served" in done and 'http-equiv="refresh"' not in done


def test_a_guessed_ticket_or_a_wrong_code_finds_nothing(kiosk: Kiosk, live: Live) -> None:
    kiosk.links()
    ticket = _issue(kiosk)
    other = _enroll(live, Role.KIOSK)
    other.links()  # the same ticket's address as another kiosk would print it
    forged = ticket.qr_payload
    kiosk.links()
    real = ticket.qr_payload
    assert forged != real
    day = f"{ticket.issued_at:%Y%m%d}"
    answers = [_open(forged), _open(real.split("?")[0]),
               _open(f"{live.url}/q/{day}/Z999?c=ABCDEF"), _open(real + "X")]
    assert {answer.status_code for answer in answers} == {404}
    assert len({answer.text for answer in answers}) == 1  # one page for every miss
    assert _open(real).status_code == 200


def test_a_booking_slip_opens_its_time_and_nothing_personal(kiosk: Kiosk, live: Live) -> None:
    day = date.today() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    start, end = DEFAULT_RULE.slots(day)[0]
    code = f"BK-{day:%Y%m%d}-{kiosk.terminal_id[-4:]}-0001"
    item = {"id": str(uuid.uuid4()), "seq": 1, "created_at": datetime.now(UTC).isoformat(),
            "payload": {"kind": "booking", "booking_code": code, "matter_code": "RS-006",
                        "slot_start": start.isoformat(), "slot_end": end.isoformat(),
                        "applicant": APPLICANT}}
    answer = kiosk.send("POST", "/v1/transactions/batch", {"items": [item]})
    assert answer.json()["results"][0]["status"] == "accepted", answer.text
    kiosk.links()
    slip = BookingOutcome(record_id="r1", booking_code=code, subject=Names("x", "x"),
                          person="李*明", slot_start=start, slot_end=end)
    assert slip.qr_payload.startswith(f"{kiosk.url}/b/{code}?c=")
    page = _open(slip.qr_payload)
    assert page.status_code == 200, page.text
    local = start.astimezone(ZONE)
    assert f"{local:%Y-%m-%d %H:%M}" in page.text and "Booked" in page.text
    assert not any(secret in page.text for secret in ("Li Xiaoming", "1101", "13912"))
    assert _open(f"{kiosk.url}/b/{code}?c=AAAAAA").status_code == 404
