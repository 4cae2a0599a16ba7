"""`reception-sync diagnose`: one archive, no personal data in it."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

from sync.config import render_toml
from sync.paths import CONFIG_FILE
from sync.selftest import prepare_terminal

ROOT = Path(__file__).resolve().parents[2]
NAME, ID_NUMBER, PHONE = "张三丰", "110101199003071234", "13812345678"
PLANTED = (NAME, ID_NUMBER, PHONE, "s3cret")


def _diagnose(config_dir: Path, out: Path, logs: Path) -> Path:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, sync.cli as c; sys.exit(c.main())",
         "--config-dir", str(config_dir), "diagnose", "--out", str(out), "--log-dir", str(logs)],
        cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
    (archive,) = out.glob("reception-diagnostics-*.tar.gz")
    assert f"diagnostics written to {archive}" in done.stdout
    return archive


def _members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as opened:
        return {member.name: opened.extractfile(member).read()  # type: ignore[union-attr]
                for member in opened.getmembers()}


def test_the_archive_holds_the_facts_and_no_personal_data(tmp_path: Path) -> None:
    config_dir = prepare_terminal(tmp_path, "kiosk", None)
    config = config_dir / CONFIG_FILE
    config.write_text(render_toml({
        "terminal": {"role": "kiosk", "center_name_zh": f"{NAME}社区中心"},
        "platform": {"url": "https://operator:s3cret@127.0.0.1:9"},
        "store": {"data_dir": str(tmp_path / "data")},
    }), "utf-8")
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "reception-kiosk.log").write_text(
        f"INFO kiosk read card of {NAME} ({ID_NUMBER}), phone {PHONE}\n"
        "WARNING hardware.printer paper low\n", "utf-8")
    (logs / "reception-kiosk.log.1").write_text(f"ERROR kiosk {NAME}/{ID_NUMBER}\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()

    archive = _diagnose(config_dir, out, logs)

    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    members = _members(archive)
    assert sorted(members) == ["logs/reception-kiosk.log", "logs/reception-kiosk.log.1",
                               "summary.json"]
    for name, data in members.items():
        text = data.decode("utf-8")
        for planted in PLANTED:
            assert planted not in text, (name, planted)
    assert "WARNING hardware.printer paper low" in members["logs/reception-kiosk.log"].decode()
    summary = json.loads(members["summary.json"])
    assert summary["outbox"]["backlog"] == 0
    assert summary["outbox"]["platform"].startswith("unreachable")
    assert summary["terminal_id"].startswith("self-test-")
    assert summary["versions"]["reception-terminals"]
    assert summary["configuration"]["terminal"]["role"] == "kiosk"
    assert summary["devices"]["source"].startswith("none: ")  # no front end ran here
    assert not (set(members) & {"secrets.toml", "terminal.db"})


def test_a_store_that_refuses_to_open_still_gets_an_archive(tmp_path: Path) -> None:
    config_dir = prepare_terminal(tmp_path, "kiosk", None)
    (config_dir / "secrets.toml").write_text("not toml [", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    summary = json.loads(_members(_diagnose(config_dir, out, tmp_path / "none"))["summary.json"])
    assert "secrets.toml" in summary["store"]
    assert "outbox" not in summary
