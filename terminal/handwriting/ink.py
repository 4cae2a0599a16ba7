"""What a resident wrote: strokes of points, and their fit to a recognizer's canvas.

A character is a list of strokes in writing order; a stroke is the list of
points the pen passed through between touching the pad and lifting it.
Points are (x, y) with y growing downwards, in the pad's own units.

Recognizers are trained on characters that fill a square canvas; a resident
writes anywhere on the pad, small or large. `fit_to_canvas` moves and scales
the strokes so that their bounding box sits centred in the canvas, keeping
the aspect ratio (a 一 stays flat, a 丨 stays thin).
"""

from __future__ import annotations

from collections.abc import Sequence

Point = tuple[float, float]
Stroke = Sequence[Point]
Strokes = Sequence[Stroke]

#: share of the canvas left empty on each side of the fitted character; chosen
#: on a tuning set kept apart from the test set (docs/benchmarks.md, handwriting)
MARGIN = 0.15


def bounding_box(strokes: Strokes) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) over every point; ValueError without points."""
    xs = [x for stroke in strokes for x, _y in stroke]
    ys = [y for stroke in strokes for _x, y in stroke]
    if not xs:
        raise ValueError("no points to fit")
    return min(xs), min(ys), max(xs), max(ys)


def fit_to_canvas(strokes: Strokes, size: int,
                  margin: float = MARGIN) -> list[list[tuple[int, int]]]:
    """The strokes scaled and moved into a `size` x `size` canvas (integer points).

    The longer side of the bounding box spans `size * (1 - 2 * margin)`; the
    box is centred. A single tap (no extent) lands in the centre. Empty
    strokes are dropped."""
    kept = [stroke for stroke in strokes if len(stroke) > 0]
    left, top, right, bottom = bounding_box(kept)
    extent = max(right - left, bottom - top)
    inner = size * (1 - 2 * margin)
    scale = inner / extent if extent > 0 else 0.0
    x_offset = (size - (right - left) * scale) / 2
    y_offset = (size - (bottom - top) * scale) / 2
    return [[(round((x - left) * scale + x_offset), round((y - top) * scale + y_offset))
             for x, y in stroke] for stroke in kept]
