"""Face match accuracy and time per match on face pairs this project can ship.

Two public-domain portraits (tests/data: the astronaut Eileen Collins, Grace
Hopper). Each "live" frame puts one of them on a desk scene at a random size and
place, then blurs, adds sensor noise, changes the exposure and re-encodes it as
JPEG (`hardware.camera.synthetic`); the "document" photo is the other's or the
same person's face cut to a passport's DG2 size (240 x 300 JPEG). Genuine pairs
therefore show one photo under camera distortions, not a person years apart.

Then the guard against the passport's own page (`terminal.face_check.shows_mrz`):
how many live frames (a face alone) it takes for a page, how many photographed
data pages (the chip's photo printed on them, `hardware.passport.data_page`) at
several sizes in the frame it finds, and what it costs per frame; beside it, how
often the rules it was preferred to (more than one face found, a page-like
rectangle found) fire on live frames of one resident alone.

    .venv/bin/python scripts/bench_facematch.py [--pairs 20] [--seed 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hardware.camera.synthetic import distort, person_scene
from hardware.facematch import FaceMatcher, MatchOutcome

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
PEOPLE = {"collins": (DATA / "astronaut.jpg", (120, 0, 376, 320)),
          "hopper": (DATA / "grace_hopper.jpg", (130, 60, 430, 440))}


def document_face(name: str) -> np.ndarray:
    """The person's head and shoulders at DG2 size, through a JPEG, as RGB."""
    path, (left, top, right, bottom) = PEOPLE[name]
    face = cv2.resize(cv2.imread(str(path))[top:bottom, left:right], (240, 300),
                      interpolation=cv2.INTER_AREA)
    ok, data = cv2.imencode(".jpg", face, [cv2.IMWRITE_JPEG_QUALITY, 80])
    assert ok
    return cv2.cvtColor(cv2.imdecode(data, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)


def live_frame(name: str, rng: np.random.Generator) -> np.ndarray:
    """The person photographed by the kiosk's camera (640 x 480 RGB)."""
    portrait = cv2.imread(str(PEOPLE[name][0]))
    side = min(portrait.shape[:2])
    scene = person_scene(portrait[:side, :side], rng, portrait_px=int(rng.integers(240, 470)),
                         size=(640, 480)).frame
    gain = float(rng.uniform(0.7, 1.3))
    scene = np.clip(scene.astype(np.float32) * gain, 0, 255).astype(np.uint8)
    frame = distort(scene, rng, blur_sigma=float(rng.uniform(0, 1.5)),
                    noise_sigma=float(rng.uniform(0, 8)),
                    jpeg_quality=int(rng.integers(60, 90)))
    return cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=20, help="pairs of each kind")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    matcher = FaceMatcher()
    start = time.perf_counter()
    matcher.compare(live_frame("collins", rng), document_face("collins"))
    print(f"model load + first match: {time.perf_counter() - start:.2f} s")
    kinds = {"genuine": [("collins", "collins"), ("hopper", "hopper")],
             "impostor": [("collins", "hopper"), ("hopper", "collins")]}
    for kind, pairs in kinds.items():
        right, distances, times = 0, [], []
        outcomes: dict[str, int] = {}
        for i in range(args.pairs):
            live_name, document_name = pairs[i % 2]
            live, document = live_frame(live_name, rng), document_face(document_name)
            start = time.perf_counter()
            result = matcher.compare(live, document)
            times.append(time.perf_counter() - start)
            expected = MatchOutcome.MATCHED if kind == "genuine" else MatchOutcome.NOT_MATCHED
            right += result.outcome is expected
            outcomes[result.outcome.value] = outcomes.get(result.outcome.value, 0) + 1
            if result.distance is not None:
                distances.append(result.distance)
        print(f"{kind}: {right}/{args.pairs} right at threshold {matcher.threshold} "
              f"({', '.join(f'{k} {v}' for k, v in sorted(outcomes.items()))}); "
              f"distance {min(distances):.3f}-{max(distances):.3f}; "
              f"time per match median {statistics.median(times) * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms")
    bench_page_guard(matcher, rng, args.pairs)


def page_frame(name: str, rng: np.random.Generator, size: tuple[int, int],
               share: float) -> np.ndarray:
    """`name`'s passport open at the data page under the camera, `share` of its width."""
    from hardware.passport.data_page import photograph, render_data_page
    from hardware.passport.specimen import ICAO_EXAMPLE

    face = cv2.cvtColor(document_face(name), cv2.COLOR_RGB2BGR)
    page = render_data_page(ICAO_EXAMPLE, rng, face=face,
                            fields=(("Surname", "ERIKSSON"), ("Given names", "ANNA MARIA")))
    shot = photograph(page, rng, size=size, page_share=share,
                      angle=float(rng.uniform(-5, 5)))
    return cv2.cvtColor(shot.frame, cv2.COLOR_BGR2RGB)


def bench_page_guard(matcher: FaceMatcher, rng: np.random.Generator, frames: int) -> None:
    from hardware.camera.document import find_document
    from terminal.face_check import shows_mrz

    detector = matcher._load()[0]
    flagged, several, rectangles, times = 0, 0, 0, []
    for i in range(frames):
        live = live_frame(("collins", "hopper")[i % 2], rng)
        start = time.perf_counter()
        flagged += shows_mrz(live)
        times.append(time.perf_counter() - start)
        several += len(detector(live, 1)) > 1
        rectangles += find_document(cv2.cvtColor(live, cv2.COLOR_RGB2BGR),
                                    min_area_share=0.10) is not None
    print(f"page guard on {frames} live frames (a face alone): {flagged} taken for a page; "
          f"MRZ look median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms; rejected rules: >1 face in {several}, "
          f"a page-like rectangle in {rectangles}")
    for size in ((1920, 1080), (640, 480)):
        for share in (0.8, 0.6, 0.4):
            found, times = 0, []
            for i in range(4):
                page = page_frame(("collins", "hopper")[i % 2], rng, size, share)
                start = time.perf_counter()
                found += shows_mrz(page)
                times.append(time.perf_counter() - start)
            print(f"data page {share:.0%} of a {size[0]}x{size[1]} frame's width: "
                  f"{found}/4 found, median {statistics.median(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
