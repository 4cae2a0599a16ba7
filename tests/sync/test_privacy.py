"""Personal data at rest: free text sealed and purged, private file modes,
and no files left behind by a kill."""

from __future__ import annotations

import json
import os
import stat
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from sync.crypto import Sealer
from sync.maintenance import StoreMaintenance
from sync.outbox import NewAttachment
from sync.protocol.models import ItemResult, ItemStatus, Person, RatingPayload, RepairPayload
from sync.store.database import Database, migrate
from tests.sync.helpers import (
    SteppingClock,
    application,
    configure,
    make_outbox,
)

LOCATION = "幸福里3号楼2单元楼道"
DESCRIPTION = "楼道灯坏了，老人晚上看不见台阶"
COMMENT = "工作人员态度很好，王阿姨帮我填的表"
REASON = "户口本上的住址与身份证不一致"


def repair(number: int) -> RepairPayload:
    return RepairPayload(tracking_number=f"RC-20261125-K01-{number:05d}", repair_kind="light",
                         location=LOCATION, description=DESCRIPTION,
                         reporter=Person(name="李四", phone="13912345678"))


def rating(number: int) -> RatingPayload:
    return RatingPayload(tracking_number=f"RC-20261125-K01-{number:05d}", level=5,
                         comment=COMMENT)


def _raw(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.glob("terminal.db*"))


def test_free_text_is_sealed_at_rest_and_purged_after_delivery(tmp_path: Path) -> None:
    clock = SteppingClock(datetime(2026, 11, 25, 9, tzinfo=UTC))
    outbox = make_outbox(tmp_path, clock=clock)
    ids = [outbox.submit(repair(1)).id, outbox.submit(rating(2)).id]
    raw = _raw(tmp_path)
    for secret in (LOCATION, DESCRIPTION, COMMENT, "李四"):
        assert secret.encode() not in raw, secret
    assert outbox.load(ids[0]).location == LOCATION
    assert outbox.load(ids[1]).comment == COMMENT

    outbox.record_results([ItemResult(id=i, status=ItemStatus.ACCEPTED) for i in ids], ids)
    clock.now += timedelta(days=31)
    assert outbox.purge(timedelta(days=30)) == 2
    assert "location" not in outbox.load(ids[0]) and "comment" not in outbox.load(ids[1])
    assert outbox.load(ids[0])["repair_kind"] == "light"


def test_free_text_an_earlier_version_stored_in_the_clear_is_sealed_on_start(
        tmp_path: Path) -> None:
    configured = configure(tmp_path)
    configured.data_dir.mkdir(parents=True)
    old = Database(configured.database)
    migrate(old, "0004")
    record_id = "01900000-0000-7000-8000-000000000001"
    reporter = json.dumps({"reporter": repair(1).reporter.model_dump()}).encode()
    with old.write() as connection:  # as 0.1 stored it: only the reporter sealed
        connection.execute(text(
            "INSERT INTO records (id, kind, created_at, payload, personal, sealed_at) VALUES "
            "(:id, 'repair', '2026-11-25T08:00:00', :payload, :personal, "
            "'2026-11-25T08:00:01')"),
            {"id": record_id, "payload": repair(1).model_dump_json(exclude={"reporter"}),
             "personal": Sealer(b"d" * 32).seal(reporter, record_id.encode())})
        connection.execute(text("INSERT INTO outbox (seq, state, size) VALUES (1, 'pending', 90)"))
    old.close()
    assert LOCATION.encode() in _raw(configured.data_dir)

    runtime = configured.open()
    try:
        loaded = runtime.outbox.load(record_id)
        assert loaded.location == LOCATION and loaded.description == DESCRIPTION
        assert loaded.reporter.name == "李四"
        [item] = runtime.outbox.next_batch(10, 10**6)
        assert item.body["payload"]["location"] == LOCATION
    finally:
        runtime.close()
    raw = _raw(configured.data_dir)
    assert LOCATION.encode() not in raw and DESCRIPTION.encode() not in raw


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_store_keeps_its_files_private(tmp_path: Path) -> None:
    configured = configure(tmp_path)
    configured.data_dir.mkdir(parents=True, mode=0o755)
    os.chmod(configured.data_dir, 0o755)  # as earlier versions left it
    runtime = configured.open()
    try:
        submitted = runtime.outbox.submit(
            application(1), attachments=[NewAttachment(b"scan" * 500, "image/png")])
        backup = runtime.backups.make(runtime.database.path)
        data = configured.data_dir
        assert _mode(data) == 0o700
        for name in ("terminal.db", "terminal.db-wal", "terminal.db-shm"):
            assert _mode(data / name) == 0o600, name
        photo = runtime.outbox.files.path_for(submitted.attachments[0])
        assert _mode(photo) == 0o600
        assert _mode(photo.parent) == 0o700 and _mode(data / "attachments") == 0o700
        assert _mode(backup.path) == 0o600 and _mode(backup.path.parent) == 0o700
        [marker] = (configured.config_dir / "stores").iterdir()
        assert _mode(marker) == 0o600 and _mode(marker.parent) == 0o700
    finally:
        runtime.close()


def test_an_older_store_with_open_modes_is_tightened(tmp_path: Path) -> None:
    configured = configure(tmp_path)
    runtime = configured.open()
    runtime.close()
    os.chmod(configured.database, 0o644)
    runtime = configured.open()
    runtime.outbox.submit(application(1))
    try:
        assert _mode(configured.database) == 0o600
        assert _mode(configured.data_dir / "terminal.db-wal") == 0o600
    finally:
        runtime.close()


def test_files_a_kill_left_behind_are_swept(tmp_path: Path) -> None:
    clock = SteppingClock(datetime(2026, 11, 25, 9, tzinfo=UTC))
    outbox = make_outbox(tmp_path, clock=clock)
    kept = outbox.submit(application(1), attachments=[NewAttachment(b"kept" * 100, "image/png")])
    purged = outbox.submit(application(2), attachments=[NewAttachment(b"gone" * 100, "image/png")])
    orphan = outbox.files.put(b"written, then the terminal was killed before the commit")
    young = outbox.files.put(b"a submit still on its way to commit")
    temporary = outbox.files.path_for(orphan).with_name("ab" * 32 + ".tmp")
    temporary.write_bytes(b"half a file")
    outbox.record_results([ItemResult(id=purged.id, status=ItemStatus.ACCEPTED)], [purged.id])
    clock.now += timedelta(days=31)
    with outbox.database.write() as connection:  # purged, killed before the file went
        connection.execute(text("UPDATE attachments SET purged_at = '2026-12-26' "
                                "WHERE sha256 = :sha"), {"sha": purged.attachments[0]})
    old = time.time() - 3600
    for sha in (kept.attachments[0], purged.attachments[0], orphan):
        os.utime(outbox.files.path_for(sha), (old, old))
    os.utime(temporary, (old, old))

    maintenance = StoreMaintenance(outbox, None, retention=timedelta(days=30))
    removed = set(maintenance.sweep())
    assert removed == {outbox.files.path_for(purged.attachments[0]),
                       outbox.files.path_for(orphan), temporary}
    assert outbox.files.get(kept.attachments[0]) == b"kept" * 100
    assert outbox.files.path_for(young).exists()  # too young to tell


@pytest.mark.log_warnings(r"test: a line")
def test_log_files_are_private(tmp_path: Path) -> None:
    import logging

    from terminal.logs import configure_logging

    before = list(logging.getLogger().handlers)
    try:
        path = configure_logging(tmp_path / "logs", "kiosk")
        logging.getLogger("test").warning("a line")
        assert _mode(path) == 0o600 and _mode(path.parent) == 0o700
    finally:
        for handler in logging.getLogger().handlers:
            if handler not in before:
                logging.getLogger().removeHandler(handler)
                handler.close()
