"""Specimen passports for the chip tests: the ICAO worked example with a real face."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from hardware.passport.specimen import Specimen, SpecimenPki, make_pki

ASTRONAUT = Path(__file__).resolve().parents[2] / "data" / "astronaut.jpg"
FACE_SIZE = (240, 300)  # a passport chip's face is about this size (DG2 well below 32 KB)


def face_bytes(fmt: str = "JPEG") -> bytes:
    """The astronaut's head and shoulders at chip size, JPEG or JPEG 2000."""
    with Image.open(ASTRONAUT) as image:
        face = image.convert("RGB").crop((120, 0, 376, 320)).resize(FACE_SIZE)
    out = io.BytesIO()
    if fmt == "JPEG2000":
        face.save(out, "JPEG2000", quality_mode="rates", quality_layers=[40])
    else:
        face.save(out, "JPEG", quality=80)
    return out.getvalue()


@pytest.fixture(scope="session")
def pki() -> SpecimenPki:
    return make_pki()


@pytest.fixture
def specimen(pki: SpecimenPki) -> Specimen:
    return Specimen.build(face_bytes(), face_size=FACE_SIZE, pki=pki)
