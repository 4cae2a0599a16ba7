"""What the kiosk's done screens show: the summary beside (or above) a QR code
and, when the receipt cannot be printed, the rendered slip, scaled up with
sharp pixels so its QR code can be photographed."""

from __future__ import annotations

from collections.abc import Callable

from PIL import Image
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from hardware.printer.raster import qr_image
from terminal.widgets.labels import role_label

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

    def set_slip(self, image: Image.Image | QImage | None, text: str = "") -> None:
        """Show `image`; `text`, its words, is what a screen reader says of it."""
        self._image = pil_to_qimage(image) if isinstance(image, Image.Image) else image
        self.setAccessibleName(text if image is not None else "")
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


def qr_pixmap(payload: str, pixels: int) -> QPixmap:
    """`payload` as a QR code `pixels` wide (drawn at twice the size, scaled down sharp)."""
    return QPixmap.fromImage(pil_to_qimage(qr_image(payload, pixels * 2)).scaled(
        pixels, pixels, Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.FastTransformation))


class SlipPages(QStackedWidget):
    """A done screen's two pages: the summary (`card` beside or above the QR code and
    its caption) and the slip page (`slip_page`) when the printer failed. `wrap`
    puts the summary page in a container (a scroll area) first."""

    def __init__(self, card: QWidget, qr_pixels: int,
                 wrap: Callable[[QWidget], QWidget] = lambda page: page,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qr_pixels = qr_pixels
        self.qr = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.qr_caption = role_label("subtitle", align=Qt.AlignmentFlag.AlignCenter)
        summary = QWidget()
        self.summary_flow = flow_layout(summary)
        qr_box = QWidget()
        qr_layout = QVBoxLayout(qr_box)
        qr_layout.addStretch(1)
        qr_layout.addWidget(self.qr)
        qr_layout.addWidget(self.qr_caption)
        qr_layout.addStretch(1)
        self.summary_flow.addWidget(card, 3)
        self.summary_flow.addWidget(qr_box, 2)
        self.slip_page = SlipPage()
        self.addWidget(wrap(summary))
        self.addWidget(self.slip_page)

    def show_summary(self, qr_payload: str | None) -> None:
        """The summary page with a fresh QR code (None: none) and no slip."""
        self.setCurrentIndex(0)
        self.slip_page.slip.set_slip(None)
        if qr_payload is None:
            self.qr.clear()
        else:
            self.qr.setPixmap(qr_pixmap(qr_payload, self.qr_pixels))

    def show_slip(self, image: Image.Image | QImage, text: str = "") -> None:
        self.slip_page.slip.set_slip(image, text)
        self.setCurrentIndex(1)

    def slip_shown(self) -> bool:
        return self.currentIndex() == 1 and self.slip_page.slip.has_slip()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.width() > self.height()
        way = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        self.summary_flow.setDirection(way)
        self.slip_page.flow.setDirection(way)
