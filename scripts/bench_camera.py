"""Compare the QR decoders on synthetic photos of receipts.

Renders receipts carrying the project's status QR payload
(`https://status.example/a/RC-20261125-K01-00042`), photographs them into
1280x720 frames on a textured desk with each distortion below, and prints,
per decoder and distortion, how many frames decoded to exactly the payload,
and the mean decode time per frame.

    .venv/bin/python scripts/bench_camera.py [--samples 20] [--seed 7]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hardware.camera.qrcode_decode import Decoder, decode_qr
from hardware.camera.synthetic import distort, receipt_scene, status_payload

Scene = Callable[[str, np.random.Generator], np.ndarray]

DISTORTIONS: dict[str, Scene] = {
    "clean": lambda p, r: receipt_scene(p, r, qr_px=220),
    "perspective": lambda p, r: receipt_scene(p, r, qr_px=200, tilt=0.22,
                                              angle=r.uniform(-20, 20)),
    "blur": lambda p, r: distort(receipt_scene(p, r, qr_px=180), r,
                                 blur_sigma=r.uniform(2.0, 3.5)),
    "noise": lambda p, r: distort(receipt_scene(p, r, qr_px=180), r, noise_sigma=40),
    "small": lambda p, r: receipt_scene(p, r, qr_px=r.uniform(55, 75)),
    "rotate": lambda p, r: receipt_scene(p, r, qr_px=180, angle=r.uniform(0, 360)),
    "combined": lambda p, r: distort(
        receipt_scene(p, r, qr_px=110, tilt=0.15, angle=r.uniform(-45, 45)), r,
        blur_sigma=1.2, noise_sigma=15, jpeg_quality=70),
}
DECODERS: tuple[Decoder, ...] = ("zxing", "opencv")


def run(samples: int, seed: int) -> dict[str, dict[str, tuple[int, float]]]:
    """Return {distortion: {decoder: (successes, total seconds)}}."""
    results: dict[str, dict[str, tuple[int, float]]] = {}
    for d_index, (name, scene) in enumerate(DISTORTIONS.items()):
        rng = np.random.default_rng([seed, d_index])
        row = {decoder: (0, 0.0) for decoder in DECODERS}
        for i in range(samples):
            payload = status_payload(int(rng.integers(1, 99999)), terminal=f"K{i % 9 + 1:02d}")
            frame = scene(payload, rng)
            for decoder in DECODERS:
                start = time.perf_counter()
                texts = decode_qr(frame, decoder)
                elapsed = time.perf_counter() - start
                ok, total = row[decoder]
                row[decoder] = (ok + (texts == [payload]), total + elapsed)
        results[name] = row
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=20, help="frames per distortion")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    results = run(args.samples, args.seed)
    print(f"{'distortion':<12}" + "".join(f"{d:>20}" for d in DECODERS))
    totals = {d: [0, 0.0] for d in DECODERS}
    for name, row in results.items():
        cells = []
        for decoder in DECODERS:
            ok, seconds = row[decoder]
            totals[decoder][0] += ok
            totals[decoder][1] += seconds
            cells.append(f"{ok:>3}/{args.samples} {1000 * seconds / args.samples:6.1f} ms")
        print(f"{name:<12}" + "".join(f"{c:>20}" for c in cells))
    frames = args.samples * len(results)
    print(f"{'all':<12}" + "".join(
        f"{f'{totals[d][0]:>3}/{frames} {1000 * totals[d][1] / frames:6.1f} ms':>20}"
        for d in DECODERS))
    print("(successes / frames, mean decode time per 1280x720 frame)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
