"""Configuration errors name key, value and fix; secrets stay secret."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from sync.config import ConfigError, load_config
from sync.secrets_file import SecretsError, TerminalSecrets, load_secrets, save_secrets
from terminal.config import TerminalConfig


def test_defaults_when_no_file(tmp_path: Path) -> None:
    config = load_config(tmp_path / "missing.toml", TerminalConfig)
    assert config.terminal.role == "kiosk" and config.sync.batch_max_items == 500


def test_every_bad_key_is_named_with_value_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "terminal.toml"
    path.write_text('[sync]\nbatch_max_items = -5\n[platform]\nurl = "ftp://x"\n'
                    '[devices.printer]\npaper_mm = 70\n[kiosk]\nidel_seconds = 3\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, TerminalConfig)
    message = str(caught.value)
    assert "`sync.batch_max_items` = -5" in message and "items per batch" in message
    assert "`platform.url` = 'ftp://x'" in message and "base URL" in message
    assert "`devices.printer.paper_mm` = 70" in message and "58 or 80" in message
    assert "`kiosk.idel_seconds` is not a known setting" in message


def test_broken_toml_says_where(tmp_path: Path) -> None:
    path = tmp_path / "terminal.toml"
    path.write_text("[sync\n")
    with pytest.raises(ConfigError, match=r"not valid TOML.*line 1"):
        load_config(path, TerminalConfig)


def test_secrets_are_0600_and_never_printed(tmp_path: Path,
                                            caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "secrets.toml"
    secrets = TerminalSecrets("T-1", b"s" * 32, b"d" * 32)
    save_secrets(path, secrets)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    loaded = load_secrets(path)
    assert loaded == secrets
    with caplog.at_level(logging.INFO):
        logging.getLogger("test").info("loaded %r", loaded)
    assert "c3Nz" not in caplog.text and "sss" not in repr(loaded)
    os.chmod(path, 0o644)
    with pytest.raises(SecretsError, match="chmod 600"):
        load_secrets(path)


def test_missing_secrets_say_how_to_enroll(tmp_path: Path) -> None:
    with pytest.raises(SecretsError, match="reception-sync enroll"):
        load_secrets(tmp_path / "secrets.toml")
