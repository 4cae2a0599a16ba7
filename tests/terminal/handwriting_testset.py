"""The recorded handwriting test set (tests/data/handwriting/), for the
benchmark and the tests: characters of addresses and names as the pad
records them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from terminal.handwriting.ink import Point

TESTSET = (Path(__file__).resolve().parents[1] / "data" / "handwriting"
           / "addresses_and_names.json")


@dataclass(frozen=True)
class Sample:
    character: str
    writer: int
    strokes: list[list[Point]]


@dataclass(frozen=True)
class RecordedSet:
    pad_width: int
    pad_height: int
    samples: list[Sample]


def load_testset(path: Path = TESTSET) -> RecordedSet:
    document = json.loads(path.read_text("utf-8"))
    width, height = document["pad"]
    samples = [Sample(item["character"], item["writer"],
                      [[(float(flat[i]), float(flat[i + 1])) for i in range(0, len(flat), 2)]
                       for flat in item["strokes"]])
               for item in document["samples"]]
    return RecordedSet(width, height, samples)
