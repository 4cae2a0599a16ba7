"""The 24-hour kiosk and the center's opening rules (issue 11, Deliver 4): the
platform refuses a number outside the hours or over the day's quota, and the
kiosk says which, with the hours the manager set, instead of "ask at the desk"."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from sync.protocol.center import Hours, OpeningRules
from sync.server.admin import setup
from sync.server.admin.sessions import SignedInManager
from sync.server.auth import Caller
from sync.server.queue.core import ZONE
from tests.kiosk import queue_fixtures
from tests.kiosk.queue_fixtures import QueueEnv
from tests.kiosk.test_queue_flow import WAIT_MS, finish, open_take_number, take

queue_env = queue_fixtures.queue_env  # the fixture, used by name below
MANAGER = SignedInManager(Caller("T-MANAGER", "C001", "counter"), "8001", "Manager")


def now() -> datetime:
    return datetime.now(UTC)


def closed_now() -> Hours:
    """One hour of opening that is over (or, just after midnight, still to come)."""
    hour = datetime.now(ZONE).hour
    if hour >= 3:
        return Hours(opens=f"{hour - 3:02d}:00", closes=f"{hour - 2:02d}:00")
    return Hours(opens="22:00", closes="23:00")


def refused_with(queue_env: QueueEnv, qtbot: QtBot, words: str) -> str:
    kiosk = queue_env.kiosk
    kiosk.shell.services.runtime.synchronizer.refresh()  # the rules into the cache
    screen = open_take_number(kiosk, qtbot)
    screen.tiles["A"].click()
    qtbot.waitUntil(lambda: words in screen.message.text(), timeout=WAIT_MS)
    assert kiosk.navigator.current == "take_number"
    return str(screen.message.text())


def test_outside_the_hours_the_kiosk_says_when_numbers_are_given(
        queue_env: QueueEnv, qtbot: QtBot) -> None:
    hours = closed_now()
    setup.put_opening(queue_env.engine(), MANAGER, OpeningRules(
        working_day=hours, rest_day=hours, cutoff_minutes=15))
    text = refused_with(queue_env, qtbot, "not giving numbers")
    last = f"{int(hours.closes[:2]) - 1:02d}:45"
    assert f"from {hours.opens} to {last}" in text
    assert queue_env.tickets() == []


def test_over_the_quota_the_kiosk_says_so(queue_env: QueueEnv, qtbot: QtBot) -> None:
    always = Hours(opens="00:00", closes="23:59")
    setup.put_opening(queue_env.engine(), MANAGER, OpeningRules(
        working_day=always, rest_day=always, cutoff_minutes=0, quotas={"A": 1}))
    kiosk = queue_env.kiosk
    kiosk.shell.services.runtime.synchronizer.refresh()
    open_take_number(kiosk, qtbot)
    assert take(kiosk, qtbot).number == "A001"
    finish(kiosk, qtbot)
    refused_with(queue_env, qtbot, "all been given")
    assert [ticket.number for ticket in queue_env.tickets()] == ["A001"]


def test_offline_the_kiosk_keeps_the_hours_it_last_received(queue_env: QueueEnv,
                                                            qtbot: QtBot) -> None:
    kiosk = queue_env.kiosk
    open_take_number(kiosk, qtbot)  # online first: the leases are topped up
    qtbot.waitUntil(lambda: kiosk.leases().remaining(now()).get("A", 0) > 0, timeout=WAIT_MS)
    hours = closed_now()
    setup.put_opening(queue_env.engine(), MANAGER, OpeningRules(
        working_day=hours, rest_day=hours, cutoff_minutes=0))
    kiosk.shell.services.runtime.synchronizer.refresh()
    before = kiosk.leases().remaining(now())
    queue_env.stop_platform()
    screen = kiosk.screen("take_number")
    screen.tiles["A"].click()
    qtbot.waitUntil(lambda: "not giving numbers" in screen.message.text(), timeout=WAIT_MS)
    assert kiosk.leases().remaining(now()) == before  # no leased number printed
