"""Composition of the sync core from configuration and secrets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sync import __version__
from sync.caches import ReferenceCache
from sync.client import PlatformClient
from sync.config import SyncConfig
from sync.crypto import Sealer
from sync.outbox import Outbox
from sync.protocol.models import Role
from sync.secrets_file import TerminalSecrets
from sync.store.database import Database, open_database
from sync.store.files import AttachmentFiles
from sync.synchronizer import HealthProvider, Synchronizer

DATABASE_FILE = "terminal.db"


@dataclass
class SyncRuntime:
    database: Database
    outbox: Outbox
    cache: ReferenceCache
    client: PlatformClient
    synchronizer: Synchronizer

    def close(self) -> None:
        self.client.close()
        self.database.close()


def open_runtime(config: SyncConfig, secrets: TerminalSecrets, *,
                 data_dir: Path | None = None,
                 device_health: HealthProvider = dict) -> SyncRuntime:
    root = data_dir or config.data_dir()
    database = open_database(root / DATABASE_FILE)
    sealer = Sealer(secrets.data_key)
    outbox = Outbox(database, sealer, AttachmentFiles(root / "attachments", sealer))
    cache = ReferenceCache(database)
    client = PlatformClient(
        config.platform.url, secrets.terminal_id, secrets.signing_key,
        ca_file=config.platform.ca_file, connect_timeout=config.platform.connect_timeout,
        read_timeout=config.platform.read_timeout,
    )
    synchronizer = Synchronizer(
        outbox, client, cache, config.sync.settings(config.store.retention_days),
        role=Role(config.terminal.role), version=__version__, device_health=device_health,
    )
    return SyncRuntime(database, outbox, cache, client, synchronizer)
