"""Staff sign-in at the platform (issue 10, Deliver 2): no PIN hash leaves it,
PINs are checked here with a rate limit and a lockout kept in the database, a
card needs the PIN too, and the offline verifier works only on its terminal."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from platform_helpers import SignedClient, enroll_terminal
from sqlalchemy import Engine

from sync.protocol.models import Role, StaffMember, StaffRoster
from sync.protocol.pin_hash import hash_pin
from sync.protocol.staff import OfflineVerifier, verifier_key, verify_offline
from sync.server import documents, staff

SIGN_IN = "/v1/staff/sign-in"
CLERK_PIN, TECH_PIN, OTHER_PIN = "246810", "909090", "135790"


@pytest.fixture(scope="module")
def hashes() -> dict[str, str]:
    return {pin: hash_pin(pin) for pin in (CLERK_PIN, TECH_PIN, OTHER_PIN)}


@pytest.fixture
def roster(engine: Engine, hashes: dict[str, str]) -> None:
    documents.put_document(engine, "staff", StaffRoster(staff=[
        StaffMember(staff_no="1001", name="Wang Li", pin_hash=hashes[CLERK_PIN],
                    card_uid="04A1B2C3", center="C-001"),
        StaffMember(staff_no="9001", name="Zhao", role="technician",
                    pin_hash=hashes[TECH_PIN]),
        StaffMember(staff_no="5001", name="Elsewhere", pin_hash=hashes[OTHER_PIN],
                    center="C-002"),
    ]))


def attempt(terminal: SignedClient, **body: Any) -> dict[str, Any]:
    answer = terminal.request("POST", SIGN_IN, json_body=body)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Cache-Control"] == "no-store"
    result: dict[str, Any] = answer.json()
    return result


def test_the_directory_carries_no_secret_and_only_the_center(
    counter: SignedClient, roster: None
) -> None:
    answer = counter.request("GET", "/v1/staff")
    assert answer.json() == {"staff": [
        {"staff_no": "1001", "name": "Wang Li", "role": "clerk"},
        {"staff_no": "9001", "name": "Zhao", "role": "technician"}]}
    assert "scrypt" not in answer.text and "04A1B2C3" not in answer.text
    again = counter.request("GET", "/v1/staff", headers={"If-None-Match": answer.headers["ETag"]})
    assert again.status_code == 304


def test_online_sign_in_and_the_verifier_of_this_terminal(
    client: TestClient, engine: Engine, counter: SignedClient, roster: None
) -> None:
    good = attempt(counter, purpose="counter", staff_no="1001", pin=CLERK_PIN)
    assert good["outcome"] == "signed_in"
    assert good["member"] == {"staff_no": "1001", "name": "Wang Li", "role": "clerk"}
    verifier = OfflineVerifier.model_validate(good["verifier"])
    assert verify_offline(verifier_key(counter.key), CLERK_PIN, verifier)
    assert not verify_offline(verifier_key(counter.key), "000000", verifier)
    other = enroll_terminal(client, engine, Role.COUNTER)
    assert not verify_offline(verifier_key(other.key), CLERK_PIN, verifier)
    wrong = [attempt(counter, purpose="counter", staff_no="1001", pin="000000"),
             attempt(counter, purpose="counter", staff_no="4242", pin=CLERK_PIN),
             attempt(counter, purpose="counter", staff_no="5001", pin=OTHER_PIN),
             attempt(counter, purpose="counter", staff_no="9001", pin=TECH_PIN)]
    assert wrong == [{"outcome": "wrong", "member": None, "verifier": None,
                      "retry_after_seconds": 0, "manager_session": None}] * 4


def test_a_card_needs_the_pin(counter: SignedClient, roster: None) -> None:
    no_pin = counter.request("POST", SIGN_IN, json_body={"purpose": "counter",
                                                        "card_uid": "04A1B2C3"})
    assert no_pin.status_code == 422
    assert attempt(counter, purpose="counter", card_uid="04 a1 b2 c3",
                   pin="000000")["outcome"] == "wrong"
    good = attempt(counter, purpose="counter", card_uid="04:a1:b2:c3", pin=CLERK_PIN)
    assert (good["outcome"], good["member"]["staff_no"]) == ("signed_in", "1001")
    assert good["verifier"]["card_mac"]


def test_a_technician_pin_alone(kiosk: SignedClient, roster: None) -> None:
    good = attempt(kiosk, purpose="technician", pin=TECH_PIN)
    assert (good["outcome"], good["member"]["staff_no"]) == ("signed_in", "9001")
    assert attempt(kiosk, purpose="technician", pin=CLERK_PIN)["outcome"] == "wrong"


def test_the_lockout_is_kept_at_the_platform(
    client: TestClient, engine: Engine, counter: SignedClient, roster: None
) -> None:
    answers = [attempt(counter, purpose="counter", staff_no="1001", pin="000000")
               for _ in range(staff.FAILURES_BEFORE_LOCKOUT)]
    assert [a["outcome"] for a in answers] == ["wrong"] * 4 + ["locked"]
    assert answers[-1]["retry_after_seconds"] == staff.FIRST_LOCKOUT_SECONDS
    elsewhere = enroll_terminal(client, engine, Role.COUNTER)
    right = attempt(elsewhere, purpose="counter", staff_no="1001", pin=CLERK_PIN)
    assert right["outcome"] == "locked" and right["member"] is None


def test_each_terminal_is_rate_limited(counter: SignedClient, roster: None) -> None:
    outcomes = [attempt(counter, purpose="counter", staff_no=f"x{n}", pin="000000")["outcome"]
                for n in range(staff.ATTEMPTS_PER_MINUTE + 1)]
    assert outcomes == ["wrong"] * staff.ATTEMPTS_PER_MINUTE + ["throttled"]


def test_a_hall_display_signs_nobody_in(
    client: TestClient, engine: Engine, roster: None
) -> None:
    display = enroll_terminal(client, engine, Role.DISPLAY)
    answer: httpx.Response = display.request(
        "POST", SIGN_IN, json_body={"purpose": "counter", "staff_no": "1001", "pin": CLERK_PIN})
    assert (answer.status_code, answer.json()["code"]) == (403, "wrong_role")
