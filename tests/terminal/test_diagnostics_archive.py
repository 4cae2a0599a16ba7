"""The diagnostics archive from the technician panel's button and from
`reception-sync diagnose` while the front end runs: the devices' health and
last errors are in it, the ID numbers, phones and names planted in the
errors, the logs and the configuration are not."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hardware.printer import PAPER_80
from hardware.printer.virtual import VirtualPrinter
from sync.config import render_toml
from sync.diagnostics import DEVICE_HEALTH_FILE
from sync.paths import CONFIG_FILE
from sync.selftest import prepare_terminal
from terminal.adapters import Adapters
from terminal.config import DevicesSection
from terminal.device_report import HealthRecorder
from terminal.devices import PrinterAdapter
from terminal.technician import TechnicianPanel, make_test_receipt

ROOT = Path(__file__).resolve().parents[2]
NAME, ID_NUMBER, PHONE = "张三丰", "110101199003071234", "13812345678"
PLANTED = (NAME, ID_NUMBER, PHONE)
FAST = {"health_interval": 0.5, "backoff_initial": 0.1, "backoff_max": 0.5}


def _members(archive: Path) -> dict[str, str]:
    with tarfile.open(archive) as opened:
        return {member.name: opened.extractfile(member).read().decode("utf-8")  # type: ignore[union-attr]
                for member in opened.getmembers()}


def _assert_nothing_planted(members: dict[str, str]) -> None:
    for name, text in members.items():
        for planted in PLANTED:
            assert planted not in text, (name, planted)


@pytest.fixture
def terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An enrolled-looking kiosk whose configuration and logs name a resident."""
    config_dir = prepare_terminal(tmp_path, "kiosk", None)
    (config_dir / CONFIG_FILE).write_text(render_toml({
        "terminal": {"role": "kiosk", "center_name_zh": f"{NAME}社区中心"},
        "platform": {"url": "http://127.0.0.1:9"},
        "store": {"data_dir": str(tmp_path / "data")},
    }), "utf-8")
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "reception-kiosk.log").write_text(
        f"INFO kiosk read card of {NAME} ({ID_NUMBER}), phone {PHONE}\n", "utf-8")
    monkeypatch.setenv("RECEPTION_LOG_DIR", str(logs))
    return config_dir


@pytest.fixture
def failing_printer(qtbot: QtBot, tmp_path: Path) -> Iterator[PrinterAdapter]:
    """A virtual printer whose slip folder is a file named after a resident: printing
    fails with an error that names them (a real driver's real OSError)."""
    blocked = tmp_path / f"{NAME}-{ID_NUMBER}-{PHONE}"
    blocked.write_text("not a folder")
    adapter = PrinterAdapter(VirtualPrinter(blocked / "slips"), **FAST)
    with qtbot.waitSignal(adapter.errorRecorded, timeout=10_000):
        adapter.print_receipt(make_test_receipt(PAPER_80, "社区"), None)
    assert any(NAME in entry.message for entry in adapter.errors())
    yield adapter
    adapter.stop()


@pytest.mark.log_warnings(r"printer|Print|print")
def test_the_panels_button_writes_the_archive_off_the_gui_thread(
        qtbot: QtBot, terminal: Path, failing_printer: PrinterAdapter, tmp_path: Path) -> None:
    panel = TechnicianPanel(DevicesSection(), printer=failing_printer,
                            config_path=terminal / CONFIG_FILE)
    qtbot.addWidget(panel)
    try:
        panel.buttons["diagnose"].click()
        # the click returned at once: the archive is still being written
        assert not panel.buttons["diagnose"].isEnabled()
        qtbot.waitUntil(lambda: panel.buttons["diagnose"].isEnabled(), timeout=30_000)
    finally:
        panel.shutdown()
    (archive,) = (tmp_path / "data" / "diagnostics").glob("reception-diagnostics-*.tar.gz")
    assert str(archive) in panel.output.text()
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE(archive.parent.stat().st_mode) == 0o700
    members = _members(archive)
    _assert_nothing_planted(members)
    devices = json.loads(members["summary.json"])["devices"]
    assert devices["source"].startswith("live")
    printer = devices["devices"]["printer"]
    assert printer["errors"] and "slips" in printer["errors"][-1]["message"]
    assert "logs/reception-kiosk.log" in members


@pytest.mark.log_warnings(r"printer|Print|print")
def test_the_command_reads_what_the_last_heartbeat_recorded(
        terminal: Path, failing_printer: PrinterAdapter, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    recorder = HealthRecorder(Adapters(printer=failing_printer), data)
    assert set(recorder()) == {"printer"}  # the heartbeat's report, as before
    assert stat.S_IMODE((data / DEVICE_HEALTH_FILE).stat().st_mode) == 0o600
    out = tmp_path / "out"
    out.mkdir()

    subprocess.run(
        [sys.executable, "-c", "import sys, sync.cli as c; sys.exit(c.main())",
         "--config-dir", str(terminal), "diagnose", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)

    (archive,) = out.glob("reception-diagnostics-*.tar.gz")
    members = _members(archive)
    _assert_nothing_planted(members)
    devices = json.loads(members["summary.json"])["devices"]
    assert devices["source"].startswith(str(data / DEVICE_HEALTH_FILE))
    printer = devices["devices"]["printer"]
    assert printer["state"] in ("ready", "degraded", "offline", "unknown")
    assert printer["errors"][-1]["count"] >= 1
    assert "slips" in printer["errors"][-1]["message"]
