"""The terminal side of `make chaos`: a headless kiosk that submits applications
1..N through `SyncBridge` (as the kiosk's screens do: the next one after the
answer to the one before), with the sync worker delivering in the background;
safe to SIGKILL at any moment.

On start it continues after the highest number already committed, so a kill
between commit and answer never submits a number twice. Files in `--dir`:

- `in_flight`: the number being submitted, written before `SyncBridge.submit`
  and removed once its answer has arrived; the chaos run finds it after a
  kill that landed while a submit was in flight.
- `told_done.log`: each number whose answer arrived (the moment a resident
  would be told "done"), written before `in_flight` is removed.
- `ready`: this process's id, written when the first answer of this life has
  arrived (submitting is steady); the chaos run draws its kill time after it.

Plain writes suffice: the chaos run kills processes, not the machine, and a
killed process's writes are already in the kernel.
"""

from __future__ import annotations

import argparse
import base64
import json
import logging
import os
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402

from sync.caches import ReferenceCache  # noqa: E402
from sync.client import PlatformClient  # noqa: E402
from sync.crypto import Sealer  # noqa: E402
from sync.outbox import Outbox  # noqa: E402
from sync.protocol.models import ApplicationPayload, Channel, Person, Role  # noqa: E402
from sync.store.database import open_database  # noqa: E402
from sync.store.files import AttachmentFiles  # noqa: E402
from sync.synchronizer import Synchronizer, SyncSettings  # noqa: E402
from sync.worker import SyncWorker  # noqa: E402
from terminal.background import run_in_background  # noqa: E402
from terminal.sync_bridge import SyncBridge  # noqa: E402

MATTER = "MZ-001"
RETRY_MS = 200  # after a failed submit (the store refused: try the same number again)
DRAINED_POLL_MS = 200

log = logging.getLogger("chaos.terminal")


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


def payload(number: int) -> ApplicationPayload:
    return ApplicationPayload(
        tracking_number=tracking(number), matter_code=MATTER, channel=Channel.KIOSK,
        applicant=Person(id_number="11010519491231002X", name="测试"))


class Kiosk:
    """Submits one application at a time through the bridge, as a kiosk does."""

    def __init__(self, folder: Path, bridge: SyncBridge, first: int, last: int,
                 app: QCoreApplication) -> None:
        self.folder, self.bridge, self.app = folder, bridge, app
        self.next, self.last = first, last
        self.in_flight = folder / "in_flight"
        self.told = os.open(folder / "told_done.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        self.answered = 0

    def submit(self) -> None:
        if self.next > self.last:
            self._wait_drained()
            return
        number = self.next
        self.in_flight.write_text(f"{number}\n")
        self.bridge.submit(None, payload(number), lambda _stored: self._answered(number),
                           self._failed)

    def _answered(self, number: int) -> None:
        os.write(self.told, f"{number}\n".encode())
        self.in_flight.unlink()  # answered: nothing in flight until the next submit
        self.answered += 1
        if self.answered == 1:
            (self.folder / "ready").write_text(f"{os.getpid()}\n")
        self.next = number + 1
        self.submit()

    def _failed(self, message: str) -> None:
        log.warning("submit failed, retrying: %s", message)
        self.in_flight.unlink()
        QTimer.singleShot(RETRY_MS, self.submit)

    def _wait_drained(self) -> None:
        outbox = self.bridge.outbox
        run_in_background(None, outbox.backlog, self._drained)

    def _drained(self, backlog: int) -> None:
        if backlog:
            QTimer.singleShot(DRAINED_POLL_MS, self._wait_drained)
        else:
            self.app.quit()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--count", type=int, required=True)
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    app = QCoreApplication([sys.argv[0]])
    folder = arguments.dir
    credentials = json.loads((folder / "credentials.json").read_text())
    database_path = folder / "terminal.db"
    (folder / "in_flight").unlink(missing_ok=True)  # a killed life's: counted already
    start = highest_committed(database_path)
    database = open_database(database_path)
    sealer = Sealer(base64.b64decode(credentials["data_key"]))
    outbox = Outbox(database, sealer, AttachmentFiles(folder / "attachments", sealer))
    client = PlatformClient(arguments.url, credentials["terminal_id"],
                            base64.urlsafe_b64decode(credentials["key"]), read_timeout=5.0)
    settings = SyncSettings(batch_max_items=200, poll_interval=0.2, backoff_base=0.05,
                            backoff_cap=0.5, refresh_interval=3600, heartbeat_interval=3600)
    bridge = SyncBridge(outbox, None)
    bridge.attach_worker(SyncWorker(Synchronizer(
        outbox, client, ReferenceCache(database), settings, role=Role.KIOSK, version="chaos"),
        on_state=bridge.publish))
    bridge.start()
    kiosk = Kiosk(folder, bridge, start + 1, arguments.count, app)
    QTimer.singleShot(0, kiosk.submit)
    code = app.exec()
    bridge.stop()
    return code


if __name__ == "__main__":
    sys.exit(main())
