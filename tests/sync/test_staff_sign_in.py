"""A terminal signs staff in through the platform; offline only those who signed
in here recently, against this terminal's verifiers (demo staff, real platform)."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.caches import ReferenceCache
from sync.client import PlatformClient
from sync.protocol.models import Role
from sync.protocol.staff import SignInOutcome, SignInPurpose
from sync.server.process import PlatformProcess
from sync.staff_sign_in import OFFLINE_DAYS, StaffSignIn
from sync.store.database import open_database
from tests.sync.helpers import DEMO_DIR

CLERK, CLERK_PIN, OTHER, OTHER_PIN, TECH_PIN = "1001", "246810", "1002", "135790", "909090"
COUNTER = SignInPurpose.COUNTER


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[PlatformProcess]:
    process = PlatformProcess(f"sqlite:///{tmp_path / 'platform.db'}", demo_data=DEMO_DIR)
    process.start()
    yield process
    process.stop()


_OPEN: list[tuple[PlatformClient, ReferenceCache]] = []


@pytest.fixture(autouse=True)
def close_terminals() -> Iterator[None]:
    yield
    while _OPEN:
        client, cache = _OPEN.pop()
        client.close()
        cache.database.close()


def terminal(platform: PlatformProcess, folder: Path, role: Role = Role.COUNTER,
             clock: float = 0.0) -> StaffSignIn:
    from sync.server import enrollment
    from sync.server.db import make_engine

    engine = make_engine(platform.database_url)
    code = enrollment.issue_code(engine, "C001", role)
    engine.dispose()
    answer = PlatformClient.enroll(platform.url, code)
    key = base64.urlsafe_b64decode(answer.key)
    client = PlatformClient(platform.url, answer.terminal_id, key, read_timeout=3.0,
                            connect_timeout=0.5)
    folder.mkdir(parents=True, exist_ok=True)
    cache = ReferenceCache(open_database(folder / "terminal.db"))
    _OPEN.append((client, cache))
    return StaffSignIn(client, cache, key, clock=lambda: time.time() + clock)


def test_online_then_offline_only_for_who_signed_in_here(
    platform: PlatformProcess, tmp_path: Path
) -> None:
    desk = terminal(platform, tmp_path / "desk")
    other_desk = terminal(platform, tmp_path / "other")
    online = desk.sign_in(COUNTER, CLERK_PIN, staff_no=CLERK)
    assert (online.outcome, online.offline) == (SignInOutcome.SIGNED_IN, False)
    assert online.member is not None and online.member.name == "王丽"
    assert other_desk.sign_in(COUNTER, "000000", staff_no=OTHER).outcome is SignInOutcome.WRONG

    platform.stop()
    offline = desk.sign_in(COUNTER, CLERK_PIN, staff_no=CLERK)
    assert (offline.outcome, offline.offline) == (SignInOutcome.SIGNED_IN, True)
    assert desk.sign_in(COUNTER, "000000", staff_no=CLERK).outcome is SignInOutcome.WRONG
    stranger = desk.sign_in(COUNTER, OTHER_PIN, staff_no=OTHER)
    assert (stranger.outcome, stranger.no_verifier) == (SignInOutcome.WRONG, False)
    card = desk.sign_in(COUNTER, CLERK_PIN, card_uid="04a1b2c3")
    assert card.outcome is SignInOutcome.SIGNED_IN
    never = other_desk.sign_in(COUNTER, OTHER_PIN, staff_no=OTHER)
    assert (never.outcome, never.no_verifier) == (SignInOutcome.WRONG, True)


def test_verifiers_expire_and_are_useless_elsewhere(
    platform: PlatformProcess, tmp_path: Path
) -> None:
    desk = terminal(platform, tmp_path / "desk")
    assert desk.sign_in(COUNTER, CLERK_PIN, staff_no=CLERK).outcome is SignInOutcome.SIGNED_IN
    copied = terminal(platform, tmp_path / "copy")
    for verifier in desk._cache.staff_verifiers():
        copied._cache.put_staff_verifier(verifier)  # a verifier carried to another terminal
    later = StaffSignIn(desk._client, desk._cache, b"", clock=lambda: time.time()
                        + (OFFLINE_DAYS + 1) * 86400)
    platform.stop()
    assert copied.sign_in(COUNTER, CLERK_PIN, staff_no=CLERK).outcome is SignInOutcome.WRONG
    expired = later.sign_in(COUNTER, CLERK_PIN, staff_no=CLERK)
    assert (expired.outcome, expired.no_verifier) == (SignInOutcome.WRONG, True)


def test_a_refusal_never_falls_back_offline(platform: PlatformProcess, tmp_path: Path) -> None:
    desk = terminal(platform, tmp_path / "desk")
    assert desk.sign_in(COUNTER, CLERK_PIN, staff_no=CLERK).outcome is SignInOutcome.SIGNED_IN
    for _ in range(4):
        assert desk.sign_in(COUNTER, "000000", staff_no=CLERK).outcome is SignInOutcome.WRONG
    assert desk.sign_in(COUNTER, "000000", staff_no=CLERK).outcome is SignInOutcome.LOCKED
    locked = desk.sign_in(COUNTER, CLERK_PIN, staff_no=CLERK)
    assert (locked.outcome, locked.offline) == (SignInOutcome.LOCKED, False)
    assert locked.retry_after_seconds > 0


def test_a_kiosk_technician_by_pin(platform: PlatformProcess, tmp_path: Path) -> None:
    kiosk = terminal(platform, tmp_path / "kiosk", Role.KIOSK)
    technician = SignInPurpose.TECHNICIAN
    assert kiosk.sign_in(technician, TECH_PIN).outcome is SignInOutcome.SIGNED_IN
    assert kiosk.sign_in(technician, CLERK_PIN).outcome is SignInOutcome.WRONG
    platform.stop()
    assert kiosk.sign_in(technician, TECH_PIN).outcome is SignInOutcome.SIGNED_IN
