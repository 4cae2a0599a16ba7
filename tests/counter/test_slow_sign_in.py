"""A clerk signs in against a slow platform (the reference platform on loopback,
its answers to /v1/staff/sign-in held back by a fault plan): the sign-in waits
its own, longer read timeout; past it, the clerk is told the platform is slow
to answer, not that it cannot be reached, and no wrong PIN is counted. An
answer that is busy (503) or unreadable is said to be one, not out of reach."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter.admin.common import problem_of
from sync.client import PlatformClient, SlowAnswer, Unreachable
from sync.protocol.staff import SignInPurpose, StaffSignInRequest
from sync.server.faults import FaultRule, write_plan
from tests.counter.conftest import CLERK, CLERK_PIN, Counter, counter_terminal, sign_in

SIGN_IN = "/v1/staff/sign-in"
WAIT_MS = 30_000


def hold_sign_in(counter: Counter, seconds: float) -> None:
    """The platform's next answer to a sign-in comes `seconds` late."""
    write_plan(counter.fault_plan, [FaultRule(action="delay", delay=seconds, method="POST",
                                              path=SIGN_IN)])


def submit(qtbot: QtBot, counter: Counter, pin: str = CLERK_PIN) -> None:
    """Type the staff number and PIN, and wait for the platform's verdict (or its absence)."""
    screen = counter.ui.sign_in
    screen.staff_no.setText(CLERK)
    screen.pin.setText(pin)
    screen.submit()
    qtbot.waitUntil(lambda: not screen._busy, timeout=WAIT_MS)


def test_a_sign_in_answered_after_the_read_timeout_still_signs_the_clerk_in(
        qtbot: QtBot, tmp_path: Path) -> None:
    with counter_terminal(tmp_path, qtbot, platform={"read_timeout": 2.0,
                                                     "sign_in_timeout": 20.0}) as counter:
        hold_sign_in(counter, 3.5)  # later than any other request may take
        sign_in(qtbot, counter)
        assert counter.ui.desk.clerk is not None and counter.ui.desk.clerk.staff_no == CLERK
        assert counter.ui.sign_in.manager_session is None  # a clerk, checked online
        assert counter.shell.services.runtime.staff._cache.staff_verifiers()  # online: kept


def test_too_slow_an_answer_says_slow_and_a_second_try_signs_in(
        qtbot: QtBot, tmp_path: Path) -> None:
    with counter_terminal(tmp_path, qtbot, platform={"read_timeout": 3.0,
                                                     "sign_in_timeout": 3.0}) as counter:
        screen = counter.ui.sign_in
        hold_sign_in(counter, 6.0)
        submit(qtbot, counter)
        text = screen.message.text()
        assert text.startswith("The platform is slow to answer"), text
        assert "cannot be reached" not in text
        assert counter.ui.desk.clerk is None
        assert screen.lockout.failures == 0 and screen.pin.text() == ""
        submit(qtbot, counter)  # the fault is spent: the platform answers in time
        qtbot.waitUntil(lambda: counter.ui.desk.clerk is not None, timeout=WAIT_MS)


def test_a_clerk_with_a_verifier_here_is_signed_in_when_the_answer_is_too_slow(
        qtbot: QtBot, tmp_path: Path) -> None:
    with counter_terminal(tmp_path, qtbot, platform={"sign_in_timeout": 3.0}) as counter:
        sign_in(qtbot, counter)  # online: this terminal keeps the clerk's verifier
        counter.ui.sign_out()
        hold_sign_in(counter, 6.0)
        submit(qtbot, counter)
        assert counter.ui.desk.clerk is not None and counter.ui.desk.clerk.staff_no == CLERK


def test_a_timed_out_request_is_slow_and_no_platform_is_unreachable(
        qtbot: QtBot, tmp_path: Path) -> None:
    with counter_terminal(tmp_path, qtbot) as counter:
        hold_sign_in(counter, 3.0)
        kiosk = counter.kiosk
        late = PlatformClient(counter.url, kiosk.terminal_id, kiosk._key, read_timeout=1.0,
                              sign_in_timeout=1.0)
        request = StaffSignInRequest(purpose=SignInPurpose.COUNTER, pin=CLERK_PIN,
                                     staff_no=CLERK)
        try:
            with pytest.raises(SlowAnswer) as slow:
                late.staff_sign_in(request)
            assert problem_of(slow.value) == "slow"
            nobody = PlatformClient("http://127.0.0.1:1", kiosk.terminal_id, kiosk._key)
            with pytest.raises(Unreachable) as gone:
                nobody.staff_sign_in(request)  # nothing listens there: no answer at all
            nobody.close()
            assert not isinstance(gone.value, SlowAnswer) and problem_of(gone.value) == "offline"
        finally:
            late.close()


@pytest.mark.parametrize("fault", [
    FaultRule(action="status", status=503, retry_after=2, method="POST", path=SIGN_IN),
    FaultRule(action="garbage", method="POST", path=SIGN_IN),
], ids=["busy", "unreadable"])
def test_a_busy_or_unreadable_answer_says_busy_and_counts_no_wrong_pin(
        qtbot: QtBot, tmp_path: Path, fault: FaultRule) -> None:
    with counter_terminal(tmp_path, qtbot) as counter:
        screen = counter.ui.sign_in
        assert not counter.shell.services.runtime.staff._cache.staff_verifiers()
        write_plan(counter.fault_plan, [fault])
        submit(qtbot, counter)
        text = screen.message.text()
        assert text.startswith("The platform is busy or has a fault"), text
        assert "cannot be reached" not in text
        assert counter.ui.desk.clerk is None
        assert screen.lockout.failures == 0 and screen.pin.text() == ""
        submit(qtbot, counter)  # the fault is spent: the platform answers
        qtbot.waitUntil(lambda: counter.ui.desk.clerk is not None, timeout=WAIT_MS)
