"""A receipt shown on screen when it cannot be printed: the rendered slip,
scaled up with sharp pixels so its QR code can be photographed."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QSizePolicy, QWidget

MAX_SCALE = 3.0


def pil_to_qimage(image: Image.Image) -> QImage:
    """A PIL image (any mode) as a grayscale or RGB QImage owning its pixels."""
    if image.mode in ("1", "L"):
        gray = image.convert("L")
        return QImage(gray.tobytes(), gray.width, gray.height, gray.width,
                      QImage.Format.Format_Grayscale8).copy()
    rgb = image.convert("RGB")
    return QImage(rgb.tobytes(), rgb.width, rgb.height, rgb.width * 3,
                  QImage.Format.Format_RGB888).copy()


class SlipView(QLabel):
    """Shows one slip image as large as the space allows (never blurred)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slipView")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._image: QImage | None = None

    def set_slip(self, image: Image.Image | QImage | None) -> None:
        self._image = pil_to_qimage(image) if isinstance(image, Image.Image) else image
        self._rescale()

    def has_slip(self) -> bool:
        return self._image is not None

    def sizeHint(self) -> QSize:
        return QSize(600, 900)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._image is None or self._image.isNull():
            self.clear()
            return
        room = self.contentsRect().size() - QSize(8, 8)
        scale = min(room.width() / self._image.width(), room.height() / self._image.height(),
                    MAX_SCALE)
        size = QSize(max(1, int(self._image.width() * scale)),
                     max(1, int(self._image.height() * scale)))
        self.setPixmap(QPixmap.fromImage(self._image.scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation)))


def flow_layout(widget: QWidget) -> QBoxLayout:
    """A box that screens turn left-to-right in landscape, top-to-bottom in portrait."""
    layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(24)
    return layout


class SlipPage(QWidget):
    """What a done screen shows when the printer failed: why, and the slip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow_layout(self)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("role", "slip-message")
        self.message.setProperty("state", "attention")
        self.message.setObjectName("slipMessage")
        self.slip = SlipView()
        self.flow.addWidget(self.message, 1)
        self.flow.addWidget(self.slip, 3)
