"""Face match accuracy and time per match on face pairs this project can ship.

Two public-domain portraits (tests/data: the astronaut Eileen Collins, Grace
Hopper). Each "live" frame puts one of them on a desk scene at a random size and
place, then blurs, adds sensor noise, changes the exposure and re-encodes it as
JPEG (`hardware.camera.synthetic`); the "document" photo is the other's or the
same person's face cut to a passport's DG2 size (240 x 300 JPEG). Genuine pairs
therefore show one photo under camera distortions, not a person years apart.

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


if __name__ == "__main__":
    main()
