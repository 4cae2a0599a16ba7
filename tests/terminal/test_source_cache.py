"""Source text left in memory by imports (PySide6's import hook reads every
module's source into linecache) is dropped once start-up and each kiosk
session are over."""

from __future__ import annotations

import linecache
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.composition import KioskComposition
from terminal.source_cache import drop_source_cache
from terminal.startup import start_gui


def import_fresh_module(folder: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> str:
    import PySide6.QtCore  # noqa: F401 - its import hook is what reads the source

    path = folder / f"{name}.py"
    path.write_text("VALUE = 1\n" * 1000, "utf-8")
    monkeypatch.syspath_prepend(str(folder))
    __import__(name)  # an import statement: through the hooks, as the apps import
    return str(path)


def test_importing_after_pyside_keeps_the_source_until_it_is_dropped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = import_fresh_module(tmp_path, monkeypatch, "fresh_module_for_source_cache")
    assert path in linecache.cache  # read by PySide6's __feature__ import hook
    drop_source_cache()
    assert path not in linecache.cache


def test_the_kiosk_drops_it_when_a_session_ends(qtbot: QtBot, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    gui = start_gui("kiosk-test", tmp_path, argv=[], lock=False)
    ui = KioskComposition(gui, kiosk_mode=False)
    qtbot.addWidget(ui.window)
    path = import_fresh_module(tmp_path, monkeypatch, "fresh_module_in_a_session")
    assert path in linecache.cache
    ui.navigator.end_session()
    assert path not in linecache.cache
