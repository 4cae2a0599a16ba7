"""Passports as the real-display tests hold them up: the data page photographed
lying open under a camera (its MRZ in OCR-B, the chip's photo printed on it),
the holder in front of a camera, and what a camera over a folder sees."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tests.e2e.peers import DEMO_DATA

#: the demo passport's face (Eileen Collins, public domain), as its chip holds it
FACE = DEMO_DATA / "passport-face.jpg"
FACE_SIZE = (240, 300)
OCR_B = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")


def show_camera(folder: Path, bgr: Any) -> None:
    """What the camera over `folder` sees from now on (its one frame, replaced whole:
    the camera never reads half a picture)."""
    import cv2

    staged = folder.parent / f"staged-{folder.name}.png"
    assert cv2.imwrite(str(staged), bgr)
    os.replace(staged, folder / "frame.png")


def data_page(lines: tuple[str, str], surname: str, given_names: str) -> Any:
    """A photograph of a passport's data page whose MRZ reads `lines`, the chip's
    photo printed on it, lying open (turned 2°) under the camera."""
    import cv2
    import numpy as np

    from hardware.passport.data_page import photograph, render_data_page

    rng = np.random.default_rng(5)
    page = render_data_page(lines, rng, face=cv2.imread(str(FACE)),
                            fields=(("Surname", surname), ("Given names", given_names)))
    return photograph(page, rng, angle=2.0).frame


def applicant(person: str) -> Any:
    """`person` in front of the camera (scripts/bench_facematch.py's portraits: the
    demo passport's photo is Eileen Collins', "collins", from the same picture)."""
    import cv2
    import numpy as np

    from tests.kiosk.test_identify_documents import load_bench

    rgb = load_bench().live_frame(person, np.random.default_rng(11))
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
