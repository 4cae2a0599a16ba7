"""A platform asked to stop (SIGTERM: `systemctl stop`, an upgrade's restart) exits
while a hall display's event stream is open: the stream is ended after a bounded
wait, not waited for. uvicorn waited for it until systemd killed the platform
(TimeoutStopSec, 90 s), seen in `make deploy-check-systemd`'s upgrade with an
enrolled hall display."""

from __future__ import annotations

import queue
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from platform_helpers import enroll_with_process

from sync.client import PlatformClient
from sync.protocol.models import Role
from sync.server.cli import GRACEFUL_SHUTDOWN_SECONDS
from sync.server.process import PlatformProcess

#: far beyond the graceful bound; the test fails at this bound on a platform that waits
EXIT_BOUND = GRACEFUL_SHUTDOWN_SECONDS + 45


@pytest.fixture(params=[1, 2], ids=["one-process", "two-workers"])
def platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[PlatformProcess]:
    process = PlatformProcess(f"sqlite:///{tmp_path / 'platform.db'}", workers=request.param)
    process.start(timeout=90)
    try:
        yield process
    finally:
        process.stop(kill=True)


def display_client(platform: PlatformProcess) -> PlatformClient:
    return PlatformClient(platform.url, *enroll_with_process(platform, Role.DISPLAY))


def test_sigterm_ends_an_open_hall_stream_and_exits(platform: PlatformProcess) -> None:
    seen: queue.Queue[object] = queue.Queue()

    def follow() -> None:
        try:
            for event in display_client(platform).queue_events():
                seen.put(event)
        except Exception as error:  # the stream's end, as the display's feed meets it
            seen.put(error)
        seen.put("ended")

    reader = threading.Thread(target=follow, daemon=True)
    reader.start()
    first = seen.get(timeout=60)
    assert not isinstance(first, Exception | str), first  # the stream is open: its state
    server = platform._process
    assert server is not None
    server.send_signal(signal.SIGTERM)
    try:
        code = server.wait(timeout=EXIT_BOUND)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the platform did not exit within {EXIT_BOUND} s of SIGTERM with a "
                    "hall display's event stream open")
    assert code in (0, -signal.SIGTERM)  # uvicorn re-raises the signal it shut down on
    reader.join(timeout=30)
    assert not reader.is_alive()
