"""Face match with dlib's model from the face-recognition-models package, on two
public-domain portraits photographed through the camera pipeline's distortions."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from hardware.facematch import (
    MSG_LOOK,
    MSG_NOT_MATCHED,
    FaceMatcher,
    MatchOutcome,
    decode_photo,
)
from hardware.idcard.ga467_sim import demo_identity

ROOT = Path(__file__).resolve().parents[2]


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_facematch", ROOT / "scripts" / "bench_facematch.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench()


@pytest.fixture(scope="module")
def matcher() -> FaceMatcher:
    return FaceMatcher()


def test_the_same_person_matches_and_another_does_not(bench: ModuleType,
                                                      matcher: FaceMatcher) -> None:
    rng = np.random.default_rng(3)
    for _ in range(3):
        same = matcher.compare(bench.live_frame("collins", rng), bench.document_face("collins"))
        assert same.outcome is MatchOutcome.MATCHED, same
        other = matcher.compare(bench.live_frame("hopper", rng), bench.document_face("collins"))
        assert other.outcome is MatchOutcome.NOT_MATCHED, other
        assert other.resident_message == MSG_NOT_MATCHED
        assert same.distance is not None and other.distance is not None
        assert same.distance < 0.6 <= other.distance


def test_the_threshold_decides(bench: ModuleType) -> None:
    rng = np.random.default_rng(5)
    live, document = bench.live_frame("collins", rng), bench.document_face("collins")
    loose = FaceMatcher(threshold=0.6).compare(live, document)
    assert loose.outcome is MatchOutcome.MATCHED and loose.distance is not None
    strict = FaceMatcher(threshold=loose.distance / 2).compare(live, document)
    assert strict.outcome is MatchOutcome.NOT_MATCHED and strict.distance == loose.distance
    with pytest.raises(ValueError):
        FaceMatcher(threshold=0)


def test_nobody_in_front_of_the_camera_and_no_document_photo(bench: ModuleType,
                                                              matcher: FaceMatcher) -> None:
    empty = np.full((480, 640, 3), 128, np.uint8)
    nobody = matcher.compare(empty, bench.document_face("collins"))
    assert nobody.outcome is MatchOutcome.NO_LIVE_FACE and nobody.resident_message == MSG_LOOK
    rng = np.random.default_rng(1)
    wlt = decode_photo(demo_identity().photo_wlt)  # a card's WLT photo: no open decoder
    assert wlt is None
    result = matcher.compare(bench.live_frame("collins", rng), wlt)
    assert result.outcome is MatchOutcome.NO_DOCUMENT_FACE and result.distance is None


def test_a_passport_face_decodes_for_matching() -> None:
    face = decode_photo((ROOT / "resources" / "demo" / "passport-face.jpg").read_bytes())
    assert face is not None and face.shape == (300, 240, 3)
