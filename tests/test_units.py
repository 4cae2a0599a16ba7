"""The systemd units pass `systemd-analyze verify` without a warning.

Verified against a temporary root holding this machine's systemd units and a
stand-in for every program the units start (cage, the bundle, the platform)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNITS = sorted((ROOT / "packaging" / "systemd").glob("*.service"))
SYSTEM_UNITS = Path("/lib/systemd/system")

pytestmark = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None or not SYSTEM_UNITS.is_dir(),
    reason="needs systemd-analyze and systemd's units")


def _programs(unit: Path) -> set[str]:
    """The absolute paths ExecStart lines run (cage's child included)."""
    words = unit.read_text().replace("\\\n", " ").replace("=", " ").split()
    return {word for word in words if word.startswith(("/usr/bin/", "/opt/"))}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("units") / "root"
    shutil.copytree(SYSTEM_UNITS, root / "lib" / "systemd" / "system", symlinks=True)
    for unit in UNITS:
        for program in _programs(unit):
            path = root / program.lstrip("/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("#!/bin/sh\n")
            path.chmod(0o755)
    settings = root / "etc" / "reception-platform" / "platform.env"
    settings.parent.mkdir(parents=True)
    settings.write_text("RECEPTION_PLATFORM_DB=postgresql+psycopg://r@127.0.0.1/r\n")
    return root


@pytest.mark.parametrize("unit", UNITS, ids=[unit.name for unit in UNITS])
def test_the_unit_verifies_cleanly(root: Path, unit: Path) -> None:
    installed = root / "lib" / "systemd" / "system" / unit.name
    shutil.copy2(unit, installed)
    result = subprocess.run(["systemd-analyze", "verify", f"--root={root}", "--man=no",
                             str(installed)], capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (0, "")


def test_every_terminal_unit_restarts_and_is_watched() -> None:
    for unit in UNITS:
        text = unit.read_text()
        assert "Restart=always" in text, unit.name
        assert "StandardError=journal" in text, unit.name
        if not unit.name.startswith("reception-platform"):  # the front ends ping systemd
            assert "Type=notify" in text and "WatchdogSec=" in text, unit.name
        if "PAMName=" in text:  # the session's scope: the relay speaks for the front end
            assert "NotifyAccess=main" in text, unit.name
            assert "ExecStart=/opt/reception/libexec/reception-notify-relay " in text
