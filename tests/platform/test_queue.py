"""Queue on the platform: numbers, leases, offline tickets, fairness, actions,
state and statistics (TestClient, SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from platform_helpers import SignedClient, enroll_terminal
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from sync.protocol.models import Role
from sync.protocol.queue import QueueCategoryList, QueuePolicy
from sync.server import documents
from sync.server.db import QueueCounter, QueueEvent, QueueTicket

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
BATCH = "/v1/transactions/batch"


# ---------------------------------------------------------------- helpers
def load_queues(engine: Engine) -> None:
    raw = (DEMO / "queue_categories.json").read_bytes()
    documents.put_queue_categories(engine, QueueCategoryList.model_validate_json(raw))


def issue(kiosk: SignedClient, category: str = "A", priority: str | None = None,
          ref: str | None = None, **extra: Any) -> httpx.Response:
    body = {"category": category, "priority": priority,
            "client_ref": ref or str(uuid.uuid4()), **extra}
    return kiosk.request("POST", "/v1/queue/tickets", json_body=body)


def number_of(kiosk: SignedClient, category: str = "A", priority: str | None = None) -> str:
    answer = issue(kiosk, category, priority)
    assert answer.status_code == 200, answer.text
    number: str = answer.json()["number"]
    return number


def call(counter: SignedClient, window: str = "1", categories: list[str] | None = None,
         staff_no: str = "1001") -> str | None:
    """The number called, or None on 204."""
    answer = counter.request("POST", "/v1/queue/call-next", json_body={
        "window": window, "staff_no": staff_no, "categories": categories or []})
    if answer.status_code == 204:
        return None
    assert answer.status_code == 200, answer.text
    number: str = answer.json()["number"]
    return number


def act(counter: SignedClient, number: str, action: str, window: str = "1",
        **extra: Any) -> httpx.Response:
    return counter.request("POST", f"/v1/queue/tickets/{number}/{action}",
                           json_body={"window": window, "staff_no": "1001", **extra})


def lease(kiosk: SignedClient, category: str, size: int) -> list[str]:
    answer = kiosk.request("POST", "/v1/queue/leases",
                           json_body={"category": category, "size": size})
    assert answer.status_code == 200, answer.text
    numbers: list[str] = answer.json()["numbers"]
    return numbers


def ticket_item(number: str, category: str, created_at: datetime,
                priority: str | None = None, offline: bool = True) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "seq": 1,
        "created_at": created_at.isoformat(),
        "payload": {"kind": "ticket", "number": number, "category": category,
                    "priority": priority, "issued_offline": offline},
    }


def deliver(terminal: SignedClient, items: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    answer = terminal.request("POST", BATCH, json_body={"items": items})
    assert answer.status_code == 200, answer.text
    return [(r["status"], r.get("code")) for r in answer.json()["results"]]


def minutes_ago(minutes: float) -> datetime:
    return datetime.now(UTC) - timedelta(minutes=minutes)


@pytest.fixture
def queues(engine: Engine) -> None:
    load_queues(engine)


# ---------------------------------------------------------------- issuing
def test_numbers_per_category_and_idempotent_issue(
    kiosk: SignedClient, client: TestClient, engine: Engine, queues: None
) -> None:
    other_kiosk = enroll_terminal(client, engine, Role.KIOSK)
    ref = str(uuid.uuid4())
    first = issue(kiosk, "A", ref=ref).json()
    assert (first["number"], first["status"], first["people_ahead"]) == ("A001", "waiting", 0)
    assert issue(kiosk, "A", ref=ref).json()["number"] == "A001"  # lost reply, retried
    second = issue(other_kiosk, "A", "elderly").json()
    assert (second["number"], second["priority"], second["people_ahead"]) == ("A002", "elderly", 1)
    assert number_of(kiosk, "B") == "B001"
    # numbers leased for offline use come from their own range, after the online ones
    assert lease(kiosk, "A", 3) == ["A700", "A701", "A702"]
    assert lease(other_kiosk, "A", 2) == ["A703", "A704"]
    assert number_of(other_kiosk, "A") == "A003"

    unknown = issue(kiosk, "Z")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "unknown_category")
    too_big = kiosk.request("POST", "/v1/queue/leases", json_body={"category": "A", "size": 51})
    assert too_big.status_code == 422


def test_the_first_ticket_of_the_day_is_001_after_the_kiosks_leased(
    kiosk: SignedClient, client: TestClient, engine: Engine, queues: None
) -> None:
    """Kiosks lease numbers for offline use when they start: the first number
    issued online is still 001 (it was 021 behind 20 leased numbers)."""
    other_kiosk = enroll_terminal(client, engine, Role.KIOSK)
    assert lease(kiosk, "A", 20)[0] == "A700"
    assert lease(other_kiosk, "A", 20)[0] == "A720"
    assert number_of(kiosk, "A") == "A001"


def test_leased_numbers_run_out_at_999_online_ones_at_699(kiosk: SignedClient, engine: Engine,
                                                          queues: None) -> None:
    for _ in range(5):
        lease(kiosk, "C", 50)
    assert lease(kiosk, "C", 50)[-1] == "C999"
    refused = kiosk.request("POST", "/v1/queue/leases", json_body={"category": "C", "size": 1})
    assert (refused.status_code, refused.json()["code"]) == (409, "numbers_exhausted")
    assert number_of(kiosk, "C") == "C001"  # leases do not touch the online numbers
    with Session(engine) as session, session.begin():  # the day went on: 697 more issued
        session.execute(update(QueueCounter).where(QueueCounter.category == "C",
                                                   QueueCounter.value == 1).values(value=698))
    assert number_of(kiosk, "C") == "C699"
    refused = issue(kiosk, "C")
    assert (refused.status_code, refused.json()["code"]) == (409, "numbers_exhausted")


def test_offline_tickets_join_in_issue_order_and_dedup(
    kiosk: SignedClient, counter: SignedClient, client: TestClient, engine: Engine,
    queues: None
) -> None:
    online = number_of(kiosk, "B")  # B001, issued now
    leased = lease(kiosk, "B", 2)  # B700, B701
    results = deliver(kiosk, [
        ticket_item(leased[0], "B", minutes_ago(5)),  # printed offline 5 minutes ago
        ticket_item(online, "B", datetime.now(UTC), offline=False),  # online one, recorded
        ticket_item("B077", "B", minutes_ago(1)),  # never leased
        ticket_item(leased[1], "A", minutes_ago(1)),  # leased for another category
        ticket_item("B088", "B", minutes_ago(1), offline=False),  # a record only
    ])
    assert results == [("accepted", None), ("accepted", None),
                       ("rejected", "unknown_ticket_number"),
                       ("rejected", "unknown_ticket_number"),
                       ("accepted", None)]
    stranger = enroll_terminal(client, engine, Role.KIOSK)
    assert deliver(stranger, [ticket_item(leased[1], "B", minutes_ago(1))]) == [
        ("rejected", "unknown_ticket_number")]
    assert deliver(kiosk, [ticket_item(leased[1], "B", minutes_ago(1))]) == [("accepted", None)]
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(QueueTicket)) == 3
    assert [call(counter, categories=["B"]) for _ in range(4)] == [
        leased[0], leased[1], online, None]


# ---------------------------------------------------------------- fairness
@pytest.mark.parametrize(
    ("weight", "interleave", "order"),
    [
        # effective waits (minutes): R1 10, P1 18, P2 16, P3 14, P4 12, R2 1
        (2, 3, [1, 2, 3, 0, 4, 5]),
        (2, 0, [1, 2, 3, 4, 0, 5]),
        (1, 3, [0, 1, 2, 3, 5, 4]),
    ],
)
def test_fairness_order_on_one_window(
    kiosk: SignedClient, counter: SignedClient, engine: Engine, queues: None,
    weight: int, interleave: int, order: list[int]
) -> None:
    documents.put_queue_policy(engine, QueuePolicy(priority_weight=weight, interleave=interleave))
    numbers, called = called_in_order(kiosk, counter)
    assert called == [numbers[index] for index in order]


@pytest.mark.parametrize("rows", ["the center's own and a default", "none"])
def test_the_centers_own_policy_else_the_built_in_one(
    kiosk: SignedClient, counter: SignedClient, engine: Engine, queues: None, rows: str
) -> None:
    """Both give weight 2, interleave 3; the default row ("*") gives 1 and 0."""
    if rows != "none":
        documents.put_queue_policy(engine, QueuePolicy(priority_weight=1, interleave=0))
        documents.put_queue_policy(engine, QueuePolicy(priority_weight=2, interleave=3),
                                   center="C-001")
    numbers, called = called_in_order(kiosk, counter)
    assert called == [numbers[index] for index in [1, 2, 3, 0, 4, 5]]


def called_in_order(kiosk: SignedClient, counter: SignedClient) -> tuple[list[str], list[str]]:
    """Six tickets of category A (effective waits as in the fairness test), then the
    numbers one window calls until nobody waits."""
    numbers = lease(kiosk, "A", 6)
    plan = [(10, None), (9, "elderly"), (8, "disabled"), (7, "booked"), (6, "elderly"), (1, None)]
    items = [ticket_item(number, "A", minutes_ago(age), priority)
             for number, (age, priority) in zip(numbers, plan, strict=True)]
    assert {status for status, _ in deliver(kiosk, items)} == {"accepted"}
    called = []
    while (number := call(counter)) is not None:
        called.append(number)
        assert act(counter, number, "end").status_code == 200
    return numbers, called


def test_window_categories_and_transfers(
    kiosk: SignedClient, counter: SignedClient, queues: None
) -> None:
    a1, b1 = number_of(kiosk, "A"), number_of(kiosk, "B")
    assert call(counter, "1", ["B"]) == b1
    moved = act(counter, b1, "transfer", to_category="A").json()
    assert (moved["status"], moved["category"]) == ("transferred", "A")
    assert call(counter, "2", ["B"]) is None
    assert call(counter, "2", ["A"]) == a1
    # b1 waits in A now; a1 is sent back to wait for window 7 only.
    assert act(counter, a1, "transfer", "2", to_window="7").status_code == 200
    assert call(counter, "3", ["A"]) == b1
    assert call(counter, "3", ["A"]) is None
    assert call(counter, "7") == a1
    bad = act(counter, a1, "transfer", "7")
    assert (bad.status_code, bad.json()["code"]) == (400, "bad_transfer")
    unknown = act(counter, a1, "transfer", "7", to_category="Z")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "unknown_category")


# ---------------------------------------------------------------- actions
def test_ticket_life_and_refusals(
    kiosk: SignedClient, counter: SignedClient, engine: Engine, queues: None
) -> None:
    first, second = number_of(kiosk), number_of(kiosk)
    refused = kiosk.request(
        "POST", "/v1/queue/call-next", json_body={"window": "1", "staff_no": "1001"})
    assert (refused.status_code, refused.json()["code"]) == (403, "wrong_role")
    assert call(counter) == first
    assert act(counter, first, "recall").json()["recalls"] == 1
    assert act(counter, first, "recall").json()["recalls"] == 2
    assert act(counter, first, "serve").json()["status"] == "serving"
    assert act(counter, first, "park").json()["status"] == "parked"
    late = act(counter, first, "no-show")
    assert (late.status_code, late.json()["code"]) == (409, "bad_transition")
    resumed = act(counter, first, "resume", "4").json()
    assert (resumed["status"], resumed["window"]) == ("serving", "4")
    assert act(counter, first, "end", "4").json()["status"] == "done"
    assert act(counter, first, "end").status_code == 409

    assert call(counter) == second
    assert act(counter, second, "no-show").json()["status"] == "no_show"
    missing = act(counter, "A999", "serve")
    assert (missing.status_code, missing.json()["code"]) == (404, "unknown_ticket")
    assert act(counter, second, "dance").status_code == 422

    walk = counter.request("POST", "/v1/queue/walk-in",
                           json_body={"category": "D", "window": "5", "staff_no": "1002"}).json()
    assert (walk["number"], walk["status"], walk["window"]) == ("D001", "serving", "5")
    with Session(engine) as session:
        kinds = session.scalars(select(QueueEvent.kind).order_by(QueueEvent.id)).all()
    assert kinds == ["issued", "issued", "called", "recalled", "recalled", "serving", "parked",
                     "resumed", "ended", "called", "no_show", "walk_in"]


def test_queue_state(kiosk: SignedClient, counter: SignedClient, queues: None) -> None:
    for category in "AABBB":
        number_of(kiosk, category)
    assert call(counter, "1", ["A"]) == "A001"
    assert call(counter, "2", ["B"]) == "B001"
    assert call(counter, "1", ["B"]) == "B002"
    act(counter, "A001", "recall", "1")
    state = kiosk.request("GET", "/v1/queue/state").json()
    waiting = {c["code"]: c["waiting"] for c in state["categories"]}
    assert waiting == {"A": 1, "B": 1, "C": 0, "D": 0}
    assert state["categories"][1]["name_en"] == "Social security and medical insurance"
    assert [(c["window"], c["number"]) for c in state["now_serving"]] == [
        ("1", "A001"), ("2", "B001")]
    assert [c["number"] for c in state["recent_calls"]] == ["A001", "B002", "B001", "A001"]


def test_stats_from_events(
    kiosk: SignedClient, counter: SignedClient, queues: None
) -> None:
    numbers = lease(kiosk, "A", 3)
    deliver(kiosk, [ticket_item(numbers[0], "A", minutes_ago(10)),
                    ticket_item(numbers[1], "A", minutes_ago(4)),
                    ticket_item(numbers[2], "A", minutes_ago(2))])
    assert call(counter, "1") == numbers[0]
    act(counter, numbers[0], "serve", "1")
    act(counter, numbers[0], "end", "1")
    assert call(counter, "2") == numbers[1]
    act(counter, numbers[1], "end", "2")
    assert call(counter, "2") == numbers[2]
    act(counter, numbers[2], "no-show", "2")
    counter.request("POST", "/v1/queue/walk-in",
                    json_body={"category": "A", "window": "3", "staff_no": "1003"})

    stats = counter.request("GET", "/v1/queue/stats").json()
    total = stats["total"]
    assert (total["served"], total["no_shows"]) == (2, 1)
    assert 590 <= total["longest_wait_seconds"] <= 620
    assert 300 <= total["average_wait_seconds"] <= 330  # (600 + 240 + 120) / 3
    assert total["average_handling_seconds"] is not None
    per_window = {w["window"]: w for w in stats["windows"]}
    assert sorted(per_window) == ["1", "2", "3"]
    assert (per_window["2"]["served"], per_window["2"]["no_shows"]) == (1, 1)
    assert per_window["3"]["average_wait_seconds"] is None  # a walk-in does not wait
    one = counter.request("GET", "/v1/queue/stats?window=1").json()
    assert [w["window"] for w in one["windows"]] == ["1"]
    past = counter.request("GET", "/v1/queue/stats?day=2020-01-01").json()
    assert (past["total"]["served"], past["windows"]) == (0, [])
