"""Theme: the style sheets of resources/themes, an optional high-contrast
overlay, and a large-text mode that scales the application font and every
size token.

Every colour and font size of the front ends lives in the sheets: widgets
only name a role (`setProperty("role", "toggle")`) or carry an object name.
The front ends' own sheets (`counter.qss`, `hall.qss`) are scoped by their
window's object name, so one application style sheet serves them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QWidget

THEMES_DIR = Path(__file__).resolve().parent.parent / "resources" / "themes"
#: The sheets every mode loads, in cascade order; the overlay comes last.
SHEETS = ("base.qss", "counter.qss", "hall.qss")
HIGH_CONTRAST_SHEET = "high_contrast.qss"
FONT_FAMILIES = ["Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "sans-serif"]
BASE_POINT_SIZE = 20
LARGE_TEXT_SCALE = 1.35

# Relative sizes of the text roles the style sheets name as @tokens.
TEXT_ROLES = {"title": 1.6, "subtitle": 1.1, "clock": 2.6, "serving": 1.5, "touch": 1.8,
              "ticket": 4.5, "heading": 1.4, "message": 1.3}

#: Colours painted by code rather than by a style sheet (camera overlays), by mode.
PAINT = {
    False: {"face-box": "#2ecc71", "overlay-text": "#ffd54f", "overlay-shade": "#aa000000"},
    True: {"face-box": "#00ff66", "overlay-text": "#ffff00", "overlay-shade": "#cc000000"},
}


@dataclass(frozen=True)
class ThemeMode:
    high_contrast: bool = False
    large_text: bool = False


_current = ThemeMode()


def style_sheet(mode: ThemeMode, base_point_size: int = BASE_POINT_SIZE) -> str:
    names = SHEETS + ((HIGH_CONTRAST_SHEET,) if mode.high_contrast else ())
    sheet = "\n".join((THEMES_DIR / name).read_text("utf-8") for name in names)
    scale = LARGE_TEXT_SCALE if mode.large_text else 1.0
    for role, factor in sorted(TEXT_ROLES.items(), key=lambda item: -len(item[0])):
        sheet = sheet.replace(f"@{role}", f"{round(base_point_size * scale * factor)}pt")
    return sheet


def apply_theme(app: QApplication, mode: ThemeMode, base_point_size: int = BASE_POINT_SIZE) -> None:
    global _current
    _current = mode
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    scale = LARGE_TEXT_SCALE if mode.large_text else 1.0
    font.setPointSize(round(base_point_size * scale))
    app.setFont(font)
    app.setStyleSheet(style_sheet(mode, base_point_size))


def paint_colour(name: str) -> QColor:
    """A colour for code that paints (overlays on a camera picture), in the current mode."""
    return QColor(PAINT[_current.high_contrast][name])


def restyle(widget: QWidget) -> None:
    """Re-apply the sheets after a dynamic property (role, state) changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
