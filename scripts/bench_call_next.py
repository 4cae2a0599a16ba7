"""Latency of POST /v1/queue/call-next through the real uvicorn server.

Starts `reception-platform serve` on a loopback port over a fresh SQLite file
(or --db URL: its queue tables should be empty for today), loads the demo
queue categories, issues --calls tickets (a fifth of them priority) spread
over the four categories, then calls them one by one from one window. Prints
p50/p99 beside a bare round trip (GET /healthz) and a signed read
(GET /v1/statuses, the auth cost every signed call pays) measured in the
same run.

    .venv/bin/python scripts/bench_call_next.py --calls 500
"""

from __future__ import annotations

import argparse
import base64
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sync.client import PlatformClient  # noqa: E402
from sync.protocol.models import Role  # noqa: E402
from sync.protocol.queue import QueueCategoryList  # noqa: E402
from sync.server import documents, enrollment  # noqa: E402
from sync.server.db import create_schema, make_engine  # noqa: E402
from sync.server.process import PlatformProcess  # noqa: E402

CENTER = "BENCH"


def timed(action: Callable[[], object], times: int) -> list[float]:
    """Milliseconds of each of `times` runs of `action`."""
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(name: str, samples: list[float]) -> None:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    print(f"{name:<34} n={len(samples):<5} p50={cuts[49]:7.2f} ms  p99={cuts[98]:7.2f} ms  "
          f"max={max(samples):7.2f} ms")


def client(url: str, db_url: str, role: Role) -> PlatformClient:
    engine = make_engine(db_url)
    try:
        code = enrollment.issue_code(engine, CENTER, role)
    finally:
        engine.dispose()
    enrolled = PlatformClient.enroll(url, code)
    return PlatformClient(url, enrolled.terminal_id, base64.urlsafe_b64decode(enrolled.key))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=500, help="tickets issued and called")
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    if not 10 <= args.calls <= 3996:
        parser.error("--calls must be 10..3996 (999 numbers per category and day)")
    with tempfile.TemporaryDirectory() as folder:
        db_url = args.db or f"sqlite:///{Path(folder) / 'platform.db'}"
        engine = make_engine(db_url)
        create_schema(engine)
        raw = (REPO / "resources" / "demo" / "queue_categories.json").read_bytes()
        documents.put_queue_categories(engine, QueueCategoryList.model_validate_json(raw))
        engine.dispose()
        with PlatformProcess(db_url) as platform:
            kiosk = client(platform.url, db_url, Role.KIOSK)
            counter = client(platform.url, db_url, Role.COUNTER)
            for n in range(args.calls):
                kiosk.issue_ticket("ABCD"[n % 4], uuid.uuid4(), "elderly" if n % 5 == 0 else None)
            with httpx.Client(base_url=platform.url) as bare:
                health = timed(lambda: bare.get("/healthz").raise_for_status(), args.calls)
            signed = timed(lambda: counter.statuses("999999999", limit=1), args.calls)
            called: list[str] = []

            def call_one() -> None:
                ticket = counter.call_next("1", "1001")
                assert ticket is not None, "ran out of tickets"
                called.append(ticket.number)

            calls = timed(call_one, args.calls)
            assert counter.call_next("1", "1001") is None
            assert len(set(called)) == args.calls
            kiosk.close()
            counter.close()
    print(f"platform on {db_url.split(':', 1)[0]}, {args.calls} waiting tickets at the start")
    report("GET /healthz (bare round trip)", health)
    report("GET /v1/statuses (signed no-op)", signed)
    report("POST /v1/queue/call-next", calls)
    return 0


if __name__ == "__main__":
    sys.exit(main())
