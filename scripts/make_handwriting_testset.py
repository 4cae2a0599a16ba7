"""Make the handwriting test set: 100 characters of addresses and names, each
written twice, as the handwriting pad would record them.

Nobody can write by hand on this machine, so the strokes are replayed from
the stroke medians of Make Me a Hanzi (the centre line of each stroke of the
Arphic Kai fonts, in stroke order), as two different writers on a 600x600 pad:

* each writer draws the character at their own size (55-90 % of the pad),
  width (x 0.88-1.12), slant (-5 to +5 degrees) and place on the pad;
* each stroke lands a little off (about 1.5 % of the character's size) and a
  little larger or smaller (x 0.92-1.08) than the model's;
* the pen trembles (a smoothed random walk of about 0.6 % of the size) and is
  sampled as pointer events arrive, every 6-14 px along the stroke, at whole
  pixels.

Everything is drawn from `random.Random(f"{character}/{writer}")`, so the set
is reproducible. Only the derived point lists are stored, with attribution
in tests/data/handwriting/README.md.

    git clone https://github.com/skishore/makemeahanzi /tmp/makemeahanzi
    .venv/bin/python scripts/make_handwriting_testset.py /tmp/makemeahanzi
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "tests" / "data" / "handwriting" / "addresses_and_names.json"
ADDRESS = ("幸福里号楼路街道区市省村单元室门东西南北中社居委会小园"
           "新华光明和平安康建设人民文京海江河山大阳花家层")
NAMES = ("王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯"
         "邓曹彭曾田董潘袁蔡蒋余于杜叶程魏苏吕丁沈伟芳")
SOURCE_COMMIT = "618dbab8a8ddefb958763c8b4afbaa741a4460de"
NOTICE = ("Modified from the stroke medians of Make Me a Hanzi (github.com/skishore/makemeahanzi, "
          f"svgs/*.svg at {SOURCE_COMMIT[:8]}), derived from the fonts AR PL KaitiM GB and "
          "AR PL UKai of Arphic Technology under the Arphic Public License (ARPHICPL.TXT "
          "beside this file): replayed as handwriting on a 600x600 pad by "
          "scripts/make_handwriting_testset.py (see README.md beside this file).")
WRITERS = 2
PAD = 600
#: Make Me a Hanzi's glyph box: 1024 units, y upwards, top edge at y = 900
GLYPH_SIZE, GLYPH_TOP = 1024, 900
MEDIAN = re.compile(r'd="(M [^"]+)" fill="none" id="make-me-a-hanzi-animation-(\d+)"')

Point = tuple[float, float]


def svg_text(source: Path, character: str) -> str:
    """The character's animated SVG from a checkout or a bare git directory."""
    name = f"svgs/{ord(character)}.svg"
    if (source / name).is_file():
        return (source / name).read_text("utf-8")
    return subprocess.run(["git", "--git-dir", str(source), "show", f"HEAD:{name}"],
                          check=True, capture_output=True, text=True).stdout


def medians(svg: str) -> list[list[Point]]:
    """Stroke medians in stroke order, in glyph units with y downwards."""
    found = sorted((int(index), path) for path, index in MEDIAN.findall(svg))
    strokes = []
    for _index, path in found:
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]
        strokes.append([(numbers[i], GLYPH_TOP - numbers[i + 1])
                        for i in range(0, len(numbers), 2)])
    return strokes


def along(stroke: list[Point], spacing: float) -> list[Point]:
    """Points every `spacing` along the polyline, first and last included."""
    points = [stroke[0]]
    carried = 0.0
    for (ax, ay), (bx, by) in itertools.pairwise(stroke):
        length = math.hypot(bx - ax, by - ay)
        position = spacing - carried
        while position <= length:
            t = position / length
            points.append((ax + (bx - ax) * t, ay + (by - ay) * t))
            position += spacing
        carried = length - (position - spacing)
    if points[-1] != stroke[-1]:
        points.append(stroke[-1])
    return points


def write(strokes: list[list[Point]], rng: random.Random) -> list[list[tuple[int, int]]]:
    """One writer's pad recording of the character's medians."""
    size = rng.uniform(0.55, 0.9) * PAD
    widen = rng.uniform(0.88, 1.12)
    slant = math.radians(rng.uniform(-5, 5))
    scale = size / GLYPH_SIZE
    left = rng.uniform(0, PAD - size * widen)
    top = rng.uniform(0, PAD - size)
    centre = GLYPH_SIZE / 2

    def place(x: float, y: float) -> Point:
        x, y = (x - centre) * widen, y - centre
        x, y = x * math.cos(slant) - y * math.sin(slant), x * math.sin(slant) + y * math.cos(slant)
        return left + (x + centre * widen) * scale, top + (y + centre) * scale

    recorded = []
    for stroke in strokes:
        shift = (rng.gauss(0, 0.015 * size), rng.gauss(0, 0.015 * size))
        grow = rng.uniform(0.92, 1.08)
        placed = [place(x, y) for x, y in stroke]
        mid_x = sum(x for x, _ in placed) / len(placed)
        mid_y = sum(y for _, y in placed) / len(placed)
        placed = [(mid_x + (x - mid_x) * grow + shift[0], mid_y + (y - mid_y) * grow + shift[1])
                  for x, y in placed]
        tremor_x = tremor_y = 0.0
        points: list[tuple[int, int]] = []
        for x, y in along(placed, rng.uniform(6, 14)):
            tremor_x = 0.7 * tremor_x + rng.gauss(0, 0.006 * size)
            tremor_y = 0.7 * tremor_y + rng.gauss(0, 0.006 * size)
            point = (min(PAD - 1, max(0, round(x + tremor_x))),
                     min(PAD - 1, max(0, round(y + tremor_y))))
            if not points or points[-1] != point:
                points.append(point)
        recorded.append(points)
    return recorded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("makemeahanzi", type=Path,
                        help="a checkout (or bare git directory) of skishore/makemeahanzi")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--characters", default=ADDRESS + NAMES,
                        help="other characters (a tuning set kept apart from the test set)")
    parser.add_argument("--first-writer", type=int, default=0,
                        help="other writers (seeds) than the test set's 0 and 1")
    args = parser.parse_args()
    characters = args.characters
    if len(set(characters)) != len(characters):
        raise SystemExit("a character is listed twice")
    samples = []
    for character in characters:
        strokes = medians(svg_text(args.makemeahanzi, character))
        for writer in range(args.first_writer, args.first_writer + WRITERS):
            rng = random.Random(f"{character}/{writer}")
            samples.append({"character": character, "writer": writer,
                            "strokes": [[c for point in stroke for c in point]
                                        for stroke in write(strokes, rng)]})
    document = {
        "about": NOTICE,
        "pad": [PAD, PAD],
        "stroke_format": "flat list x0, y0, x1, y1, ... in pad pixels, y downwards",
        "characters": characters,
        "samples": samples,
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text.replace('{"character"', '\n{"character"') + "\n", "utf-8")
    print(f"{len(samples)} samples of {len(characters)} characters -> {args.output}")


if __name__ == "__main__":
    main()
