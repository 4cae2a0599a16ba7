"""`make packages`: the Debian packages' layout and maintainer scripts.

The packages are built by scripts/build_packages.py, unpacked with dpkg-deb
into a temporary root, and their maintainer scripts run in dpkg's order
against that root (RECEPTION_ROOT; users made with useradd --prefix). The
terminal package is built from a stand-in bundle whose programs pass or fail
their self-test on demand; the platform package carries the real platform.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import build_packages

from display.config import DisplayConfig
from sync.config import load_config
from sync.server.db import make_engine
from sync.server.migrate import FIRST_REVISION, current_revision, head_revision, upgrade
from terminal.config import TerminalConfig

pytestmark = pytest.mark.skipif(
    shutil.which("dpkg-deb") is None or shutil.which("useradd") is None or os.geteuid() != 0,
    reason="needs dpkg-deb, useradd and root (useradd --prefix)")

ROLES = ("kiosk", "counter", "display")


def _fresh_root(folder: Path) -> Path:
    root = folder / "root"
    (root / "etc").mkdir(parents=True)
    (root / "etc" / "passwd").write_text("root:x:0:0:root:/root:/bin/sh\n")
    (root / "etc" / "group").write_text("root:x:0:\n")
    (root / "etc" / "shadow").write_text("root:*:19000:0:99999:7:::\n")
    (root / "etc" / "gshadow").write_text("root:*::\n")
    return root


class Installed:
    """One package's files and maintainer scripts on a temporary root."""

    def __init__(self, root: Path, deb: Path) -> None:
        self.root = root
        self.deb = deb
        self.control = root.parent / f"control-{deb.stem}"
        subprocess.run(["dpkg-deb", "-e", str(deb), str(self.control)], check=True)

    def script(self, name: str, *arguments: str) -> subprocess.CompletedProcess[str]:
        path = self.control / name
        return subprocess.run(["sh", str(path), *arguments], capture_output=True, text=True,
                              env={**os.environ, "RECEPTION_ROOT": str(self.root)},
                              check=False, timeout=300)

    def unpack(self) -> None:
        subprocess.run(["dpkg-deb", "-x", str(self.deb), str(self.root)], check=True)

    def install(self) -> subprocess.CompletedProcess[str]:
        assert self.script("preinst", "install").returncode == 0
        self.unpack()
        return self.script("postinst", "configure")

    def upgrade_from(self, old: str,
                     after_unpack: object = None) -> subprocess.CompletedProcess[str]:
        assert self.script("preinst", "upgrade", old).returncode == 0
        self.unpack()
        if callable(after_unpack):
            after_unpack()
        return self.script("postinst", "configure", old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _users(root: Path) -> dict[str, list[str]]:
    lines = (root / "etc" / "passwd").read_text().splitlines()
    return {line.split(":")[0]: line.split(":") for line in lines}


# ------------------------------------------------------------------ terminal


def _stand_in_bundle(folder: Path, verdict: Path) -> Path:
    """Programs that answer --self-test with the verdict file's exit code."""
    bundle = folder / "bundle"
    bundle.mkdir()
    for program in build_packages.PROGRAMS:
        path = bundle / program
        path.write_text(f'#!/bin/sh\necho "$0 $*" >> "{folder}/ran"\nexit $(cat "{verdict}")\n')
        path.chmod(0o755)
    return bundle


@pytest.fixture
def terminal_debs(tmp_path: Path) -> tuple[Path, Path, Path]:
    verdict = tmp_path / "verdict"
    verdict.write_text("0")
    bundle = _stand_in_bundle(tmp_path, verdict)
    arch = build_packages.architecture()
    out = tmp_path / "debs"
    first = build_packages.terminal_package(bundle, "1.0", arch, tmp_path / "w1", out)
    (bundle / "reception-kiosk").write_text(
        (bundle / "reception-kiosk").read_text() + "# version 2\n")
    second = build_packages.terminal_package(bundle, "2.0", arch, tmp_path / "w2", out)
    return first, second, verdict


def test_the_terminal_package_lays_out_the_bundle_and_depends_on_the_run_list(
        terminal_debs: tuple[Path, Path, Path]) -> None:
    first, _, _ = terminal_debs
    listing = subprocess.run(["dpkg-deb", "-c", str(first)], capture_output=True, text=True,
                             check=True).stdout
    assert "./opt/reception/reception-kiosk" in listing
    assert "./usr/bin/reception-counter -> /opt/reception/reception-counter" in listing
    assert "./opt/reception/share/terminal.toml.in" in listing
    assert "./lib/systemd/system/reception-kiosk.service" in listing
    assert "./usr/lib/systemd/user/reception-counter.service" in listing
    assert "./lib/udev/rules.d/60-reception.rules" in listing
    assert any(line.startswith("-rwxr-xr-x") and line.endswith(
        "./opt/reception/libexec/reception-notify-relay") for line in listing.splitlines())
    assert all(" root/root " in line for line in listing.splitlines())
    fields = subprocess.run(["dpkg-deb", "-f", str(first), "Depends"], capture_output=True,
                            text=True, check=True).stdout
    depends = {name.strip() for name in fields.split(",")}
    assert {"pcscd", "fonts-noto-cjk", "libxcb-cursor0", "tegaki-zinnia-simplified-chinese",
            "python3", "pipewire-audio | pulseaudio"} <= depends
    assert not {"swig", "make", "libpcsclite-dev", "python3-venv"} & depends


def test_terminal_install_upgrade_rollback_remove_and_purge(
        tmp_path: Path, terminal_debs: tuple[Path, Path, Path]) -> None:
    first, second, verdict = terminal_debs
    root = _fresh_root(tmp_path)
    v1 = Installed(root, first)
    done = v1.install()
    assert done.returncode == 0, done.stderr
    users = _users(root)
    for role in ROLES:
        user = users[f"reception-{role}"]
        shell = "/bin/bash" if role == "counter" else "/usr/sbin/nologin"  # a desktop session
        assert user[5:] == [f"/var/lib/reception/{role}", shell]
        assert int(user[2]) < 1000  # a system user
        for folder in (root / "etc" / "reception" / role, root / "var/lib/reception" / role):
            assert _mode(folder) == 0o700
        config = root / "etc" / "reception" / role / "terminal.toml"
        assert _mode(config) == 0o600
        assert f'role = "{role}"' in config.read_text()
        # no device until a technician sets one; the hall display has none to set
        assert ('[devices.card_reader]\nkind = "none"' in config.read_text()) == \
            (role != "display")
        load_config(config, DisplayConfig if role == "display" else TerminalConfig)  # valid
    assert "reception-devices" in (root / "etc" / "group").read_text()
    ran = (tmp_path / "ran").read_text()
    assert "reception-kiosk --self-test" in ran and "reception-sync self-test" in ran

    kiosk_config = root / "etc" / "reception" / "kiosk" / "terminal.toml"
    kiosk_config.write_text(kiosk_config.read_text() + "# edited by the technician\n")
    store = root / "var" / "lib" / "reception" / "kiosk" / "terminal.db"
    store.write_bytes(b"the kiosk's store")

    # 2.0 fails its self-test: 1.0's program is put back, the upgrade fails loudly.
    v2 = Installed(root, second)
    verdict.write_text("1")
    failed = v2.upgrade_from("1.0")
    assert failed.returncode == 1
    assert "failed its self-test" in failed.stderr and "1.0 is back" in failed.stderr
    assert "# version 2" not in (root / "opt/reception/reception-kiosk").read_text()

    # 2.0 passes: installed, data and the edited configuration kept.
    verdict.write_text("0")
    done = v2.upgrade_from("1.0")
    assert done.returncode == 0, done.stderr
    assert "# version 2" in (root / "opt/reception/reception-kiosk").read_text()
    assert not (root / "var/lib/reception/previous").exists()
    assert "# edited by the technician" in kiosk_config.read_text()
    assert store.read_bytes() == b"the kiosk's store"

    assert v2.script("prerm", "remove").returncode == 0
    assert v2.script("postrm", "remove").returncode == 0
    assert store.exists() and kiosk_config.exists()  # a remove keeps the data
    assert v2.script("postrm", "purge").returncode == 0
    assert not (root / "var/lib/reception").exists()
    assert not (root / "etc/reception").exists()
    assert not any(name.startswith("reception-") for name in _users(root))


# ------------------------------------------------------------------ platform


@pytest.fixture(scope="module")
def platform_deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("platform-deb")
    return build_packages.platform_package("1.0", build_packages.architecture(),
                                           folder / "work", folder)


def test_platform_install_migrates_with_a_backup_and_rolls_back_a_broken_upgrade(
        tmp_path: Path, platform_deb: Path) -> None:
    if not Path("/usr/bin/python3.11").exists():
        pytest.skip("the package runs on Debian's python3.11")
    root = _fresh_root(tmp_path)
    data = root / "var" / "lib" / "reception-platform"
    data.mkdir(parents=True)
    url = f"sqlite:///{data / 'platform.db'}"
    engine = make_engine(url)  # a database from before migrations, with a terminal
    upgrade(engine, target=FIRST_REVISION)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))
        connection.execute(text(
            "INSERT INTO terminal (id, center, role, key, hostname, enrolled_at, revoked_at) "
            "VALUES ('t1', 'C001', 'kiosk', x'00', 'h', 1.0, NULL)"))
    settings = root / "etc" / "reception-platform"
    settings.mkdir(parents=True)
    (settings / "platform.env").write_text(f"RECEPTION_PLATFORM_DB={url}\n")

    package = Installed(root, platform_deb)
    done = package.install()
    assert done.returncode == 0, done.stderr
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT id FROM terminal")).scalars().all() == ["t1"]
    (backup,) = (data / "backups").iterdir()
    assert _mode(backup) == 0o600
    assert _mode(data) == 0o700 and _mode(settings / "platform.env") == 0o640
    assert _users(root)["reception-platform"][6] == "/usr/sbin/nologin"

    app = root / "opt/reception-platform/lib/sync/server/app.py"

    def break_the_new_version() -> None:
        app.unlink()  # dpkg replaces a file, it never writes into the old one
        app.write_text("this is not python\n")

    failed = package.upgrade_from("1.0", break_the_new_version)
    assert failed.returncode == 1
    assert "failed its self-test" in failed.stderr
    assert "not python" not in app.read_text()  # 1.0 is back
    assert current_revision(engine) == head_revision()

    assert package.script("postrm", "remove").returncode == 0
    assert (data / "platform.db").exists()
    assert package.script("postrm", "purge").returncode == 0
    assert not data.exists() and not settings.exists()
    engine.dispose()
