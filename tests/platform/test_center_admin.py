"""The center's own data kept by its manager (issue 11, Deliver 4): the platform
knows a counter's request comes from a signed-in manager of its center and
refuses everyone else; notices, staff, windows, opening rules and the calendar
change on the platform and reach only that center's terminals."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from platform_helpers import SignedClient, enroll_terminal
from sqlalchemy import Engine

from sync.protocol.models import NoticeList, Role, StaffMember, StaffRoster
from sync.protocol.pin_hash import hash_pin
from sync.protocol.queue import QueueCategoryList
from sync.protocol.staff import HEADER_MANAGER_SESSION
from sync.server import audit, documents
from sync.server.queue.core import ZONE

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
MANAGER_PIN, CLERK_PIN, AWAY_PIN = "135246", "246810", "975310"
HOME, AWAY = "C-001", "C-002"


@pytest.fixture(scope="module")
def hashes() -> dict[str, str]:
    return {pin: hash_pin(pin) for pin in (MANAGER_PIN, CLERK_PIN, AWAY_PIN)}


@pytest.fixture
def staffed(engine: Engine, hashes: dict[str, str]) -> None:
    documents.put_document(engine, "staff", StaffRoster(staff=[
        StaffMember(staff_no="8001", name="Chen Jing", role="manager",
                    pin_hash=hashes[MANAGER_PIN], center=HOME),
        StaffMember(staff_no="1001", name="Wang Li", pin_hash=hashes[CLERK_PIN], center=HOME),
        StaffMember(staff_no="1002", name="Supervisor Liu", role="supervisor",
                    pin_hash=hashes[CLERK_PIN], center=HOME),
        StaffMember(staff_no="8002", name="Away Manager", role="manager",
                    pin_hash=hashes[AWAY_PIN], center=AWAY),
        StaffMember(staff_no="9001", name="Zhao", role="technician",
                    pin_hash=hashes[CLERK_PIN]),
    ]))
    raw = (DEMO / "queue_categories.json").read_bytes()
    documents.put_queue_categories(engine, QueueCategoryList.model_validate_json(raw))


def sign_in(counter: SignedClient, staff_no: str, pin: str) -> dict[str, Any]:
    answer = counter.request("POST", "/v1/staff/sign-in",
                             json_body={"purpose": "counter", "staff_no": staff_no, "pin": pin})
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def as_manager(counter: SignedClient, token: str | None, method: str, path: str,
               body: Any = None) -> httpx.Response:
    headers = {HEADER_MANAGER_SESSION: token} if token is not None else {}
    return counter.request(method, path, json_body=body, headers=headers)


@pytest.fixture
def manager(counter: SignedClient, staffed: None) -> str:
    token = sign_in(counter, "8001", MANAGER_PIN)["manager_session"]
    assert isinstance(token, str) and len(token) >= 40
    return token


def draft(title: str, start: datetime, end: datetime | None = None) -> dict[str, Any]:
    return {"title_zh": f"{title}（中文）", "title_en": title, "body_zh": "正文",
            "body_en": "Body", "starts_at": start.isoformat(),
            "ends_at": end.isoformat() if end else None}


# ------------------------------------------------------------------ who is a manager
def test_only_a_signed_in_manager_of_the_counters_center_gets_in(
        client: TestClient, engine: Engine, counter: SignedClient, manager: str) -> None:
    assert as_manager(counter, manager, "GET", "/v1/admin/staff").status_code == 200
    clerk = sign_in(counter, "1001", CLERK_PIN)
    assert clerk["outcome"] == "signed_in" and clerk["manager_session"] is None
    supervisor = sign_in(counter, "1002", CLERK_PIN)
    assert supervisor["manager_session"] is None
    refused = [as_manager(counter, token, "GET", "/v1/admin/staff")
               for token in (None, "", "forged-" + "x" * 40, manager + "x")]
    assert [(r.status_code, r.json()["code"]) for r in refused] == \
        [(403, "manager_required")] * 4

    # the token works only with the signature of the counter it was issued to
    other_counter = enroll_terminal(client, engine, Role.COUNTER, HOME)
    answer = as_manager(other_counter, manager, "GET", "/v1/admin/staff")
    assert (answer.status_code, answer.json()["code"]) == (403, "manager_required")
    kiosk = enroll_terminal(client, engine, Role.KIOSK, HOME)
    answer = as_manager(kiosk, manager, "GET", "/v1/admin/staff")
    assert (answer.status_code, answer.json()["code"]) == (403, "wrong_role")
    assert kiosk.request("POST", "/v1/staff/sign-in", json_body={
        "purpose": "counter", "staff_no": "8001", "pin": MANAGER_PIN,
    }).json()["manager_session"] is None

    # a manager of another center: not at this counter, and not with this counter's token
    assert sign_in(counter, "8002", AWAY_PIN)["outcome"] == "wrong"
    away = enroll_terminal(client, engine, Role.COUNTER, AWAY)
    away_token = sign_in(away, "8002", AWAY_PIN)["manager_session"]
    assert as_manager(away, away_token, "GET", "/v1/admin/staff").json()["staff"] == [
        {"staff_no": "8002", "name": "Away Manager", "role": "manager", "active": True,
         "card_bound": False}]
    for caller, token in ((counter, away_token), (away, manager)):
        answer = as_manager(caller, token, "GET", "/v1/admin/staff")
        assert (answer.status_code, answer.json()["code"]) == (403, "manager_required")


def test_signing_out_or_again_ends_the_session(counter: SignedClient, manager: str) -> None:
    again = sign_in(counter, "8001", MANAGER_PIN)["manager_session"]
    assert as_manager(counter, manager, "GET", "/v1/admin/notices").status_code == 403
    assert as_manager(counter, again, "POST", "/v1/admin/sign-out").status_code == 204
    assert as_manager(counter, again, "GET", "/v1/admin/notices").status_code == 403


# ------------------------------------------------------------------ notices
def test_a_notice_reaches_only_its_centers_terminals_in_its_time(
        client: TestClient, engine: Engine, counter: SignedClient, manager: str) -> None:
    documents.put_document(engine, "notices", NoticeList.model_validate_json(
        (DEMO / "notices.json").read_bytes()))
    city = len(counter.request("GET", "/v1/notices").json()["notices"])
    now = datetime.now(UTC).replace(microsecond=0)
    showing = as_manager(counter, manager, "POST", "/v1/admin/notices",
                         draft("Water off on Friday", now - timedelta(hours=1),
                               now + timedelta(days=2)))
    assert showing.status_code == 200, showing.text
    later = as_manager(counter, manager, "POST", "/v1/admin/notices",
                       draft("Flu shots next week", now + timedelta(days=3))).json()
    ended = as_manager(counter, manager, "POST", "/v1/admin/notices",
                       draft("Old news", now - timedelta(days=3), now - timedelta(days=1)))
    assert ended.status_code == 200

    home_kiosk = enroll_terminal(client, engine, Role.KIOSK, HOME)
    home_display = enroll_terminal(client, engine, Role.DISPLAY, HOME)
    away_kiosk = enroll_terminal(client, engine, Role.KIOSK, AWAY)
    served = home_kiosk.request("GET", "/v1/notices")
    own = served.json()["notices"][city:]
    assert [n["title_en"] for n in own] == ["Water off on Friday", "Flu shots next week"]
    assert own[1]["starts_at"] == (now + timedelta(days=3)).isoformat().replace("+00:00", "Z")
    assert home_display.request("GET", "/v1/notices").json() == served.json()
    assert len(away_kiosk.request("GET", "/v1/notices").json()["notices"]) == city

    expired = as_manager(counter, manager, "POST", f"/v1/admin/notices/{later['id']}/expire")
    assert expired.json()["expired"] is True
    again = home_kiosk.request("GET", "/v1/notices",
                               headers={"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 200
    assert [n["title_en"] for n in again.json()["notices"][city:]] == ["Water off on Friday"]
    changed = as_manager(counter, manager, "PUT", f"/v1/admin/notices/{later['id']}",
                         draft("Changed", now))
    assert (changed.status_code, changed.json()["code"]) == (409, "expired")
    listed = as_manager(counter, manager, "GET", "/v1/admin/notices").json()["notices"]
    assert [n["draft"]["title_en"] for n in listed] == [
        "Old news", "Flu shots next week", "Water off on Friday"]
    assert [n["author"] for n in listed] == ["8001"] * 3

    away = enroll_terminal(client, engine, Role.COUNTER, AWAY)
    away_token = sign_in(away, "8002", AWAY_PIN)["manager_session"]
    foreign = as_manager(away, away_token, "POST", f"/v1/admin/notices/{later['id']}/expire")
    assert foreign.status_code == 404
    assert as_manager(away, away_token, "GET", "/v1/admin/notices").json() == {"notices": []}
    actions = [entry.action for entry in audit._entries(engine, None)]
    assert actions.count("notice_written") == 3 and "notice_expired" in actions


def test_a_notice_ends_after_it_starts(counter: SignedClient, manager: str) -> None:
    now = datetime.now(UTC)
    answer = as_manager(counter, manager, "POST", "/v1/admin/notices",
                        draft("Backwards", now, now - timedelta(hours=1)))
    assert answer.status_code == 422


# ------------------------------------------------------------------ staff
def test_add_deactivate_reset_and_bind(client: TestClient, engine: Engine,
                                       counter: SignedClient, manager: str) -> None:
    added = as_manager(counter, manager, "POST", "/v1/admin/staff",
                       {"staff_no": "1003", "name": "Li Na", "role": "clerk", "pin": "424242"})
    assert added.json() == {"staff_no": "1003", "name": "Li Na", "role": "clerk",
                            "active": True, "card_bound": False}
    taken = as_manager(counter, manager, "POST", "/v1/admin/staff",
                       {"staff_no": "8002", "name": "Twice", "pin": "424242"})
    assert (taken.status_code, taken.json()["code"]) == (409, "staff_no_taken")
    assert sign_in(counter, "1003", "424242")["outcome"] == "signed_in"
    assert "1003" in counter.request("GET", "/v1/staff").text

    reset = as_manager(counter, manager, "PUT", "/v1/admin/staff/1003/pin", {"pin": "737373"})
    assert reset.status_code == 200
    assert sign_in(counter, "1003", "424242")["outcome"] == "wrong"
    assert sign_in(counter, "1003", "737373")["outcome"] == "signed_in"

    bound = as_manager(counter, manager, "PUT", "/v1/admin/staff/1003/card",
                       {"card_uid": "04:aa:bb:cc"})
    assert bound.json()["card_bound"] is True
    by_card = counter.request("POST", "/v1/staff/sign-in", json_body={
        "purpose": "counter", "card_uid": "04AABBCC", "pin": "737373"}).json()
    assert by_card["member"]["staff_no"] == "1003"
    clash = as_manager(counter, manager, "PUT", "/v1/admin/staff/1001/card",
                       {"card_uid": "04AABBCC"})
    assert (clash.status_code, clash.json()["code"]) == (409, "card_taken")

    off = as_manager(counter, manager, "POST", "/v1/admin/staff/1003/deactivate")
    assert off.json()["active"] is False
    assert sign_in(counter, "1003", "737373")["outcome"] == "wrong"
    assert "1003" not in counter.request("GET", "/v1/staff").text
    own = as_manager(counter, manager, "POST", "/v1/admin/staff/8001/deactivate")
    assert (own.status_code, own.json()["code"]) == (409, "own_account")
    for foreign in ("8002", "9001"):  # another center's, and the platform's technician
        answer = as_manager(counter, manager, "PUT", f"/v1/admin/staff/{foreign}/pin",
                            {"pin": "111111"})
        assert answer.status_code == 404, foreign
    listed = as_manager(counter, manager, "GET", "/v1/admin/staff").json()["staff"]
    assert [(m["staff_no"], m["active"]) for m in listed] == [
        ("8001", True), ("1001", True), ("1002", True), ("1003", False)]
    assert "scrypt" not in str(listed)


def test_a_deactivated_manager_loses_the_session(counter: SignedClient, manager: str,
                                                 engine: Engine, hashes: dict[str, str]) -> None:
    second = as_manager(counter, manager, "POST", "/v1/admin/staff",
                        {"staff_no": "8003", "name": "Deputy", "role": "manager",
                         "pin": "515151"})
    assert second.status_code == 200
    deputy = sign_in(counter, "8003", "515151")["manager_session"]
    assert as_manager(counter, deputy, "POST", "/v1/admin/staff/8001/deactivate") \
        .status_code == 200
    assert as_manager(counter, deputy, "GET", "/v1/admin/staff").status_code == 200
    assert sign_in(counter, "8001", MANAGER_PIN)["outcome"] == "wrong"


# ------------------------------------------------------------------ windows, hours, quotas
def test_windows_reach_the_centers_terminals(client: TestClient, engine: Engine,
                                             counter: SignedClient, manager: str) -> None:
    view = as_manager(counter, manager, "GET", "/v1/admin/setup").json()
    codes = [category["code"] for category in view["categories"]]
    assert view["setup"] == {"windows": [], "opening": None} and len(codes) >= 2
    windows = [{"number": "1", "name_zh": "综合窗口", "name_en": "General",
                "categories": codes[:2]},
               {"number": "2", "categories": []}]
    stored = as_manager(counter, manager, "PUT", "/v1/admin/windows", {"windows": windows})
    assert stored.status_code == 200, stored.text
    unknown = as_manager(counter, manager, "PUT", "/v1/admin/windows",
                         {"windows": [{"number": "3", "categories": ["ZZ"]}]})
    assert (unknown.status_code, unknown.json()["code"]) == (422, "unknown_category")
    twice = as_manager(counter, manager, "PUT", "/v1/admin/windows",
                       {"windows": [{"number": "3"}, {"number": "3"}]})
    assert twice.status_code == 422
    display = enroll_terminal(client, engine, Role.DISPLAY, HOME)
    served = display.request("GET", "/v1/center").json()
    assert [(w["number"], w["categories"]) for w in served["windows"]] == [
        ("1", codes[:2]), ("2", [])]
    away = enroll_terminal(client, engine, Role.KIOSK, AWAY)
    assert away.request("GET", "/v1/center").json() == {"windows": [], "opening": None}


def _hours_excluding_now() -> dict[str, str]:
    """Opening hours of one hour that end two hours before now (or start after it)."""
    now = datetime.now(ZONE)
    if now.hour >= 3:
        return {"opens": f"{now.hour - 3:02d}:00", "closes": f"{now.hour - 2:02d}:00"}
    return {"opens": "22:00", "closes": "23:00"}


def take(kiosk: SignedClient, category: str, booking: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {"category": category, "client_ref": str(uuid.uuid4())}
    if booking:
        body["booking_code"] = booking
    return kiosk.request("POST", "/v1/queue/tickets", json_body=body)


def test_the_platform_enforces_hours_cutoff_and_quotas(
        client: TestClient, engine: Engine, counter: SignedClient, manager: str) -> None:
    kiosk = enroll_terminal(client, engine, Role.KIOSK, HOME)
    away = enroll_terminal(client, engine, Role.KIOSK, AWAY)
    codes = [c["code"] for c in as_manager(counter, manager, "GET", "/v1/admin/setup")
             .json()["categories"]]
    always = {"opens": "00:00", "closes": "23:59"}
    rules = {"working_day": always, "rest_day": always, "cutoff_minutes": 0,
             "quotas": {codes[0]: 2}}
    assert as_manager(counter, manager, "PUT", "/v1/admin/opening",
                      {"opening": rules}).status_code == 200
    assert [take(kiosk, codes[0]).status_code for _ in range(3)] == [200, 200, 409]
    refused = take(kiosk, codes[0]).json()
    assert refused["code"] == "quota_reached"
    assert take(kiosk, codes[1]).status_code == 200
    assert take(away, codes[0]).status_code == 200  # another center's quota

    closed = {**rules, "working_day": _hours_excluding_now(),
              "rest_day": _hours_excluding_now(), "quotas": {}}
    as_manager(counter, manager, "PUT", "/v1/admin/opening", {"opening": closed})
    answer = take(kiosk, codes[1])
    assert (answer.status_code, answer.json()["code"]) == (409, "center_closed")
    now = datetime.now(ZONE)
    cut = {"opens": "00:00", "closes": f"{min(now.hour + 1, 23):02d}:59"}
    minutes_left = (now.replace(hour=int(cut["closes"][:2]), minute=59) - now).seconds // 60
    as_manager(counter, manager, "PUT", "/v1/admin/opening", {"opening": {
        **closed, "working_day": cut, "rest_day": cut,
        "cutoff_minutes": min(240, minutes_left + 5)}})
    assert take(kiosk, codes[1]).json()["code"] == "center_closed"
    as_manager(counter, manager, "PUT", "/v1/admin/opening", {"opening": None})
    assert take(kiosk, codes[1]).status_code == 200
    bad = as_manager(counter, manager, "PUT", "/v1/admin/opening", {"opening": {
        "working_day": {"opens": "17:00", "closes": "09:00"}}})
    assert bad.status_code == 422


# ------------------------------------------------------------------ the calendar
def test_the_calendar_is_seeded_edited_and_published_to_the_center(
        client: TestClient, engine: Engine, counter: SignedClient, manager: str) -> None:
    seeded = as_manager(counter, manager, "GET", "/v1/admin/calendar/2025").json()
    assert seeded["published_by"] == "chinesecalendar" and seeded["own"] is False
    assert {"day": "2025-10-01", "working": False, "name": "National Day"} in seeded["days"]
    unknown = as_manager(counter, manager, "GET", "/v1/admin/calendar/2031").json()
    assert unknown == {"year": 2031, "days": [], "published_by": "", "own": False}

    days = [{"day": "2031-01-01", "working": False, "name": "New Year's Day"},
            {"day": "2031-01-04", "working": True, "name": "Spring Festival"}]
    published = as_manager(counter, manager, "PUT", "/v1/admin/calendar/2031",
                           {"year": 2031, "days": days})
    assert published.status_code == 200, published.text
    assert published.json()["published_by"] == "manager:8001"
    kiosk = enroll_terminal(client, engine, Role.KIOSK, HOME)
    calendar = kiosk.request("GET", "/v1/calendar").json()
    assert 2031 in calendar["years"]
    assert {"day": "2031-01-04", "working": True, "name": "Spring Festival"} in calendar["days"]
    away = enroll_terminal(client, engine, Role.KIOSK, AWAY)
    assert 2031 not in away.request("GET", "/v1/calendar").json()["years"]
    mixed = as_manager(counter, manager, "PUT", "/v1/admin/calendar/2031",
                       {"year": 2031, "days": [{"day": "2030-12-31", "working": False}]})
    assert mixed.status_code == 422


# ------------------------------------------------------------------ the first manager
def test_the_operator_appoints_a_centers_manager(db_url: str, client: TestClient,
                                                 engine: Engine, staffed: None,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from sync.server.cli import main

    def appoint(*argv: str, pin: str) -> int:
        monkeypatch.setattr("sys.stdin", io.StringIO(pin + "\n"))
        return main(["manager", "add", *argv, "--db", db_url, "--pin-stdin"])

    assert appoint(AWAY, "8101", "New Manager", pin="606060") == 0
    away = enroll_terminal(client, engine, Role.COUNTER, AWAY)
    token = sign_in(away, "8101", "606060")["manager_session"]
    assert as_manager(away, token, "GET", "/v1/admin/staff").status_code == 200
    assert appoint(HOME, "1001", "Wang Li", pin="707070") == 0  # a clerk promoted
    counter = enroll_terminal(client, engine, Role.COUNTER, HOME)
    assert sign_in(counter, "1001", "707070")["manager_session"]
    assert appoint(HOME, "8101", "Stolen", pin="606060") == 1  # another center's member
    assert appoint(HOME, "8102", "Short", pin="12") == 1
    assert "another center" in capsys.readouterr().err
    actions = [(entry.action, entry.actor.startswith("cli:")) for entry in
               audit._entries(engine, None)]
    assert actions.count(("manager_appointed", True)) == 2


def test_a_centers_own_year_replaces_the_citys_whole_year(
        client: TestClient, engine: Engine, counter: SignedClient, manager: str) -> None:
    city = as_manager(counter, manager, "GET", "/v1/admin/calendar/2025").json()["days"]
    kept = [day for day in city if day["day"] != "2025-10-01"]  # the center works that day
    answer = as_manager(counter, manager, "PUT", "/v1/admin/calendar/2025",
                        {"year": 2025, "days": kept})
    assert answer.status_code == 200
    kiosk = enroll_terminal(client, engine, Role.KIOSK, HOME)
    days = {day["day"] for day in kiosk.request("GET", "/v1/calendar").json()["days"]}
    assert "2025-10-01" not in days and "2025-10-02" in days
    away = enroll_terminal(client, engine, Role.KIOSK, AWAY)
    assert "2025-10-01" in {day["day"] for day in away.request("GET", "/v1/calendar").json()
                            ["days"]}
