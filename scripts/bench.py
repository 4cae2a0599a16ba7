"""`make bench`: the spine's figures in one run, each beside its baseline.

1. submit latency (Outbox.submit) vs raw sqlite3 doing the same inserts with
   the same pragmas, p50/p99 and the p99 ratio (target within 3x);
2. backlog drain of 10,000 transactions to the platform on loopback vs one
   request per transaction (targets >= 5,000 tx/s and >= 20x);
3. kiosk start to attract screen vs a bare PySide6 window (target within 2x);
then the hardware benchmarks (receipt build, QR decode).
"""

from __future__ import annotations

import argparse
import base64
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sync.caches import ReferenceCache  # noqa: E402
from sync.client import PlatformClient  # noqa: E402
from sync.config import render_toml  # noqa: E402
from sync.crypto import Sealer  # noqa: E402
from sync.outbox import Outbox  # noqa: E402
from sync.paths import CONFIG_FILE  # noqa: E402
from sync.protocol.models import ApplicationPayload, Channel, Person, Role  # noqa: E402
from sync.secrets_file import TerminalSecrets, save_secrets  # noqa: E402
from sync.server.process import PlatformProcess  # noqa: E402
from sync.store.database import open_database  # noqa: E402
from sync.store.files import AttachmentFiles  # noqa: E402
from sync.synchronizer import Synchronizer, SyncSettings  # noqa: E402

DEMO = ROOT / "resources" / "demo"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def payload(number: int) -> ApplicationPayload:
    return ApplicationPayload(
        tracking_number=f"RC-20261125-BENCH-{number:06d}", matter_code="MZ-001",
        channel=Channel.KIOSK,
        applicant=Person(id_number="11010519491231002X", name="张三丰", phone="13812345678",
                         address="北京市东城区幸福里1号"),
        fields={"household_size": 3, "reason": "illness"},
    )


def outbox_at(folder: Path) -> Outbox:
    sealer = Sealer(b"b" * 32)
    return Outbox(open_database(folder / "terminal.db"), sealer,
                  AttachmentFiles(folder / "attachments", sealer))


def bench_submit(folder: Path, count: int) -> None:
    outbox = outbox_at(folder / "outbox")
    ours = []
    for number in range(count):
        started = time.perf_counter()
        outbox.submit(payload(number))
        ours.append(time.perf_counter() - started)
    outbox.database.close()

    raw_path = folder / "raw.db"
    connection = sqlite3.connect(raw_path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON",
                   "busy_timeout=5000"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("CREATE TABLE records (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT "
                       "UNIQUE, kind TEXT, created_at TEXT, corrects TEXT, payload TEXT, "
                       "personal BLOB, sealed_at TEXT, purged_at TEXT)")
    connection.execute("CREATE TABLE outbox (seq INTEGER PRIMARY KEY REFERENCES records(seq), "
                       "state TEXT, size INTEGER, attempts INTEGER DEFAULT 0)")
    connection.execute("CREATE INDEX ix ON outbox (state, seq)")
    body = payload(0).model_dump_json()
    raw = []
    for number in range(count):
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        cursor = connection.execute(
            "INSERT INTO records (id, kind, created_at, payload, personal) VALUES (?,?,?,?,?)",
            (f"id-{number}", "application", "2026-11-25T00:00:00", body, os.urandom(120)))
        connection.execute("INSERT INTO outbox (seq, state, size) VALUES (?, 'pending', ?)",
                           (cursor.lastrowid, len(body)))
        connection.execute("COMMIT")
        raw.append(time.perf_counter() - started)
    connection.close()
    ms = 1000
    print(f"submit latency ({count} applications, WAL + synchronous=FULL):")
    print(f"  outbox.submit   p50 {percentile(ours, .5) * ms:6.2f} ms   "
          f"p99 {percentile(ours, .99) * ms:6.2f} ms")
    print(f"  raw sqlite3     p50 {percentile(raw, .5) * ms:6.2f} ms   "
          f"p99 {percentile(raw, .99) * ms:6.2f} ms")
    print(f"  p99 ratio {percentile(ours, .99) / percentile(raw, .99):.2f}x (target <= 3x)")


def enrolled_client(platform: PlatformProcess) -> PlatformClient:
    code = subprocess.run(
        [sys.executable, "-m", "sync.server.cli", "enroll-code", "--db", platform.database_url,
         "--center", "C001", "--role", "kiosk"], check=True, capture_output=True, text=True,
    ).stdout.strip()
    answer = PlatformClient.enroll(platform.url, code)
    return PlatformClient(platform.url, answer.terminal_id, base64.urlsafe_b64decode(answer.key))


def drain_rate(folder: Path, platform: PlatformProcess, count: int, batch: int) -> float:
    outbox = outbox_at(folder)
    for number in range(count):
        outbox.submit(payload(number))
    client = enrolled_client(platform)
    sync = Synchronizer(outbox, client, ReferenceCache(outbox.database),
                        SyncSettings(batch_max_items=batch, batch_max_bytes=4_000_000),
                        role=Role.KIOSK, version="bench")
    started = time.perf_counter()
    delivered = sync.drain()
    elapsed = time.perf_counter() - started
    assert delivered == count and outbox.backlog() == 0, (delivered, outbox.backlog())
    client.close()
    outbox.database.close()
    return count / elapsed


def bench_drain(folder: Path, count: int, baseline_count: int) -> None:
    with PlatformProcess(f"sqlite:///{folder / 'platform.db'}", demo_data=DEMO) as platform:
        batched = drain_rate(folder / "batched", platform, count, 500)
        single = drain_rate(folder / "single", platform, baseline_count, 1)
    print("backlog drain to the platform on loopback (SQLite platform):")
    print(f"  batches of 500          {batched:8.0f} tx/s  ({count} transactions)")
    print(f"  one request per tx      {single:8.0f} tx/s  ({baseline_count} transactions)")
    print(f"  ratio {batched / single:.1f}x (targets >= 5,000 tx/s and >= 20x)")


def time_child(arguments: list[str], runs: int) -> list[float]:
    results = []
    for _ in range(runs):
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "bench_startup.py"),
                                  *arguments], stdout=subprocess.PIPE, text=True,
                                 env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        assert child.stdout is not None
        line = child.stdout.readline()
        results.append(time.perf_counter() - started)
        child.wait(60)
        assert line.strip() == "ready", line
    return results


def bench_startup(folder: Path, runs: int) -> None:
    config_dir = folder / "config"
    config_dir.mkdir()
    (config_dir / CONFIG_FILE).write_text(render_toml({
        "platform": {"url": "http://127.0.0.1:9"},
        "store": {"data_dir": str(folder / "data")},
    }))
    save_secrets(config_dir / "secrets.toml",
                 TerminalSecrets("T-bench", b"s" * 32, TerminalSecrets.new_data_key()))
    os.environ["RECEPTION_LOG_DIR"] = str(folder / "logs")
    time_child(["kiosk", str(config_dir)], 1)  # warm the file cache and the database
    kiosk = statistics.median(time_child(["kiosk", str(config_dir)], runs))
    bare = statistics.median(time_child(["bare"], runs))
    print(f"start to first painted screen (offscreen, median of {runs}):")
    print(f"  kiosk attract screen   {kiosk * 1000:7.0f} ms")
    print(f"  bare PySide6 window    {bare * 1000:7.0f} ms")
    print(f"  ratio {kiosk / bare:.2f}x (target <= 2x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--submits", type=int, default=1000)
    parser.add_argument("--drain", type=int, default=10_000)
    parser.add_argument("--baseline", type=int, default=1000)
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--spine-only", action="store_true")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        root = Path(folder)
        bench_submit(root, arguments.submits)
        bench_drain(root, arguments.drain, arguments.baseline)
        bench_startup(root, arguments.startup_runs)
    if not arguments.spine_only:
        for script in ("bench_kiosk_sessions.py", "bench_receipt.py", "bench_camera.py",
                       "bench_gui_stall.py", "bench_call_next.py", "bench_handwriting.py"):
            print(f"--- {script}", flush=True)
            subprocess.run([sys.executable, str(ROOT / "scripts" / script)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
