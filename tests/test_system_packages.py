"""scripts/system-packages.sh: what `make demo`/`make test` do about Debian packages."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "system-packages.sh"
LISTS = [ROOT / "packaging" / "apt" / "run.txt", ROOT / "packaging" / "apt" / "test.txt"]

pytestmark = pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="not Debian")


def _as_user(command: list[str]) -> list[str]:
    """`command` as an unprivileged user (the test may run as root)."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]


def test_not_root_prints_the_one_sudo_line_for_the_missing_packages() -> None:
    listing = "# comment\ndpkg\nreception-no-such-package  # trailing comment\n"
    result = subprocess.run(_as_user(["sh", str(SCRIPT), "-"]), input=listing,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    sudo_lines = [line for line in result.stderr.splitlines() if "sudo " in line]
    assert sudo_lines == [
        "  sudo apt-get install -y --no-install-recommends reception-no-such-package"
    ]


def test_nothing_missing_is_silent() -> None:
    result = subprocess.run(_as_user(["sh", str(SCRIPT), "-"]), input="dpkg\n",
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_every_listed_package_is_known_to_apt() -> None:
    if shutil.which("apt-cache") is None:
        pytest.skip("no apt-cache")
    names = [line.split("#")[0].strip() for path in LISTS for line in path.read_text().splitlines()]
    names = [name for name in names if name]
    result = subprocess.run(["apt-cache", "show", "--no-all-versions", *names],
                            capture_output=True, text=True, check=False)
    known = {line.split(": ", 1)[1] for line in result.stdout.splitlines()
             if line.startswith("Package: ")}
    assert sorted(set(names) - known) == []
