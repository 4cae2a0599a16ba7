"""The embedded reference platform (the demo's and the tests') lets go of its
database when it stops: every test's platform held three files open before, and
the suite ran past 1024 descriptors, where a serial card reader's select() fails."""

from __future__ import annotations

import os
from pathlib import Path

from sync.protocol.models import Role
from terminal.local_platform import LocalPlatform
from tests.kiosk.conftest import DEMO_DIR


def open_files(folder: Path) -> list[str]:
    links = [f"/proc/self/fd/{fd}" for fd in os.listdir("/proc/self/fd")]
    paths = [os.readlink(link) for link in links if os.path.exists(link)]
    return [path for path in paths if path.startswith(str(folder))]


def test_a_stopped_platform_holds_no_database_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'platform.db'}"
    platform = LocalPlatform(url, demo_data=DEMO_DIR)
    platform.start()
    assert platform.enroll_code("C001", Role.KIOSK)
    assert open_files(tmp_path)  # the database in use
    platform.stop()
    assert open_files(tmp_path) == []
    again = LocalPlatform(url)  # brought back on the same database
    again.start()
    try:
        assert again.enroll_code("C001", Role.KIOSK)
    finally:
        again.stop()
    assert open_files(tmp_path) == []
