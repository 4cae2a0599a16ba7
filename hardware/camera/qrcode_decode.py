"""Decode receipt QR codes from camera frames, and parse the status QR payload.

Two decoders sit behind `decode_qr(frame, decoder=...)`: zxing-cpp
(`"zxing"`) and OpenCV's `QRCodeDetector` (`"opencv"`). The default is
zxing-cpp, chosen by measurement with `scripts/bench_camera.py`
(__BENCH_RESULTS__)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Literal

import cv2
import numpy as np
import zxingcpp

Decoder = Literal["zxing", "opencv"]
DEFAULT_DECODER: Decoder = "zxing"

#: Frames whose shorter side is below this cannot hold a readable QR code.
MIN_SIDE = 21


def decode_qr(frame: np.ndarray, decoder: Decoder = DEFAULT_DECODER) -> list[str]:
    """Texts of the QR codes found in a BGR or grayscale frame (may be empty).

    Never raises for image content: an empty, tiny or odd frame gives `[]`.
    Raises `ValueError` for an unknown decoder.
    """
    gray = _as_gray(frame)
    if gray is None:
        return []
    if decoder == "zxing":
        return _decode_zxing(gray)
    if decoder == "opencv":
        return _decode_opencv(gray)
    raise ValueError(f"unknown QR decoder {decoder!r}: 'zxing' or 'opencv'")


def _as_gray(frame: object) -> np.ndarray | None:
    if not isinstance(frame, np.ndarray) or frame.ndim not in (2, 3):
        return None
    if frame.ndim == 3 and frame.shape[2] not in (1, 3, 4):
        return None
    if min(frame.shape[:2]) < MIN_SIDE:
        return None
    if frame.dtype != np.uint8:
        if not np.issubdtype(frame.dtype, np.number):
            return None
        frame = np.clip(np.nan_to_num(frame), 0, 255).astype(np.uint8)
    if frame.ndim == 3:
        channels = frame.shape[2]
        if channels == 1:
            frame = frame[:, :, 0]
        else:
            code = cv2.COLOR_BGR2GRAY if channels == 3 else cv2.COLOR_BGRA2GRAY
            frame = cv2.cvtColor(frame, code)
    return np.ascontiguousarray(frame)


def _decode_zxing(gray: np.ndarray) -> list[str]:
    results = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    return _unique(r.text for r in results if r.valid and r.text)


_OPENCV_DETECTOR: cv2.QRCodeDetector | None = None


def _decode_opencv(gray: np.ndarray) -> list[str]:
    global _OPENCV_DETECTOR
    if _OPENCV_DETECTOR is None:
        _OPENCV_DETECTOR = cv2.QRCodeDetector()
    try:
        ok, texts, _points, _straight = _OPENCV_DETECTOR.detectAndDecodeMulti(gray)
        found = list(texts) if ok else []
        if not any(found):
            text, _points, _straight = _OPENCV_DETECTOR.detectAndDecode(gray)
            found = [text]
    except cv2.error:
        return []
    return _unique(t for t in found if t)


def _unique(texts: Iterable[object]) -> list[str]:
    return list(dict.fromkeys(str(text) for text in texts))


# -- the status QR printed on receipts ---------------------------------------

#: Tracking number: RC-<YYYYMMDD>-<terminal id>-<5-digit sequence>, e.g. RC-20261125-K01-00042.
TRACKING_RE = re.compile(r"RC-(?P<day>\d{8})-(?P<terminal>[A-Z][A-Z0-9]{1,7})-(?P<seq>\d{5})")
_URL_RE = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d{1,5})?/a/(?P<tn>[^/?#\s]+)/?"
                     r"(?:[?#]\S*)?", re.IGNORECASE)


class ParseError(ValueError):
    """The scanned text is not one of our status QR codes."""


def parse_status_qr(text: str) -> str:
    """Return the tracking number in a status QR payload, or raise `ParseError`.

    Accepts `https://<host>/a/RC-20261125-K01-00042` (host free, an optional
    trailing slash, query or fragment) and the bare tracking number.
    """
    if not isinstance(text, str):
        raise ParseError("QR content is not text")
    candidate = text.strip()
    if len(candidate) > 200:
        raise ParseError("QR content too long for a status code")
    url = _URL_RE.fullmatch(candidate)
    if url:
        candidate = url["tn"]
    elif "/" in candidate or ":" in candidate:
        raise ParseError(f"not a status link: {candidate[:60]!r}")
    match = TRACKING_RE.fullmatch(candidate)
    if not match:
        raise ParseError(f"not a tracking number: {candidate[:60]!r}")
    day = match["day"]
    try:
        date(int(day[:4]), int(day[4:6]), int(day[6:]))
    except ValueError:
        raise ParseError(f"tracking number has an invalid date: {day}") from None
    if int(match["seq"]) == 0:
        raise ParseError("tracking number has sequence 00000")
    return match.group(0)
