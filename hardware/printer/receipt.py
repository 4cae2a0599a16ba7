"""Receipt document model, paper geometry and display-width text wrapping."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from PIL import Image


@dataclass(frozen=True, slots=True)
class Paper:
    """Printable geometry of a paper roll (font A: 12x24 dots, CJK font: 24x24)."""

    mm: int
    dots: int
    columns: int

    @property
    def cjk_columns(self) -> int:
        return self.columns // 2


PAPER_58 = Paper(mm=58, dots=384, columns=32)
PAPER_80 = Paper(mm=80, dots=576, columns=48)


def paper_for(mm: int) -> Paper:
    """The paper for a roll width in millimetres (58 or 80)."""
    for paper in (PAPER_58, PAPER_80):
        if paper.mm == mm:
            return paper
    raise ValueError(f"unsupported paper width {mm} mm (use 58 or 80)")


@dataclass(frozen=True, slots=True)
class Row:
    """A key-value line, e.g. 办理事项：户籍证明."""

    key: str
    value: str


@dataclass(slots=True)
class Receipt:
    """One slip, printed top to bottom in field order."""

    center_name: str
    title: str
    rows: list[Row] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    qr_payload: str | None = None
    barcode_payload: str | None = None  # CODE128, printable ASCII
    footer: str = ""
    logo: Image.Image | Path | str | None = None
    cut: bool = True


# ---- display width -------------------------------------------------------

# Lines must not start with these (closing punctuation) ...
NO_LINE_START = frozenset("，。、；：！？）】」』》〉”’,.;:!?)]}%·…—")
# ... nor end with these (opening punctuation).
NO_LINE_END = frozenset("（【「『《〈“‘([{")


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Printed columns of one character: 2 for wide/fullwidth/ambiguous, 0 for marks.

    Ambiguous characters count as wide because a Chinese printer font prints every
    GB18030 double-byte character at full width (24 dots).
    """
    if ch < "\x7f":
        return 1 if ch >= " " else 0
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Cf", "Cc"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 1


def display_width(text: str) -> int:
    """Printed columns of a string."""
    if text.isascii():
        return sum(1 for ch in text if ch >= " " and ch != "\x7f")
    return sum(char_width(ch) for ch in text)


def _can_break_before(prev: str, ch: str) -> bool:
    if prev == " ":
        return ch != " "
    if ch in NO_LINE_START or prev in NO_LINE_END:
        return False
    return char_width(ch) == 2 or char_width(prev) == 2


def wrap(text: str, columns: int) -> list[str]:
    """Wrap text to `columns` display columns.

    Breaks at spaces and between CJK characters, keeps closing punctuation off
    line starts, hard-breaks words longer than a line, keeps explicit newlines.
    """
    if columns < 2:
        raise ValueError("columns must be at least 2")
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        lines.extend(_wrap_one(paragraph.replace("\t", " "), columns))
    return lines


def _wrap_one(text: str, columns: int) -> list[str]:
    out: list[str] = []
    line: list[str] = []
    width = 0
    last_break = -1  # index in `line` where a break may happen
    for ch in text:
        w = char_width(ch)
        if line and _can_break_before(line[-1], ch):
            last_break = len(line)
        if width + w > columns and line and ch == " ":
            out.append("".join(line).rstrip())
            line, width, last_break = [], 0, -1
            continue
        while width + w > columns and line:
            cut = last_break if last_break > 0 else len(line)
            out.append("".join(line[:cut]).rstrip())
            line = line[cut:]
            while line and line[0] == " ":
                line.pop(0)
            width = sum(char_width(c) for c in line)
            last_break = -1
        if not line and ch == " " and out:
            continue
        line.append(ch)
        width += w
    out.append("".join(line).rstrip())
    return out
