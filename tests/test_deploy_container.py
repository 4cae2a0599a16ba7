"""The Debian 12 container of `make deploy-check-systemd` boots with systemd as PID 1
and halts cleanly (scripts/deploy_container.py). Needs root, systemd-nspawn and the
cached tree (the make target builds it); skipped otherwise. `make deploy-check-systemd`
runs them once the tree is built; `make test`, which runs before it on a fresh
machine, leaves them out."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import deploy_container  # noqa: E402

TREE = deploy_container.CACHE / deploy_container.SUITE

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("systemd-nspawn") is None
    or not (TREE / deploy_container.STAMP).exists(),
    reason="needs root, systemd-nspawn and the tree make deploy-check-systemd caches")


def test_it_boots_runs_a_command_inside_and_halts(tmp_path: Path) -> None:
    log = tmp_path / "console.txt"
    with deploy_container.Container(TREE, [ROOT], log, name="reception-test") as container:
        assert container.system_state() in ("running", "degraded")
        inside = container.run(["cat", "/proc/1/comm"]).stdout.strip()
        assert inside == "systemd"
        assert container.run(["test", "-f", str(ROOT / "pyproject.toml")]).returncode == 0
        scratch = container.scratch
    assert container.nspawn is not None and container.nspawn.returncode == 0  # a clean halt
    assert not scratch.exists()  # the overlay unmounted and removed
    assert "Reached target" in log.read_text("utf-8", "replace")


def test_a_failing_command_still_halts_the_container(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "deploy_container.py"),
                           "--log", str(tmp_path / "console.txt"), "--", "sh", "-c", "exit 3"],
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 3
    assert "halted" in done.stdout and "systemd-nspawn exited 0" in done.stdout


def test_sigterm_still_halts_the_container(tmp_path: Path) -> None:
    """A CI job's timeout: the container is halted, not left running."""
    with subprocess.Popen([sys.executable, str(ROOT / "scripts" / "deploy_container.py"),
                           "--log", str(tmp_path / "console.txt"), "--", "sleep", "120"],
                          stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        assert "booted" in process.stdout.readline()
        process.send_signal(signal.SIGTERM)
        said = process.stdout.read()
        assert process.wait(timeout=120) == 128 + signal.SIGTERM
    assert "systemd-nspawn exited 0" in said
