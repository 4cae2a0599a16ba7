"""Composition of the sync core from configuration and secrets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sync import __version__
from sync.caches import ReferenceCache
from sync.client import PlatformClient
from sync.config import SyncConfig
from sync.crypto import Sealer
from sync.maintenance import StoreMaintenance
from sync.outbox import Outbox
from sync.paths import config_dir
from sync.protocol.models import Role
from sync.secrets_file import TerminalSecrets
from sync.staff_sign_in import StaffSignIn
from sync.store.backup import BackupSet
from sync.store.database import Database, open_database
from sync.store.files import AttachmentFiles
from sync.store.key_check import check_key
from sync.store.marker import StoreMarker
from sync.store.reseal import reseal_free_text
from sync.synchronizer import HealthProvider, Synchronizer

DATABASE_FILE = "terminal.db"


@dataclass
class StoreParts:
    """What opening the store (or recovering it) needs, without opening it."""

    database: Path
    sealer: Sealer
    files: AttachmentFiles
    backups: BackupSet
    marker: StoreMarker


def store_parts(config: SyncConfig, secrets: TerminalSecrets, *, data_dir: Path | None = None,
                config_folder: Path | None = None) -> StoreParts:
    root = data_dir or config.data_dir()
    sealer = Sealer(secrets.data_key)
    backups = BackupSet(config.store.backup_dir or root / "backups", sealer,
                        keep=config.store.backup_keep,
                        retention=timedelta(days=config.store.retention_days))
    database = root / DATABASE_FILE
    return StoreParts(database, sealer, AttachmentFiles(root / "attachments", sealer), backups,
                      StoreMarker(config_folder or config_dir(), database))


@dataclass
class SyncRuntime:
    database: Database
    outbox: Outbox
    cache: ReferenceCache
    client: PlatformClient
    synchronizer: Synchronizer
    backups: BackupSet
    staff: StaffSignIn

    def close(self) -> None:
        self.client.close()
        self.database.close()


def open_runtime(config: SyncConfig, secrets: TerminalSecrets, *,
                 data_dir: Path | None = None, config_folder: Path | None = None,
                 device_health: HealthProvider = dict,
                 migrate_in_child: bool = False) -> SyncRuntime:
    """Open the store (refusing a damaged or emptied one), and the sync core on it.

    `config_folder` holds the store's marker (default: the configuration folder);
    `migrate_in_child`: a due migration runs in a child process (`sync.store.migrate`)."""
    parts = store_parts(config, secrets, data_dir=data_dir, config_folder=config_folder)
    database = open_database(parts.database, marker=parts.marker,
                             backup=lambda opened: parts.backups.make(opened.path),
                             migrate_in_child=migrate_in_child)
    try:
        check_key(database, parts.sealer, "secrets.toml")
        reseal_free_text(database, parts.sealer)
    except BaseException:
        database.close()
        raise
    outbox = Outbox(database, parts.sealer, parts.files)
    cache = ReferenceCache(database)
    client = PlatformClient(
        config.platform.url, secrets.terminal_id, secrets.signing_key,
        ca_file=config.platform.ca_file, connect_timeout=config.platform.connect_timeout,
        read_timeout=config.platform.read_timeout,
        sign_in_timeout=config.platform.sign_in_timeout,
    )
    settings = config.sync.settings(config.store.retention_days)
    maintenance = StoreMaintenance(
        outbox, parts.backups, retention=settings.retention,
        backup_interval=timedelta(hours=config.store.backup_interval_hours))
    synchronizer = Synchronizer(
        outbox, client, cache, settings, role=Role(config.terminal.role), version=__version__,
        device_health=device_health, maintenance=maintenance,
    )
    staff = StaffSignIn(client, cache, secrets.signing_key)
    return SyncRuntime(database, outbox, cache, client, synchronizer, parts.backups, staff)
