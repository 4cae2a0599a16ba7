"""Throughput of POST /v1/transactions/batch through the real uvicorn server.

Starts `reception-platform serve` on a loopback port over a fresh SQLite file
(or --db URL), enrolls a terminal, and delivers batches of kiosk
applications (the heaviest kind: each one also writes a status row).

    .venv/bin/python scripts/bench_platform_batch.py --batches 40 --size 500
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sync.protocol import signing  # noqa: E402
from sync.protocol.models import Catalog, Department, Matter, Role  # noqa: E402
from sync.server import documents, enrollment  # noqa: E402
from sync.server.db import create_schema, make_engine  # noqa: E402
from sync.server.process import PlatformProcess  # noqa: E402

MATTER = "BENCH-1"


def items(batch: int, size: int) -> list[dict[str, object]]:
    now = datetime.now(UTC).isoformat()
    return [
        {
            "id": str(uuid.uuid4()),
            "seq": batch * size + n + 1,
            "created_at": now,
            "payload": {
                "kind": "application",
                "tracking_number": f"B{batch:05d}-{n:04d}",
                "matter_code": MATTER,
                "channel": "kiosk",
                "applicant": {"name": "Bench", "id_number": "110101199001011234"},
                "fields": {"purpose": "benchmark", "copies": 2},
            },
        }
        for n in range(size)
    ]


def prepare(db_url: str) -> str:
    """Schema, a one-matter catalog, and an enrollment code."""
    engine = make_engine(db_url)
    create_schema(engine)
    catalog = Catalog(
        departments=[Department(code="D", name_zh="部门", name_en="Department")],
        matters=[
            Matter(
                code=MATTER,
                name_zh="测试",
                name_en="Bench",
                department="D",
                category="bench",
                handling="immediate",
            )
        ],
    )
    documents.put_document(engine, "catalog", catalog)
    code = enrollment.issue_code(engine, "C-BENCH", Role.KIOSK)
    engine.dispose()
    return code


def run(base_url: str, code: str, batches: int, size: int) -> float:
    """Deliver the batches one after another; answers transactions per second."""
    with httpx.Client(base_url=base_url, timeout=60) as http:
        enrolled = http.post("/v1/enroll", json={"code": code}).json()
        terminal_id, key = enrolled["terminal_id"], base64.urlsafe_b64decode(enrolled["key"])
        bodies = [json.dumps({"items": items(b, size)}).encode() for b in range(batches)]
        path = "/v1/transactions/batch"
        started = time.perf_counter()
        for body in bodies:
            headers = signing.signed_headers(terminal_id, key, "POST", path, body, int(time.time()))
            headers["Content-Type"] = "application/json"
            answer = http.post(path, content=body, headers=headers)
            answer.raise_for_status()
            statuses = {r["status"] for r in answer.json()["results"]}
            if statuses != {"accepted"}:
                raise SystemExit(f"unexpected results: {statuses}")
        elapsed = time.perf_counter() - started
    return batches * size / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--size", type=int, default=500)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_url = args.db or f"sqlite:///{Path(folder) / 'bench.db'}"
        code = prepare(db_url)
        with PlatformProcess(db_url) as server:
            rate = run(server.url, code, args.batches, args.size)
    print(f"{rate:,.0f} tx/s ({args.batches} batches of {args.size}, {db_url.split(':')[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
