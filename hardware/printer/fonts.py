"""CJK font lookup for raster text: a system font, overridable by configuration."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from hardware.health import DeviceError, HealthState
from hardware.messages import QT_TRANSLATE_NOOP

FONT_ENV = "RECEPTION_CJK_FONT"
# A monospaced face keeps the printer's grid: ASCII 12 dots, CJK 24 dots at 24 px.
PREFERRED_FACE = "Noto Sans Mono CJK SC"
SYSTEM_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # Debian fonts-noto-cjk
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",  # Arch, Fedora
    "/usr/share/fonts/opentype/noto/NotoSansMonoCJKsc-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # fonts-wqy-microhei
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # fonts-wqy-zenhei
)


class FontNotFoundError(DeviceError):
    """No CJK font: raster Chinese text cannot be drawn."""


@dataclass(frozen=True, slots=True)
class FontSpec:
    path: str
    index: int


def _face_index(path: str) -> int:
    for index in range(16):
        try:
            name = ImageFont.truetype(path, 12, index=index).getname()[0]
        except OSError:
            break
        if name == PREFERRED_FACE:
            return index
    return 0


@lru_cache(maxsize=8)
def find_cjk_font(override: str | None = None) -> FontSpec:
    """The font to draw Chinese with: `override`, then $RECEPTION_CJK_FONT, then system fonts.

    Raises FontNotFoundError naming every path tried and how to fix it.
    """
    candidates = [p for p in (override, os.environ.get(FONT_ENV)) if p]
    if candidates and not Path(candidates[0]).is_file():
        raise FontNotFoundError(
            f"configured CJK font not found: {candidates[0]} "
            f"(printer config 'font_path' or ${FONT_ENV})",
            QT_TRANSLATE_NOOP("Device", "The printer is not available right now."),
            HealthState.DEGRADED,
        )
    for path in [*candidates, *SYSTEM_FONTS]:
        if Path(path).is_file():
            return FontSpec(path, _face_index(path))
    raise FontNotFoundError(
        "no CJK font found for raster receipts; tried "
        + ", ".join(SYSTEM_FONTS)
        + f". Install Debian's fonts-noto-cjk or set 'font_path' / ${FONT_ENV}",
        QT_TRANSLATE_NOOP("Device", "The printer is not available right now."),
        HealthState.DEGRADED,
    )


@lru_cache(maxsize=16)
def load_font(spec: FontSpec, size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """A loaded face; the Bold sibling file is used when it exists."""
    path = spec.path
    if bold:
        bold_path = path.replace("Regular", "Bold")
        if bold_path != path and Path(bold_path).is_file():
            path = bold_path
    return ImageFont.truetype(path, size, index=spec.index)
