"""The real-display tests (`make e2e`): the kiosk in a fresh process on an X
server of their own, driven by XTest input only.

Not part of `make test`'s run: they are collected only with `RECEPTION_E2E=1`
(what `make e2e` sets) or when every path asked for lies under tests/e2e.
Without Xvfb and xdotool they skip with the reason (and fail under CI, by
tests/conftest.py's rule).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.kiosk import Kiosk, KioskProcess
from tests.e2e.peers import CardReader, CenterClock, Platform, Printer, faketime_library
from tests.e2e.probe import GUI_DEADLINE
from tests.e2e.texts import lead
from tests.e2e.xserver import XServer, missing_tools

HERE = Path(__file__).resolve().parent
#: how long a fresh kiosk may take to show the attract screen with services loaded
START_TIMEOUT = 180.0
STOP_TIMEOUT = 20.0
#: each passed flow's slowest watchdog ping
SLOWEST_ANSWERS: list[float] = []


@dataclass(frozen=True)
class Setup:
    """One way the kiosk is met: its language and its screen."""

    language: str
    width: int
    height: int

    @property
    def name(self) -> str:
        shape = "landscape" if self.width > self.height else "portrait"
        return f"{self.language}-{shape}"


SETUPS = [Setup("zh_CN", 1080, 1920), Setup("en", 1920, 1080)]


def _asked_for_e2e(config: pytest.Config) -> bool:
    if os.environ.get("RECEPTION_E2E") == "1":
        return True
    paths = [Path(arg.split("::")[0]).resolve() for arg in config.args]
    return bool(paths) and all(path == HERE or HERE in path.parents for path in paths)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    ours = [item for item in items if HERE in Path(str(item.fspath)).parents]
    if not ours:
        return
    if _asked_for_e2e(config):
        for item in ours:
            item.add_marker(pytest.mark.e2e)
        return
    config.hook.pytest_deselected(items=ours)
    items[:] = [item for item in items if item not in ours]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    def flows(outcome: str) -> list[pytest.TestReport]:
        return [report for report in terminalreporter.stats.get(outcome, [])
                if getattr(report, "when", "") == "call"
                and report.nodeid.startswith("tests/e2e/")]

    ran = flows("passed")
    expected_failures = flows("xfailed")
    if not ran and not expected_failures and not flows("failed"):
        return
    line = f"e2e: {len(ran)} flows ran on a real display"
    if SLOWEST_ANSWERS:
        line += (f" (the GUI thread answered every ping within {GUI_DEADLINE:g} s; "
                 f"slowest {max(SLOWEST_ANSWERS):.2f} s)")
    if expected_failures:
        line += f" ({len(expected_failures)} more expected to fail: see xfail reasons)"
    terminalreporter.write_line(line)


# ---- the rig: X server, platform, printer, card reader (one per setup) -------------

@dataclass
class Rig:
    setup: Setup
    folder: Path
    xserver: XServer
    platform: Platform
    printer: Printer
    reader: CardReader


@pytest.fixture(scope="session", params=SETUPS, ids=lambda setup: setup.name)
def rig(request: pytest.FixtureRequest) -> Iterator[Rig]:
    missing = missing_tools() + ([] if faketime_library() else ["libfaketime"])
    if missing:
        pytest.skip(f"the real-display tests need {', '.join(missing)} "
                    "(apt-get install xvfb xdotool faketime)")
    setup: Setup = request.param
    folder = Path(tempfile.mkdtemp(prefix=f"reception-e2e-{setup.name}-"))
    xserver = XServer(setup.width, setup.height).start()
    platform = Platform(folder / "platform", CenterClock.next_working_morning())
    printer = reader = None
    try:
        platform.start()
        printer, reader = Printer(), CardReader()
        yield Rig(setup, folder, xserver, platform, printer, reader)
    finally:
        for peer in (reader, printer, platform):
            if peer is not None:
                peer.close()
        xserver.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def kiosk(rig: Rig) -> Iterator[Kiosk]:
    """A fresh kiosk process showing its attract screen, with the watchdog on."""
    if not rig.platform.running:
        rig.platform.start()
    rig.reader.take_away()
    process = KioskProcess(rig.xserver, rig.platform, rig.printer, rig.reader,
                           rig.setup.language, rig.folder / "kiosk")
    process.start()
    driver = None
    try:
        driver = Kiosk(process)
        driver.wait(lambda state: state.get("ready") and state.get("screen") is None
                    and any(window["rect"][2:] == [rig.setup.width, rig.setup.height]
                            for window in state["windows"]),
                    "the attract screen, full screen, with services loaded",
                    timeout=START_TIMEOUT, answer_within=START_TIMEOUT)
        driver.start_watchdog()
        yield driver
        if driver.watchdog is not None and not driver.frozen:
            SLOWEST_ANSWERS.append(driver.watchdog.worst)
    except Exception:
        print(process.log_tail())
        raise
    finally:
        if driver is not None:
            driver.close()
        code = process.stop_gracefully(STOP_TIMEOUT)
        rig.reader.take_away()
        if not rig.platform.running:
            rig.platform.start()
    if driver is not None and not driver.frozen and code != 0:
        print(process.log_tail())
        pytest.fail(f"the kiosk did not exit cleanly on SIGTERM (exit status {code})")


def offline_badge(kiosk: Kiosk) -> str:
    return lead(kiosk.language, "SyncBadge", "● Offline · %n saved, will be sent")
