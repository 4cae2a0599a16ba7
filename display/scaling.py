"""The hall screen's sizes for any screen: the pixel sizes of
resources/themes/hall.qss and of its layout (drawn for 1920x1080) scaled to
the window (the sheet's by `terminal.theme.scale_hall`).

The scale follows the window's height, as far as its width allows: 1280x720
is the 1920x1080 design at two thirds, so the same panel shows the same
letters from across the hall. A portrait screen (1080x1920) stacks the panels
and is scaled from the 1080x1920 design width and height instead.
"""

from __future__ import annotations

#: The size the sheet's pixel sizes are drawn for, landscape and portrait.
DESIGN = (1920, 1080)
DESIGN_PORTRAIT = (1080, 1920)
#: Below this scale nothing shrinks further (a tiny window is a preview).
SMALLEST = 0.35


def is_portrait(width: int, height: int) -> bool:
    return height > width


def scale_for(width: int, height: int) -> float:
    """How much of the design's sizes a `width` x `height` window gets."""
    design_w, design_h = DESIGN_PORTRAIT if is_portrait(width, height) else DESIGN
    return max(SMALLEST, min(height / design_h, width / design_w))


def px(value: float, scale: float) -> int:
    """A design pixel size at `scale` (never below one pixel)."""
    return max(1, round(value * scale))
