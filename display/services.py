"""Phase two for the display: its configuration, the store (notices cache)
and the platform client, loaded off the GUI thread."""

from __future__ import annotations

import logging
from pathlib import Path

from terminal.services import Services, StartupError

log = logging.getLogger("display.services")


def open_display_services(config_dir: Path) -> Services:
    """Blocking: the display has no devices; its config has role "display"."""
    from display.config import DisplayConfig
    from sync.config import ConfigError, load_config
    from sync.paths import CONFIG_FILE, SECRETS_FILE
    from sync.runtime import open_runtime
    from sync.secrets_file import SecretsError, load_secrets
    from sync.store.database import StoreError

    try:
        config = load_config(config_dir / CONFIG_FILE, DisplayConfig)
        secrets = load_secrets(config_dir / SECRETS_FILE)
        runtime = open_runtime(config, secrets, config_folder=config_dir)
    except (ConfigError, SecretsError, StoreError) as error:
        raise StartupError(str(error)) from error
    log.info("display %s using platform %s", secrets.terminal_id, config.platform.url)
    return Services(config, runtime, secrets.terminal_id)  # type: ignore[arg-type]
