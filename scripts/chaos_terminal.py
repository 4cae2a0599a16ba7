"""The terminal side of `make chaos`: submit applications 1..N durably, with
the sync worker delivering in the background; safe to SIGKILL at any moment.

On start it continues after the highest number already committed, so a kill
between commit and the next submit never submits a number twice. Each number
is appended to told_done.log (fsynced) only after its commit returned: the
moment a resident would be told "done".
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sync.caches import ReferenceCache  # noqa: E402
from sync.client import PlatformClient  # noqa: E402
from sync.crypto import Sealer  # noqa: E402
from sync.outbox import Outbox  # noqa: E402
from sync.protocol.models import ApplicationPayload, Channel, Person, Role  # noqa: E402
from sync.store.database import open_database  # noqa: E402
from sync.store.files import AttachmentFiles  # noqa: E402
from sync.synchronizer import Synchronizer, SyncSettings  # noqa: E402
from sync.worker import SyncWorker  # noqa: E402

MATTER = "MZ-001"


def tracking(number: int) -> str:
    return f"RC-20261125-CHAOS-{number:06d}"


def highest_committed(database_path: Path) -> int:
    if not database_path.exists():
        return 0
    with sqlite3.connect(database_path) as connection:
        try:
            rows = connection.execute("SELECT payload FROM records").fetchall()
        except sqlite3.OperationalError:
            return 0
    return max((int(json.loads(row[0])["tracking_number"][-6:]) for row in rows), default=0)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--count", type=int, required=True)
    arguments = parser.parse_args()
    credentials = json.loads((arguments.dir / "credentials.json").read_text())
    database_path = arguments.dir / "terminal.db"
    start = highest_committed(database_path)
    database = open_database(database_path)
    sealer = Sealer(base64.b64decode(credentials["data_key"]))
    outbox = Outbox(database, sealer, AttachmentFiles(arguments.dir / "attachments", sealer))
    client = PlatformClient(arguments.url, credentials["terminal_id"],
                            base64.urlsafe_b64decode(credentials["key"]), read_timeout=5.0)
    settings = SyncSettings(batch_max_items=200, poll_interval=0.2, backoff_base=0.05,
                            backoff_cap=0.5, refresh_interval=3600, heartbeat_interval=3600)
    worker = SyncWorker(Synchronizer(outbox, client, ReferenceCache(database), settings,
                                     role=Role.KIOSK, version="chaos"))
    worker.start()
    told = os.open(arguments.dir / "told_done.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    for number in range(start + 1, arguments.count + 1):
        outbox.submit(ApplicationPayload(
            tracking_number=tracking(number), matter_code=MATTER, channel=Channel.KIOSK,
            applicant=Person(id_number="11010519491231002X", name="测试"),
        ))
        os.write(told, f"{number}\n".encode())
        os.fsync(told)
        worker.wake()
    while outbox.backlog():
        worker.wake()
        time.sleep(0.1)
    worker.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
