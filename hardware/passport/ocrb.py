"""OCR-B glyphs of an MRZ band read by shape, against Debian's OCR-B font (fonts-ocr-b).

The MRZ is printed in OCR-B at a fixed pitch precisely so that machines can
read it by shape. `read_lines(binary)` cuts a black-on-white MRZ band into its
glyphs (connected components, grouped into lines), keeps the lines of 30 or
more glyphs, and compares each glyph with the 37 MRZ characters rendered
from the font: normalised correlation of the shapes, less a penalty for a
different width-to-height ratio or height (the filler `<` is shorter than
the letters). Each character comes with the next-best one and its margin over
it, so a caller can refuse a glyph that looks like two characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

__all__ = ["FONT", "GlyphLine", "available", "read_lines"]

FONT = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
_CELL = (24, 32)
_SHAPE_PENALTY = 0.5
MIN_GLYPHS = 30


@dataclass(frozen=True, slots=True)
class GlyphLine:
    text: str
    margins: tuple[float, ...]  # each character's score over the next-best character
    runners_up: str  # each glyph's next-best character


@dataclass(frozen=True, slots=True)
class _Templates:
    chars: str
    vectors: np.ndarray  # one normalised row per character
    aspects: np.ndarray  # width / height
    heights: np.ndarray  # height / the tallest character's (OCR-B's digits stand taller)


def available() -> bool:
    return FONT.exists()


def _vector(glyph: np.ndarray) -> np.ndarray:
    cell = cv2.resize(glyph, _CELL, interpolation=cv2.INTER_AREA).astype(np.float32).ravel()
    cell -= cell.mean()
    return cell / (np.linalg.norm(cell) + 1e-6)


@cache
def _templates() -> _Templates:
    font = ImageFont.truetype(str(FONT), 80)
    vectors, aspects, heights = [], [], []
    for char in ALPHABET:
        image = Image.new("L", (140, 140), 255)
        ImageDraw.Draw(image).text((20, 10), char, font=font, fill=0)
        pixels = np.asarray(image)
        ys, xs = np.nonzero(pixels < 128)
        glyph = pixels[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
        vectors.append(_vector(glyph))
        aspects.append(glyph.shape[1] / glyph.shape[0])
        heights.append(glyph.shape[0])
    return _Templates(ALPHABET, np.stack(vectors), np.array(aspects),
                      np.array(heights, np.float32) / max(heights))


def _lines(binary: np.ndarray) -> list[list[tuple[int, int, int, int]]]:
    count, _labels, stats, _ = cv2.connectedComponentsWithStats((binary < 128).astype(np.uint8), 8)
    boxes = [tuple(int(v) for v in stats[i][:4]) for i in range(1, count)
             if stats[i][3] > 8 and stats[i][4] > 12]
    if not boxes:
        return []
    typical = float(np.median([box[3] for box in boxes]))
    # no glyph is much taller or wider than a letter (the page's edges, a fold, a shadow)
    boxes = [box for box in boxes if box[3] <= 1.6 * typical and box[2] <= 1.6 * typical]
    boxes.sort(key=lambda box: box[1] + box[3] / 2)
    lines: list[list[tuple[int, int, int, int]]] = []
    for box in boxes:
        middle = box[1] + box[3] / 2
        if lines and abs(np.mean([b[1] + b[3] / 2 for b in lines[-1]]) - middle) < typical * 0.6:
            lines[-1].append(box)
        else:
            lines.append([box])
    return [sorted(line) for line in lines if len(line) >= MIN_GLYPHS]  # type: ignore[misc]


def read_lines(binary: np.ndarray) -> list[GlyphLine]:
    """The lines of at least 30 glyphs in a black-on-white band, read by shape."""
    templates = _templates()
    out = []
    for line in _lines(binary):
        tallest = float(np.percentile([box[3] for box in line], 90))
        text, margins, runners_up = [], [], []
        for x, y, w, h in line:
            scores = templates.vectors @ _vector(binary[y:y + h, x:x + w])
            scores -= _SHAPE_PENALTY * (np.abs(np.log((w / h) / templates.aspects))
                                        + np.abs(np.log((h / tallest) / templates.heights)))
            best, second = np.argsort(scores)[::-1][:2]
            text.append(templates.chars[best])
            margins.append(float(scores[best] - scores[second]))
            runners_up.append(templates.chars[second])
        out.append(GlyphLine("".join(text), tuple(margins), "".join(runners_up)))
    return out
