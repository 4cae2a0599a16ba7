"""Suite-wide rules: isolated config/data/log dirs, artefacts under each test's
temporary directory, no dangling threads, no unexpected log warnings, and under
CI a skipped test (a missing peer) is a failure."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Terminals and the platform share the center's day (the platform's default
# zone): tests run on Beijing time, so "today" never splits at 16:00 UTC.
os.environ["TZ"] = "Asia/Shanghai"
time.tzset()


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECEPTION_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("RECEPTION_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture(autouse=True)
def _artefacts_under_tmp(tmp_path: Path) -> Iterator[None]:
    from tests.helpers import artefacts

    artefacts.set_root(tmp_path / "artefacts")
    yield
    artefacts.set_root(None)


@pytest.fixture(autouse=True)
def _no_unexpected_log_warnings(request: pytest.FixtureRequest,
                                caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    yield
    if request.node.get_closest_marker("e2e"):
        return  # the real-display flows (make e2e, tests/e2e) are left out of this check
    from tests.helpers.log_warnings import unexpected

    found = unexpected(request.node, [*caplog.get_records("setup"),
                                      *caplog.get_records("call")])
    report = os.environ.get("RECEPTION_LOG_WARNINGS_REPORT")
    if report and found:
        with open(report, "a", encoding="utf-8") as out:
            out.writelines(f"{request.node.nodeid}\t{line}\n" for line in found)
    elif found:
        pytest.fail("unexpected log warnings (declare the expected ones with "
                    "@pytest.mark.log_warnings):\n" + "\n".join(found), pytrace=False)


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """A test that switched the UI language must not leak it into the next."""
    yield
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if app is not None:
        from terminal.i18n import LanguageSwitcher

        LanguageSwitcher(app).set_language("en")


@pytest.fixture(autouse=True)
def _no_dangling_threads() -> Iterator[None]:
    before = {thread.ident for thread in threading.enumerate()}
    yield
    leftover = [t for t in threading.enumerate()
                if t.ident not in before and t.is_alive() and t.name.startswith("sync-worker")]
    assert not leftover, f"test left sync worker threads running: {leftover}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped under CI, where every peer must be present: {reason}"
