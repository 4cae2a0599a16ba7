"""Submitting, batching, answering, dead letters, corrections, purging."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from sync.outbox import NewAttachment
from sync.protocol.models import ApplicationPayload, ItemResult, ItemStatus
from tests.sync.helpers import SteppingClock, application, make_outbox, ticket


def test_submit_commits_record_and_entry_together_and_orders_them(tmp_path: Path) -> None:
    outbox = make_outbox(tmp_path)
    first, second = outbox.submit(ticket(1)), outbox.submit(ticket(2))
    assert second.seq == first.seq + 1
    assert first.id < second.id  # UUIDv7: time-ordered
    assert first.id[14] == "7"
    assert outbox.backlog() == 2
    assert outbox.delivery(first.id).state == "pending"


@pytest.mark.log_warnings(r"fails its integrity check")
def test_personal_data_is_encrypted_at_rest(tmp_path: Path) -> None:
    outbox = make_outbox(tmp_path)
    submitted = outbox.submit(application(1))
    outbox.database.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("terminal.db*"))
    for secret in ("11010519491231002X", "13812345678", "张三丰", "幸福里1号"):
        assert secret.encode() not in raw
    assert b"MZ-001" in raw  # routing data stays readable
    reopened = make_outbox(tmp_path)
    loaded = reopened.load(submitted.id)
    assert isinstance(loaded, ApplicationPayload)
    assert loaded.applicant.id_number == "11010519491231002X"
    # under another key the personal part cannot be opened: shown without it
    wrong_key = make_outbox(tmp_path, key=b"x" * 32).load(submitted.id)
    assert wrong_key["tracking_number"] == loaded.tracking_number
    assert "applicant" not in wrong_key


def test_batches_respect_order_and_both_caps(tmp_path: Path) -> None:
    outbox = make_outbox(tmp_path)
    ids = [outbox.submit(application(n)).id for n in range(10)]
    assert [item.id for item in outbox.next_batch(4, 10_000_000)] == ids[:4]
    one_size = outbox.next_batch(1, 10_000_000)[0].size
    by_bytes = outbox.next_batch(100, one_size * 3)
    assert [item.id for item in by_bytes] == ids[:3]
    assert len(outbox.next_batch(100, 1)) == 1  # never stuck behind one large item
    body = by_bytes[0].body
    assert body["payload"]["applicant"]["name"] == "张三丰"
    assert body["seq"] == 1 and body["corrects"] is None


def test_answers_deliver_or_dead_letter_and_dead_letters_can_be_retried(tmp_path: Path) -> None:
    outbox = make_outbox(tmp_path)
    a, b, c = (outbox.submit(ticket(n)).id for n in range(3))
    outbox.record_results([
        ItemResult(id=a, status=ItemStatus.ACCEPTED),
        ItemResult(id=b, status=ItemStatus.DUPLICATE),
        ItemResult(id=c, status=ItemStatus.REJECTED, code="unknown_matter", reason="no MZ-999"),
    ], [a, b, c])
    assert outbox.backlog() == 0
    assert outbox.delivery(a).state == outbox.delivery(b).state == "delivered"
    [letter] = outbox.dead_letters()
    assert (letter.id, letter.code, letter.reason) == (c, "unknown_matter", "no MZ-999")
    assert outbox.retry(c) is True
    assert outbox.retry(c) is False
    assert [item.id for item in outbox.next_batch(10, 10**6)] == [c]


@pytest.mark.log_warnings(r"items unanswered")
def test_unanswered_items_stay_pending(tmp_path: Path) -> None:
    outbox = make_outbox(tmp_path)
    a, b = outbox.submit(ticket(1)).id, outbox.submit(ticket(2)).id
    outbox.record_results([ItemResult(id=a, status=ItemStatus.ACCEPTED)], [a, b])
    assert [item.id for item in outbox.next_batch(10, 10**6)] == [b]


def test_a_correction_is_a_new_transaction_naming_the_original(tmp_path: Path) -> None:
    outbox = make_outbox(tmp_path)
    original = outbox.submit(application(1))
    outbox.next_batch(10, 10**6)
    correction = outbox.submit(application(1), corrects=original.id)
    [_, corrected] = outbox.next_batch(10, 10**6)
    assert corrected.id == correction.id and corrected.body["corrects"] == original.id
    with pytest.raises(KeyError):
        outbox.submit(ticket(2), corrects="01900000-0000-7000-8000-00000000dead")


def test_purge_after_acknowledgement_and_retention_only(tmp_path: Path) -> None:
    clock = SteppingClock(datetime(2026, 11, 25, 9, tzinfo=UTC))
    outbox = make_outbox(tmp_path, clock=clock)
    delivered = outbox.submit(application(1),
                              attachments=[NewAttachment(b"scan-1" * 100, "image/png")])
    waiting = outbox.submit(application(2),
                            attachments=[NewAttachment(b"scan-2" * 100, "image/png")])
    outbox.record_results([ItemResult(id=delivered.id, status=ItemStatus.ACCEPTED)],
                          [delivered.id])
    clock.now += timedelta(days=29)
    assert outbox.purge(timedelta(days=30)) == 0
    clock.now += timedelta(days=2)
    assert outbox.purge(timedelta(days=30)) == 1
    with outbox.database.read() as connection:
        rows = dict(connection.execute(text("SELECT id, personal IS NULL FROM records")).all())
    assert rows == {delivered.id: 1, waiting.id: 0}
    assert not outbox.files.path_for(delivered.attachments[0]).exists()
    assert outbox.files.path_for(waiting.attachments[0]).exists()
    assert outbox.load(delivered.id)["tracking_number"] == "RC-20261125-K01-00001"
