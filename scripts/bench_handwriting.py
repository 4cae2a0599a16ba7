"""Handwriting accuracy: top-1 and top-5 of the Zinnia recognizer on the
recorded test set (tests/data/handwriting/, made by
scripts/make_handwriting_testset.py), and the recognition time per character.

    .venv/bin/python scripts/bench_handwriting.py [--misses]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from terminal.handwriting import ZinniaRecognizer
from tests.terminal.handwriting_testset import load_testset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true",
                        help="list every sample whose character is not the first candidate")
    args = parser.parse_args()
    testset = load_testset()
    recognizer = ZinniaRecognizer()
    top1 = top5 = 0
    times_ms = []
    misses = []
    for sample in testset.samples:
        started = time.perf_counter()
        candidates = [c.character for c in recognizer.classify(sample.strokes, best=10)]
        times_ms.append((time.perf_counter() - started) * 1000)
        top1 += candidates[:1] == [sample.character]
        top5 += sample.character in candidates[:5]
        if candidates[:1] != [sample.character]:
            misses.append(f"  {sample.character} (writer {sample.writer}, "
                          f"{len(sample.strokes)} strokes): {' '.join(candidates[:5])}")
    known = recognizer.characters
    recognizer.close()
    total = len(testset.samples)
    characters = len({sample.character for sample in testset.samples})
    times_ms.sort()
    print(f"handwriting: {total} samples of {characters} characters "
          f"(model {known} characters)")
    print(f"  top-1 {top1}/{total} = {top1 / total:.1%}   "
          f"top-5 {top5}/{total} = {top5 / total:.1%}")
    print(f"  recognition per character: median {statistics.median(times_ms):.1f} ms, "
          f"p95 {times_ms[int(0.95 * (total - 1))]:.1f} ms, max {times_ms[-1]:.1f} ms")
    if args.misses:
        print("not first (first five candidates):")
        print("\n".join(misses))


if __name__ == "__main__":
    main()
