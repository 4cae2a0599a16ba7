"""Synthetic camera scenes for the simulator, the benchmark and the tests.

`receipt_scene` renders a receipt with its status QR code into a 1280x720
frame (placed, rotated, tilted); `distort` adds blur and sensor noise;
`page_scene` photographs a white A4 page with marks on a dark textured desk.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import qrcode
from qrcode.constants import ERROR_CORRECT_M

FRAME_SIZE = (1280, 720)
RECEIPT_WIDTH = 576  # dots on an 80 mm receipt printer at 203 dpi


def status_payload(sequence: int, day: str = "20261125", terminal: str = "K01",
                   host: str = "status.example") -> str:
    """The status QR content the project prints, e.g. https://status.example/a/RC-..."""
    return f"https://{host}/a/RC-{day}-{terminal}-{sequence:05d}"


def qr_image(text: str, module_px: int = 6, border: int = 4) -> np.ndarray:
    """A black-on-white QR code as a grayscale uint8 array."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=module_px, border=border)
    code.add_data(text)
    code.make(fit=True)
    matrix = np.array(code.get_matrix(), dtype=bool)  # includes the border
    image = np.where(matrix, 0, 255).astype(np.uint8)
    return np.kron(image, np.ones((module_px, module_px), dtype=np.uint8))


@dataclass(frozen=True, slots=True)
class Receipt:
    image: np.ndarray  # BGR
    qr_box: tuple[int, int, int]  # x, y, side of the QR code (quiet zone excluded)


def render_receipt(payload: str, module_px: int = 6) -> Receipt:
    """A receipt-like image: text lines above and below the status QR code."""
    border = 4
    qr = qr_image(payload, module_px, border)
    lines_above = ["Community Reception Center", "Receipt", "RC-20261125-K01-00042",
                   "2026-11-25 10:42", "Service: residence certificate"]
    height = 60 + 36 * len(lines_above) + qr.shape[0] + 120
    image = np.full((height, RECEIPT_WIDTH, 3), 250, np.uint8)
    y = 50
    for line in lines_above:
        cv2.putText(image, line, (24, y), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (30, 30, 30), 2,
                    cv2.LINE_AA)
        y += 36
    x = (RECEIPT_WIDTH - qr.shape[1]) // 2
    image[y:y + qr.shape[0], x:x + qr.shape[1]] = qr[:, :, None]
    cv2.putText(image, "Scan to follow your application", (60, y + qr.shape[0] + 40),
                cv2.FONT_HERSHEY_SIMPLEX, 0.6, (30, 30, 30), 1, cv2.LINE_AA)
    quiet = border * module_px
    return Receipt(image, (x + quiet, y + quiet, qr.shape[1] - 2 * quiet))


def desk_background(rng: np.random.Generator, size: tuple[int, int] = FRAME_SIZE,
                    level: int = 90) -> np.ndarray:
    """A textured, unevenly lit background (wood-ish grain and a gradient)."""
    w, h = size
    grain = rng.normal(0, 1, (h // 8 + 1, w // 8 + 1)).astype(np.float32)
    grain = cv2.resize(cv2.GaussianBlur(grain, (0, 0), 1.5), (w, h))
    ramp = np.linspace(-20, 20, w, dtype=np.float32)[None, :]
    gray = np.clip(level + 18 * grain + ramp, 0, 255).astype(np.uint8)
    return cv2.merge([gray, (gray * 0.9).astype(np.uint8), (gray * 0.8).astype(np.uint8)])


def receipt_scene(payload: str, rng: np.random.Generator, *, qr_px: float = 200,
                  angle: float = 0.0, tilt: float = 0.0,
                  size: tuple[int, int] = FRAME_SIZE) -> np.ndarray:
    """Photograph a receipt: its QR code `qr_px` wide, turned by `angle` degrees.

    `tilt` moves each corner of the QR square by up to that share of its side
    (perspective). The QR code stays inside the frame.
    """
    receipt = render_receipt(payload)
    qx, qy, side = receipt.qr_box
    src = np.float32([[qx, qy], [qx + side, qy], [qx + side, qy + side], [qx, qy + side]])
    w, h = size
    margin = qr_px * 0.9
    cx = rng.uniform(margin, w - margin) if w > 2 * margin else w / 2
    cy = rng.uniform(margin, h - margin) if h > 2 * margin else h / 2
    half = qr_px / 2
    square = np.float32([[-half, -half], [half, -half], [half, half], [-half, half]])
    theta = np.deg2rad(angle)
    rotation = np.float32([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    jitter = rng.uniform(-tilt, tilt, (4, 2)).astype(np.float32) * qr_px
    dst = (square @ rotation.T) + jitter + np.float32([cx, cy])
    homography = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
    frame = desk_background(rng, size)
    warped = cv2.warpPerspective(receipt.image, homography, size, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full(receipt.image.shape[:2], 255, np.uint8), homography, size)
    frame[mask > 127] = warped[mask > 127]
    return frame


def distort(frame: np.ndarray, rng: np.random.Generator, *, blur_sigma: float = 0.0,
            noise_sigma: float = 0.0, jpeg_quality: int | None = None) -> np.ndarray:
    """Gaussian blur, then Gaussian sensor noise, then optional JPEG compression."""
    out = frame
    if blur_sigma > 0:
        out = cv2.GaussianBlur(out, (0, 0), blur_sigma)
    if noise_sigma > 0:
        noise = rng.normal(0, noise_sigma, out.shape)
        out = np.clip(out.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    if jpeg_quality is not None:
        ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, jpeg_quality])
        if ok:
            out = cv2.imdecode(data, cv2.IMREAD_COLOR)
    return out


# -- a page on a desk ---------------------------------------------------------

A4_PORTRAIT = (1240, 1754)  # 150 dpi


@dataclass(frozen=True, slots=True)
class PageScene:
    frame: np.ndarray
    corners: np.ndarray  # 4x2 float32, page corners in the frame: tl, tr, br, bl
    marks: tuple[tuple[float, float], ...]  # mark centres as shares of page width/height


PAGE_MARKS = ((0.15, 0.1), (0.85, 0.1), (0.5, 0.5), (0.15, 0.9), (0.85, 0.9))


def render_page(size: tuple[int, int] = (620, 877)) -> np.ndarray:
    """A white A4 page with filled black discs at `PAGE_MARKS` and a few text lines."""
    w, h = size
    page = np.full((h, w, 3), 245, np.uint8)
    radius = max(4, w // 40)
    for mx, my in PAGE_MARKS:
        cv2.circle(page, (round(mx * w), round(my * h)), radius, (0, 0, 0), -1, cv2.LINE_AA)
    for i in range(8):
        y = round(h * (0.2 + 0.035 * i))
        cv2.line(page, (round(w * 0.25), y), (round(w * 0.75), y), (60, 60, 60), 2)
    return page


def page_scene(rng: np.random.Generator, *, size: tuple[int, int] = FRAME_SIZE,
               tilt: float = 0.08, page_height_share: float = 0.85) -> PageScene:
    """A page photographed at an angle on a dark textured desk."""
    page = render_page()
    ph, pw = page.shape[:2]
    w, h = size
    target_h = h * page_height_share
    target_w = target_h * pw / ph
    x0, y0 = (w - target_w) / 2, (h - target_h) / 2
    rect = np.float32([[x0, y0], [x0 + target_w, y0], [x0 + target_w, y0 + target_h],
                       [x0, y0 + target_h]])
    corners = rect + rng.uniform(-tilt, tilt, (4, 2)).astype(np.float32) * target_h
    src = np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]])
    homography = cv2.getPerspectiveTransform(src, corners)
    frame = desk_background(rng, size, level=60)
    warped = cv2.warpPerspective(page, homography, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), homography, size)
    frame[mask > 127] = warped[mask > 127]
    frame = distort(frame, rng, blur_sigma=0.8, noise_sigma=4)
    return PageScene(frame, corners.astype(np.float32), PAGE_MARKS)


# -- a resident in front of the kiosk ---------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonScene:
    frame: np.ndarray
    portrait_box: tuple[int, int, int]  # x, y, side of the pasted portrait in the frame


def person_scene(portrait: np.ndarray, rng: np.random.Generator, *, portrait_px: int = 520,
                 payload: str | None = None, qr_px: float = 180,
                 size: tuple[int, int] = FRAME_SIZE) -> PersonScene:
    """A portrait photo (scaled to `portrait_px` square) on the left of a desk scene.

    With `payload`, the right part of the frame shows a receipt with that
    status QR code, `qr_px` wide, as `receipt_scene` photographs it.
    """
    w, h = size
    side = min(portrait_px, h)
    left = side + 40
    frame = desk_background(rng, size)
    if payload is not None:
        frame[:, left:] = receipt_scene(payload, rng, qr_px=qr_px, size=(w - left, h))
    x, y = int(rng.integers(0, left - side + 1)), int(rng.integers(0, h - side + 1))
    frame[y:y + side, x:x + side] = cv2.resize(portrait, (side, side),
                                               interpolation=cv2.INTER_AREA)
    return PersonScene(frame, (x, y, side))
