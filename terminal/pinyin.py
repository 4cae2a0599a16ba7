"""Pinyin for search, from a lean pypinyin.

pypinyin loads a 47,111-phrase dictionary on import: 45 MB, an eighth of a
kiosk's memory. Search only needs the phrases read differently, without
tones, from their characters' usual readings (3,430 of them, see
`scripts/build_pinyin_phrases.py`), so pypinyin starts without its
dictionary and gets those. This module must be the first to import pypinyin.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")  # read by pypinyin on import
os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")  # nothing here changes its tables

from pypinyin import Style, lazy_pinyin, load_phrases_dict

PHRASES_FILE = Path(__file__).resolve().parent.parent / "resources" / "pinyin" / "phrases.tsv"


def _load_phrases(path: Path = PHRASES_FILE) -> None:
    syllables: dict[str, list[str]] = {}  # one list per syllable, shared by every phrase
    phrases = {}
    for line in path.read_text("utf-8").splitlines():
        phrase, _, readings = line.partition("\t")
        if phrase and readings:
            phrases[phrase] = [syllables.setdefault(s, [s]) for s in readings.split()]
    load_phrases_dict(phrases)


_load_phrases()


def initials(text: str) -> str:
    """First letters of the pinyin, lower case ("低保" -> "db"); other text as it is."""
    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER)).lower()


def spelled(text: str) -> str:
    """The pinyin without tones or spaces ("低保" -> "dibao")."""
    return "".join(lazy_pinyin(text)).lower()
