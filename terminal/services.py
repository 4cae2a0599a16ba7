"""Phase two of start-up: validate the configuration, open the store and
the sync core, off the GUI thread.

`ServicesLoader` does the heavy imports, the integrity check and migrations
on a plain thread and hands the result to the GUI thread by a queued signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from terminal.background import Lane

if TYPE_CHECKING:  # imported for real on the loader thread only
    from sync.runtime import SyncRuntime
    from terminal.config import TerminalConfig
    from terminal.devices.factory import Devices

log = logging.getLogger("terminal.services")


@dataclass
class Services:
    config: TerminalConfig
    runtime: SyncRuntime
    terminal_id: str
    devices: Devices | None = None
    device_error: str = ""

    def close(self) -> None:
        if self.devices is not None:
            self.devices.close()
        self.runtime.close()


class StartupError(Exception):
    """Phase two failed; the message is for the technician."""


def open_services(config_dir: Path, *, with_devices: bool = True,
                  camera_process: bool = False, migrate_in_child: bool = False) -> Services:
    """Blocking: call from a worker thread (or a CLI).

    A device that cannot be built does not stop the terminal: it works on
    without it (typed ID entry, the slip on screen) and says why in the log
    and the technician panel. `camera_process`: the camera runs in a child
    process (the kiosk: OpenCV and numpy stay out of its memory); likewise a
    due store migration with `migrate_in_child` (alembic stays out)."""
    from sync.config import ConfigError, load_config
    from sync.paths import CONFIG_FILE, SECRETS_FILE
    from sync.runtime import open_runtime
    from sync.secrets_file import SecretsError, load_secrets
    from sync.store.database import StoreError
    from terminal.config import TerminalConfig

    try:
        config = load_config(config_dir / CONFIG_FILE, TerminalConfig)
        secrets = load_secrets(config_dir / SECRETS_FILE)
        runtime = open_runtime(config, secrets, config_folder=config_dir,
                               migrate_in_child=migrate_in_child)
    except (ConfigError, SecretsError, StoreError) as error:
        raise StartupError(str(error)) from error
    log.info("terminal %s (%s) using platform %s", secrets.terminal_id, config.terminal.role,
             config.platform.url)
    services = Services(config, runtime, secrets.terminal_id)
    if with_devices:
        from terminal.devices.factory import build_devices

        try:
            services.devices = build_devices(config.devices, config.data_dir(),
                                             camera_process=camera_process)
        except Exception as error:
            log.exception("devices could not be set up")
            services.device_error = f"{type(error).__name__}: {error}"
    return services


class ServicesLoader(QObject):
    loaded = Signal(object)  # Services
    failed = Signal(str)

    def __init__(self, config_dir: Path, parent: QObject | None = None, *,
                 prepare: Callable[[], None] = lambda: None,
                 opener: Callable[[Path], Services] = open_services) -> None:
        """`prepare` runs on the loader thread too (e.g. pre-importing screens);
        `opener` builds the services (the hall display has its own)."""
        super().__init__(parent)
        self._config_dir = config_dir
        self._prepare = prepare
        self._open = opener
        self._lane = Lane(1, "services-loader")
        #: the last start-up's failure (the hall display tries again every 30 s: the
        #: same cause is logged at ERROR once, not every time)
        self._last_failure = ""

    def start(self) -> None:
        self._lane.run(self, self._load, self.loaded.emit,
                       lambda error: self.failed.emit(str(error)), error_as_text=False)

    def wait(self, timeout: float = 30.0) -> None:
        self._lane.wait(int(timeout * 1000))

    def _load(self) -> Services:
        """On the loader thread."""
        try:
            services = self._open(self._config_dir)
            self._prepare()
        except StartupError as error:
            self._failed(str(error), exc_info=False)
            raise
        except Exception as error:
            self._failed(f"{type(error).__name__}: {error}", exc_info=True)
            raise StartupError(f"{type(error).__name__}: {error}") from error
        if self._last_failure:
            log.info("started (the start-up before had failed: %s)", self._last_failure)
            self._last_failure = ""
        return services

    def _failed(self, cause: str, *, exc_info: bool) -> None:
        if cause == self._last_failure:
            log.info("start-up failed again, the same way: %s", cause)
            return
        self._last_failure = cause
        log.error("start-up failed: %s", cause, exc_info=exc_info)
