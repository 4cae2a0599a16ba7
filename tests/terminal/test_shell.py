"""The shared shell: display settings, logs without personal data, the
instance lock, translations, the configuration document."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from terminal.config import TerminalConfig
from terminal.config_doc import render
from terminal.i18n import LanguageSwitcher
from terminal.logs import ScrubbingFormatter, scrub
from terminal.single_instance import AlreadyRunning, acquire_instance_lock
from terminal.startup import DisplaySettings, read_display_settings

ROOT = Path(__file__).resolve().parents[2]


def test_display_defaults_match_the_validated_configuration() -> None:
    config, display = TerminalConfig(), DisplaySettings()
    assert display.language == config.terminal.language
    assert display.center_name_zh == config.terminal.center_name_zh
    assert display.center_name_en == config.terminal.center_name_en
    assert display.fullscreen == config.kiosk.fullscreen
    assert display.hide_cursor == config.kiosk.hide_cursor


def test_display_settings_tolerate_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "terminal.toml"
    path.write_text('[terminal]\nlanguage = "en"\ncenter_name_en = "Hall 3"\n[kiosk]\n'
                    'fullscreen = "yes"\n')
    settings = read_display_settings(path)
    assert (settings.language, settings.center_name_en, settings.fullscreen) == \
        ("en", "Hall 3", True)
    path.write_text("[terminal\n")
    assert read_display_settings(path) == DisplaySettings()


def test_logs_never_carry_id_or_phone_numbers(tmp_path: Path) -> None:
    assert scrub("id 11010519491231002X phone 13812345678") == \
        "id 110105********002X phone 138****5678"
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "reader gave %s",
                               ("11010519491231002X",), None)
    assert "19491231" not in ScrubbingFormatter("%(message)s").format(record)


def test_a_second_instance_is_refused(tmp_path: Path) -> None:
    lock = acquire_instance_lock(tmp_path, "reception-kiosk")
    with pytest.raises(AlreadyRunning):
        acquire_instance_lock(tmp_path, "reception-kiosk")
    lock.unlock()
    acquire_instance_lock(tmp_path, "reception-kiosk").unlock()


def test_switching_language_translates(qtbot: QtBot) -> None:
    switcher = LanguageSwitcher(QCoreApplication.instance())
    assert switcher.set_language("zh_CN")
    assert QCoreApplication.translate("AttractScreen", "Now serving") == "正在办理"
    assert switcher.set_language("en")
    assert QCoreApplication.translate("AttractScreen", "Now serving") == "Now serving"


def test_every_chinese_string_is_translated_and_keeps_its_placeholders() -> None:
    import xml.etree.ElementTree as ET

    tree = ET.parse(ROOT / "resources" / "translations" / "reception_zh_CN.ts")
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None and translation.get("type") != "unfinished", source
        texts = [form.text or "" for form in translation.findall("numerusform")] \
            or [translation.text or ""]
        for placeholder in ("%1", "%2", "%3", "%n"):
            if placeholder in source:
                assert all(placeholder in text for text in texts), (source, texts)


def test_the_configuration_document_is_current() -> None:
    assert (ROOT / "docs" / "configuration.md").read_text("utf-8") == render()


def test_the_translation_files_know_every_string_of_the_sources(tmp_path: Path) -> None:
    """pyside6-lupdate over the sources finds no message the .ts lacks (run
    `make update-translations` and translate what it adds)."""
    import shutil
    import subprocess
    import sys
    import xml.etree.ElementTree as ET

    def messages(path: Path) -> set[tuple[str, str]]:
        root = ET.parse(path).getroot()
        return {(context.findtext("name") or "", message.findtext("source") or "")
                for context in root.iter("context") for message in context.iter("message")}

    committed = ROOT / "resources" / "translations" / "reception_zh_CN.ts"
    fresh = tmp_path / "fresh.ts"
    shutil.copy(committed, fresh)
    sources = sorted(str(path) for package in ("kiosk", "counter", "display", "terminal",
                                                "hardware")
                     for path in (ROOT / package).rglob("*.py"))
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), "-no-obsolete", "-locations", "none", *sources, "-ts",
                    str(fresh)], check=True, capture_output=True, timeout=120)
    assert messages(fresh) == messages(committed)
    assert all(context for context, _ in messages(fresh)), "a message without a context"
