"""`reception-kiosk --self-test`: the whole path, offscreen, in one process.

Starts the reference platform on a loopback port, enrolls a throw-away
terminal, opens the kiosk window offscreen, submits one transaction through
the store thread and the outbox, lets the sync worker deliver it, and checks
that the platform holds exactly that transaction. Exit 0 means the bundle's
Qt, SQLite, crypto, HTTP and server parts all work.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer

DEMO_DIR = Path(__file__).resolve().parent.parent / "resources" / "demo"
TIMEOUT_MS = 60_000


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="kiosk-self-test-") as folder:
        try:
            summary = _run(Path(folder))
        except Exception as error:  # report any failure as a failed self-test
            print(f"self-test: FAILED: {type(error).__name__}: {error}", file=sys.stderr)
            return 1
    print(f"self-test: ok {summary}")
    return 0


def _run(folder: Path) -> str:
    from sqlalchemy import func, select

    from kiosk.composition import KioskComposition
    from sync.cli import enroll_terminal
    from sync.config import render_toml
    from sync.outbox import Submitted
    from sync.paths import CONFIG_FILE
    from sync.protocol.models import Role, TicketPayload
    from sync.server.db import StoredTransaction
    from terminal.local_platform import LocalPlatform
    from terminal.shell import start_shell

    platform = LocalPlatform(f"sqlite:///{folder / 'platform.db'}", demo_data=DEMO_DIR)
    url = platform.start()
    try:
        config_dir = folder / "config"
        config_dir.mkdir()
        (config_dir / CONFIG_FILE).write_text(render_toml({
            "platform": {"url": url},
            "store": {"data_dir": str(folder / "data")},
            "sync": {"poll_interval": 0.2, "backoff_cap": 1.0},
        }), "utf-8")
        enroll_terminal(url, platform.enroll_code("C001", Role.KIOSK), config_dir)
        os.environ["RECEPTION_LOG_DIR"] = str(folder / "logs")
        shell = start_shell("reception-kiosk-self-test", config_dir, argv=[sys.argv[0]],
                            with_devices=False)
        try:
            ui = KioskComposition(shell.gui, kiosk_mode=False)
            ui.attach(shell)
            window = ui.window
            window.resize(1080, 1920)
            window.present()
            shell.bridge.start()
            outcome: dict[str, object] = {}
            shell.bridge.submit(
                None, TicketPayload(number="A001", category="A"),
                lambda stored: outcome.setdefault("submitted", stored.result),
                lambda message: outcome.setdefault("failed", message))
            _wait(lambda: "failed" in outcome or (
                "submitted" in outcome and shell.bridge.last_state is not None
                and shell.bridge.last_state.backlog == 0))
            if "failed" in outcome:
                raise RuntimeError(f"submission failed: {outcome['failed']}")
            record = outcome["submitted"]
            assert isinstance(record, Submitted)
            with platform.app.state.engine.connect() as connection:
                stored = connection.execute(
                    select(func.count()).select_from(StoredTransaction)
                    .where(StoredTransaction.tx_id == str(record.id))
                ).scalar_one()
            if stored != 1:
                raise RuntimeError(f"platform holds {stored} copies of the transaction")
            window.close()
            return f"transaction {record.id} delivered to {url}"
        finally:
            shell.close()
    finally:
        platform.stop()


def _wait(condition: Callable[[], bool]) -> None:
    deadline = QDeadlineTimer(TIMEOUT_MS)
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if condition() or deadline.hasExpired() else None)
    timer.start(50)
    loop.exec()
    timer.stop()
    if not condition():
        raise TimeoutError(f"not done within {TIMEOUT_MS // 1000} s")
