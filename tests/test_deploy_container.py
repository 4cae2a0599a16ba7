"""The Debian 12 container of `make deploy-check-systemd` boots with systemd as PID 1
and halts cleanly (scripts/deploy_container.py); a tree built for a new package
list leaves the trees running containers use. Needs root, systemd-nspawn and the
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

TREE = deploy_container.tree_path()

needs_container = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("systemd-nspawn") is None
    or not (TREE / deploy_container.STAMP).exists(),
    reason="needs root, systemd-nspawn and the tree make deploy-check-systemd caches")


def test_a_new_tree_leaves_the_trees_running_containers_use(tmp_path: Path) -> None:
    """Another checkout's run (another package list) booted on its tree while this one
    built its own: that tree stays until no overlay has it as its lower layer."""
    suite = deploy_container.SUITE
    new, used, old, legacy = (tmp_path / name for name in (
        f"{suite}-new", f"{suite}-used", f"{suite}-old", suite))
    gone_build, live_build = tmp_path / f"{suite}-x.tmp-999999999", \
        tmp_path / f"{suite}-x.tmp-{os.getpid()}"
    for path in (new, used, old, legacy, gone_build, live_build):
        (path / "etc").mkdir(parents=True)
    mounts = (f"1 2 0:1 / /var/cache/run-1/root rw - overlay overlay "
              f"rw,lowerdir={used},upperdir=/u,workdir=/w\n")
    removed = deploy_container.sweep_trees(tmp_path, new, mounts)
    assert sorted(removed) == sorted([old, legacy, gone_build])
    assert all(path.exists() for path in (new, used, live_build))


@needs_container
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


@needs_container
def test_a_failing_command_still_halts_the_container(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "deploy_container.py"),
                           "--log", str(tmp_path / "console.txt"), "--", "sh", "-c", "exit 3"],
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 3
    assert "halted" in done.stdout and "systemd-nspawn exited 0" in done.stdout


@needs_container
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
