"""scripts/unit_exec.py: the command, user and environment of the project's units,
as `make deploy-check` starts them where systemd is not running."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import unit_exec  # noqa: E402

UNITS = ROOT / "packaging" / "systemd"


def test_the_platform_unit_reads_its_settings_file_over_its_defaults(tmp_path: Path) -> None:
    settings = tmp_path / "platform.env"
    settings.write_text("# the city's database\nRECEPTION_PLATFORM_DB=sqlite:////x.db\n"
                        "RECEPTION_PLATFORM_WORKERS=2\n")
    text = (UNITS / "reception-platform.service").read_text().replace(
        "/etc/reception-platform/platform.env", str(settings))
    (tmp_path / "reception-platform.service").write_text(text)

    unit = unit_exec.read_unit(tmp_path / "reception-platform.service")
    env = unit.environment({"PATH": "/usr/bin"})

    assert (unit.user, unit.group) == ("reception-platform", "reception-platform")
    assert unit.last("WorkingDirectory") == "/var/lib/reception-platform"
    assert unit.command(env) == [
        "/opt/reception-platform/bin/reception-platform", "serve", "--db", "sqlite:////x.db",
        "--host", "127.0.0.1", "--port", "8765", "--workers", "2", "--no-access-log"]


def test_the_kiosk_unit_runs_cage_with_the_drop_in_options() -> None:
    unit = unit_exec.read_unit(UNITS / "reception-kiosk.service")
    plain = unit.environment()
    assert plain["QT_QPA_PLATFORM"] == "wayland"
    assert unit.supplementary_groups == ["reception-devices"]
    assert unit.command(plain) == [
        "/opt/reception/libexec/reception-notify-relay", "/usr/bin/cage", "-d", "-s", "--",
        "/opt/reception/reception-kiosk", "--config-dir", "/etc/reception/kiosk"]
    assert unit.command({**plain, "RECEPTION_CAGE_ARGS": "-r -r"})[1:6] == [
        "/usr/bin/cage", "-d", "-s", "-r", "-r"]
