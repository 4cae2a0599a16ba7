"""Start-up shared by kiosk and counter: the composition root's common half.

`Shell` owns the QApplication, configuration, logging, translations, theme,
the instance lock and the sync bridge; each app builds its window on top.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QApplication

from sync.config import APP_NAME, CONFIG_FILE, SECRETS_FILE, load_config
from sync.runtime import SyncRuntime, open_runtime
from sync.secrets_file import SecretsError, load_secrets
from sync.worker import SyncWorker
from terminal.config import TerminalConfig
from terminal.i18n import LanguageSwitcher
from terminal.logs import configure_logging
from terminal.single_instance import acquire_instance_lock
from terminal.sync_bridge import SyncBridge
from terminal.theme import ThemeMode, apply_theme

log = logging.getLogger("terminal.shell")


@dataclass
class Shell:
    app: QApplication
    config: TerminalConfig
    runtime: SyncRuntime
    bridge: SyncBridge
    language: LanguageSwitcher
    lock: QLockFile | None
    theme: ThemeMode = field(default_factory=ThemeMode)

    def set_theme(self, mode: ThemeMode) -> None:
        self.theme = mode
        apply_theme(self.app, mode)

    def close(self) -> None:
        self.bridge.stop()
        self.runtime.close()
        if self.lock is not None:
            self.lock.unlock()


def qt_application(argv: list[str], name: str) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv)
    app.setApplicationName(name)
    app.setOrganizationName(APP_NAME)
    return app


def start_shell(name: str, config_dir: Path, *, argv: list[str] | None = None,
                lock: bool = True) -> Shell:
    """Everything up to (not including) the app's own window."""
    config = load_config(config_dir / CONFIG_FILE, TerminalConfig)
    data_dir = config.data_dir()
    configure_logging(Path(os.environ.get("RECEPTION_LOG_DIR")
                           or platformdirs.user_log_dir(APP_NAME)), name)
    app = qt_application(argv if argv is not None else sys.argv, name)
    instance_lock = acquire_instance_lock(data_dir, name) if lock else None
    language = LanguageSwitcher(app)
    language.set_language(config.terminal.language)
    apply_theme(app, ThemeMode())
    try:
        secrets = load_secrets(config_dir / SECRETS_FILE)
    except SecretsError as error:
        log.error("not enrolled, working offline only: %s", error)
        raise
    runtime = open_runtime(config, secrets, data_dir=data_dir)
    bridge = SyncBridge(runtime.outbox, None)
    worker = SyncWorker(runtime.synchronizer, on_state=bridge.publish)
    bridge.attach_worker(worker)
    log.info("%s started: terminal %s, role %s, platform %s", name, secrets.terminal_id,
             config.terminal.role, config.platform.url)
    return Shell(app, config, runtime, bridge, language, instance_lock)
