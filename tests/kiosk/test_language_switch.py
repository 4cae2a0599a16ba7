"""Switching the language on any screen, mid-flow, re-translates every visible
text: titles, buttons, the step counter, the navigation bar, questions, names
from the catalog and the queue. Every kiosk state of `make screenshots` (the
real composition on a reference platform, simulated devices) is switched from
English to Chinese and back; no text of the language left may remain."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from tests.kiosk.test_screenshots import load_script

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff]")
SPLIT = re.compile(r"%\d|%n|\n|[“”\"]")


def fragments() -> tuple[set[str], set[str]]:
    """(English, Chinese) pieces of every translated UI text and catalog name."""
    english: set[str] = set()
    chinese: set[str] = set()

    def add(en: str, zh: str) -> None:
        english.update(part.strip() for part in SPLIT.split(en)
                       if len(part.strip()) >= 4 and len(re.findall(r"[A-Za-z]", part)) >= 3
                       and not CJK.search(part))
        chinese.update(part.strip() for part in SPLIT.split(zh)
                       if len(CJK.findall(part)) >= 2)

    root = ET.parse(ROOT / "resources" / "translations" / "reception_zh_CN.ts").getroot()
    for message in root.iter("message"):
        source, translation = message.findtext("source") or "", message.find("translation")
        text = "".join(translation.itertext()) if translation is not None else ""
        if text and text != source:
            add(source, text)
    from sync.protocol.models import Catalog

    catalog = Catalog.model_validate_json(
        (ROOT / "resources" / "demo" / "catalog.json").read_text("utf-8"))
    for matter in catalog.matters:
        add(matter.name_en, matter.name_zh)
        for field in matter.fields:
            add(field.label_en, field.label_zh)
    for department in catalog.departments:
        add(department.name_en, department.name_zh)
    return english, chinese


def shown_texts(window: QWidget, skip: set[QWidget]) -> list[tuple[str, str]]:
    """(object, text) of every visible label, button and placeholder of the window."""
    texts = []
    for widget in window.findChildren(QWidget):
        if widget in skip or not widget.isVisibleTo(window) or not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            text = widget.text()
        elif isinstance(widget, QLineEdit) and not widget.text():
            text = widget.placeholderText()
        else:
            continue
        if text:
            texts.append((widget.objectName() or type(widget).__name__, text))
    return texts


def leftovers(window: QWidget, skip: set[QWidget], pieces: set[str]) -> list[str]:
    return [f"{name}: {text!r} has {piece!r}" for name, text in shown_texts(window, skip)
            for piece in pieces if piece in text]


@pytest.fixture(scope="module")
def stage(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    script = load_script()
    with script.kiosk_stage(tmp_path_factory.mktemp("language")) as running:
        running.prepare()
        running.ui.window.resize(1080, 1920)
        yield script, running


@pytest.mark.log_warnings(r"printer offline",  # the offline shots stop the platform:
                          r"hall event stream", r"platform unreachable")
def test_every_screen_follows_a_language_switch(stage: Any, qtbot: QtBot) -> None:
    script, running = stage
    english, chinese = fragments()
    ui = running.ui
    window = ui.window
    skip = {ui.bar.language_button}
    problems: list[str] = []

    def switch(language: str) -> None:
        if ui.gui.language.language != language:
            ui.bar.language_button.click()
        assert ui.gui.language.language == language

    def check(state: str, language: str) -> None:
        left = chinese if language == "en" else english
        try:
            qtbot.waitUntil(lambda: not leftovers(window, skip, left), timeout=3000)
        except qtbot.TimeoutError:
            problems.extend(f"{state} in {language}: {line}"
                            for line in leftovers(window, skip, left))

    for state in script.kiosk_states(running):
        name = "-".join(part for part in (state.screen, state.state) if part)
        if state.screen in ("out-of-service", "attract"):
            continue  # no navigation bar: the attract screen has its own test
        running.fresh()  # the session's wipe returns to the kiosk's language
        switch("en")

        def switch_and_check(name: str = name) -> None:
            check(name, "en")  # the state itself is all English
            switch("zh_CN")
            check(name, "zh_CN")
            switch("en")
            check(name, "en")

        running.save_current = switch_and_check
        try:
            state.show()
            if not state.saves_itself:
                switch_and_check()
        finally:
            if state.after is not None:
                state.after()
    running.fresh()
    switch("en")
    assert problems == [], "\n".join(problems)
