"""Working-day arithmetic on China's holiday calendar (sync.workdays)."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync import workdays
from sync.workdays import WorkdayResult, add_working_days, is_working_day

LOGGER = "sync.workdays"


@pytest.fixture
def fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget which years were already warned about, so each test sees its warnings."""
    monkeypatch.setattr(workdays, "_warned_years", set())


def _warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == LOGGER and r.levelno == logging.WARNING]


# --- National Day 2025: 1-8 October off; Sun 28 Sep and Sat 11 Oct are worked ----------


def test_national_day_2025_skips_the_golden_week() -> None:
    assert add_working_days(date(2025, 9, 30), 1) == WorkdayResult(date(2025, 10, 9), False)


def test_national_day_2025_adjusted_weekends_are_working_days() -> None:
    assert is_working_day(date(2025, 9, 28))  # Sunday
    assert is_working_day(date(2025, 10, 11))  # Saturday
    assert not is_working_day(date(2025, 10, 12))  # ordinary Sunday
    assert not any(is_working_day(date(2025, 10, d)) for d in range(1, 9))


def test_national_day_2025_counting_through_adjusted_days() -> None:
    # Fri 26 Sep + 1 -> Sun 28 Sep (adjusted); + 2 -> Mon 29 Sep.
    assert add_working_days(date(2025, 9, 26), 1).date == date(2025, 9, 28)
    assert add_working_days(date(2025, 9, 26), 2).date == date(2025, 9, 29)
    # Thu 9 Oct + 2 -> Sat 11 Oct (adjusted), + 3 -> Mon 13 Oct.
    assert add_working_days(date(2025, 10, 9), 2).date == date(2025, 10, 11)
    assert add_working_days(date(2025, 10, 9), 3).date == date(2025, 10, 13)


# --- Spring Festival 2026: 15-23 February off; Sat 14 and Sat 28 Feb are worked -------


def test_spring_festival_2026() -> None:
    assert is_working_day(date(2026, 2, 14))  # Saturday, adjusted
    assert is_working_day(date(2026, 2, 28))  # Saturday, adjusted
    assert not any(is_working_day(date(2026, 2, d)) for d in range(15, 24))
    assert add_working_days(date(2026, 2, 13), 1) == WorkdayResult(date(2026, 2, 14), False)
    assert add_working_days(date(2026, 2, 14), 1) == WorkdayResult(date(2026, 2, 24), False)
    assert add_working_days(date(2026, 2, 27), 1).date == date(2026, 2, 28)


def test_submission_on_a_holiday_counts_from_the_next_day() -> None:
    # Submitted at a kiosk on Tue 17 Feb 2026 (holiday): first working day is 24 Feb.
    assert add_working_days(date(2026, 2, 17), 1).date == date(2026, 2, 24)
    assert add_working_days(date(2026, 2, 17), 5).date == date(2026, 2, 28)


# --- days == 0, long spans, bad input -----------------------------------------------


@pytest.mark.parametrize("start", [date(2025, 10, 1), date(2025, 10, 9), date(2099, 6, 6)])
def test_zero_days_returns_start(start: date) -> None:
    assert add_working_days(start, 0) == WorkdayResult(start, False)


def test_negative_days_rejected() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2025, 1, 1), -1)


def test_long_span_whole_years() -> None:
    # 2025 and 2026 each have 248 working days (261 weekdays, minus weekday
    # holidays, plus adjusted working weekends); both end on a working day.
    assert add_working_days(date(2024, 12, 31), 248) == WorkdayResult(date(2025, 12, 31), False)
    assert add_working_days(date(2025, 12, 31), 248) == WorkdayResult(date(2026, 12, 31), False)
    assert add_working_days(date(2024, 12, 31), 496).date == date(2026, 12, 31)


def test_typical_time_limit() -> None:
    # A 20-working-day matter accepted Mon 22 Sep 2025 spans National Day.
    assert add_working_days(date(2025, 9, 22), 20).date == date(2025, 10, 24)


# --- fallback beyond the library's data ---------------------------------------------


def test_far_year_falls_back_to_weekdays(
    fresh_warnings: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    # 1 Jan 2099 is a Thursday.
    assert is_working_day(date(2099, 1, 1))
    assert not is_working_day(date(2099, 1, 3))  # Saturday
    assert add_working_days(date(2099, 1, 1), 1) == WorkdayResult(date(2099, 1, 2), True)
    assert add_working_days(date(2099, 1, 2), 1) == WorkdayResult(date(2099, 1, 5), True)
    assert add_working_days(date(2099, 1, 1), 10) == WorkdayResult(date(2099, 1, 15), True)
    records = _warnings(caplog)
    assert len(records) == 1
    assert "2099" in records[0].getMessage()


def test_one_warning_per_year(fresh_warnings: None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    add_working_days(date(2099, 12, 1), 30)  # runs into 2100
    add_working_days(date(2099, 12, 1), 30)
    is_working_day(date(1999, 5, 5))
    is_working_day(date(1999, 5, 6))
    messages = [r.getMessage() for r in _warnings(caplog)]
    assert len(messages) == 3
    for year in ("1999", "2099", "2100"):
        assert sum(year in m for m in messages) == 1


def test_no_warning_inside_the_data(fresh_warnings: None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger=LOGGER)
    assert not add_working_days(date(2025, 1, 1), 200).estimated
    assert not _warnings(caplog)


def test_span_crossing_out_of_the_data_is_estimated(fresh_warnings: None) -> None:
    last = date(2026, 12, 31)  # last year the library knows, at the time of writing
    before = add_working_days(last - timedelta(days=1), 1)
    assert before == WorkdayResult(last, False)
    assert add_working_days(last, 1).estimated


# --- properties -----------------------------------------------------------------------

# Spans years inside and outside the library's data (2004-2026 in 1.11.0).
starts = st.dates(min_value=date(2002, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=200, deadline=None)
@given(start=starts, days=st.integers(min_value=1, max_value=60))
def test_result_is_a_working_day_after_start(start: date, days: int) -> None:
    result = add_working_days(start, days)
    assert result.date > start
    assert is_working_day(result.date)
    counted = sum(
        is_working_day(start + timedelta(days=i)) for i in range(1, (result.date - start).days + 1)
    )
    assert counted == days


@settings(max_examples=200, deadline=None)
@given(start=starts, a=st.integers(0, 60), b=st.integers(0, 60))
def test_monotonic_in_days(start: date, a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    r_lo, r_hi = add_working_days(start, lo), add_working_days(start, hi)
    assert r_lo.date <= r_hi.date
    if lo < hi:
        assert r_lo.date < r_hi.date
        assert r_hi.estimated >= r_lo.estimated


@settings(max_examples=100, deadline=None)
@given(start=starts, a=st.integers(0, 40), b=st.integers(0, 40))
def test_additive(start: date, a: int, b: int) -> None:
    step = add_working_days(add_working_days(start, a).date, b).date
    assert step == add_working_days(start, a + b).date
