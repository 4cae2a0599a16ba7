"""Theme: the base style sheet, an optional high-contrast overlay, and a
large-text mode that scales the application font."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

THEMES_DIR = Path(__file__).resolve().parent.parent / "resources" / "themes"
FONT_FAMILIES = ["Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "sans-serif"]
BASE_POINT_SIZE = 20
LARGE_TEXT_SCALE = 1.35


@dataclass(frozen=True)
class ThemeMode:
    high_contrast: bool = False
    large_text: bool = False


# Relative sizes of the text roles the style sheets name as @tokens.
TEXT_ROLES = {"title": 1.6, "subtitle": 1.1, "clock": 2.6, "serving": 1.5, "touch": 1.8}


def style_sheet(mode: ThemeMode, base_point_size: int = BASE_POINT_SIZE) -> str:
    sheet = (THEMES_DIR / "base.qss").read_text("utf-8")
    if mode.high_contrast:
        sheet += "\n" + (THEMES_DIR / "high_contrast.qss").read_text("utf-8")
    scale = LARGE_TEXT_SCALE if mode.large_text else 1.0
    for role, factor in sorted(TEXT_ROLES.items(), key=lambda item: -len(item[0])):
        sheet = sheet.replace(f"@{role}", f"{round(base_point_size * scale * factor)}pt")
    return sheet


def apply_theme(app: QApplication, mode: ThemeMode, base_point_size: int = BASE_POINT_SIZE) -> None:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    scale = LARGE_TEXT_SCALE if mode.large_text else 1.0
    font.setPointSize(round(base_point_size * scale))
    app.setFont(font)
    app.setStyleSheet(style_sheet(mode, base_point_size))
