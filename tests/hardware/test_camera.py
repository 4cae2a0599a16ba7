"""Face presence, ID crops, receipt QR codes and document capture on real images."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from hardware.camera.document import A4_SIZE, capture_document, order_corners
from hardware.camera.face import (
    ID_PHOTO_SIZE,
    FaceBox,
    IdPhotoStatus,
    crop_id_photo,
    detect_faces,
    take_id_photo,
)
from hardware.camera.qrcode_decode import ParseError, decode_qr, parse_status_qr
from hardware.camera.synthetic import distort, page_scene, receipt_scene, status_payload

DATA = Path(__file__).resolve().parents[1] / "data"
PAYLOAD = "https://status.example/a/RC-20261125-K01-00042"


@pytest.fixture(scope="module")
def astronaut() -> np.ndarray:
    image = cv2.imread(str(DATA / "astronaut.jpg"))
    assert image is not None, "tests/data/astronaut.jpg missing"
    return image


# -- faces --------------------------------------------------------------------

def test_face_found_in_astronaut_photo(astronaut: np.ndarray) -> None:
    faces = detect_faces(astronaut)
    assert len(faces) == 1
    face = faces[0]
    # Eileen Collins' face is in the upper middle of the portrait.
    cx, cy = face.center
    assert 150 < cx < 300 and 60 < cy < 180
    assert 60 < face.w < 160


def test_id_photo_has_id_proportions_and_contains_the_face(astronaut: np.ndarray) -> None:
    result = take_id_photo(astronaut)
    assert result.status is IdPhotoStatus.OK and result.ok
    assert result.image is not None
    assert result.image.shape == (ID_PHOTO_SIZE[1], ID_PHOTO_SIZE[0], 3)
    assert result.resident_message == ""
    # The cropped photo still shows one face, centred horizontally, in the upper half.
    faces = detect_faces(result.image)
    assert len(faces) == 1
    cx, cy = faces[0].center
    assert abs(cx - ID_PHOTO_SIZE[0] / 2) < ID_PHOTO_SIZE[0] * 0.1
    assert ID_PHOTO_SIZE[1] * 0.3 < cy < ID_PHOTO_SIZE[1] * 0.6


def test_crop_near_the_edge_keeps_size_and_pads_white() -> None:
    frame = np.zeros((200, 200, 3), np.uint8)
    crop = crop_id_photo(frame, FaceBox(0, 0, 150, 150))
    assert crop.shape == (ID_PHOTO_SIZE[1], ID_PHOTO_SIZE[0], 3)
    assert crop[0, 0].tolist() == [255, 255, 255]


@pytest.mark.parametrize("kind", ["blank", "noise"])
def test_no_face_in_blank_or_noise(kind: str) -> None:
    rng = np.random.default_rng(1)
    frame = (np.full((480, 640, 3), 200, np.uint8) if kind == "blank"
             else rng.integers(0, 256, (480, 640, 3), dtype=np.uint8))
    assert detect_faces(frame) == []
    result = take_id_photo(frame)
    assert result.status is IdPhotoStatus.NO_FACE
    assert result.image is None and "No face" in result.resident_message


def test_two_people_is_a_clear_result(astronaut: np.ndarray) -> None:
    pair = np.hstack([astronaut, astronaut])
    result = take_id_photo(pair)
    assert result.status is IdPhotoStatus.SEVERAL_FACES
    assert result.image is None and len(result.faces) == 2
    assert "More than one face" in result.resident_message


# -- QR codes -----------------------------------------------------------------

SCENES = {
    "clean": lambda rng: receipt_scene(PAYLOAD, rng, qr_px=220),
    "perspective": lambda rng: receipt_scene(PAYLOAD, rng, qr_px=200, tilt=0.15, angle=10),
    "blur": lambda rng: distort(receipt_scene(PAYLOAD, rng, qr_px=200), rng, blur_sigma=1.5),
    "noise": lambda rng: distort(receipt_scene(PAYLOAD, rng, qr_px=200), rng, noise_sigma=20),
    "rotated": lambda rng: receipt_scene(PAYLOAD, rng, qr_px=200, angle=37),
}


@pytest.mark.parametrize("decoder", ["zxing", "opencv"])
@pytest.mark.parametrize("scene", list(SCENES))
def test_decoders_read_clean_and_moderately_distorted_receipts(scene: str, decoder: str) -> None:
    frame = SCENES[scene](np.random.default_rng(5))
    assert frame.shape == (720, 1280, 3)
    assert decode_qr(frame, decoder) == [PAYLOAD]  # type: ignore[arg-type]
    assert parse_status_qr(decode_qr(frame)[0]) == "RC-20261125-K01-00042"


def test_default_decoder_reads_small_and_combined_distortions() -> None:
    rng = np.random.default_rng(11)
    small = receipt_scene(PAYLOAD, rng, qr_px=70)
    combined = distort(receipt_scene(PAYLOAD, rng, qr_px=110, tilt=0.15, angle=-30), rng,
                       blur_sigma=1.2, noise_sigma=15, jpeg_quality=70)
    assert decode_qr(small) == [PAYLOAD]
    assert decode_qr(combined) == [PAYLOAD]


def test_decode_qr_finds_nothing_in_an_empty_scene() -> None:
    frame = np.full((720, 1280, 3), 128, np.uint8)
    assert decode_qr(frame) == []
    assert decode_qr(frame, "opencv") == []


def test_decode_qr_rejects_unknown_decoder() -> None:
    with pytest.raises(ValueError, match="unknown QR decoder"):
        decode_qr(np.zeros((64, 64), np.uint8), "zbar")  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    frame=hnp.arrays(
        dtype=st.sampled_from([np.uint8, np.float32, np.int16]),
        shape=st.one_of(hnp.array_shapes(min_dims=2, max_dims=2, min_side=0, max_side=48),
                        st.tuples(st.integers(0, 48), st.integers(0, 48),
                                  st.sampled_from([1, 2, 3, 4]))),
    ),
    decoder=st.sampled_from(["zxing", "opencv"]),
)
def test_decode_qr_never_raises_on_random_arrays(frame: np.ndarray, decoder: str) -> None:
    assert isinstance(decode_qr(frame, decoder), list)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [
    PAYLOAD,
    PAYLOAD + "/",
    PAYLOAD + "?src=receipt",
    "  http://status.example:8080/a/RC-20261125-K01-00042\n",
    "RC-20261125-K01-00042",
])
def test_parse_status_qr_accepts_our_payloads(text: str) -> None:
    assert parse_status_qr(text) == "RC-20261125-K01-00042"


@pytest.mark.parametrize("text", [
    "",
    "hello",
    "https://status.example/b/RC-20261125-K01-00042",
    "https://status.example/a/RC-20261325-K01-00042",  # month 13
    "https://status.example/a/RC-20261125-K01-0042",
    "https://status.example/a/RC-20261125-K01-00000",
    "https://status.example/a/rc-20261125-k01-00042",
    "javascript:alert(1)",
    "x" * 500,
])
def test_parse_status_qr_rejects_other_content(text: str) -> None:
    with pytest.raises(ParseError):
        parse_status_qr(text)


@given(st.text(max_size=120))
def test_parse_status_qr_fuzz(text: str) -> None:
    try:
        number = parse_status_qr(text)
    except ParseError:
        return
    assert number.startswith("RC-") and number in text


@given(st.integers(1, 99999), st.from_regex(r"[A-Z][A-Z0-9]{1,7}", fullmatch=True),
       st.dates(min_value=date(2000, 1, 1), max_value=date(9999, 12, 31)))
def test_parse_status_qr_round_trip(sequence: int, terminal: str, day: date) -> None:
    text = status_payload(sequence, day=day.strftime("%Y%m%d"), terminal=terminal)
    assert parse_status_qr(text) == text.rsplit("/", 1)[1]


# -- documents ----------------------------------------------------------------

def test_order_corners_from_any_order() -> None:
    corners = np.float32([[10, 10], [110, 20], [100, 210], [5, 200]])
    shuffled = corners[[2, 0, 3, 1]]
    assert np.array_equal(order_corners(shuffled), corners)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_document_capture_rectifies_a_tilted_page(seed: int) -> None:
    scene = page_scene(np.random.default_rng(seed), tilt=0.08)
    result = capture_document(scene.frame)
    assert result.found and result.image is not None and result.corners is not None
    assert result.image.shape == (A4_SIZE[1], A4_SIZE[0], 3)
    assert np.abs(result.corners - scene.corners).max() < 6
    # Every printed disc lands where it was printed on the page.
    width, height = A4_SIZE
    gray = cv2.cvtColor(result.image, cv2.COLOR_BGR2GRAY)
    for mx, my in scene.marks:
        x, y = round(mx * width), round(my * height)
        patch = gray[y - 40:y + 41, x - 40:x + 41]
        dark = np.argwhere(patch < 100)
        assert len(dark) > 100, f"mark at {mx, my} not found"
        dy, dx = dark.mean(axis=0) - 40
        assert abs(dx) < 12 and abs(dy) < 12, f"mark at {mx, my} off by {dx:.0f}, {dy:.0f}"


def test_document_capture_thresholds_to_black_and_white() -> None:
    scene = page_scene(np.random.default_rng(3))
    result = capture_document(scene.frame, threshold=True)
    assert result.found and result.image is not None
    assert result.image.ndim == 2
    assert set(np.unique(result.image).tolist()) <= {0, 255}
    assert (result.image == 255).mean() > 0.9  # mostly white paper


def test_landscape_page_gives_landscape_a4() -> None:
    scene = page_scene(np.random.default_rng(4), tilt=0.03)
    sideways = cv2.rotate(scene.frame, cv2.ROTATE_90_CLOCKWISE)
    result = capture_document(sideways)
    assert result.found and result.image is not None
    assert result.image.shape[:2] == (A4_SIZE[0], A4_SIZE[1])


@pytest.mark.parametrize("kind", ["empty desk", "noise", "tiny"])
def test_no_document_is_a_clear_result(kind: str) -> None:
    rng = np.random.default_rng(9)
    frame = {
        "empty desk": np.full((720, 1280, 3), 60, np.uint8),
        "noise": rng.integers(0, 256, (720, 1280, 3), dtype=np.uint8),
        "tiny": np.zeros((10, 10, 3), np.uint8),
    }[kind]
    result = capture_document(frame)
    assert not result.found and result.image is None
    assert result.reason and "No page found" in result.resident_message
