"""A label that shows camera frames: each frame is painted once, scaled while painting.

`show_frame(image)` keeps the image and asks for a repaint; the paint draws
it into the largest rectangle of the image's proportions that fits, with
Qt's raster engine (smooth scaling from an RGB32 image, the fast path; see
`frame_to_preview`). No pixmap is built and no scaled copy is made per
frame, and frames that arrive before the next paint just replace the image.
Text (`setText`) and `clear()` work as on a QLabel and drop the frame.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget


def fit_rect(image: QSize, area: QRect) -> QRect:
    """The largest rectangle of `image`'s proportions centred in `area`."""
    size = image.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRect(area.x() + (area.width() - size.width()) // 2,
                 area.y() + (area.height() - size.height()) // 2, size.width(), size.height())


class CameraView(QLabel):
    """Shows the newest camera frame; `frames_shown` counts the frames it was given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._frame: QImage | None = None
        self.frames_shown = 0

    def show_frame(self, image: QImage) -> None:
        if self._frame is None and self.text():
            super().clear()
        self._frame = image
        self.frames_shown += 1
        self.update()

    def frame(self) -> QImage | None:
        """The frame on show, or None."""
        return self._frame

    def frame_rect(self) -> QRect:
        """Where the frame is painted, in widget pixels (empty without a frame)."""
        if self._frame is None or self._frame.isNull():
            return QRect()
        return fit_rect(self._frame.size(), self.contentsRect())

    def setText(self, text: str) -> None:
        self._frame = None
        super().setText(text)

    def clear(self) -> None:
        self._frame = None
        super().clear()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)  # background, frame and any text
        target = self.frame_rect()
        if target.isEmpty():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self._frame)
        self.paint_over(painter, target)
        painter.end()

    def paint_over(self, painter: QPainter, target: QRect) -> None:
        """Draw on top of the frame painted into `target` (overlays); nothing here."""
