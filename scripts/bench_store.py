"""What keeping the store honest costs.

1. submit latency with the store marker moved on after each commit, against
   the same submits without a marker (the baseline, same run);
2. a sealed online backup of a store of 20,000 records, half delivered;
3. `salvage` of that store after three pages were scribbled over.

    .venv/bin/python scripts/bench_store.py
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sync.crypto import Sealer
from sync.outbox import Outbox
from sync.protocol.models import (
    ApplicationPayload,
    Channel,
    ItemResult,
    ItemStatus,
    Person,
)
from sync.recovery import salvage
from sync.store.backup import BackupSet
from sync.store.database import open_database
from sync.store.files import AttachmentFiles
from sync.store.marker import StoreMarker

KEY = b"k" * 32


def payload(number: int) -> ApplicationPayload:
    return ApplicationPayload(
        tracking_number=f"RC-20261205-K01-{number % 99999 + 1:05d}", matter_code="MZ-001",
        channel=Channel.KIOSK,
        applicant=Person(id_number="11010519491231002X", name="张三丰", phone="13812345678",
                         address="北京市东城区幸福里1号"),
        fields={"household_size": 3})


def outbox_at(folder: Path, marker: StoreMarker | None) -> Outbox:
    sealer = Sealer(KEY)
    database = open_database(folder / "terminal.db", marker=marker)
    return Outbox(database, sealer, AttachmentFiles(folder / "attachments", sealer))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def submit_latency(base: Path, count: int = 1000) -> tuple[list[float], list[float]]:
    """Submits alternate between a store without marker and one with, so both
    see the same disk at the same moments."""
    plain = outbox_at(base / "plain", None)
    database = base / "marked" / "terminal.db"
    marked = outbox_at(base / "marked", StoreMarker(base / "config", database))
    times: tuple[list[float], list[float]] = ([], [])
    for number in range(count + 50):
        for outbox, into in ((plain, times[0]), (marked, times[1])):
            start = time.perf_counter()
            outbox.submit(payload(number))
            if number >= 50:  # after a warm-up
                into.append((time.perf_counter() - start) * 1000)
    plain.database.close()
    marked.database.close()
    return times


def main() -> None:
    with tempfile.TemporaryDirectory(dir=Path.home()) as root:
        base = Path(root)
        plain, marked = submit_latency(base)
        for label, times in (("no marker (baseline)", plain), ("marker moved on", marked)):
            print(f"submit, {label}: p50 {statistics.median(times):.2f} ms, "
                  f"p99 {percentile(times, 0.99):.2f} ms")
        print(f"  p50 ratio {statistics.median(marked) / statistics.median(plain):.2f}x")

        folder = base / "big"
        outbox = outbox_at(folder, None)
        ids = [outbox.submit(payload(number)).id for number in range(20_000)]
        half = ids[:10_000]
        outbox.record_results([ItemResult(id=i, status=ItemStatus.ACCEPTED) for i in half],
                              half)
        size = (folder / "terminal.db").stat().st_size
        backups = BackupSet(folder / "backups", Sealer(KEY))
        start = time.perf_counter()
        backup = backups.make(folder / "terminal.db")
        took = time.perf_counter() - start
        print(f"backup of 20,000 records ({size / 1e6:.1f} MB database): {took:.2f} s, "
              f"{backup.path.stat().st_size / 1e6:.1f} MB sealed")
        outbox.database.close()

        database = folder / "terminal.db"
        with sqlite3.connect(database) as connection:
            leaves = [row[0] for row in connection.execute(
                "SELECT pageno FROM dbstat WHERE name = 'records' AND pagetype = 'leaf' "
                "ORDER BY path")]
        data = bytearray(database.read_bytes())
        for page in leaves[100:103]:
            data[(page - 1) * 4096 + 8: page * 4096] = b"\xa5" * 4088
        database.write_bytes(bytes(data))
        sealer = Sealer(KEY)
        start = time.perf_counter()
        report = salvage(database, sealer, AttachmentFiles(folder / "attachments", sealer),
                         backups=backups, marker=None)
        took = time.perf_counter() - start
        print(f"salvage of it, 3 pages damaged, with the backup: {took:.2f} s, "
              f"{sum(report.counts.values())} records, {len(report.lost)} lost")


if __name__ == "__main__":
    main()
