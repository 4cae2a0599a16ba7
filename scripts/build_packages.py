"""`make packages`: the Debian packages of a center's terminals and of the platform.

    python scripts/build_packages.py [--bundle dist/reception] [--out dist] [--version V]
                                     [--only terminal|platform]

reception-terminal: the terminal bundle in /opt/reception (programs linked from
/usr/bin), systemd units and udev rules; its maintainer scripts make a system
user per role, /etc/reception/ROLE and /var/lib/reception/ROLE (0700, files
0600), keep the previous version and put it back when the new one fails its
self-test, and delete data only on purge (packaging/deb/terminal/).

reception-platform: the platform's code with the Python packages it needs,
copied from this environment, in /opt/reception-platform, run by Debian's
python3.11; its upgrade self-tests, backs the database up and migrates it
(packaging/deb/platform/).
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
DEB = ROOT / "packaging" / "deb"
SYSTEMD = ROOT / "packaging" / "systemd"
PROGRAMS = ("reception-kiosk", "reception-counter", "reception-display", "reception-sync")
TERMINAL_UNITS = ("reception-kiosk.service", "reception-display.service")
#: The counter runs in a desktop session: a systemd user unit.
TERMINAL_USER_UNITS = ("reception-counter.service",)
PLATFORM_UNITS = ("reception-platform.service", "reception-platform-notify.service")
SCRIPTS = ("preinst", "postinst", "prerm", "postrm")
#: What the platform imports, beyond the standard library (the server extra and
#: the spine it shares with the terminals, uvicorn's "standard" speed-ups).
PLATFORM_ROOTS = ("fastapi", "uvicorn", "httptools", "uvloop", "websockets", "watchfiles",
                  "python-dotenv", "PyYAML", "psycopg", "psycopg-binary", "SQLAlchemy",
                  "alembic", "pydantic", "cryptography", "chinesecalendar", "uuid6", "httpx")
#: Packages of the terminal's session beyond its libraries (docs/deploy.md); python3
#: for the cage units' notify relay; a sound server for the hall's and the kiosk's
#: voice: Qt plays through PulseAudio's protocol only (libpulse0), and a minimal
#: Debian 12 has no server, so the hall display was silent (Debian 12's PipeWire,
#: started by the session's user manager; a machine with PulseAudio keeps it)
TERMINAL_EXTRA_DEPENDS = ("pcscd", "libpcsclite1", "python3", "pipewire-audio | pulseaudio")
#: the main process of the cage units (packaging/systemd/notify_relay.py)
NOTIFY_RELAY = "libexec/reception-notify-relay"
TERMINAL_RECOMMENDS = ("cage", "xwayland", "libwayland-cursor0", "libwayland-egl1", "grim")


def project_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    return str(data["project"]["version"])


def architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


def run_time_packages() -> list[str]:
    """packaging/apt/run.txt without the lines marked build-only."""
    names = []
    for line in (ROOT / "packaging" / "apt" / "run.txt").read_text("utf-8").splitlines():
        name, _, comment = line.partition("#")
        if name.strip() and "build-only" not in comment:
            names.append(name.strip())
    return names


def maintainer_script(package: str, name: str) -> str:
    body = (DEB / package / name).read_text("utf-8")
    common = (DEB / "common.sh").read_text("utf-8")
    return f"#!/bin/sh\n{common}\n{body}"


def control(package: str, version: str, arch: str, depends: list[str],
            recommends: list[str], description: str) -> str:
    lines = [f"Package: {package}", f"Version: {version}", f"Architecture: {arch}",
             "Maintainer: Reception terminals <reception@example.invalid>",
             "Section: misc", "Priority: optional", f"Depends: {', '.join(depends)}"]
    if recommends:
        lines.append(f"Recommends: {', '.join(recommends)}")
    lines.append(f"Description: {description}")
    return "\n".join(lines) + "\n"


def write_debian(stage: Path, package: str, control_text: str) -> None:
    debian = stage / "DEBIAN"
    debian.mkdir(parents=True)
    (debian / "control").write_text(control_text, "utf-8")
    for name in SCRIPTS:
        if (DEB / package.removeprefix("reception-") / name).exists():
            script = debian / name
            script.write_text(maintainer_script(package.removeprefix("reception-"), name),
                              "utf-8")
            script.chmod(0o755)


def add_units(stage: Path, units: tuple[str, ...], folder: str = "lib/systemd/system") -> None:
    target = stage / folder
    target.mkdir(parents=True, exist_ok=True)
    for unit in units:
        shutil.copy2(SYSTEMD / unit, target / unit)


def build_deb(stage: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for path in stage.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or path.stat().st_mode & 0o111 else 0o644)
    done = subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z1", "--build",
                           str(stage), str(out)], capture_output=True, text=True, check=True)
    match = re.search(r"in '([^']+)'", done.stdout)
    assert match is not None, done.stdout
    return Path(match.group(1))


def terminal_package(bundle: Path, version: str, arch: str, work: Path, out: Path) -> Path:
    stage = work / "reception-terminal"
    opt = stage / "opt" / "reception"
    shutil.copytree(bundle, opt, symlinks=True)
    (opt / "share").mkdir()
    for template in ("terminal.toml.in", "devices.toml.in"):
        shutil.copy2(DEB / "terminal" / template, opt / "share" / template)
    shutil.copy2(ROOT / "docs" / "deploy.md", opt / "share" / "deploy.md")
    bin_dir = stage / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    for program in PROGRAMS:
        (bin_dir / program).symlink_to(f"/opt/reception/{program}")
    (opt / NOTIFY_RELAY).parent.mkdir()
    shutil.copy2(SYSTEMD / "notify_relay.py", opt / NOTIFY_RELAY)
    add_units(stage, TERMINAL_UNITS)
    add_units(stage, TERMINAL_USER_UNITS, "usr/lib/systemd/user")
    rules = ROOT / "packaging" / "udev" / "60-reception.rules"
    (stage / "lib" / "udev" / "rules.d").mkdir(parents=True)
    shutil.copy2(rules, stage / "lib" / "udev" / "rules.d" / rules.name)
    write_debian(stage, "reception-terminal", control(
        "reception-terminal", version, arch,
        [*run_time_packages(), *TERMINAL_EXTRA_DEPENDS], list(TERMINAL_RECOMMENDS),
        "reception-center terminals: kiosk, counter, hall display, sync\n"
        " The terminal bundle with a system user per role, its units and udev rules."))
    return build_deb(stage, out)


def distribution_closure(roots: tuple[str, ...]) -> list[metadata.Distribution]:
    """The installed distributions `roots` need, with their dependencies."""
    seen: dict[str, metadata.Distribution] = {}
    pending = [Requirement(root) for root in roots]
    while pending:
        requirement = pending.pop()
        key = re.sub(r"[-_.]+", "-", requirement.name).lower()
        if key in seen:
            continue
        distribution = metadata.distribution(requirement.name)
        seen[key] = distribution
        for text in distribution.requires or []:
            needed = Requirement(text)
            if needed.marker is None or needed.marker.evaluate({"extra": ""}):
                pending.append(needed)
    return sorted(seen.values(), key=lambda item: item.metadata["Name"].lower())


def copy_distribution(distribution: metadata.Distribution, target: Path) -> None:
    base = Path(str(distribution.locate_file("")))
    for file in distribution.files or []:
        if file.parts[0] == ".." or "__pycache__" in file.parts:
            continue  # console scripts outside site-packages; byte code is rebuilt
        source = base / file
        if source.is_file():
            destination = target / file
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)


def platform_package(version: str, arch: str, work: Path, out: Path) -> Path:
    stage = work / "reception-platform"
    opt = stage / "opt" / "reception-platform"
    lib = opt / "lib"
    lib.mkdir(parents=True)
    for distribution in distribution_closure(PLATFORM_ROOTS):
        copy_distribution(distribution, lib)
    ignore = shutil.ignore_patterns("__pycache__")
    (lib / "sync").mkdir()
    shutil.copy2(ROOT / "sync" / "__init__.py", lib / "sync" / "__init__.py")
    for package in ("protocol", "server"):
        shutil.copytree(ROOT / "sync" / package, lib / "sync" / package, ignore=ignore)
    (opt / "bin").mkdir()
    launcher = opt / "bin" / "reception-platform"
    launcher.write_text(
        "#!/bin/sh\n# the platform on Debian's python3.11 with the packages beside it\n"
        'here=$(dirname "$(readlink -f "$0")")\n'
        'PYTHONPATH="$here/../lib" exec /usr/bin/python3.11 -P -m sync.server.cli "$@"\n', "utf-8")
    launcher.chmod(0o755)
    (opt / "share").mkdir()
    shutil.copy2(DEB / "platform" / "platform.env.in", opt / "share" / "platform.env.in")
    shutil.copy2(ROOT / "docs" / "deploy.md", opt / "share" / "deploy.md")
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / "reception-platform").symlink_to(
        "/opt/reception-platform/bin/reception-platform")
    add_units(stage, PLATFORM_UNITS)
    write_debian(stage, "reception-platform", control(
        "reception-platform", version, arch,
        ["python3.11", "postgresql-client"], ["postgresql"],
        "reception-center reference platform\n"
        " The central platform (FastAPI on uvicorn, PostgreSQL) with its migrations."))
    return build_deb(stage, out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "reception")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--version", default=project_version())
    parser.add_argument("--only", choices=("terminal", "platform"))
    arguments = parser.parse_args(argv)
    work = ROOT / "build" / "deb"
    shutil.rmtree(work, ignore_errors=True)
    arch = architecture()
    built = []
    if arguments.only in (None, "terminal"):
        built.append(terminal_package(arguments.bundle, arguments.version, arch, work,
                                      arguments.out))
    if arguments.only in (None, "platform"):
        built.append(platform_package(arguments.version, arch, work, arguments.out))
    shutil.rmtree(work, ignore_errors=True)
    for path in built:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
