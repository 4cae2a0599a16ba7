"""Document capture: find a page in a frame and correct it to an A4 scan.

The page is the largest convex 4-point contour (Canny edges, then Otsu
brightness as a fallback, each simplified with `approxPolyDP`) covering at
least `min_area_share` of the frame. Its corners are ordered, the page is
warped to A4 proportions (1240x1754 px, 150 dpi; landscape when the page
appears wider than tall) and optionally thresholded into a clean scan.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from hardware.messages import QT_TRANSLATE_NOOP

A4_SIZE = (1240, 1754)  # portrait, 150 dpi
WORK_HEIGHT = 500  # contours are searched on a copy this high
MAX_AREA_SHARE = 0.97  # a "page" filling the whole frame is the frame itself
MIN_CONTRAST = 8.0  # grey-level spread below which brightness cannot separate a page

NO_DOCUMENT_MESSAGE = QT_TRANSLATE_NOOP(
    "Device", "No page found. Please lay the page flat, fully inside the frame.")


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """`image` and `corners` (tl, tr, br, bl in frame pixels) are set when `found`."""

    found: bool
    image: np.ndarray | None = None
    corners: np.ndarray | None = None
    reason: str = ""

    @property
    def resident_message(self) -> str:
        return "" if self.found else NO_DOCUMENT_MESSAGE


def order_corners(points: np.ndarray) -> np.ndarray:
    """Order 4 points as top-left, top-right, bottom-right, bottom-left.

    Points are sorted by angle around their centroid (robust to strong
    rotation), then rolled so the point nearest the image origin comes first.
    """
    pts = np.asarray(points, dtype=np.float32).reshape(4, 2)
    center = pts.mean(axis=0)
    angles = np.arctan2(pts[:, 1] - center[1], pts[:, 0] - center[0])
    pts = pts[np.argsort(angles)]  # clockwise on screen (y grows downwards)
    first = int(np.argmin(pts.sum(axis=1)))
    return np.roll(pts, -first, axis=0)


def find_document(frame: np.ndarray, *, min_area_share: float = 0.15) -> np.ndarray | None:
    """Corners (4x2 float32, ordered) of the largest page-like quadrilateral, or None."""
    if frame is None or frame.ndim not in (2, 3) or min(frame.shape[:2]) < 32:
        return None
    gray = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    scale = min(1.0, WORK_HEIGHT / gray.shape[0])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    frame_area = small.shape[0] * small.shape[1]
    for mask in _candidate_masks(small):
        quad = _largest_quad(mask, min_area_share * frame_area, MAX_AREA_SHARE * frame_area)
        if quad is not None:
            return order_corners(quad / scale)
    return None


def _candidate_masks(gray: np.ndarray) -> list[np.ndarray]:
    median = float(np.median(gray))
    edges = cv2.Canny(gray, int(max(0, 0.66 * median)), int(min(255, 1.33 * median) + 30))
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8), iterations=1)
    if float(gray.std()) < MIN_CONTRAST:
        return [edges]
    _, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    return [edges, bright]


def _largest_quad(mask: np.ndarray, min_area: float, max_area: float) -> np.ndarray | None:
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:8]:
        area = cv2.contourArea(contour)
        if area < min_area:
            break
        if area > max_area:  # the frame's own border, not a page
            continue
        hull = cv2.convexHull(contour)
        perimeter = cv2.arcLength(hull, True)
        for epsilon in (0.02, 0.03, 0.05):
            approx = cv2.approxPolyDP(hull, epsilon * perimeter, True)
            if len(approx) == 4 and cv2.isContourConvex(approx):
                if cv2.contourArea(approx) >= min_area:
                    return approx.reshape(4, 2).astype(np.float32)
                break
    return None


def warp_to_page(frame: np.ndarray, corners: np.ndarray,
                 size: tuple[int, int] = A4_SIZE) -> np.ndarray:
    """Perspective-correct the quadrilateral `corners` (tl, tr, br, bl) to `size`."""
    w, h = size
    target = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
    matrix = cv2.getPerspectiveTransform(np.asarray(corners, np.float32), target)
    return cv2.warpPerspective(frame, matrix, (w, h), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)


def clean_scan(page: np.ndarray) -> np.ndarray:
    """Black-and-white scan: adaptive threshold, robust to uneven lighting."""
    gray = page if page.ndim == 2 else cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)
    block = max(3, (min(gray.shape[:2]) // 40) | 1)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C,
                                 cv2.THRESH_BINARY, block, 10)


def capture_document(frame: np.ndarray, *, size: tuple[int, int] = A4_SIZE,
                     threshold: bool = False, min_area_share: float = 0.15) -> DocumentResult:
    """Find the page in `frame` and return it corrected to A4 (optionally thresholded)."""
    corners = find_document(frame, min_area_share=min_area_share)
    if corners is None:
        return DocumentResult(False, reason="no 4-corner page covering "
                                            f"{min_area_share:.0%} of the frame")
    top = np.linalg.norm(corners[1] - corners[0])
    bottom = np.linalg.norm(corners[2] - corners[3])
    left = np.linalg.norm(corners[3] - corners[0])
    right = np.linalg.norm(corners[2] - corners[1])
    w, h = size
    if (top + bottom) > (left + right) and h > w:
        w, h = h, w  # the page lies sideways: keep its orientation, landscape A4
    page = warp_to_page(frame, corners, (w, h))
    return DocumentResult(True, clean_scan(page) if threshold else page, corners)
