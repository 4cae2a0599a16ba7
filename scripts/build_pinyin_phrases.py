"""Write resources/pinyin/phrases.tsv: the pypinyin phrases the search needs.

pypinyin's phrase dictionary (47,111 phrases, 37 MB of Python objects, plus
7 MB for its segmenter) only changes the result where a phrase is read
differently from its characters' usual readings (银行 yínháng, not the
yínxíng of 银 and 行 one by one), or where a longer phrase keeps such a
phrase from matching part of it. Search compares pinyin without tones and
initials, so the file keeps exactly the phrases a pypinyin started without
its dictionary (`terminal.pinyin`) would otherwise read differently in those
two styles: phrases are added until every phrase of the full dictionary
reads the same. tests/terminal/test_pinyin.py checks the result.

    .venv/bin/python scripts/build_pinyin_phrases.py   # after upgrading pypinyin
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ["PYPINYIN_NO_PHRASES"] = "1"  # the lean pypinyin terminal.pinyin runs

import pypinyin
from pypinyin import Style, lazy_pinyin, load_phrases_dict
from pypinyin.style import convert

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "pinyin" / "phrases.tsv"
STYLES = (Style.NORMAL, Style.FIRST_LETTER)


def reading(syllables: list[str]) -> tuple[str, ...]:
    return tuple("".join(convert(s, style, True) for s in syllables) for style in STYLES)


def main() -> int:
    full_file = Path(pypinyin.__file__).parent / "phrases_dict.json"
    full: dict[str, list[list[str]]] = json.loads(full_file.read_text("utf-8"))
    expected = {phrase: reading([options[0] for options in readings])
                for phrase, readings in full.items()}
    kept: dict[str, list[list[str]]] = {}
    while True:
        added = {phrase: [[options[0]] for options in full[phrase]]
                 for phrase, want in expected.items()
                 if phrase not in kept and tuple(
                     "".join(lazy_pinyin(phrase, style=style)) for style in STYLES) != want}
        if not added:
            break
        kept.update(added)
        load_phrases_dict(added)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(f"{phrase}\t{' '.join(s[0] for s in syllables)}\n"
                           for phrase, syllables in sorted(kept.items())), "utf-8")
    print(f"{len(kept)} of {len(full)} phrases -> {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
