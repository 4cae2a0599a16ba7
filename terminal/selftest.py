"""`--self-test` of a front end: the whole terminal, offscreen, in one process.

Opens a throw-away terminal of the role (sync.selftest), builds its window
offscreen and paints it, submits a transaction the role records (the kiosk's
ticket) through the store thread and the outbox and, given a platform, waits
until the sync worker has delivered it and talked to the platform. Exit 0
means the bundle's Qt, fonts, translations, SQLite, crypto, store migrations
and (with a platform) HTTP parts all work."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from sync.protocol.models import Payload
from sync.selftest import SelfTestPlatform, prepare_terminal
from terminal.services import Services, open_services
from terminal.shell import FrontEnd, attach_services
from terminal.startup import Gui, start_gui

TIMEOUT_MS = 60_000

#: Builds the front end's window for a Gui, returns it with its top-level widget.
Build = Callable[[Gui], tuple[FrontEnd, QWidget]]
#: Opens phase two (configuration, store, sync) for a configuration folder.
Opener = Callable[[Path], Services]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--self-test", action="store_true",
                        help="offscreen: open a throw-away terminal, submit one transaction, "
                             "exit 0 when it is stored (and delivered, with --platform)")
    parser.add_argument("--platform", metavar="URL",
                        help="for --self-test: a platform to enroll with and deliver to")
    parser.add_argument("--enroll-code", metavar="CODE",
                        help="for --self-test --platform: a one-time enrollment code")


def _without_devices(config_dir: Path) -> Services:
    return open_services(config_dir, with_devices=False)


def run_self_test(name: str, role: str, build: Build, arguments: argparse.Namespace, *,
                  payload: Payload | None = None, opener: Opener = _without_devices) -> int:
    """`payload`: a transaction this role records, submitted through the outbox
    (and delivered, with a platform); `opener` loads phase two as the front end
    does (the devices left out)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    platform = None
    if arguments.platform:
        platform = SelfTestPlatform(arguments.platform, arguments.enroll_code or "")
    with tempfile.TemporaryDirectory(prefix=f"{name}-self-test-") as folder:
        try:
            summary = _run(name, role, build, opener, payload, Path(folder), platform)
        except Exception as error:  # report any failure as a failed self-test
            print(f"self-test: FAILED: {type(error).__name__}: {error}", file=sys.stderr)
            return 1
    print(f"self-test: ok {summary}")
    return 0


def _run(name: str, role: str, build: Build, opener: Opener, payload: Payload | None,
         folder: Path, platform: SelfTestPlatform | None) -> str:
    from sync.outbox import Submitted

    config_dir = prepare_terminal(folder, role, platform)
    os.environ["RECEPTION_LOG_DIR"] = str(folder / "logs")
    gui = start_gui(f"{name}-self-test", config_dir, argv=[sys.argv[0]])
    try:
        shell = attach_services(gui, opener(config_dir))
    except Exception:
        gui.release()
        raise
    ui, window = build(shell.gui)
    try:
        ui.attach(shell)
        if window.grab().isNull():
            raise RuntimeError("the window did not paint")
        shell.bridge.start()
        outcome: dict[str, object] = {}
        if payload is not None:
            shell.bridge.submit(
                None, payload,
                lambda stored: outcome.setdefault("submitted", stored.result),
                lambda message: outcome.setdefault("failed", message))
        else:
            outcome["submitted"] = None

        def done() -> bool:
            if "failed" in outcome or "submitted" not in outcome:
                return "failed" in outcome
            state = shell.bridge.last_state
            return platform is None or (state is not None and state.last_success is not None
                                        and state.backlog == 0)

        _wait(done)
        if "failed" in outcome:
            raise RuntimeError(f"submission failed: {outcome['failed']}")
        record = outcome["submitted"]
        sent = f", transaction {record.id}" if isinstance(record, Submitted) else ""
        if platform is None:
            outbox = sent and f"{sent} in the outbox"
            return f"{role}: window painted, store open{outbox} (no platform given)"
        state = shell.bridge.last_state
        if state is None or state.dead_letters:
            raise RuntimeError(f"the platform refused{sent}: {state and state.last_error}")
        delivered = sent and f"{sent} delivered"
        return f"{role}: window painted, synced with {platform.url}{delivered}"
    finally:
        ui.stop()
        window.close()
        shell.close()


def _wait(condition: Callable[[], bool]) -> None:
    deadline = QDeadlineTimer(TIMEOUT_MS)
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if condition() or deadline.hasExpired() else None)
    timer.start(50)
    loop.exec()
    timer.stop()
    if not condition():
        raise TimeoutError(f"not done within {TIMEOUT_MS // 1000} s")
