"""The dependency rules of docs/architecture.md, checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def offenders(package: str, forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()) -> list[str]:
    found = []
    for path in sources(package):
        for name in imported_modules(path):
            if name.startswith(forbidden) and not name.startswith(allowed):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


@pytest.mark.parametrize("package", ["sync", "hardware"])
def test_the_core_never_imports_qt_or_the_apps(package: str) -> None:
    assert offenders(package, ("PySide6", "kiosk", "counter", "display", "terminal")) == []


def test_hardware_knows_nothing_of_sync() -> None:
    assert offenders("hardware", ("sync",)) == []


def test_sync_knows_nothing_of_hardware() -> None:
    assert offenders("sync", ("hardware",)) == []


def test_the_platform_imports_only_the_protocol_of_the_terminal_side() -> None:
    assert offenders("sync/server", ("sync",), allowed=("sync.protocol", "sync.server")) == []


def test_the_front_ends_do_not_import_each_other() -> None:
    assert offenders("kiosk", ("counter", "display")) == []
    assert offenders("counter", ("kiosk", "display")) == []
    assert offenders("display", ("kiosk", "counter")) == []
    assert offenders("terminal", ("kiosk", "counter", "display")) == []


def test_the_terminal_side_never_imports_the_platform_outside_its_test_harness() -> None:
    harness = {"terminal/local_platform.py", "kiosk/selftest.py"}
    found = [line for package in ("kiosk", "counter", "display", "terminal")
             for line in offenders(package, ("sync.server",))
             if line.split(" imports ")[0] not in harness]
    assert found == []


#: Ways Python code gets called on a thread of Qt's (a message handler runs on the
#: logging thread; a direct or blocking connection runs the slot on the emitting
#: thread). The GUI thread may wait on such a thread while holding the GIL.
ON_QT_THREADS = {"qInstallMessageHandler", "DirectConnection", "BlockingQueuedConnection"}


def test_no_python_runs_on_a_thread_of_qts() -> None:
    found = []
    for package in ("kiosk", "counter", "display", "terminal", "hardware", "sync", "scripts"):
        for path in sources(package):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                name = node.attr if isinstance(node, ast.Attribute) else \
                    node.id if isinstance(node, ast.Name) else \
                    node.name if isinstance(node, ast.alias) else None
                if name in ON_QT_THREADS:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} uses {name}")
    assert found == []
