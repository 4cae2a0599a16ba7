"""Theme: the style sheets of resources/themes, an optional high-contrast
overlay, and a large-text mode that scales the application font and every
size token.

Every colour and font size of the front ends lives in the sheets: widgets
only name a role (`setProperty("role", "toggle")`) or carry an object name.
The front ends' own sheets (`counter.qss`, `hall.qss`) are scoped by their
window's object name, so one application style sheet serves them all. The
hall's pixel sizes, drawn for 1920x1080, are scaled to the screen the hall
display fills (`scale_hall`, from `display/scaling.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QWidget

THEMES_DIR = Path(__file__).resolve().parent.parent / "resources" / "themes"
#: The sheets every mode loads, in cascade order; the overlay comes last.
SHEETS = ("base.qss", "counter.qss", "hall.qss")
HIGH_CONTRAST_SHEET = "high_contrast.qss"
HALL_SHEET = "hall.qss"
_PIXELS = re.compile(r"(\d+)px")
_FIT_PIXELS = re.compile(r"(qproperty-\w*PixelSize:\s*)(\d+)")
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
_base_point_size = BASE_POINT_SIZE
_hall_scale = 1.0


def scaled_pixels(sheet: str, scale: float) -> str:
    """`sheet` with every pixel size (fonts, fitted label sizes, radii, widths) at `scale`."""
    def size(value: str) -> int:
        return max(1, round(int(value) * scale))

    sheet = _PIXELS.sub(lambda m: f"{size(m.group(1))}px", sheet)
    return _FIT_PIXELS.sub(lambda m: f"{m.group(1)}{size(m.group(2))}", sheet)


def _read(name: str, hall_scale: float) -> str:
    text = (THEMES_DIR / name).read_text("utf-8")
    return scaled_pixels(text, hall_scale) if name == HALL_SHEET and hall_scale != 1.0 else text


def style_sheet(mode: ThemeMode, base_point_size: int = BASE_POINT_SIZE,
                hall_scale: float = 1.0) -> str:
    names = SHEETS + ((HIGH_CONTRAST_SHEET,) if mode.high_contrast else ())
    sheet = "\n".join(_read(name, hall_scale) for name in names)
    scale = LARGE_TEXT_SCALE if mode.large_text else 1.0
    for role, factor in sorted(TEXT_ROLES.items(), key=lambda item: -len(item[0])):
        sheet = sheet.replace(f"@{role}", f"{round(base_point_size * scale * factor)}pt")
    return sheet


def apply_theme(app: QApplication, mode: ThemeMode, base_point_size: int = BASE_POINT_SIZE) -> None:
    global _current, _base_point_size
    _current, _base_point_size = mode, base_point_size
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    scale = LARGE_TEXT_SCALE if mode.large_text else 1.0
    font.setPointSize(round(base_point_size * scale))
    app.setFont(font)
    app.setStyleSheet(style_sheet(mode, base_point_size, _hall_scale))


def scale_hall(app: QApplication, scale: float) -> None:
    """The hall screen's sizes at `scale` of its 1920x1080 design, in the application
    sheet (the rest of the sheet as the current mode has it)."""
    global _hall_scale
    if scale != _hall_scale:
        _hall_scale = scale
        app.setStyleSheet(style_sheet(_current, _base_point_size, scale))


def paint_colour(name: str) -> QColor:
    """A colour for code that paints (overlays on a camera picture), in the current mode."""
    return QColor(PAINT[_current.high_contrast][name])


def restyle(widget: QWidget) -> None:
    """Re-apply the sheets after a dynamic property (role, state) changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
