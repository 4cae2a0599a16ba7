"""MRZ read by the document camera: accuracy and time per frame on generated data pages.

Each page is a TD3 passport data page (`hardware.passport.data_page`) with a
random holder: document number, nationality, dates, sex and, on half of the
pages, a personal number, the MRZ in Debian's OCR-B (fonts-ocr-b). Each page
is photographed through the camera pipeline's distortions: a perspective
(corners moved by up to `tilt` of the page's height), a turn of up to 8
degrees, Gaussian blur, sensor noise and JPEG at a random quality, in a
1920x1080 frame (the camera process's full-size frame). A frame's read is
`read` (the key equals the page's), `refused` (no key: a check digit or the
layout failed) or `wrong` (a key that is not the page's: the failure that
must not happen). `--frames N` gives each page up to N photographs, as the
kiosk does while the passport lies under the camera.

    .venv/bin/python scripts/bench_mrz.py [--pages 40] [--frames 3] [--seed 13]
        [--tesseract-only] [--verbose]
"""

from __future__ import annotations

import argparse
import statistics
import string
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hardware.passport.data_page import OCR_B, photograph, render_data_page
from hardware.passport.mrz import MrzKey
from hardware.passport.mrz_ocr import read_mrz
from hardware.passport.specimen import td3_lines

SURNAMES = ("ERIKSSON", "MUELLER", "GARCIA LOPEZ", "NGUYEN", "OKAFOR", "SMITH", "TANAKA",
            "KOWALSKA", "DUBOIS", "SILVA", "IVANOVA", "HASSAN", "OBRIEN", "ANDERSEN")
GIVEN = ("ANNA MARIA", "JOHN", "YUKI", "PIERRE LOUIS", "FATIMA", "OLGA", "CHIDI", "LEE",
         "MARTA", "JOAO", "SOPHIE", "AHMED")
NATIONS = ("UTO", "D<<", "FRA", "GBR", "USA", "JPN", "NGA", "POL", "BRA", "RUS", "EGY", "VNM")


def holder(rng: np.random.Generator) -> dict[str, str]:
    alnum = string.ascii_uppercase + string.digits
    length = int(rng.integers(8, 10))
    number = "".join(rng.choice(list(alnum), length))
    birth = f"{rng.integers(40, 100):02d}{rng.integers(1, 13):02d}{rng.integers(1, 29):02d}"
    expiry = f"{rng.integers(27, 36):02d}{rng.integers(1, 13):02d}{rng.integers(1, 29):02d}"
    personal = "".join(rng.choice(list(alnum), int(rng.integers(6, 14)))) \
        if rng.random() < 0.5 else ""
    return {"surname": str(rng.choice(SURNAMES)), "given_names": str(rng.choice(GIVEN)),
            "number": number, "nationality": str(rng.choice(NATIONS)), "birth": birth,
            "sex": str(rng.choice(["M", "F", "<"])), "expiry": expiry, "personal": personal}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--frames", type=int, default=3)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--tesseract-only", action="store_true",
                        help="tesseract (Debian's English model) instead of the OCR-B shapes")
    parser.add_argument("--verbose", action="store_true", help="print why frames were refused")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    first = {"read": 0, "refused": 0, "wrong": 0}
    within = {"read": 0, "refused": 0, "wrong": 0}
    times: list[float] = []
    engines: dict[str, int] = {}
    reasons: list[str] = []
    for _ in range(args.pages):
        data = holder(rng)
        lines = td3_lines(**data)
        truth = MrzKey(data["number"].ljust(9, "<"), data["birth"], data["expiry"])
        page = render_data_page(lines, rng, fields=(("Surname", data["surname"]),
                                                    ("Given names", data["given_names"])))
        outcome = "refused"
        for attempt in range(args.frames):
            photo = photograph(page, rng, page_share=float(rng.uniform(0.6, 0.85)),
                               tilt=float(rng.uniform(0.01, 0.06)),
                               angle=float(rng.uniform(-8, 8)),
                               blur_sigma=float(rng.uniform(0.4, 1.4)),
                               noise_sigma=float(rng.uniform(2, 6)),
                               jpeg_quality=int(rng.integers(70, 92)))
            start = time.perf_counter()
            read = read_mrz(photo.frame, engine="tesseract" if args.tesseract_only else "ocr-b")
            times.append(time.perf_counter() - start)
            outcome = "refused" if read.key is None else \
                "read" if read.key == truth else "wrong"
            if attempt == 0:
                first[outcome] += 1
            if read.key is None:
                reasons.append(read.reason)
            else:
                engines[read.engine] = engines.get(read.engine, 0) + 1
            if outcome != "refused":
                break
        within[outcome] += 1
    print(f"MRZ font: {'OCR-B (fonts-ocr-b)' if OCR_B.exists() else 'DejaVu Sans Mono'}; "
          f"{args.pages} pages, seed {args.seed}")
    print(f"first frame: read {first['read']}, refused {first['refused']}, "
          f"wrong {first['wrong']}")
    print(f"within {args.frames} frames: read {within['read']}, refused {within['refused']}, "
          f"wrong {within['wrong']}")
    print("verified lines by engine: " + ", ".join(f"{k} {v}" for k, v in sorted(engines.items())))
    if args.verbose:
        print("\n".join(f"refused: {reason}" for reason in reasons))
    ordered = sorted(times)
    print(f"time per frame: median {statistics.median(times) * 1000:.0f} ms, "
          f"p90 {ordered[int(0.9 * (len(ordered) - 1))] * 1000:.0f} ms ({len(times)} frames)")
    return 1 if within["wrong"] or first["wrong"] else 0


if __name__ == "__main__":
    sys.exit(main())
