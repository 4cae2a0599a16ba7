"""What the resident reads: the kiosk's own strings in the shown language,
from the shipped translation files (the tests look for what is on screen)."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from functools import cache
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


@cache
def _catalog(language: str) -> dict[tuple[str, str], str]:
    tree = ElementTree.parse(TRANSLATIONS / f"reception_{language}.ts")
    found: dict[tuple[str, str], str] = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            if translation is None or translation.get("type") == "unfinished":
                continue
            forms = [form.text or "" for form in translation.iter("numerusform")]
            text = forms[0] if forms else translation.text  # plurals: the first form
            if text:
                found[(name, source)] = text
    return found


def tr(language: str, context: str, source: str) -> str:
    """`source` as the kiosk shows it in `language` (the source text when untranslated)."""
    return _catalog(language).get((context, source), source)


def lead(language: str, context: str, source: str) -> str:
    """The text up to its first placeholder ("● Offline · " of "● Offline · %n saved")."""
    text = tr(language, context, source)
    cut = min((text.find(mark) for mark in ("%n", "%1") if mark in text), default=len(text))
    return text[:cut]
