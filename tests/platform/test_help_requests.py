"""Help requests ("call staff") on a real platform process over loopback: only
kiosks raise them, each belongs to the kiosk's center and reaches that
center's counters and hall display on the event stream (never another
center's), and a counter of that center acknowledges it."""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from sync.client import AuthError, PlatformClient, RequestRefused
from sync.protocol.help import ON_THE_WAY_SECONDS, HelpBoard
from sync.protocol.models import Role
from sync.protocol.queue import HallEvent
from sync.server import enrollment, help_requests
from sync.server.db import make_engine
from sync.server.process import PlatformProcess
from sync.server.queue.core import ZONE


@dataclass
class Platform:
    url: str
    engine: Engine
    clients: list[PlatformClient] = field(default_factory=list)

    def client(self, center: str, role: Role) -> PlatformClient:
        enrolled = PlatformClient.enroll(self.url,
                                         enrollment.issue_code(self.engine, center, role))
        client = PlatformClient(self.url, enrolled.terminal_id,
                                base64.urlsafe_b64decode(enrolled.key))
        self.clients.append(client)
        return client


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('help') / 'platform.db'}"
    process = PlatformProcess(db_url)
    engine = make_engine(db_url)
    world = Platform(process.url, engine)
    try:
        process.start()
        world.url = process.url
        yield world
    finally:
        for client in world.clients:
            client.close()
        process.stop()
        engine.dispose()


@pytest.fixture
def centers() -> tuple[str, str]:
    """A fresh pair of centers per test (the platform is shared by the module)."""
    tag = uuid.uuid4().hex[:6]
    return f"HOME-{tag}", f"AWAY-{tag}"


def help_item(kiosk: str, screen: str = "repair", *, created_at: datetime | None = None,
              title: str = "Report a repair", language: str = "en") -> dict[str, object]:
    return {
        "id": str(uuid.uuid4()), "seq": 1,
        "created_at": (created_at or datetime.now(UTC)).isoformat(),
        "payload": {"kind": "help_request", "kiosk": kiosk, "screen": screen,
                    "screen_title": title, "language": language},
    }


def earlier_today(minutes: int) -> datetime:
    """`minutes` ago, or the center's midnight if that was yesterday (whole seconds)."""
    now = datetime.now(ZONE)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return max(now - timedelta(minutes=minutes), midnight).replace(microsecond=0).astimezone(UTC)


def deliver(client: PlatformClient, *items: dict[str, object]) -> list[str]:
    answer = client.post_batch(json.dumps({"items": list(items)}).encode())
    return [f"{result.status.value}:{result.code or ''}" for result in answer.results]


def next_help(events: Iterator[HallEvent]) -> HelpBoard:
    """The next help event of a stream (state and call events skipped)."""
    for event in events:
        if event.event == "help" and event.help is not None:
            return event.help
    raise AssertionError("the stream ended before a help event")


def test_a_kiosk_call_reaches_its_centers_counters_and_display_only(
        platform: Platform, centers: tuple[str, str]) -> None:
    home, away = centers
    kiosk = platform.client(home, Role.KIOSK)
    streams = {name: platform.client(center, role).queue_events()
               for name, center, role in (("display", home, Role.DISPLAY),
                                          ("counter", home, Role.COUNTER),
                                          ("away display", away, Role.DISPLAY),
                                          ("away counter", away, Role.COUNTER))}
    try:
        for events in streams.values():  # every stream starts with its board, empty
            assert next_help(events).requests == []
        asked = datetime.now(UTC).replace(microsecond=0)
        assert deliver(kiosk, help_item("2", created_at=asked)) == ["accepted:"]
        for name in ("display", "counter"):
            [shown] = next_help(streams[name]).requests
            assert (shown.kiosk, shown.screen, shown.screen_title, shown.language) == \
                ("2", "repair", "Report a repair", "en"), name
            assert shown.raised_at == asked and shown.open and shown.window is None
        # the other center's streams move only for their own kiosk's call
        assert deliver(platform.client(away, Role.KIOSK), help_item("7", "home")) \
            == ["accepted:"]
        for name in ("away display", "away counter"):
            assert [r.kiosk for r in next_help(streams[name]).requests] == ["7"], name
    finally:
        for events in streams.values():
            events.close()


def test_only_kiosks_raise_help_requests(platform: Platform, centers: tuple[str, str]) -> None:
    home, _ = centers
    counter = platform.client(home, Role.COUNTER)
    assert deliver(counter, help_item("2")) == ["rejected:wrong_role"]
    with pytest.raises(AuthError, match="wrong_role"):
        deliver(platform.client(home, Role.DISPLAY), help_item("2"))
    assert help_requests.board(platform.engine, home, time.time()).requests == []


def test_a_counter_of_the_center_acknowledges_and_the_first_answer_stands(
        platform: Platform, centers: tuple[str, str]) -> None:
    home, away = centers
    kiosk, counter = platform.client(home, Role.KIOSK), platform.client(home, Role.COUNTER)
    events = platform.client(home, Role.DISPLAY).queue_events()
    try:
        assert next_help(events).requests == []
        deliver(kiosk, help_item("2"))
        [request] = next_help(events).requests
        with pytest.raises(RequestRefused) as foreign:
            platform.client(away, Role.COUNTER).acknowledge_help(request.id, "9", "9001")
        assert (foreign.value.status, foreign.value.code) == (404, "unknown_help_request")
        for role in (Role.KIOSK, Role.DISPLAY):
            with pytest.raises(AuthError, match="wrong_role"):
                platform.client(home, role).acknowledge_help(request.id, "9", "9001")
        answered = counter.acknowledge_help(request.id, "3", "1001")
        assert (answered.id, answered.window) == (request.id, "3")
        assert answered.acknowledged_at is not None
        [shown] = next_help(events).requests  # still on the board: "staff are on the way"
        assert (shown.id, shown.window, shown.open) == (request.id, "3", False)
        again = platform.client(home, Role.COUNTER).acknowledge_help(request.id, "5", "1002")
        assert (again.window, again.acknowledged_at) == ("3", answered.acknowledged_at)
    finally:
        events.close()
    later = time.time() + ON_THE_WAY_SECONDS + 1
    assert help_requests.board(platform.engine, home, later).requests == []


def test_one_kiosk_one_alert_until_it_is_answered(platform: Platform,
                                                  centers: tuple[str, str]) -> None:
    home, _ = centers
    kiosk, counter = platform.client(home, Role.KIOSK), platform.client(home, Role.COUNTER)
    first = earlier_today(3)
    deliver(kiosk, help_item("2", "repair", created_at=first))
    deliver(kiosk, help_item("2", "home", title="Home"))
    [request] = help_requests.board(platform.engine, home, time.time()).requests
    assert (request.screen, request.screen_title, request.raised_at) == ("home", "Home", first)
    counter.acknowledge_help(request.id, "3", "1001")
    deliver(kiosk, help_item("2", "ticket"))  # asked again after the answer: a new alert
    board = help_requests.board(platform.engine, home, time.time()).requests
    assert [(r.screen, r.open) for r in board] == [("home", False), ("ticket", True)]


def test_a_call_delivered_late_keeps_its_time_and_yesterdays_is_not_shown(
        platform: Platform, centers: tuple[str, str]) -> None:
    home, _ = centers
    kiosk = platform.client(home, Role.KIOSK)
    offline_at = earlier_today(20)
    future = datetime.now(UTC) + timedelta(hours=2)  # a kiosk clock ahead: never "in -2 h"
    yesterday = datetime.now(UTC) - timedelta(days=1, hours=1)
    other = platform.client(home, Role.KIOSK)
    third = platform.client(home, Role.KIOSK)
    assert deliver(kiosk, help_item("2", created_at=offline_at)) == ["accepted:"]
    assert deliver(other, help_item("3", created_at=future)) == ["accepted:"]
    assert deliver(third, help_item("4", created_at=yesterday)) == ["accepted:"]
    board = help_requests.board(platform.engine, home, time.time()).requests
    assert [r.kiosk for r in board] == ["2", "3"]
    assert board[0].raised_at == offline_at
    assert board[1].raised_at <= datetime.now(UTC)
