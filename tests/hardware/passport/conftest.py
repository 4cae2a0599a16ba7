"""Specimen passports for the chip tests: the ICAO worked example with a real face."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from hardware.idcard.pcsc import PcscReader
from hardware.passport.mrz import MrzKey
from hardware.passport.specimen import Specimen, SpecimenPki, make_pki
from hardware.passport.vpassport import BAC_ONLY, VirtualPassport
from tests.hardware.pcsc_fixtures import VIRTUAL_READER, PcscDaemon, remove_and_wait

ASTRONAUT = Path(__file__).resolve().parents[2] / "data" / "astronaut.jpg"
FACE_SIZE = (240, 300)  # a passport chip's face is about this size (DG2 well below 32 KB)
KEY = MrzKey.typed("L898902C", "690806", "940623")


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


@pytest.fixture
def pcsc(pcscd: PcscDaemon) -> Iterator[PcscReader]:
    reader = PcscReader(VIRTUAL_READER)
    yield reader
    reader.close()


@pytest.fixture
def chip(pcscd: PcscDaemon, specimen: Specimen) -> Iterator[VirtualPassport]:
    """A BAC-only chip of the specimen on vpcd (chips of before PACE)."""
    card = VirtualPassport(specimen.files, KEY, pace=BAC_ONLY)
    card.insert()
    yield card
    remove_and_wait(card)
