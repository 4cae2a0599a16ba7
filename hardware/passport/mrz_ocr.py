"""The passport's access key read from its MRZ in a camera frame, by the OCR-B
glyphs' shapes; Debian's tesseract is measured beside it and not trusted.

`read_mrz(frame)` finds the data page (`hardware.camera.document`), turns it
upright to a passport page's proportions (ICAO 9303 TD3: 125 x 88 mm) and cuts
the machine-readable zone at its foot (a frame in which no page is found is
read whole, as when the page fills the camera's view; the page is tried
upright and then turned half a turn). The band is read glyph by glyph against
Debian's OCR-B font (`ocrb`). `engine="tesseract"` reads it with tesseract
instead (only the MRZ's characters allowed, no dictionary), for the benchmark:
with Debian's English model (Debian ships no OCR-B model) tesseract reads
OCR-B's filler `<` as K or C and J as I, so few lines verify, and some that do
are wrong, since K and `<` weigh the same in a check digit (docs/benchmarks.md).

Only the second line is taken: it holds the chip's access key (document
number, birth and expiry dates) and every character of it that matters is
under a check digit, while the name line has none. The names then come from the
chip's DG1, under passive authentication.

Nothing is guessed: characters are only normalised where ICAO fixes the
field's type (a letter O read in a date is the digit 0, a 0 in the
nationality the letter O), then every check digit must match: number, birth,
expiry, personal number and the composite. A read that fails any of this is
refused with the reason, never repaired further.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import cv2
import numpy as np

from hardware.camera.document import find_document, warp_to_page
from hardware.passport import ocrb
from hardware.passport.mrz import MrzError, MrzKey, char_value, check_digit

__all__ = ["MrzRead", "key_from_glyphs", "key_from_text", "read_mrz", "verified_key"]

#: a TD3 data page at 15 px/mm: the MRZ's 2.54 mm character pitch is 38 px
PAGE_SIZE = (1875, 1320)
#: the MRZ band: the page's lowest 23.2 mm (ICAO 9303-4), with some slack above
MRZ_TOP_SHARE = 0.70
LINE = 44
#: the least lead of a document-number glyph over its next-best reading
MIN_NUMBER_MARGIN = 0.03
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
TESSERACT_CONFIG = (f"--psm 6 --oem 1 -c tessedit_char_whitelist={_ALPHABET} "
                    "-c load_system_dawg=0 -c load_freq_dawg=0")

_TO_DIGIT = str.maketrans("OQDIZSBG", "00012586")
_TO_LETTER = str.maketrans("01258", "OIZSB")
#: positions of the second line whose characters ICAO fixes as digits
_DIGITS = (9, *range(13, 20), *range(21, 28), 43)
_LETTERS = (10, 11, 12)


def _real_date(yymmdd: str) -> bool:
    try:
        date(2000 + int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:]))
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class MrzRead:
    """The chip's access key from a verified MRZ line, or why the frame gave none."""

    key: MrzKey | None
    reason: str = ""
    text: str = ""  # what was read, for the log and the benchmark
    engine: str = ""  # "ocr-b" (by shape) or "tesseract" (the benchmark's comparison)


def verified_key(line: str) -> MrzKey:
    """The access key of a TD3 second line, normalised by field type, every check
    digit verified (number, birth, expiry, personal number, composite).

    Raises MrzError for anything else."""
    if len(line) != LINE:
        raise MrzError(f"the line has {len(line)} characters, not {LINE}")
    chars = list(line)
    for position in _DIGITS:
        chars[position] = chars[position].translate(_TO_DIGIT)
    for position in _LETTERS:
        chars[position] = chars[position].translate(_TO_LETTER)
    second = "".join(chars)
    number, birth, expiry = second[0:9], second[13:19], second[21:27]
    optional, optional_cd = second[28:42], second[42]
    for field, digit, name in ((number, second[9], "document number"),
                               (birth, second[19], "birth date"),
                               (expiry, second[27], "expiry date"),
                               (second[0:10] + second[13:20] + second[21:43], second[43],
                                "composite")):
        if check_digit(field) != digit:
            raise MrzError(f"{name} check digit does not match")
    if (optional_cd != "<" or optional.strip("<")) \
            and check_digit(optional) != ("0" if optional_cd == "<" else optional_cd):
        raise MrzError("personal number check digit does not match")
    if second[20] not in "MF<X" or not _real_date(birth) or not _real_date(expiry):
        raise MrzError("sex or dates are not an MRZ's")
    return MrzKey(number, birth, expiry)


def key_from_text(text: str) -> MrzKey:
    """The access key in tesseract's text: the one line of 44 MRZ characters that
    verifies. Raises MrzError (with the last reason) when none does."""
    lines = [re.sub(r"[^A-Z0-9<]", "", line.upper()) for line in text.splitlines()]
    reason = f"no MRZ line of {LINE} characters (line lengths {[len(x) for x in lines if x]})"
    for line in lines:
        if len(line) == LINE and not line.startswith("P"):
            try:
                return verified_key(line)
            except MrzError as error:
                reason = str(error)
    raise MrzError(reason)


def key_from_glyphs(lines: list[ocrb.GlyphLine]) -> MrzKey:
    """The access key in the lines read by shape. A document-number glyph that looks
    nearly as much like a character the check digit cannot tell from it (S and 8,
    G and 6: their values differ by a multiple of 10) is refused; any other
    doubt is left to the check digits."""
    reason = f"no MRZ line of {LINE} glyphs (lines of {[len(x.text) for x in lines]})"
    for line in lines:
        if len(line.text) != LINE or line.text.startswith("P"):
            continue
        if any(margin < MIN_NUMBER_MARGIN
               and (char_value(best) - char_value(runner_up)) % 10 == 0
               for best, runner_up, margin in zip(line.text[0:9], line.runners_up[0:9],
                                                  line.margins[0:9], strict=True)):
            reason = "a glyph of the document number is ambiguous"
            continue
        try:
            return verified_key(line.text)
        except MrzError as error:
            reason = str(error)
    raise MrzError(reason)


def _band(page: np.ndarray) -> np.ndarray:
    """The MRZ band of an upright page, black on white."""
    gray = page if page.ndim == 2 else cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    band = gray[int(gray.shape[0] * MRZ_TOP_SHARE):, :]
    # uneven light: divide by a blurred copy, then Otsu
    background = cv2.GaussianBlur(band, (0, 0), 25)
    flat = cv2.divide(band, background, scale=255)
    _, binary = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return cv2.copyMakeBorder(binary, 20, 20, 20, 20, cv2.BORDER_CONSTANT, value=255)


def _pages(frame: np.ndarray) -> list[np.ndarray]:
    corners = find_document(frame, min_area_share=0.10)
    if corners is None:
        page = cv2.resize(frame, PAGE_SIZE, interpolation=cv2.INTER_AREA)
    else:
        top = np.linalg.norm(corners[1] - corners[0])
        left = np.linalg.norm(corners[3] - corners[0])
        if left > top:  # the page stands on its side: a quarter turn makes it landscape
            corners = np.roll(corners, 1, axis=0)
        page = warp_to_page(frame, corners, PAGE_SIZE)
    return [page, cv2.rotate(page, cv2.ROTATE_180)]


def _tesseract(image: np.ndarray) -> str:
    import pytesseract

    return pytesseract.image_to_string(image, lang="eng", config=TESSERACT_CONFIG)


def read_mrz(frame: np.ndarray, *, engine: str = "ocr-b") -> MrzRead:
    """Read and verify a passport's access key in a BGR camera frame, by the glyphs'
    shapes (`engine="tesseract"`: by tesseract, for the benchmark only)."""
    if frame is None or frame.ndim not in (2, 3) or min(frame.shape[:2]) < 64:
        return MrzRead(None, "no usable frame")
    if engine == "ocr-b" and not ocrb.available():
        return MrzRead(None, f"the OCR-B font is not installed ({ocrb.FONT})")
    reasons, text = [], ""
    for page in _pages(frame):
        band = _band(page)
        try:
            if engine == "tesseract":
                text = _tesseract(band)
                return MrzRead(key_from_text(text), engine=engine, text=text)
            glyphs = ocrb.read_lines(band)
            text = "\n".join(line.text for line in glyphs)
            return MrzRead(key_from_glyphs(glyphs), engine=engine, text=text)
        except MrzError as error:
            reasons.append(str(error))
    return MrzRead(None, "; ".join(reasons), text)
