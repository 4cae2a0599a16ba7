"""The MRZ read from photographed data pages: the right key, or none, never a wrong one."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from hardware.camera.synthetic import desk_background
from hardware.passport import ocrb
from hardware.passport.data_page import photograph, render_data_page
from hardware.passport.mrz import MrzError, MrzKey, check_digit
from hardware.passport.mrz_ocr import key_from_glyphs, key_from_text, read_mrz, verified_key
from hardware.passport.specimen import td3_lines

pytestmark = pytest.mark.skipif(not ocrb.available(), reason="fonts-ocr-b is not installed")

HOLDER = {"surname": "OKAFOR", "given_names": "CHIDI", "number": "X4709512",
          "nationality": "NGA", "birth": "850312", "sex": "M", "expiry": "310429",
          "personal": ""}
KEY = MrzKey("X4709512<", "850312", "310429")


def page(lines: tuple[str, str], seed: int = 3) -> np.ndarray:
    return render_data_page(lines, np.random.default_rng(seed),
                            fields=(("Surname", "OKAFOR"), ("Given names", "CHIDI")))


def test_a_photographed_page_gives_its_key() -> None:
    rng = np.random.default_rng(11)
    photo = photograph(page(td3_lines(**HOLDER)), rng, angle=5, tilt=0.03, blur_sigma=1.0,
                       noise_sigma=4, jpeg_quality=80)
    read = read_mrz(photo.frame)
    assert read.key == KEY, read.reason
    assert read.engine == "ocr-b"


def test_an_upside_down_page_is_read_too() -> None:
    rng = np.random.default_rng(12)
    photo = photograph(page(td3_lines(**HOLDER)), rng, angle=-4)
    read = read_mrz(cv2.rotate(photo.frame, cv2.ROTATE_180))
    assert read.key == KEY, read.reason


def test_a_wrong_check_digit_is_refused_not_repaired() -> None:
    first, second = td3_lines(**HOLDER)
    birth_digit = second[19]
    wrong = second[:19] + str((int(birth_digit) + 1) % 10) + second[20:]
    photo = photograph(page((first, wrong)), np.random.default_rng(13), angle=2)
    read = read_mrz(photo.frame)
    assert read.key is None
    assert "check digit" in read.reason


def test_a_desk_without_a_passport_gives_nothing() -> None:
    read = read_mrz(desk_background(np.random.default_rng(1), (1920, 1080)))
    assert read.key is None and read.reason


def test_field_types_normalise_only_where_icao_fixes_them() -> None:
    _first, second = td3_lines(**{**HOLDER, "nationality": "BOL"})
    assert second[10:13] == "BOL" and second[15] == "0"
    # a letter O read in the birth date, a zero in the nationality: the same key
    misread = second[:11] + "0" + second[12:15] + "O" + second[16:]
    assert verified_key(misread) == KEY
    with pytest.raises(MrzError):  # the document number is letters and digits: no repair
        verified_key("X47O9512<" + second[9:])


def test_tesseract_text_gives_the_verified_line_only() -> None:
    first, second = td3_lines(**HOLDER)
    assert key_from_text(f"{first}\n{second[:22]} {second[22:]}\n") == KEY
    with pytest.raises(MrzError):
        key_from_text(f"{first}\n{second[:-1]}{(int(second[-1]) + 1) % 10}\n")


def test_a_glyph_the_check_digit_cannot_tell_apart_is_refused() -> None:
    """S and 8 differ by 20 in value: a number misread that way keeps its check digit."""
    number = "S4709512<"
    assert check_digit(number) == check_digit("84709512<")
    _first, second = td3_lines(**{**HOLDER, "number": "S4709512"})
    sure = tuple([0.3] * 44)
    assert key_from_glyphs([ocrb.GlyphLine(second, sure, "<" * 44)]).document_number == number
    doubtful = (0.01, *sure[1:])
    with pytest.raises(MrzError, match="ambiguous"):
        key_from_glyphs([ocrb.GlyphLine(second, doubtful, "8" + "<" * 43)])
    # a doubt the check digit settles (O against 0) is left to it
    assert key_from_glyphs([ocrb.GlyphLine(second, doubtful, "O" + "<" * 43)])
