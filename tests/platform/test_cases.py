"""Cases at the platform, over HTTP on loopback against the real server process:
one case per application whatever its door, its timeline and statutory deadline
on the center's calendar, ratings only for real cases, notes and attachments
sealed at rest, and publishing a year's calendar moving open deadlines."""

from __future__ import annotations

import base64
import hashlib
import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import drop_every_table
from platform_helpers import acceptance_item, application_item, tiny_catalog
from sqlalchemy import Engine, select

from sync.protocol import signing
from sync.protocol.cases import CaseList, CaseState, CaseView
from sync.protocol.models import Catalog, Matter, Role
from sync.protocol.work_calendar import WorkCalendar, WorkingDays
from sync.server import documents, enrollment, sealing
from sync.server.cli import main
from sync.server.db import ApplicationState, Attachment, CaseEventRow, make_engine
from sync.server.process import PlatformProcess

COMMITTED = "M-PENSION"
BATCH = "/v1/transactions/batch"


@dataclass
class Live:
    url: str
    db_url: str
    engine: Engine


@dataclass
class Term:
    http: httpx.Client
    terminal_id: str
    key: bytes

    def send(self, method: str, path: str, payload: Any = None,
             headers: dict[str, str] | None = None) -> httpx.Response:
        body = json.dumps(payload).encode() if payload is not None else b""
        headers = {**signing.signed_headers(self.terminal_id, self.key, method, path, body,
                                            int(time.time())), **(headers or {})}
        headers["Content-Type"] = "application/json"
        return self.http.request(method, path, content=body, headers=headers)

    def deliver(self, *items: dict[str, Any]) -> list[dict[str, Any]]:
        answer = self.send("POST", BATCH, {"items": list(items)})
        assert answer.status_code == 200, answer.text
        results: list[dict[str, Any]] = answer.json()["results"]
        return results


def _catalog() -> Catalog:
    base = tiny_catalog()
    pension = Matter(code=COMMITTED, name_zh="养老金申领", name_en="Pension claim",
                     department="CA", category="social", handling="committed",
                     time_limit_days=10)
    return Catalog(departments=base.departments, matters=[*base.matters, pension])


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres",
                                                              marks=pytest.mark.postgres)])
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         ) -> Iterator[Live]:
    folder = tmp_path_factory.mktemp("cases")
    if request.param == "sqlite":
        db_url = f"sqlite:///{folder / 'platform.db'}"
    else:
        import os

        db_url = os.environ.get("RECEPTION_TEST_PG_URL", "")
        if not db_url:
            pytest.skip("RECEPTION_TEST_PG_URL is not set")
        drop_every_table(db_url)
    keys = "k1:" + base64.urlsafe_b64encode(b"k" * 32).decode()
    mp = pytest.MonkeyPatch()
    mp.setenv(sealing.KEYS_ENV, keys)
    process = PlatformProcess(db_url, log_path=folder / "platform.log")
    process.start()
    engine = make_engine(db_url)
    documents.put_document(engine, "catalog", _catalog())
    try:
        yield Live(process.url, db_url, engine)
    finally:
        process.stop()
        engine.dispose()
        mp.undo()


def _enroll(live: Live, role: Role, center: str = "C-CASES") -> Iterator[Term]:
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
    yield from _enroll(live, Role.COUNTER, center="C-OTHER")


def _number() -> str:
    return "T-" + uuid.uuid4().hex[:10].upper()


def _at(day: date) -> str:
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC).isoformat()  # 10:00 CST


def _case(counter: Term, number: str) -> CaseView:
    answer = counter.send("GET", f"/v1/cases/{number}")
    assert answer.status_code == 200, answer.text
    return CaseView.model_validate(answer.json())


def _rating(number: str, level: int, comment: str | None = None) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "seq": 9, "created_at": datetime.now(UTC).isoformat(),
            "payload": {"kind": "rating", "tracking_number": number, "level": level,
                        "reasons": ["long_wait"], "comment": comment}}


def test_a_kiosk_application_tells_its_whole_story(kiosk: Term, counter: Term,
                                                   live: Live) -> None:
    number = _number()
    submitted = application_item(number, COMMITTED)
    submitted["created_at"] = _at(date(2025, 9, 19))
    submitted["payload"].update(face_match="matched", face_distance=0.31, face_threshold=0.6)
    assert kiosk.deliver(submitted)[0]["status"] == "accepted"
    assert _case(counter, number).state is CaseState.SUBMITTED

    notice = acceptance_item(number, "missing_materials", seq=2,
                             materials_missing=["hukou"], staff_no="S01", window="3")
    notice["payload"]["matter_code"] = COMMITTED
    notice["created_at"] = _at(date(2025, 9, 19))
    accepted = acceptance_item(number, "accepted", seq=3, materials_received=["id"],
                               materials_promised=["hukou"], staff_no="S01", window="3",
                               ticket_number="A012", promised_date="2025-10-11")
    accepted["payload"]["matter_code"] = COMMITTED
    accepted["created_at"] = _at(date(2025, 9, 22))  # Mon; 10 working days span National Day
    assert [r["status"] for r in counter.deliver(notice, accepted)] == ["accepted"] * 2
    assert counter.deliver(_rating(number, 2, "waited long, Li Wei"))[0]["status"] == "accepted"

    case = _case(counter, number)
    assert case.state is CaseState.ACCEPTED_PENDING and case.channel == "kiosk"
    assert [e.kind.value for e in case.events] == [
        "submitted", "one_time_notice", "accepted_pending", "rated"]
    assert [e.precheck for e in case.events] == [False, True, False, False]
    assert [e.receipt for e in case.events] == [
        None, "one_time_notice", "acceptance_receipt", None]
    assert case.events[1].detail == {"missing": ["hukou"]}
    assert case.events[0].detail == {"channel": "kiosk", "face_match": "matched",
                                     "face_distance": 0.31, "face_threshold": 0.6}
    assert case.events[3].note == "waited long, Li Wei" and case.rating == 2
    # 10 working days from Mon 22 Sep 2025: 1-8 Oct off, Sun 28 Sep and Sat 11 Oct worked.
    assert (case.due_date, case.due_estimated) == (date(2025, 10, 11), False)  # a Saturday
    assert case.promised_date == date(2025, 10, 11) and case.time_limit_days == 10
    assert (case.ticket.number, case.ticket.day) == ("A012", date(2025, 9, 22))
    assert (case.window, case.staff_no) == ("3", "S01")
    assert case.working_days_left is not None and case.working_days_left < 0  # long overdue

    with live.engine.connect() as connection:  # the comment is sealed at rest
        stored = connection.scalars(select(CaseEventRow.note).where(
            CaseEventRow.tracking_number == number)).all()
    assert not any("Li Wei" in note for note in stored) and any(stored)


def test_a_walk_in_and_the_desk_list(counter: Term) -> None:
    number = _number()
    item = acceptance_item(number, "accepted", staff_no="S02", window="1")
    item["payload"]["matter_code"] = COMMITTED
    assert counter.deliver(item)[0]["status"] == "accepted"
    case = _case(counter, number)
    assert case.channel == "counter" and [e.kind.value for e in case.events] == ["accepted"]
    assert case.due_date is not None and case.working_days_left == 10
    refused = acceptance_item(_number(), "not_accepted", reason="not a resident")
    assert counter.deliver(refused)[0]["status"] == "accepted"

    listing = counter.send("GET", "/v1/cases?state=accepted&state=accepted_pending")
    desk = CaseList.model_validate(listing.json())
    states = {item.state for item in desk.items}
    assert number in {item.tracking_number for item in desk.items}
    assert states <= {CaseState.ACCEPTED, CaseState.ACCEPTED_PENDING}
    dues = [item.due_date for item in desk.items if item.due_date is not None]
    assert dues == sorted(dues)


def test_ratings_only_for_a_real_case_of_the_center(counter: Term, stranger: Term) -> None:
    ghost = counter.deliver(_rating(_number(), 5))[0]
    assert (ghost["status"], ghost["code"]) == ("rejected", "unknown_case")
    number = _number()
    assert counter.deliver(acceptance_item(number, "on_the_spot"))[0]["status"] == "accepted"
    foreign = stranger.deliver(_rating(number, 1))[0]
    assert (foreign["status"], foreign["code"]) == ("rejected", "unknown_case")
    assert stranger.send("GET", f"/v1/cases/{number}").status_code == 404
    assert number not in stranger.send("GET", "/v1/cases").text
    # an acceptance and its rating in one batch: the rating finds the case
    other = _number()
    both = counter.deliver(acceptance_item(other, "on_the_spot"), _rating(other, 5))
    assert [r["status"] for r in both] == ["accepted", "accepted"]
    assert _case(counter, other).state is CaseState.COMPLETED


def test_status_notes_and_attachments_are_sealed_at_rest(kiosk: Term, counter: Term,
                                                        live: Live) -> None:
    photo = b"\xff\xd8 a photo of Li Wei's hukou page"
    sha = hashlib.sha256(photo).hexdigest()
    body = signing.signed_headers(kiosk.terminal_id, kiosk.key, "PUT", f"/v1/attachments/{sha}",
                                  photo, int(time.time()))
    assert kiosk.http.put(f"/v1/attachments/{sha}", content=photo,
                          headers=body).status_code == 204
    number = _number()
    refused = acceptance_item(number, "not_accepted", reason="Li Wei lives in another district")
    assert counter.deliver(refused)[0]["status"] == "accepted"
    status = counter.send("GET", f"/v1/applications/{number}").json()
    assert status["note"] == "Li Wei lives in another district"
    with live.engine.connect() as connection:
        note = connection.scalar(select(ApplicationState.note).where(
            ApplicationState.tracking_number == number))
        stored = connection.scalar(select(Attachment.data).where(Attachment.sha256 == sha))
    assert note and "Li Wei" not in note
    assert b"Li Wei" not in stored and stored != photo
    keys = sealing.load_keys(live.db_url)
    assert sealing.unseal_attachment(keys, "C-CASES", sha, stored) == photo


def test_publishing_next_years_calendar_moves_a_deadline(counter: Term, kiosk: Term,
                                                         live: Live, tmp_path: Path) -> None:
    number = _number()
    item = acceptance_item(number, "accepted")
    item["payload"]["matter_code"] = COMMITTED
    item["created_at"] = _at(date(2027, 9, 27))  # a year the seed does not know
    assert counter.deliver(item)[0]["status"] == "accepted"
    before = _case(counter, number)
    assert (before.due_date, before.due_estimated) == (date(2027, 10, 11), True)

    calendar = kiosk.send("GET", "/v1/calendar")
    assert 2026 in calendar.json()["years"] and 2027 not in calendar.json()["years"]
    unchanged = kiosk.send("GET", "/v1/calendar",
                           headers={"If-None-Match": calendar.headers["ETag"]})
    assert unchanged.status_code == 304

    # National Day 2027 as the State Council might publish it: 1-7 Oct off, Sat 9 Oct worked.
    days = [{"day": f"2027-10-0{d}", "working": False, "name": "National Day"}
            for d in (1, 4, 5, 6, 7)]
    days.append({"day": "2027-10-09", "working": True, "name": "National Day"})
    (tmp_path / "2027.json").write_text(json.dumps(days))
    assert main(["calendar", "publish", "--db", live.db_url, "--year", "2027",
                 "--file", str(tmp_path / "2027.json")]) == 0
    after = _case(counter, number)
    assert after.due_estimated is False
    # Mon 27 Sep + 10: 28, 29, 30 Sep, 8, 9 (Sat, worked), 11, 12, 13, 14, 15 Oct.
    assert after.due_date == date(2027, 10, 15)
    published = WorkCalendar.model_validate(kiosk.send("GET", "/v1/calendar").json())
    assert 2027 in published.years
    assert not WorkingDays(published).is_working_day(date(2027, 10, 4))


def _progress(number: str, action: str, **extra: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "seq": 20, "created_at": datetime.now(UTC).isoformat(),
            "payload": {"kind": "case_progress", "tracking_number": number, "action": action,
                        "staff_no": "S03", "window": "2", **extra}}


def test_a_case_moves_to_completion_and_collection(kiosk: Term, counter: Term,
                                                   stranger: Term) -> None:
    number = _number()
    accepted = acceptance_item(number, "accepted", materials_promised=["hukou", "photo"])
    accepted["payload"]["matter_code"] = COMMITTED
    assert counter.deliver(accepted)[0]["status"] == "accepted"
    too_early = counter.deliver(_progress(number, "collected"))[0]
    assert (too_early["status"], too_early["code"]) == ("rejected", "bad_transition")
    assert stranger.deliver(_progress(number, "in_progress"))[0]["code"] == "unknown_case"
    assert kiosk.deliver(_progress(number, "in_progress"))[0]["code"] == "wrong_role"
    no_result = counter.deliver(_progress(number, "completed"))[0]
    assert (no_result["status"], no_result["code"]) == ("rejected", "invalid")

    answers = counter.deliver(_progress(number, "materials_supplied", materials=["hukou"]))
    assert answers[0]["status"] == "accepted"
    assert _case(counter, number).state is CaseState.ACCEPTED_PENDING  # the photo is owed
    answers = counter.deliver(
        _progress(number, "materials_supplied", materials=["photo"]),
        _progress(number, "in_progress"),
        _progress(number, "completed", result="approved", note="certificate CA-7 issued"))
    assert [a["status"] for a in answers] == ["accepted"] * 3
    status = counter.send("GET", f"/v1/applications/{number}").json()
    assert (status["status"], status["note"]) == ("completed", "certificate CA-7 issued")
    assert counter.deliver(_progress(number, "collected"))[0]["status"] == "accepted"

    case = _case(counter, number)
    assert (case.state, case.result) == (CaseState.COLLECTED, "approved")
    assert [e.kind.value for e in case.events] == [
        "accepted_pending", "materials_supplied", "materials_supplied", "in_progress",
        "completed", "collected"]
    completed = case.events[4]
    assert (completed.receipt, completed.detail, completed.staff_no) == (
        "completion_notice", {"result": "approved"}, "S03")
    assert case.working_days_left is None  # no deadline runs once completed


def _page(live: Live, number: str, code: str, language: str = "zh-CN,zh;q=0.9"
          ) -> httpx.Response:
    return httpx.get(f"{live.url}/a/{number}", params={"c": code},
                     headers={"Accept-Language": language}, timeout=10)


def test_the_status_page_opens_from_the_slips_code_without_personal_data(
        kiosk: Term, counter: Term, live: Live) -> None:
    from sync.protocol.status_check import check_code

    number = _number()
    submitted = application_item(number, COMMITTED)
    submitted["payload"]["applicant"] = {"name": "Zhang Sanfeng", "id_number": "110101195001011237"}
    accepted = acceptance_item(number, "accepted", staff_no="S01", window="3")
    accepted["payload"]["matter_code"] = COMMITTED
    assert kiosk.deliver(submitted)[0]["status"] == "accepted"
    assert counter.deliver(accepted, _progress(number, "in_progress"),
                           _progress(number, "completed", result="approved",
                                     note="Zhang Sanfeng collects it"))[0]["status"] == "accepted"

    chinese = _page(live, number, check_code(kiosk.key, number))
    assert chinese.status_code == 200 and chinese.headers["Cache-Control"] == "no-store"
    for words in ("养老金申领", "已办结", "已提交", "已受理", "开始办理", "准予办理",
                  'lang="zh-CN"'):
        assert words in chinese.text, words
    english = _page(live, number, check_code(counter.key, number).lower(), "en-GB")
    assert english.status_code == 200
    for words in ("Pension claim", "Completed", "Work started", "approved"):
        assert words in english.text, words
    for page in (chinese, english):  # nothing personal: no name, ID, note, clerk
        for secret in ("Zhang", "110101", "collects", "S01"):
            assert secret not in page.text

    wrong = _page(live, number, "AAAAAA")
    unknown = _page(live, "T-NOSUCHCASE", check_code(kiosk.key, "T-NOSUCHCASE"))
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.text.replace(number, "N") == unknown.text.replace("T-NOSUCHCASE", "N")
    assert _page(live, number, "").status_code == 404


def test_a_repair_is_followed_by_its_number(kiosk: Term, counter: Term, live: Live) -> None:
    from sync.protocol.status_check import check_code

    number = _number()
    repair = {"id": str(uuid.uuid4()), "seq": 3, "created_at": datetime.now(UTC).isoformat(),
              "payload": {"kind": "repair", "tracking_number": number,
                          "repair_kind": "water", "location": "Building 3, flat 501",
                          "description": "The kitchen pipe leaks",
                          "reporter": {"name": "Wang Wu", "phone": "13800000000"}}}
    assert kiosk.deliver(repair)[0]["status"] == "accepted"
    status = kiosk.send("GET", f"/v1/applications/{number}")
    assert status.status_code == 200
    assert (status.json()["matter_code"], status.json()["status"]) == ("repair", "received")
    page = _page(live, number, check_code(kiosk.key, number), "en")
    assert page.status_code == 200 and "Property repair" in page.text
    assert "Building 3" not in page.text and "Wang" not in page.text


def test_the_status_page_is_rate_limited(live: Live) -> None:
    from sync.server.cases.status_page import LOOKUPS_PER_MINUTE
    from sync.server.db import StatusLookup

    answers = [_page(live, "T-GUESS", "AAAAAA").status_code
               for _ in range(LOOKUPS_PER_MINUTE + 1)]
    assert answers[-1] == 429 and set(answers[:-1]) <= {404, 429}
    with live.engine.begin() as connection:  # the other tests may look up again
        connection.execute(StatusLookup.__table__.delete())


def test_a_repair_is_dispatched_noted_and_closed_with_a_photo(kiosk: Term, counter: Term,
                                                             live: Live) -> None:
    from sync.protocol.status_check import check_code

    number = _number()
    repair = {"id": str(uuid.uuid4()), "seq": 4, "created_at": datetime.now(UTC).isoformat(),
              "payload": {"kind": "repair", "tracking_number": number, "repair_kind": "lift",
                          "location": "Building 1", "description": "The lift stops",
                          "reporter": {"name": "Zhao Liu"}}}
    assert kiosk.deliver(repair)[0]["status"] == "accepted"
    wrong = counter.deliver(_progress(number, "in_progress"))[0]  # an application's step
    assert (wrong["status"], wrong["code"]) == ("rejected", "unknown_case")
    nameless = counter.deliver(_progress(number, "dispatched"))[0]
    assert (nameless["status"], nameless["code"]) == ("rejected", "invalid")
    assert counter.deliver(_progress(number, "dispatched", handler="Property lift team"),
                           _progress(number, "note", note="parts ordered for Zhao Liu")
                           )[0]["status"] == "accepted"
    status = kiosk.send("GET", f"/v1/applications/{number}").json()
    assert (status["status"], status["note"]) == ("in_progress", "Property lift team")

    photo = b"\xff\xd8 the repaired lift"
    sha = hashlib.sha256(photo).hexdigest()
    headers = signing.signed_headers(counter.terminal_id, counter.key, "PUT",
                                     f"/v1/attachments/{sha}", photo, int(time.time()))
    assert counter.http.put(f"/v1/attachments/{sha}", content=photo,
                            headers=headers).status_code == 204
    closing = _progress(number, "closed", photo=sha, note="lift repaired")
    unattached = counter.deliver(dict(closing, id=str(uuid.uuid4())))[0]
    assert (unattached["status"], unattached["code"]) == ("rejected", "invalid")
    closing["attachments"] = [sha]
    assert counter.deliver(closing)[0]["status"] == "accepted"

    case = _case(counter, number)
    assert (case.kind, case.state) == ("repair", CaseState.CLOSED)
    assert [(e.kind.value, e.detail) for e in case.events] == [
        ("submitted", {"repair_kind": "lift"}), ("dispatched", {"handler": "Property lift team"}),
        ("note", {}), ("closed", {"photo": sha})]
    assert case.events[2].note == "parts ordered for Zhao Liu"
    assert kiosk.send("GET", f"/v1/applications/{number}").json()["status"] == "completed"
    page = _page(live, number, check_code(kiosk.key, number), "en")
    for words in ("Repaired and closed", "Sent to a repairer", "Progress noted", "Closed"):
        assert words in page.text
    assert "Zhao" not in page.text and "lift team" not in page.text


def test_the_kiosk_reads_an_applications_story_without_personal_data(
        kiosk: Term, counter: Term, stranger: Term) -> None:
    from sync.protocol.models import ApplicationStory

    number = _number()
    submitted = application_item(number, COMMITTED)
    submitted["payload"]["applicant"] = {"name": "Li Siguang", "id_number": "110101195001011237"}
    assert kiosk.deliver(submitted)[0]["status"] == "accepted"
    prechecked = acceptance_item(number, "accepted", staff_no="S07", window="4",
                                 materials_promised=["photo"])
    prechecked["payload"]["matter_code"] = COMMITTED
    assert counter.deliver(prechecked)[0]["status"] == "accepted"

    def story() -> ApplicationStory:
        answer = kiosk.send("GET", f"/v1/applications/{number}/story")
        assert answer.status_code == 200, answer.text
        return ApplicationStory.model_validate(answer.json())

    pending = story()
    assert [step.step for step in pending.steps] == ["submitted", "accepted_pending"]
    case = _case(counter, number)
    assert (pending.due_date, pending.due_estimated) == (case.due_date, case.due_estimated)
    assert pending.due_date is not None

    assert [a["status"] for a in counter.deliver(
        _progress(number, "materials_supplied", materials=["photo"]),
        _progress(number, "in_progress"),
        _progress(number, "completed", result="approved", note="ready at window 4"),
    )] == ["accepted"] * 3
    done = story()
    assert (done.status.status, done.status.note) == ("completed", "ready at window 4")
    assert [(step.step, step.result) for step in done.steps] == [
        ("submitted", None), ("accepted_pending", None), ("materials_supplied", None),
        ("in_progress", None), ("completed", "approved")]
    assert done.due_date is None  # no deadline runs once completed
    text = kiosk.send("GET", f"/v1/applications/{number}/story").text
    for secret in ("Li Siguang", "110101", "S07", "S03", '"window"'):  # the note is for her
        assert secret not in text, secret
    assert stranger.send("GET", f"/v1/applications/{number}/story").status_code == 404
