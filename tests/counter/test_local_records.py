"""Today's records of the counter from its own store (counter/local_records.py):
transactions committed through the real outbox on SQLite, read back by kind,
in order, from a given moment on, without the personal part."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from counter.local_records import center_midnight, today_records
from sync.outbox import Outbox
from sync.protocol.models import (
    AcceptanceOutcome,
    AcceptancePayload,
    Person,
    RatingPayload,
    ServedPayload,
    TicketPayload,
)
from tests.sync.helpers import make_outbox

MORNING = datetime(2025, 11, 25, 1, 30, tzinfo=UTC)  # 09:30 at the center
BEIJING = ZoneInfo("Asia/Shanghai")


class Clock:
    def __init__(self) -> None:
        self.now = MORNING

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def outbox(tmp_path: Path, clock: Clock) -> Iterator[Outbox]:
    box = make_outbox(tmp_path, clock=clock)
    yield box
    box.database.close()


def served(number: str) -> ServedPayload:
    return ServedPayload(number=number, category="A", window="3", staff_no="1001",
                         called_at=MORNING, ended_at=MORNING + timedelta(minutes=5))


def acceptance(number: str) -> AcceptancePayload:
    return AcceptancePayload(
        tracking_number=number, matter_code="MZ-001", outcome=AcceptanceOutcome.ACCEPTED,
        applicant=Person(id_number="11010519491231002X", name="张三丰", phone="13812345678"),
        window="3", staff_no="1001")


def numbers(rows: list[dict[str, Any]], key: str) -> list[str]:
    return [row[key] for row in rows]


def test_each_kind_in_the_order_it_was_recorded(outbox: Outbox) -> None:
    outbox.submit(served("A001"))
    outbox.submit(acceptance("RC-20251125-C3-00001"))
    outbox.submit(TicketPayload(number="A002", category="A"))  # a kiosk's: not a record here
    outbox.submit(RatingPayload(tracking_number="RC-20251125-C3-00001", level=5))
    outbox.submit(served("A003"))
    records = today_records(outbox.database, BEIJING, since=MORNING - timedelta(hours=1))
    assert numbers(records.served, "number") == ["A001", "A003"]
    assert numbers(records.acceptances, "tracking_number") == ["RC-20251125-C3-00001"]
    assert [row["level"] for row in records.ratings] == [5]


def test_the_personal_part_is_not_read(outbox: Outbox) -> None:
    outbox.submit(acceptance("RC-20251125-C3-00002"))
    [row] = today_records(outbox.database, BEIJING, since=MORNING).acceptances
    assert row["matter_code"] == "MZ-001" and row["window"] == "3"
    text = repr(row)
    for personal in ("11010519491231002X", "张三丰", "13812345678"):
        assert personal not in text


def test_records_before_the_start_are_left_out(outbox: Outbox, clock: Clock) -> None:
    clock.now = MORNING - timedelta(days=1)
    outbox.submit(served("A099"))  # yesterday
    clock.now = MORNING
    outbox.submit(served("A001"))
    records = today_records(outbox.database, BEIJING, since=MORNING - timedelta(hours=8))
    assert numbers(records.served, "number") == ["A001"]


def test_midnight_is_the_start_of_the_centers_day_in_utc() -> None:
    assert center_midnight(BEIJING, MORNING) == datetime(2025, 11, 24, 16, 0, tzinfo=UTC)
    late = datetime(2025, 11, 25, 15, 59, tzinfo=UTC)  # 23:59 at the center
    assert center_midnight(BEIJING, late) == datetime(2025, 11, 24, 16, 0, tzinfo=UTC)
    # the center's zone, not the machine's (the tests run on Beijing time,
    # tests/conftest.py): a center on UTC began its day at UTC's midnight
    assert center_midnight(ZoneInfo("UTC"), MORNING) == datetime(2025, 11, 25, tzinfo=UTC)
