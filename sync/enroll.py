"""Enrolling a terminal: trade a one-time code for its id and key."""

from __future__ import annotations

import base64
import socket
from pathlib import Path

from sync.client import PlatformClient
from sync.paths import SECRETS_FILE
from sync.secrets_file import TerminalSecrets, load_secrets, save_secrets


def enroll_terminal(url: str, code: str, folder: Path) -> TerminalSecrets:
    """Trade a one-time code for this terminal's id and key. A terminal enrolled
    before keeps its data key, so its store and outbox stay readable."""
    answer = PlatformClient.enroll(url, code, socket.gethostname())
    path = folder / SECRETS_FILE
    data_key = load_secrets(path).data_key if path.exists() else TerminalSecrets.new_data_key()
    secrets = TerminalSecrets(
        terminal_id=answer.terminal_id,
        signing_key=base64.urlsafe_b64decode(answer.key),
        data_key=data_key,
    )
    save_secrets(folder / SECRETS_FILE, secrets)
    return secrets
