"""A terminal counts promised dates on the calendar its center's platform
publishes: a year published after the package's data ends is exact once
pulled, and stays in use offline after a restart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sync import workdays
from sync.protocol.work_calendar import CalendarDay
from sync.server.cases.calendar import CITY, publish_year
from terminal.local_platform import LocalPlatform
from tests.sync.helpers import enroll, make_terminal, running_platform


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[LocalPlatform]:
    with running_platform(tmp_path) as platform:
        yield platform
    workdays.use_calendar(None)


def test_publishing_next_year_moves_a_promised_date(platform: LocalPlatform,
                                                    tmp_path: Path) -> None:
    terminal_id, key = enroll(platform)
    terminal = make_terminal(tmp_path / "kiosk", platform.url, terminal_id, key)
    try:
        terminal.sync.refresh()
        before = workdays.add_working_days(date(2027, 9, 27), 10)
        assert before == (date(2027, 10, 11), True)
        days = [CalendarDay(day=date(2027, 10, d), working=False, name="National Day")
                for d in (1, 4, 5, 6, 7)]
        days.append(CalendarDay(day=date(2027, 10, 9), working=True, name="National Day"))
        publish_year(platform.app.state.engine, CITY, 2027, days, "test")
        terminal.sync.refresh()
        assert workdays.add_working_days(date(2027, 9, 27), 10) == (date(2027, 10, 15), False)
    finally:
        terminal.close()
    workdays.use_calendar(None)
    assert workdays.add_working_days(date(2027, 9, 27), 10).estimated
    url = platform.url
    platform.stop()  # offline: the restarted terminal counts on what it pulled
    again = make_terminal(tmp_path / "kiosk", url, terminal_id, key)
    try:
        assert workdays.add_working_days(date(2027, 9, 27), 10) == (date(2027, 10, 15), False)
    finally:
        again.close()
