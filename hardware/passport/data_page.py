"""Synthetic passport data pages, photographed, for the MRZ benchmark, tests and demo.

`render_data_page` draws a TD3 data page (125 x 88 mm at 10 px/mm): a tinted
security background, a photo, the printed fields and the two MRZ lines in
OCR-B (Debian's fonts-ocr-b) at the MRZ's 2.54 mm pitch. `photograph` lays it
on a desk in front of the document camera: perspective, blur, sensor noise
and JPEG, as `hardware.camera.synthetic` does for receipts and pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from hardware.camera.synthetic import desk_background, distort

__all__ = ["OCR_B", "Photo", "photograph", "render_data_page"]

PAGE_SIZE = (1250, 880)
OCR_B = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
_FALLBACK = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
_TEXT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PITCH = 25.4  # px per MRZ character: 2.54 mm at 10 px/mm


def _mrz_font() -> ImageFont.FreeTypeFont:
    path = OCR_B if OCR_B.exists() else _FALLBACK
    font = ImageFont.truetype(str(path), 40)
    advance = font.getlength("<" * 44) / 44
    return ImageFont.truetype(str(path), round(40 * PITCH / advance))


def _background(rng: np.random.Generator) -> np.ndarray:
    w, h = PAGE_SIZE
    x = np.linspace(0, 6 * np.pi, w)[None, :]
    y = np.linspace(0, 4 * np.pi, h)[:, None]
    phase = rng.uniform(0, np.pi)
    wave = (np.sin(x + 2 * np.sin(y + phase)) + np.sin(y * 3 + x / 2)) * 6
    base = np.stack([np.full((h, w), c, np.float32) for c in (236, 240, 228)], axis=2)
    return np.clip(base + wave[:, :, None], 0, 255).astype(np.uint8)


def render_data_page(lines: tuple[str, str], rng: np.random.Generator, *,
                     face: np.ndarray | None = None,
                     fields: tuple[tuple[str, str], ...] = ()) -> np.ndarray:
    """A passport's data page (BGR, `PAGE_SIZE`) whose MRZ reads `lines`."""
    page = _background(rng)
    if face is not None:
        page[150:550, 60:380] = cv2.resize(face, (320, 400), interpolation=cv2.INTER_AREA)
    image = Image.fromarray(cv2.cvtColor(page, cv2.COLOR_BGR2RGB))
    draw = ImageDraw.Draw(image)
    small, value = ImageFont.truetype(str(_TEXT), 20), ImageFont.truetype(str(_TEXT), 30)
    draw.text((60, 50), "PASSPORT", font=value, fill=(40, 40, 90))
    y = 150
    for name, text in fields:
        draw.text((430, y), name, font=small, fill=(90, 90, 120))
        draw.text((430, y + 24), text, font=value, fill=(20, 20, 20))
        y += 72
    font = _mrz_font()
    for row, line in enumerate(lines):
        draw.text((60, 690 + row * 80), line, font=font, fill=(15, 15, 15))
    return cv2.cvtColor(np.asarray(image), cv2.COLOR_RGB2BGR)


@dataclass(frozen=True, slots=True)
class Photo:
    frame: np.ndarray
    corners: np.ndarray  # tl, tr, br, bl of the page in the frame


def photograph(page: np.ndarray, rng: np.random.Generator, *,
               size: tuple[int, int] = (1920, 1080), page_share: float = 0.7,
               tilt: float = 0.05, angle: float = 0.0, blur_sigma: float = 1.0,
               noise_sigma: float = 4.0, jpeg_quality: int | None = 85) -> Photo:
    """The page on a desk, `page_share` of the frame's width, seen at an angle."""
    ph, pw = page.shape[:2]
    w, h = size
    target_w = w * page_share
    target_h = target_w * ph / pw
    if target_h > h * 0.92:
        target_h = h * 0.92
        target_w = target_h * pw / ph
    half = np.float32([[-target_w / 2, -target_h / 2], [target_w / 2, -target_h / 2],
                       [target_w / 2, target_h / 2], [-target_w / 2, target_h / 2]])
    theta = np.deg2rad(angle)
    turn = np.float32([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    jitter = rng.uniform(-tilt, tilt, (4, 2)).astype(np.float32) * target_h
    corners = (half @ turn.T + jitter + np.float32([w / 2, h / 2])).astype(np.float32)
    src = np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]])
    homography = cv2.getPerspectiveTransform(src, corners)
    frame = desk_background(rng, size, level=60)
    warped = cv2.warpPerspective(page, homography, size, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((ph, pw), 255, np.uint8), homography, size)
    frame[mask > 127] = warped[mask > 127]
    frame = distort(frame, rng, blur_sigma=blur_sigma, noise_sigma=noise_sigma,
                    jpeg_quality=jpeg_quality)
    return Photo(frame, corners)
