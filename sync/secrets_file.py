"""The terminal's secrets: its platform id, signing key and data key.

Kept apart from the configuration, in a file only the terminal's user may
read (0600). Nothing here is ever logged: `repr` hides the keys.
"""

from __future__ import annotations

import base64
import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sync.crypto import KEY_BYTES


class SecretsError(Exception):
    """The secrets file is missing, unreadable by policy, or malformed."""


@dataclass(frozen=True)
class TerminalSecrets:
    terminal_id: str
    signing_key: bytes = field(repr=False)
    data_key: bytes = field(repr=False)

    @classmethod
    def new_data_key(cls) -> bytes:
        return os.urandom(KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def _unb64(text: str, key: str, path: Path) -> bytes:
    try:
        return base64.urlsafe_b64decode(text.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as error:
        raise SecretsError(f"{path}: `{key}` is not valid base64") from error


def save_secrets(path: Path, secrets: TerminalSecrets) -> None:
    """Write atomically with mode 0600 from the first byte."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (
        f'terminal_id = "{secrets.terminal_id}"\n'
        f'signing_key = "{_b64(secrets.signing_key)}"\n'
        f'data_key = "{_b64(secrets.data_key)}"\n'
    )
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(descriptor, text.encode("utf-8"))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def load_secrets(path: Path) -> TerminalSecrets:
    if not path.exists():
        raise SecretsError(
            f"No secrets file at {path}: enroll the terminal first "
            f"(reception-sync enroll --url URL --code CODE)."
        )
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise SecretsError(
            f"{path} is readable by other users (mode {mode:o}): run `chmod 600 {path}`."
        )
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SecretsError(f"{path} is not valid TOML: {error}") from error
    missing = [key for key in ("terminal_id", "signing_key", "data_key") if key not in data]
    if missing:
        raise SecretsError(f"{path} lacks {', '.join(missing)}: enroll the terminal again.")
    return TerminalSecrets(
        terminal_id=str(data["terminal_id"]),
        signing_key=_unb64(data["signing_key"], "signing_key", path),
        data_key=_unb64(data["data_key"], "data_key", path),
    )
