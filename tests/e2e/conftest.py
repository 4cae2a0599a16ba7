"""The real-display tests (`make e2e`): the kiosk in a fresh process on an X
server of their own, driven by XTest input only. The flows of one setup meet
the same kiosk one after another, as residents do (each from the attract
screen to the slip); a flow marked `fresh_kiosk`, one after a failure, and
one after a flow that left the kiosk mid-session get a fresh process.

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

from tests.e2e.frontend import FrontEndProcess
from tests.e2e.kiosk import SHOTS, Kiosk, kiosk_process
from tests.e2e.peers import CardReader, CenterClock, Platform, Printer, faketime_library
from tests.e2e.probe import GUI_DEADLINE
from tests.e2e.texts import lead
from tests.e2e.xserver import XServer, missing_tools

HERE = Path(__file__).resolve().parent
#: how long a fresh kiosk may take to show the attract screen with services loaded
START_TIMEOUT = 180.0
STOP_TIMEOUT = 20.0
#: how long the kiosk a flow left may take to be back at its attract screen (a flow
#: that ends mid-session gets a fresh kiosk rather than a wait for the idle wipe),
#: and then online again (after a flow that stopped the platform)
BACK_AT_THE_START_TIMEOUT = 5.0
ONLINE_AGAIN_TIMEOUT = 60.0
#: each passed flow's slowest watchdog ping (the GUI thread's own time)
SLOWEST_ANSWERS: list[float] = []
#: what the front ends were doing during pings answered late but in time
LATE_PINGS: list[str] = []


@dataclass(frozen=True)
class Setup:
    """One way the kiosk is met: its language, its screen, and the time zone its
    machine is set to (the center counts in Asia/Shanghai either way)."""

    language: str
    width: int
    height: int
    zone: str

    @property
    def name(self) -> str:
        shape = "landscape" if self.width > self.height else "portrait"
        return f"{self.language}-{shape}"


SETUPS = [Setup("zh_CN", 1080, 1920, "Asia/Shanghai"), Setup("en", 1920, 1080, "UTC")]


def _asked_for_e2e(config: pytest.Config) -> bool:
    if os.environ.get("RECEPTION_E2E") == "1":
        return True
    paths = [Path(arg.split("::")[0]).resolve() for arg in config.args]
    return bool(paths) and all(path == HERE or HERE in path.parents for path in paths)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fresh_kiosk: the flow needs a kiosk process of its "
                            "own, not the one the flow before left at its attract screen")


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
        line += (f" (the GUI thread answered every ping within {GUI_DEADLINE:g} s of its "
                 f"own time; slowest {max(SLOWEST_ANSWERS):.2f} s, {len(LATE_PINGS)} late: "
                 "answered after half of that; the time it spent serving the tests' own "
                 "`state` requests is not counted, nor what the kernel's accounts excuse: "
                 "a wait for a CPU other processes had, a stall of the whole machine)")
    if expected_failures:
        line += f" ({len(expected_failures)} more expected to fail: see xfail reasons)"
    terminalreporter.write_line(line)
    for late in LATE_PINGS[:3]:
        terminalreporter.write_line(late)


# ---- the rig: X server, platform, printer, card reader (one per setup) -------------

@dataclass
class Rig:
    setup: Setup
    folder: Path
    xserver: XServer
    platform: Platform
    printer: Printer
    reader: CardReader
    kept: Running | None = None  # the kiosk the last flow left at its attract screen
    #: more terminal.toml sections for the kiosks it starts (a module's own devices)
    kiosk_sections: str = ""


@dataclass
class Running:
    process: FrontEndProcess
    driver: Kiosk
    flows: int = 0


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
    rig = None
    problem = ""
    try:
        platform.start()
        printer, reader = Printer(), CardReader()
        rig = Rig(setup, folder, xserver, platform, printer, reader)
        yield rig
    finally:
        if rig is not None and rig.kept is not None:
            problem = _stop_kiosk(rig.kept)
        for peer in (reader, printer, platform):
            if peer is not None:
                peer.close()
        xserver.stop()
        if os.environ.get("RECEPTION_E2E_KEEP") == "1":
            print(f"e2e: kept {folder} (logs, data)")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    if problem:
        pytest.fail(problem)


def _start_kiosk(rig: Rig) -> Running:
    """A fresh kiosk process showing its attract screen, online, with the watchdog on."""
    process = kiosk_process(rig.xserver, rig.platform, rig.printer, rig.reader,
                            rig.setup.language, rig.folder / "kiosk", zone=rig.setup.zone,
                            sections=rig.kiosk_sections)
    process.start()
    driver = None
    try:
        driver = Kiosk(process)
        driver.wait(lambda state: state.get("ready") and state.get("screen") is None
                    and any(window["rect"][2:] == [rig.setup.width, rig.setup.height]
                            for window in state["windows"]),
                    f"the attract screen, full screen ({rig.setup.width}x{rig.setup.height}), "
                    "with services loaded",
                    timeout=START_TIMEOUT, answer_within=START_TIMEOUT)
        _wait_online(driver, START_TIMEOUT, START_TIMEOUT)
        driver.start_watchdog()
    except BaseException:
        print(process.log_tail())
        if driver is not None:
            driver.close()
        process.stop_gracefully(STOP_TIMEOUT)
        raise
    return Running(process, driver)


def _wait_online(driver: Kiosk, timeout: float, answer_within: float = GUI_DEADLINE) -> None:
    """Its badge says online and a sync pass has succeeded: catalog, notices and
    statuses at hand (a kiosk meets its first resident after that; the catalog
    screen of a kiosk that has never synced says "loading" until entered again)."""
    online = driver.tr("SyncBadge", "● Online")
    driver.wait(lambda state: state.get("synced") and any(
        w["name"] == "syncBadge" and w["text"] == online for w in state["widgets"]),
                f"the badge {online!r} after a sync pass", timeout=timeout,
                answer_within=answer_within)


def _stop_kiosk(running: Running) -> str:
    """SIGTERM, as systemd stops it; what went wrong on the way out ("" if nothing)."""
    driver, process = running.driver, running.process
    driver.close()
    code = process.stop_gracefully(STOP_TIMEOUT)
    if driver.frozen or code == 0:
        return ""
    return (f"the kiosk did not exit cleanly on SIGTERM (exit status {code})\n"
            f"{process.log_tail()}")


def _back_at_the_start(running: Running) -> bool:
    """The kept kiosk is at its attract screen, online, its GUI answering."""
    driver = running.driver
    driver.begin("between flows: the attract screen, online")
    try:
        driver.wait_screen(None, timeout=BACK_AT_THE_START_TIMEOUT)
        _wait_online(driver, ONLINE_AGAIN_TIMEOUT)
    except AssertionError as error:  # GuiNotAnswering too
        print(f"e2e: a fresh kiosk, the kept one is not ready: {error}")
        return False
    return True


@pytest.fixture
def kiosk(rig: Rig, request: pytest.FixtureRequest) -> Iterator[Kiosk]:
    """The kiosk at its attract screen, online, with the watchdog on: the one the flow
    before left there (one resident after another), or a fresh process when the test
    is marked `fresh_kiosk`, when there is none yet, or when it did not come back."""
    fresh = request.node.get_closest_marker("fresh_kiosk") is not None
    if not rig.platform.running:
        rig.platform.start()
    rig.reader.take_away()
    if rig.kept is not None and (fresh or not _back_at_the_start(rig.kept)):
        problem = _stop_kiosk(rig.kept)
        rig.kept = None
        if problem:
            pytest.fail(problem)
    if rig.kept is None:
        rig.kept = _start_kiosk(rig)
    running = rig.kept
    running.flows += 1
    yield running.driver
    report = getattr(request.node, "e2e_call", None)
    failed = report is None or report.failed
    if running.driver.watchdog is not None and not running.driver.frozen:
        SLOWEST_ANSWERS.append(running.driver.watchdog.worst)
        LATE_PINGS.extend(f"{request.node.nodeid}: {late}"
                          for late in running.driver.watchdog.late)
        running.driver.watchdog.late.clear()  # the kiosk and its watchdog go on to the next flow
    rig.reader.take_away()
    if failed:
        print(running.process.log_tail())
    if failed or fresh or running.driver.frozen:
        rig.kept = None
        problem = _stop_kiosk(running)
        if not rig.platform.running:
            rig.platform.start()
        if problem and not failed:
            pytest.fail(problem)
    elif not rig.platform.running:
        rig.platform.start()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.e2e_call = report  # type: ignore[attr-defined]  # read by the kiosk fixture
    if report.failed:  # at once, beside the screenshots (the run goes on for minutes)
        SHOTS.mkdir(parents=True, exist_ok=True)
        with open(SHOTS / "failures.txt", "a", encoding="utf-8") as failures:
            failures.write(f"==== {report.nodeid} ({report.when})\n{report.longreprtext}\n")


def offline_badge(kiosk: Kiosk) -> str:
    return lead(kiosk.language, "SyncBadge", "● Offline · %n saved, will be sent")
