"""Decode receipt QR codes from camera frames (the payload is parsed by `status_qr`).

Two decoders sit behind `decode_qr(frame, decoder=...)`: zxing-cpp
(`"zxing"`) and OpenCV's `QRCodeDetector` (`"opencv"`). The default is
zxing-cpp, chosen by measurement:

    .venv/bin/python scripts/bench_camera.py --samples 20 --seed 7

Receipts carrying `https://status.example/a/RC-...` photographed into
1280x720 frames on a textured desk; successes (exact payload) out of 20 and
mean decode time per frame, opencv-python-headless 4.14.0, zxing-cpp 3.1.1,
one core of this 2-core machine:

    distortion                                   zxing-cpp         OpenCV
    clean (QR 220 px)                          20/20  1.8 ms   20/20  39 ms
    perspective (corners +-22 %, +-20 deg)     19/20  1.8 ms   11/20  42 ms
    blur (Gaussian sigma 2-3.5 px)             17/20  1.9 ms    6/20  54 ms
    noise (Gaussian sigma 40)                  20/20  6.1 ms   20/20  51 ms
    small (QR 55-75 px, ~2 px per module)      20/20  1.5 ms   12/20  53 ms
    rotate (0-360 deg)                         20/20  1.8 ms   20/20  40 ms
    combined (110 px, tilt, blur, noise, JPEG) 19/20  6.0 ms    0/20 122 ms
    all                                       135/140 3.0 ms   89/140  57 ms

zxing-cpp reads more codes, under every distortion, about 19x faster, so it
can run on every frame of a live preview. `QRCodeDetectorAruco` was tried
by hand on a few frames and was not better than the classic detector.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Literal

import cv2
import numpy as np
import zxingcpp

from hardware.camera.status_qr import TRACKING_RE, ParseError, parse_status_qr

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


_LOCAL = threading.local()  # OpenCV detectors are not shared between threads


def _decode_opencv(gray: np.ndarray) -> list[str]:
    detector = getattr(_LOCAL, "detector", None)
    if detector is None:
        detector = _LOCAL.detector = cv2.QRCodeDetector()
    try:
        ok, texts, _points, _straight = detector.detectAndDecodeMulti(gray)
        found = list(texts) if ok else []
        if not any(found):
            text, _points, _straight = detector.detectAndDecode(gray)
            found = [text]
    except cv2.error:
        return []
    return _unique(t for t in found if t)


def _unique(texts: Iterable[object]) -> list[str]:
    return list(dict.fromkeys(str(text) for text in texts))


__all__ = ["TRACKING_RE", "Decoder", "ParseError", "decode_qr", "parse_status_qr"]
