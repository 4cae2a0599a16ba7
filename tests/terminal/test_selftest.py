"""`--self-test` (terminal/selftest.py) with a front end of the test's own: the
verdict and its exit code with no platform, with a transaction stored in the
outbox, with a window that does not paint, and against a real platform on
loopback (enrolled and delivered). Each run is a process of its own, as the
self-test is (it configures logging and Qt for the whole process)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from sync.protocol.models import Role
from sync.server.db import StoredTransaction
from terminal.local_platform import LocalPlatform
from tests.helpers.platform import start_platform

ROOT = Path(__file__).resolve().parents[2]
#: A front end that is one label; argv: role, width, height, with a ticket (0/1), then
#: the self-test's own arguments.
PROGRAM = """
import argparse, sys
from PySide6.QtWidgets import QLabel
from sync.protocol.models import TicketPayload
from terminal.selftest import add_arguments, run_self_test

class Label:
    def attach(self, shell):
        self.shell = shell
    def stop(self):
        pass

def build(gui):
    window = QLabel("self-test")
    window.resize(int(sys.argv[2]), int(sys.argv[3]))
    return Label(), window

parser = argparse.ArgumentParser()
add_arguments(parser)
ticket = TicketPayload(number="A001", category="A") if sys.argv[4] == "1" else None
sys.exit(run_self_test("selftest-probe", sys.argv[1], build, parser.parse_args(sys.argv[5:]),
                       payload=ticket))
"""


def self_test(role: str, *arguments: str, size: tuple[int, int] = (320, 200),
              ticket: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROGRAM, role, str(size[0]), str(size[1]), str(int(ticket)),
         "--self-test", *arguments],
        cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True, text=True, check=False, timeout=240)


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[LocalPlatform]:
    served = start_platform(tmp_path / "platform.db")
    yield served
    served.stop()


def delivered(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(StoredTransaction)) or 0


def test_without_a_platform_the_window_and_the_store_are_checked() -> None:
    result = self_test("counter")
    assert (result.returncode, result.stdout) == (
        0, "self-test: ok counter: window painted, store open (no platform given)\n")


def test_a_transaction_is_stored_in_the_outbox() -> None:
    result = self_test("kiosk", ticket=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-test: ok kiosk: window painted, store open, "
                                    "transaction ")
    assert result.stdout.endswith(" in the outbox (no platform given)\n")


def test_a_window_that_does_not_paint_fails() -> None:
    result = self_test("kiosk", size=(0, 0))
    assert result.returncode == 1
    assert "self-test: FAILED: RuntimeError: the window did not paint" in result.stderr
    assert "self-test: ok" not in result.stdout


def test_the_transaction_is_delivered_to_the_platform(platform: LocalPlatform) -> None:
    url, engine = platform.url, platform.app.state.engine
    before = delivered(engine)
    code = platform.enroll_code("C001", Role.KIOSK)
    result = self_test("kiosk", f"--platform={url}", f"--enroll-code={code}", ticket=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"self-test: ok kiosk: window painted, synced with {url}, "
                                    "transaction ")
    assert result.stdout.endswith(" delivered\n")
    assert delivered(engine) == before + 1

