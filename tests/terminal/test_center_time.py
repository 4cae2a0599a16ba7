"""The center's zone and clock (terminal/center_time.py): a known zone is used
as named, an unknown one falls back to the default with an error in the log,
and every time shown is converted to the center's zone (naive times are UTC)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from sync.paths import DEFAULT_TIME_ZONE
from terminal.center_time import center_clock, center_zone, in_center

URUMQI = ZoneInfo("Asia/Urumqi")  # UTC+6, two hours behind the default zone


def test_a_known_zone_is_used_as_named(caplog: pytest.LogCaptureFixture) -> None:
    assert center_zone("Asia/Urumqi") == URUMQI
    assert not caplog.records


@pytest.mark.log_warnings(r"ERROR terminal\.center_time: unknown time zone 'Mars/Olympus'",
                          r"ERROR terminal\.center_time: unknown time zone '\.\./etc'")
@pytest.mark.parametrize("name", ["Mars/Olympus", "../etc"])
def test_an_unknown_zone_falls_back_to_the_default_and_says_so(
        name: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, "terminal.center_time"):
        assert center_zone(name) == ZoneInfo(DEFAULT_TIME_ZONE)
    assert [record.getMessage() for record in caplog.records] == [
        f"unknown time zone {name!r}: using {DEFAULT_TIME_ZONE}"]


def test_the_clock_reads_now_in_the_center_zone() -> None:
    clock = center_clock(URUMQI)
    before = datetime.now(UTC)
    now = clock()
    after = datetime.now(UTC)
    assert now.tzinfo is URUMQI
    assert now.utcoffset() == timedelta(hours=6)
    assert before <= now <= after


def test_a_naive_stored_time_is_taken_as_utc() -> None:
    shown = in_center(datetime(2025, 11, 25, 20, 30), ZoneInfo("Asia/Shanghai"))
    assert (shown.date().isoformat(), f"{shown:%H:%M}") == ("2025-11-26", "04:30")
    assert shown.utcoffset() == timedelta(hours=8)


def test_an_aware_time_keeps_its_instant() -> None:
    moment = datetime(2025, 11, 25, 9, 0, tzinfo=timezone(timedelta(hours=-5)))
    shown = in_center(moment, URUMQI)
    assert shown == moment
    assert f"{shown:%Y-%m-%d %H:%M}" == "2025-11-25 20:00"
