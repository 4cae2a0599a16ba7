"""Counter fixtures: a reference platform on loopback, a counter terminal
enrolled with it (real shell, real store), its composition root, and a
kiosk-role client that issues tickets."""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[2]
DEMO_DIR = ROOT / "resources" / "demo"
WINDOW = "3"
CLERK, CLERK_PIN = "1001", "246810"


@dataclass
class Counter:
    platform: Any
    shell: Any
    ui: Any  # CounterComposition
    kiosk: Any  # PlatformClient of a kiosk terminal
    url: str
    tmp: Path

    @property
    def fault_plan(self) -> Path:
        return self.tmp / "faults.json"

    def restart_platform(self) -> None:
        """The link returns: a new platform process on the same database."""
        from terminal.local_platform import LocalPlatform

        self.platform = LocalPlatform(f"sqlite:///{self.tmp / 'platform.db'}")
        self.url = self.platform.start()
        for client in (self.shell.services.runtime.client, self.kiosk):
            client._http.base_url = self.url  # the same host after a restart, in effect

    def issue(self, category: str = "A") -> str:
        from uuid import uuid4

        return str(self.kiosk.issue_ticket(category, uuid4()).number)

    def drain(self) -> int:
        return int(self.shell.services.runtime.synchronizer.drain())


def enroll_client(url: str, code: str) -> Any:
    from sync.client import PlatformClient

    answer = PlatformClient.enroll(url, code)
    return PlatformClient(url, answer.terminal_id, base64.urlsafe_b64decode(answer.key))


def write_config(folder: Path, url: str, data_dir: Path, *, sync: dict[str, Any] | None = None,
                 devices: dict[str, dict[str, Any]] | None = None,
                 platform: dict[str, Any] | None = None, **counter: Any) -> None:
    from sync.config import render_toml
    from sync.paths import CONFIG_FILE

    folder.mkdir(parents=True, exist_ok=True)
    section = {"window": WINDOW, "recalls_before_no_show": 2, "idle_signout_seconds": 60,
               **counter}
    text = render_toml({
        "terminal": {"language": "en", "role": "counter"},
        "platform": {"url": url, "read_timeout": 5.0, "connect_timeout": 1.0, **(platform or {})},
        "store": {"data_dir": str(data_dir)},
        **({"sync": sync} if sync else {}),
        "counter": section,
        **(devices or {"devices.card_reader": {"kind": "none"},
                       "devices.camera": {"kind": "none"}}),
    })
    # render_toml writes no arrays: the categories line goes in by hand
    text = text.replace("[counter]\n", '[counter]\ncategories = ["A", "B"]\n')
    (folder / CONFIG_FILE).write_text(text, "utf-8")


@contextlib.contextmanager
def counter_terminal(tmp_path: Path, qtbot: QtBot, *, refresh: bool = True,
                     sync: dict[str, Any] | None = None,
                     devices: dict[str, dict[str, Any]] | None = None,
                     platform: dict[str, Any] | None = None, language: str = "en",
                     **counter: Any) -> Iterator[Counter]:
    """A counter enrolled with a fresh platform; `refresh`: the reference data pulled
    before the window is built (False: a counter that has never reached the platform);
    `platform`: keys of its [platform] section besides the URL; `language`: the
    counter's from the start (it has no switch of its own)."""
    from counter.composition import CounterComposition
    from sync.cli import enroll_terminal
    from sync.protocol.models import Role
    from sync.server.faults import write_plan
    from terminal.local_platform import LocalPlatform
    from terminal.shell import start_shell

    plan = tmp_path / "faults.json"
    write_plan(plan, [])
    reference = LocalPlatform(f"sqlite:///{tmp_path / 'platform.db'}", demo_data=DEMO_DIR,
                              fault_plan=plan)
    url = reference.start()
    folder = tmp_path / "counter-config"
    write_config(folder, url, tmp_path / "data", sync=sync, devices=devices, platform=platform,
                 **counter)
    enroll_terminal(url, reference.enroll_code("C001", Role.COUNTER), folder)
    shell = start_shell("reception-counter-test", folder, argv=[], lock=False,
                        with_devices=devices is not None, camera_process=True)
    shell.gui.language.set_language(language)
    if refresh:
        shell.services.runtime.synchronizer.refresh()  # catalog and staff, as the worker would
    kiosk = enroll_client(url, reference.enroll_code("C001", Role.KIOSK))
    ui = CounterComposition(shell.gui)
    ui.attach(shell)
    qtbot.addWidget(ui.window)
    ui.window.resize(1366, 768)
    ui.window.show()
    result = Counter(reference, shell, ui, kiosk, url, tmp_path)
    try:
        yield result
    finally:
        ui.stop()
        kiosk.close()
        shell.close()
        result.platform.stop()


@pytest.fixture
def counter(tmp_path: Path, qtbot: QtBot) -> Iterator[Counter]:
    with counter_terminal(tmp_path, qtbot) as result:
        yield result


def sign_in(qtbot: QtBot, counter: Counter, staff_no: str = CLERK, pin: str = CLERK_PIN) -> None:
    screen = counter.ui.sign_in
    screen.staff_no.setText(staff_no)
    screen.pin.setText(pin)
    screen.submit()
    qtbot.waitUntil(lambda: counter.ui.desk.clerk is not None, timeout=10_000)


def settle(qtbot: QtBot, counter: Counter) -> None:
    """Wait until the desk's platform calls have answered."""
    qtbot.waitUntil(lambda: not counter.ui.desk.actions.busy, timeout=10_000)
