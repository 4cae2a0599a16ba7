"""What every `--self-test` shares: a throw-away terminal in a temporary folder.

With a platform URL and a one-time enrollment code the terminal is enrolled
there and its transaction must be delivered; without them it gets local keys
and the test stops at the durable outbox (the bundles carry no platform: a
package's upgrade checks the installed bundle on its own, CI against a
platform it starts).
"""

from __future__ import annotations

import os
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from sync.config import render_toml
from sync.crypto import KEY_BYTES
from sync.enroll import enroll_terminal
from sync.paths import CONFIG_FILE, SECRETS_FILE
from sync.secrets_file import TerminalSecrets, save_secrets

#: Nothing listens here: a terminal without a platform stays offline.
NO_PLATFORM = "http://127.0.0.1:9"


@dataclass(frozen=True)
class SelfTestPlatform:
    url: str
    enroll_code: str


def prepare_terminal(folder: Path, role: str, platform: SelfTestPlatform | None) -> Path:
    """A configuration folder for a `role` terminal under `folder`; returns it."""
    config_dir = folder / "config"
    config_dir.mkdir(mode=0o700)
    (config_dir / CONFIG_FILE).write_text(render_toml({
        "terminal": {"role": role},
        "platform": {"url": platform.url if platform else NO_PLATFORM},
        "store": {"data_dir": str(folder / "data")},
        "sync": {"poll_interval": 0.2, "backoff_cap": 1.0},
    }), "utf-8")
    if platform is not None:
        enroll_terminal(platform.url, platform.enroll_code, config_dir)
    else:
        save_secrets(config_dir / SECRETS_FILE, TerminalSecrets(
            terminal_id=f"self-test-{uuid.uuid4()}", signing_key=os.urandom(KEY_BYTES),
            data_key=TerminalSecrets.new_data_key()))
    return config_dir


def run_sync_self_test(platform: SelfTestPlatform | None) -> str:
    """`reception-sync self-test`: store one transaction in a throw-away
    terminal's outbox and, given a platform, deliver it; returns a summary."""
    from sync.config import SyncConfig, load_config
    from sync.protocol.models import TicketPayload
    from sync.runtime import open_runtime
    from sync.secrets_file import load_secrets

    with tempfile.TemporaryDirectory(prefix="reception-sync-self-test-") as folder:
        config_dir = prepare_terminal(Path(folder), "kiosk", platform)
        config = load_config(config_dir / CONFIG_FILE, SyncConfig)
        runtime = open_runtime(config, load_secrets(config_dir / SECRETS_FILE),
                               config_folder=config_dir)
        try:
            record = runtime.outbox.submit(TicketPayload(number="A001", category="A"))
            if platform is None:
                return f"transaction {record.id} stored in the outbox (no platform given)"
            runtime.synchronizer.drain()
            if runtime.outbox.backlog():
                raise RuntimeError(f"the platform did not take transaction {record.id}")
            return f"transaction {record.id} delivered to {platform.url}"
        finally:
            runtime.close()
