"""Find matters by name (Chinese or English), full pinyin and pinyin initials.

`SearchIndex` matches Chinese and English names and pinyin initials, also of
the names' usual short forms ("dbsq" finds 居民最低生活保障申请 as 居民低保申请),
built once per catalog. Shared by the kiosk's catalog screen and the counter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sync.protocol.models import Matter
from terminal.pinyin import initials, spelled

MAX_RESULTS = 12
#: Short names residents say (低保 for 最低生活保障): names are also indexed shortened.
ABBREVIATIONS = {
    "最低生活保障": "低保", "社会保障卡": "社保卡", "社会保险": "社保", "医疗保险": "医保",
    "医疗保障": "医保", "公共租赁住房": "公租房", "住房公积金": "公积金",
    "残疾人联合会": "残联", "退役军人": "退役", "城乡居民": "居民",
}

# --------------------------------------------------------------------- search
def _fold(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _is_subsequence(needle: str, haystack: str) -> int | None:
    """The span the needle's characters cover in order in haystack, or None."""
    start, position = -1, 0
    for char in needle:
        position = haystack.find(char, position)
        if position < 0:
            return None
        if start < 0:
            start = position
        position += 1
    return position - start


def shortened(name: str) -> str:
    for long, short in ABBREVIATIONS.items():
        name = name.replace(long, short)
    return name


@dataclass(frozen=True)
class IndexEntry:
    matter: Matter
    zh: str  # the name and its shortened form, "|"-joined
    en: str
    initials: str  # of both forms, "|"-joined
    spelled: str  # full pinyin, no spaces


class SearchIndex:
    """Names, pinyin initials and full pinyin of every matter, computed once."""

    def __init__(self, matters: list[Matter]) -> None:
        self.entries = [
            IndexEntry(matter, _fold(f"{matter.name_zh}|{shortened(matter.name_zh)}"),
                       _fold(matter.name_en),
                       f"{initials(matter.name_zh)}|{initials(shortened(matter.name_zh))}",
                       spelled(matter.name_zh))
            for matter in matters
        ]

    def search(self, query: str, limit: int = MAX_RESULTS) -> list[Matter]:
        """Best matches first: names, then pinyin, then initials in order (≥ 3 letters)."""
        needle = _fold(query)
        if not needle:
            return []
        scored: list[tuple[int, int, int]] = []
        for position, entry in enumerate(self.entries):
            score = self._score(entry, needle)
            if score is not None:
                scored.append((score[0], score[1], position))
        scored.sort()
        return [self.entries[position].matter for _tier, _span, position in scored[:limit]]

    @staticmethod
    def _score(entry: IndexEntry, needle: str) -> tuple[int, int] | None:
        if needle in entry.zh or needle in entry.en:
            return 0, 0
        if needle.isascii():
            if any(part.startswith(needle) for part in entry.initials.split("|")):
                return 1, 0
            if needle in entry.initials:
                return 2, 0
            if len(needle) >= 3 and needle in entry.spelled:
                return 3, 0
            if len(needle) >= 3:
                span = _is_subsequence(needle, entry.initials)
                if span is not None:
                    return 4, span
            return None
        if len(needle) >= 2:
            span = _is_subsequence(needle, entry.zh)
            if span is not None:
                return 4, span
        return None


# --------------------------------------------------------------------- source
