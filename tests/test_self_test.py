"""`--self-test` of every program the terminal bundle holds, from the sources,
against a real platform in its own process (make bundle-self-test runs the
same through the frozen bundle)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from sync.protocol.models import Role
from sync.server import enrollment
from sync.server.db import StoredTransaction, make_engine
from sync.server.process import PlatformProcess

ROOT = Path(__file__).resolve().parents[1]
PROGRAMS = {
    "kiosk": (Role.KIOSK, "kiosk.app", ["--self-test"]),
    "counter": (Role.COUNTER, "counter.app", ["--self-test"]),
    "display": (Role.DISPLAY, "display.app", ["--self-test"]),
    "sync": (Role.KIOSK, "sync.cli", ["self-test"]),
}


@pytest.fixture(scope="module")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Engine]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('self-test') / 'platform.db'}"
    process = PlatformProcess(url)
    process.start()
    engine = make_engine(url)
    try:
        yield process.url, engine
    finally:
        engine.dispose()
        process.stop()


def _run(module: str, arguments: list[str]) -> subprocess.CompletedProcess[str]:
    code = f"import sys, {module} as m; sys.exit(m.main())"
    return subprocess.run([sys.executable, "-c", code, *arguments], cwd=ROOT,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                          capture_output=True, text=True, check=False, timeout=240)


def _delivered(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(StoredTransaction)) or 0


@pytest.mark.parametrize("program", PROGRAMS)
def test_each_program_passes_its_self_test_against_a_platform(
        program: str, platform: tuple[str, Engine]) -> None:
    url, engine = platform
    role, module, arguments = PROGRAMS[program]
    before = _delivered(engine)
    code = enrollment.issue_code(engine, "C001", role)
    result = _run(module, [*arguments, f"--platform={url}", f"--enroll-code={code}"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-test: ok"), result.stdout
    assert _delivered(engine) == before + (role == Role.KIOSK)


def test_a_refused_enrollment_fails_the_self_test(platform: tuple[str, Engine]) -> None:
    url, _ = platform
    result = _run("kiosk.app", ["--self-test", f"--platform={url}", "--enroll-code=wrong"])
    assert result.returncode == 1
    assert "self-test: FAILED" in result.stderr
