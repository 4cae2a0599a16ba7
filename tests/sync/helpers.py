"""Builders shared by the sync tests: a terminal store on a temp dir, and a
real reference platform on loopback."""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from sync.caches import ReferenceCache
from sync.client import PlatformClient
from sync.crypto import Sealer
from sync.outbox import Clock, Outbox, utc_now
from sync.protocol.models import ApplicationPayload, Channel, Person, Role, TicketPayload
from sync.server.db import StoredTransaction
from sync.server.faults import write_plan
from sync.store.database import open_database
from sync.store.files import AttachmentFiles
from sync.synchronizer import Synchronizer, SyncSettings
from terminal.local_platform import LocalPlatform

if TYPE_CHECKING:
    from sync.runtime import SyncRuntime

DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo"
KNOWN_MATTER = "MZ-001"


def make_outbox(folder: Path, *, key: bytes | None = None, clock: Clock = utc_now,
                max_page_count: int | None = None) -> Outbox:
    database = open_database(folder / "terminal.db", max_page_count=max_page_count)
    sealer = Sealer(key or b"k" * 32)
    return Outbox(database, sealer, AttachmentFiles(folder / "attachments", sealer), clock=clock)


def application(number: int, matter: str = KNOWN_MATTER) -> ApplicationPayload:
    return ApplicationPayload(
        tracking_number=f"RC-20261125-K01-{number:05d}", matter_code=matter,
        channel=Channel.KIOSK,
        applicant=Person(id_number="11010519491231002X", name="张三丰", phone="13812345678",
                         address="北京市东城区幸福里1号"),
        fields={"household_size": 3},
    )


def ticket(number: int) -> TicketPayload:
    return TicketPayload(number=f"A{number:03d}", category="A")


@dataclass
class Terminal:
    outbox: Outbox
    client: PlatformClient
    sync: Synchronizer

    def close(self) -> None:
        self.client.close()
        self.outbox.database.close()


@contextmanager
def faulty_platform(folder: Path) -> Iterator[tuple[LocalPlatform, Path]]:
    """A local platform (demo data) running until the block ends, and its fault plan:
    `write_plan(plan, rules)` injects faults (none to begin with)."""
    plan = folder / "faults.json"
    write_plan(plan, [])
    platform = LocalPlatform(f"sqlite:///{folder / 'platform.db'}", demo_data=DEMO_DIR,
                             fault_plan=plan)
    platform.start()
    try:
        yield platform, plan
    finally:
        platform.stop()


def enroll(platform: LocalPlatform, url: str | None = None) -> tuple[str, bytes]:
    answer = PlatformClient.enroll(url or platform.url, platform.enroll_code("C001", Role.KIOSK))
    return answer.terminal_id, base64.urlsafe_b64decode(answer.key)


def make_terminal(folder: Path, url: str, terminal_id: str, key: bytes, *,
                  settings: SyncSettings | None = None, clock_skew: float = 0.0,
                  read_timeout: float = 5.0) -> Terminal:
    import time

    outbox = make_outbox(folder)
    client = PlatformClient(url, terminal_id, key, read_timeout=read_timeout,
                            clock=lambda: time.time() + clock_skew)
    sync = Synchronizer(outbox, client, ReferenceCache(outbox.database),
                        settings or SyncSettings(), role=Role.KIOSK, version="test")
    return Terminal(outbox, client, sync)


def count_at_platform(platform: LocalPlatform, tx_id: str | None = None) -> int:
    statement = select(func.count()).select_from(StoredTransaction)
    if tx_id is not None:
        statement = statement.where(StoredTransaction.tx_id == tx_id)
    with platform.app.state.engine.connect() as connection:
        return connection.execute(statement).scalar_one()


@contextmanager
def running_platform(folder: Path) -> Iterator[LocalPlatform]:
    platform = LocalPlatform(f"sqlite:///{folder / 'platform.db'}", demo_data=DEMO_DIR)
    platform.start()
    try:
        yield platform
    finally:
        platform.stop()


class SteppingClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def random_bytes(size: int) -> bytes:
    return os.urandom(size)


@dataclass
class Configured:
    """A terminal's configuration folder and data folder, as `reception-sync` sees them."""

    config_dir: Path
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "terminal.db"

    def cli(self, *args: str) -> int:
        from sync.cli import main

        return main(["--config-dir", str(self.config_dir), *args])

    def open(self) -> SyncRuntime:
        from sync.config import SyncConfig, load_config
        from sync.paths import CONFIG_FILE, SECRETS_FILE
        from sync.runtime import open_runtime
        from sync.secrets_file import load_secrets

        config = load_config(self.config_dir / CONFIG_FILE, SyncConfig)
        return open_runtime(config, load_secrets(self.config_dir / SECRETS_FILE),
                            config_folder=self.config_dir)


def configure(folder: Path, url: str = "http://127.0.0.1:9", *, terminal_id: str = "K01",
              signing_key: bytes = b"s" * 32, **store: str | int | float) -> Configured:
    """terminal.toml and secrets.toml for a terminal whose data lives in folder/data."""
    from sync.config import render_toml
    from sync.paths import CONFIG_FILE, SECRETS_FILE
    from sync.secrets_file import TerminalSecrets, save_secrets

    config_dir, data_dir = folder / "config", folder / "data"
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / CONFIG_FILE).write_text(render_toml({
        "platform": {"url": url, "connect_timeout": 0.5, "read_timeout": 2.0},
        "store": {"data_dir": str(data_dir), **store}}))
    save_secrets(config_dir / SECRETS_FILE,
                 TerminalSecrets(terminal_id, signing_key, b"d" * 32))
    return Configured(config_dir, data_dir)


def flip_personal_byte(database: Path, seq: int, offset: int = 20) -> None:
    """Flip one byte of a record's sealed personal data, as a failing disk would."""
    import sqlite3

    with sqlite3.connect(database) as connection:
        [blob] = connection.execute("SELECT personal FROM records WHERE seq = ?",
                                    (seq,)).fetchone()
        damaged = bytearray(blob)
        damaged[offset] ^= 0x01
        connection.execute("UPDATE records SET personal = ? WHERE seq = ?",
                           (bytes(damaged), seq))
