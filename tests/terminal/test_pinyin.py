"""Pinyin for search from a pypinyin without its phrase dictionary plus the
phrases that read differently (resources/pinyin/phrases.tsv): the same
toneless pinyin and initials as the full dictionary."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from terminal.matter_search import SearchIndex
from terminal.pinyin import PHRASES_FILE, initials, spelled

ROOT = Path(__file__).resolve().parents[2]


def test_pypinyin_runs_lean() -> None:
    kept = PHRASES_FILE.read_text("utf-8").splitlines()
    loaded = sys.modules["pypinyin.constants"].PHRASES_DICT  # imported by terminal.pinyin
    assert len(loaded) == len(kept) < 5_000


def test_every_phrase_of_the_full_dictionary_reads_the_same() -> None:
    package = Path(sys.modules["pypinyin"].__file__).parent
    full = json.loads((package / "phrases_dict.json").read_text("utf-8"))
    assert len(full) > 40_000
    convert = sys.modules["pypinyin.style"].convert
    normal, first = (sys.modules["pypinyin"].Style.NORMAL,
                     sys.modules["pypinyin"].Style.FIRST_LETTER)
    wrong = []
    for phrase, readings in full.items():
        syllables = [options[0] for options in readings]
        if spelled(phrase) != "".join(convert(s, normal, True) for s in syllables) or \
                initials(phrase) != "".join(convert(s, first, True) for s in syllables):
            wrong.append(phrase)
    assert wrong == []


def catalog_names() -> list[str]:
    """What search indexes: the demo catalog's names and their short forms."""
    from terminal.matter_search import shortened

    catalog = json.loads((ROOT / "resources" / "demo" / "catalog.json").read_text("utf-8"))
    names = {m["name_zh"] for m in catalog["matters"]}
    return sorted(names | {shortened(name) for name in names})


def full_dictionary_readings(texts: list[str]) -> list[list[str]]:
    """Toneless pinyin and initials of each text from pypinyin with its whole dictionary."""
    run = subprocess.run(
        [sys.executable, "-c",
         "import json, sys\n"
         "from pypinyin import Style, lazy_pinyin\n"
         "print(json.dumps([[''.join(lazy_pinyin(t)).lower(),"
         " ''.join(lazy_pinyin(t, style=Style.FIRST_LETTER)).lower()]"
         " for t in json.load(sys.stdin)]))\n"],
        input=json.dumps(texts), capture_output=True, text=True, check=True, timeout=120)
    return json.loads(run.stdout)


def test_catalog_names_read_as_with_the_full_dictionary() -> None:
    names = catalog_names()
    assert len(names) > 20
    assert [[spelled(n), initials(n)] for n in names] == full_dictionary_readings(names)


def test_phrases_read_differently_from_their_characters() -> None:
    assert spelled("重新办理") == "chongxinbanli"  # 重 alone: zhong
    assert initials("银行卡") == "yhk"  # 行 alone: xing
    assert spelled("长期居住") == "changqijuzhu"  # 长 alone: zhang


def test_search_by_initials_of_a_phrase_read_differently() -> None:
    from sync.protocol.models import Matter

    matter = json.loads((ROOT / "resources" / "demo" / "catalog.json").read_text("utf-8"))[
        "matters"][0]
    bank = Matter.model_validate({**matter, "code": "X-1", "name_zh": "银行卡挂失证明"})
    index = SearchIndex([bank])
    assert index.search("yhkgs") == [bank]
