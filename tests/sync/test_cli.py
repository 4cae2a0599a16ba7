"""`reception-sync` against a real platform: enroll, status, drain, dead, retry."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.cli import main
from sync.config import render_toml
from sync.paths import CONFIG_FILE
from sync.protocol.models import Role
from tests.sync.helpers import application, make_outbox, running_platform


def test_the_cli_drives_the_outbox(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "config"
    data = tmp_path / "data"
    with running_platform(tmp_path) as platform:
        (folder).mkdir()
        (folder / CONFIG_FILE).write_text(render_toml({
            "platform": {"url": platform.url}, "store": {"data_dir": str(data)}}))
        code = platform.enroll_code("C001", Role.KIOSK)
        assert main(["--config-dir", str(folder), "enroll", "--url", platform.url,
                     "--code", code]) == 0
        from sync.secrets_file import load_secrets

        outbox = make_outbox(data, key=load_secrets(folder / "secrets.toml").data_key)
        outbox.database.close()
        outbox = make_outbox(data, key=load_secrets(folder / "secrets.toml").data_key)
        good = outbox.submit(application(1)).id
        poison = outbox.submit(application(2, matter="XX-404")).id
        outbox.database.close()

        assert main(["--config-dir", str(folder), "status"]) == 0
        assert "backlog: 2" in capsys.readouterr().out
        assert main(["--config-dir", str(folder), "drain"]) == 0
        assert "answered: 2; backlog: 0; dead: 1" in capsys.readouterr().out
        assert main(["--config-dir", str(folder), "dead"]) == 0
        listing = capsys.readouterr().out
        assert poison in listing and "unknown_matter" in listing and good not in listing
        assert main(["--config-dir", str(folder), "retry", poison]) == 0
        assert main(["--config-dir", str(folder), "retry", poison]) == 1


def test_a_bad_configuration_is_reported_not_raised(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / CONFIG_FILE).write_text("[sync]\nbatch_max_items = 0\n")
    assert main(["--config-dir", str(tmp_path), "status"]) == 2
    assert "`sync.batch_max_items` = 0" in capsys.readouterr().err
