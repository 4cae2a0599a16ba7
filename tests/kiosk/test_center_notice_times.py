"""A center's own notice (issue 11, Deliver 4) on the kiosk's notices screen:
shown from its start until its end by the kiosk's clock, from the cache alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from kiosk.context import KioskContext
from sync.caches import NOTICES
from sync.protocol.models import Notice, NoticeList
from tests.helpers.shells import cache_shell
from tests.kiosk.conftest import KioskUi

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def notice(title: str, starts: datetime, ends: datetime | None) -> Notice:
    return Notice(id=title, title_zh=title, title_en=title, body_zh="", body_en="",
                  published_at=starts, starts_at=starts, ends_at=ends)


def test_the_kiosk_shows_a_centers_notice_in_its_time(kiosk: KioskUi, context: KioskContext,
                                                      local_cache: Any) -> None:
    listed = NoticeList(notices=[
        notice("city-wide", NOW - timedelta(days=30), None).model_copy(
            update={"starts_at": None, "ends_at": None}),
        notice("showing", NOW - timedelta(hours=1), NOW + timedelta(days=1)),
        notice("tomorrow", NOW + timedelta(days=1), None),
        notice("over", NOW - timedelta(days=2), NOW - timedelta(minutes=1)),
    ])
    local_cache.put(NOTICES, listed.model_dump_json(), None, NOW)
    context.shell = cache_shell(local_cache)
    clock = [NOW]
    context.clock = lambda: clock[0]
    screen = kiosk.screen("notices")
    assert [n.id for n in screen.notices()] == ["showing", "city-wide"]
    clock[0] = NOW + timedelta(days=2)  # the center's notice ended, the next one began
    assert [n.id for n in screen.notices()] == ["tomorrow", "city-wide"]
