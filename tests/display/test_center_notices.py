"""A center's own notices (issue 11, Deliver 4) on its hall display: shown in
their time (a scheduled one appears when it starts, offline too, by the
display's clock, the data unchanged), never another center's, gone once expired or ended."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from sync.protocol.center import NoticeDraft
from sync.server.admin import notices
from sync.server.admin.sessions import SignedInManager
from sync.server.auth import Caller
from tests.display import test_live

hall = test_live.hall  # the fixture, used by name below


def manager_of(center: str) -> SignedInManager:
    return SignedInManager(Caller("T-MANAGER", center, "counter"), "8001", "Manager")


def draft(title: str, starts: datetime, ends: datetime | None = None) -> NoticeDraft:
    return NoticeDraft(title_zh=f"{title}（中）", title_en=title, starts_at=starts, ends_at=ends)


@pytest.mark.log_warnings(r"no audio output device")
def test_the_hall_shows_its_own_notices_in_their_time(qtbot: QtBot,
                                                      hall: test_live.Hall) -> None:
    ticker = hall.ui.screen.ticker
    qtbot.waitUntil(lambda: bool(ticker.text), timeout=20_000)  # the city's demo notices
    engine = hall.platform.app.state.engine
    now = datetime.now(UTC)
    home, away = manager_of("C001"), manager_of("C002")
    notices.create(engine, home, draft("Lift out of order", now - timedelta(minutes=5)))
    soon = now + timedelta(seconds=3)
    notices.create(engine, home, draft("Choir in the hall", soon, soon + timedelta(hours=1)))
    notices.create(engine, away, draft("Another center's fair", now - timedelta(minutes=5)))
    withdrawn = notices.create(engine, home, draft("Withdrawn", now - timedelta(minutes=5)))
    notices.expire(engine, home, withdrawn.id)
    notices.create(engine, home, draft("Over", now - timedelta(days=2),
                                       now - timedelta(days=1)))
    qtbot.waitUntil(lambda: "Lift out of order" in ticker.text, timeout=20_000)
    assert "Choir in the hall" not in ticker.text  # not yet: it starts in a moment
    assert hall.ui.notice_timer is not None
    served = hall.shell.services.runtime.cache.validator("notices")
    hall.ui.notice_timer.setInterval(200)  # the minute's recheck, sooner
    qtbot.waitUntil(lambda: "Choir in the hall" in ticker.text, timeout=10_000)
    # the display's clock showed it: what the platform serves did not change
    assert hall.shell.services.runtime.cache.validator("notices") == served
    for absent in ("Another center's fair", "Withdrawn", "Over"):
        assert absent not in ticker.text
