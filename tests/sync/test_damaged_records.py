"""A damaged local record is set aside with its reason and the rest flows; a
record the platform keeps failing on is isolated; checksums are verified by
the real platform over HTTP on loopback."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.client import PlatformClient, ServerError, TransientError
from sync.outbox import CHECKSUM, UNDECRYPTABLE, UNPARSABLE, UNREADABLE, NewAttachment
from sync.protocol.checksum import payload_checksum
from sync.protocol.models import ItemStatus
from sync.server.faults import FaultRule, write_plan
from sync.synchronizer import SyncSettings
from terminal.local_platform import LocalPlatform
from tests.sync.helpers import (
    DEMO_DIR,
    Terminal,
    application,
    configure,
    count_at_platform,
    enroll,
    flip_personal_byte,
    make_terminal,
    ticket,
)

BATCH = "/v1/transactions/batch"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "faults.json"
    write_plan(path, [])
    return path


@pytest.fixture
def platform(tmp_path: Path, plan: Path) -> Iterator[LocalPlatform]:
    server = LocalPlatform(f"sqlite:///{tmp_path / 'platform.db'}", demo_data=DEMO_DIR,
                           fault_plan=plan)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def terminal(tmp_path: Path, platform: LocalPlatform) -> Iterator[Terminal]:
    terminal_id, key = enroll(platform)
    built = make_terminal(tmp_path / "terminal", platform.url, terminal_id, key,
                          settings=SyncSettings(batch_max_items=50), read_timeout=5.0)
    yield built
    built.close()


def _damage(database: Path, seq: int, how: str) -> None:
    if how == "sealed byte":
        flip_personal_byte(database, seq)
        return
    with sqlite3.connect(database) as connection:
        [payload] = connection.execute("SELECT payload FROM records WHERE seq = ?",
                                       (seq,)).fetchone()
        if how == "broken json":
            payload = payload[:-7]
        else:  # one digit changed: still valid JSON
            document = json.loads(payload)
            document["tracking_number"] = document["tracking_number"][:-1] + "7"
            payload = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        connection.execute("UPDATE records SET payload = ? WHERE seq = ?", (payload, seq))


@pytest.mark.log_warnings(r"set aside as a dead letter")
def test_damaged_records_are_set_aside_and_the_rest_is_delivered(
        tmp_path: Path, platform: LocalPlatform,
        capsys: pytest.CaptureFixture[str]) -> None:
    terminal_id, key = enroll(platform)
    configured = configure(tmp_path / "kiosk", platform.url, terminal_id=terminal_id,
                           signing_key=key)
    runtime = configured.open()
    ids = [runtime.outbox.submit(application(n)).id for n in range(200)]
    runtime.close()
    for seq, how in ((50, "sealed byte"), (120, "broken json"), (150, "changed digit")):
        _damage(configured.database, seq, how)

    assert configured.cli("drain") == 0
    out = capsys.readouterr()
    assert "answered: 197; backlog: 0; dead: 3 (3 damaged on this terminal)" in out.out
    assert "Traceback" not in out.err
    assert count_at_platform(platform) == 197
    assert count_at_platform(platform, ids[49]) == 0

    assert configured.cli("dead") == 0
    listing = capsys.readouterr().out
    assert "3 dead letter(s), 3 damaged on this terminal" in listing
    for record_id, code in ((ids[49], UNDECRYPTABLE), (ids[119], UNPARSABLE),
                            (ids[149], CHECKSUM)):
        line = next(line for line in listing.splitlines() if line.startswith(record_id))
        assert "[damaged on this terminal]" in line and code in line
    runtime = configured.open()
    try:
        assert runtime.outbox.damaged_count() == 3
        runtime.synchronizer.heartbeat()  # the fleet page learns the count
    finally:
        runtime.close()
    import httpx

    from sync.server import operators

    operators.add_user(platform.app.state.engine, "auditor", "a long password!",
                       operators.OperatorRole.AUDITOR, None)
    with httpx.Client(base_url=platform.url, timeout=5) as browser:
        browser.post("/login", data={"username": "auditor", "password": "a long password!"})
        page = browser.get("/fleet").text
    assert "3 (3 damaged on the terminal)" in page


@pytest.mark.log_warnings(r"set aside as a dead letter")
def test_a_missing_attachment_file_sets_its_record_aside(terminal: Terminal,
                                                         platform: LocalPlatform) -> None:
    photo = NewAttachment(b"\xff\xd8 jpeg" * 300, "image/jpeg")
    lost = terminal.outbox.submit(application(1), attachments=[photo])
    kept = [terminal.outbox.submit(application(n)).id for n in range(2, 12)]
    terminal.outbox.files.path_for(lost.attachments[0]).unlink()
    assert terminal.sync.drain() == 10
    [letter] = terminal.outbox.dead_letters()
    assert letter.id == lost.id and letter.code == UNREADABLE and "attachment" in letter.reason
    assert all(count_at_platform(platform, tx_id) == 1 for tx_id in kept)


def test_the_platform_refuses_a_payload_that_fails_its_checksum(
        terminal: Terminal, platform: LocalPlatform) -> None:
    good = terminal.outbox.next_batch(1, 10**6)
    assert good == []  # nothing pending yet
    terminal.outbox.submit(application(1))
    [item] = terminal.outbox.next_batch(1, 10**6)
    assert item.body["checksum"] == payload_checksum(item.body["payload"])
    altered = json.loads(json.dumps(item.body))
    altered["id"] = str(uuid.uuid4())
    altered["payload"]["applicant"]["name"] = "李四"  # changed on the way
    client: PlatformClient = terminal.client
    reply = client.post_batch(json.dumps({"items": [item.body, altered]}).encode())
    by_id = {result.id: result for result in reply.results}
    assert by_id[item.id].status is ItemStatus.ACCEPTED
    refused = by_id[altered["id"]]
    assert refused.status is ItemStatus.REJECTED and refused.code == "checksum_mismatch"
    assert "altered" in (refused.reason or "")
    assert count_at_platform(platform, altered["id"]) == 0


def _drain_through(terminal: Terminal, attempts: int = 40) -> list[Exception]:
    failures: list[Exception] = []
    for _ in range(attempts):
        try:
            terminal.sync.drain()
            return failures
        except TransientError as error:
            failures.append(error)
    raise AssertionError(f"still failing after {attempts} attempts: {failures[-1]}")


@pytest.mark.log_warnings(r"batches in a row with HTTP 500",
                          r"set aside: the platform answered HTTP 500")
def test_a_record_the_platform_keeps_failing_on_is_isolated(
        terminal: Terminal, platform: LocalPlatform, plan: Path) -> None:
    ids = [terminal.outbox.submit(ticket(n)).id for n in range(100)]
    culprit = ids[63]
    write_plan(plan, [FaultRule(action="status", status=500, path=BATCH,
                                body_contains=culprit, times=None)])
    failures = _drain_through(terminal)
    assert failures and all(isinstance(error, ServerError) for error in failures)
    [letter] = terminal.outbox.dead_letters()
    assert letter.id == culprit and letter.code == "http_500"
    assert "again and again while it took the others" in letter.reason
    assert count_at_platform(platform) == 99
    assert terminal.outbox.backlog() == 0


@pytest.mark.log_warnings(r"batches in a row with HTTP 500", r"the platform fails on every record")
def test_a_platform_failing_on_everything_sets_nothing_aside(
        terminal: Terminal, platform: LocalPlatform, plan: Path) -> None:
    for n in range(40):
        terminal.outbox.submit(ticket(n))
    write_plan(plan, [FaultRule(action="status", status=500, path=BATCH, times=30)])
    failures = _drain_through(terminal)
    assert len(failures) >= 2
    assert terminal.outbox.dead_count() == 0
    assert count_at_platform(platform) == 40
