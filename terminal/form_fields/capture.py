"""A picture from the camera, processed off the GUI thread (`images`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from sync.protocol.models import FieldType, FormField
from terminal.background import run_in_background
from terminal.form_fields.base import FieldInput, translate
from terminal.form_fields.images import Capture, CaptureKind, process_frame
from terminal.widgets.camera_view import CameraView

if TYPE_CHECKING:
    import numpy as np

    from terminal.devices.workers import CameraAdapter

NO_FRAME_TIMEOUT_MS = 6000


class CaptureInput(FieldInput):
    """A picture from the camera: a portrait (face checked), a document (perspective
    corrected), or an ordinary picture; by default the field's type decides."""

    def __init__(
        self,
        field: FormField,
        camera: CameraAdapter | None,
        kind: CaptureKind | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field, parent)
        self.kind: CaptureKind = kind or (
            "document" if field.type is FieldType.DOCUMENT else "portrait")
        self.camera = camera
        self.available = camera is not None
        self._jpeg: bytes | None = None
        self._frame: QImage | None = None
        self._active = False
        self._busy = False
        self._listening = False  # connected to the camera's signals
        self.preview = CameraView()
        self.preview.setMinimumSize(320, 240)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setObjectName("cameraPreview")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("role", "subtitle")
        self.take = QPushButton()
        self.take.clicked.connect(self._take)
        self.again = QPushButton()
        self.again.setProperty("role", "secondary")
        self.again.clicked.connect(self._again)
        buttons = QHBoxLayout()
        buttons.addWidget(self.take, 1)
        buttons.addWidget(self.again, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._no_frame = QTimer(self)
        self._no_frame.setSingleShot(True)
        self._no_frame.setInterval(NO_FRAME_TIMEOUT_MS)
        self._no_frame.timeout.connect(self._camera_failed)
        self._refresh()

    # ---- value
    def value(self) -> bytes | None:
        return self._jpeg

    def set_value(self, value: Any) -> None:
        self._jpeg = value if isinstance(value, bytes) else None
        if self._jpeg is not None:
            image = QImage.fromData(self._jpeg)
            self._show_image(image)
        self._refresh()

    def problem(self) -> str:
        if self._jpeg is not None:
            return ""
        if not self.available:
            return (
                translate(
                    "FormFields",
                    "The camera is not working, and this picture is needed. "
                    "Please go to a window to finish this application.",
                )
                if self.field.required
                else ""
            )
        return (
            translate("FormFields", "Please take the picture first.") if self.field.required else ""
        )

    # ---- camera
    def activate(self) -> None:
        self._active = True
        if self.camera is None or not self.available or self._jpeg is not None:
            self._refresh()
            return
        if not self._listening:
            self.camera.frameReady.connect(self._frame_ready)
            self.camera.healthChanged.connect(self._health)
            self._listening = True
        self.camera.start()
        self._no_frame.start()
        self._refresh()

    def deactivate(self) -> None:
        self._active = False
        self._no_frame.stop()
        self._stop_camera()

    def _stop_camera(self) -> None:
        if self.camera is None:
            return
        if self._listening:  # a slot not connected must not be disconnected (a warning)
            self.camera.frameReady.disconnect(self._frame_ready)
            self.camera.healthChanged.disconnect(self._health)
            self._listening = False
        if self.camera.capturing:
            self.camera.stop(wait=False)

    def _frame_ready(self, image: QImage) -> None:
        self._no_frame.stop()
        self._frame = image
        if self._jpeg is None and not self._busy:
            self._show_image(image)

    def _health(self, health: object) -> None:
        from hardware.health import HealthState

        if getattr(health, "state", None) is HealthState.OFFLINE and self._frame is None:
            self._camera_failed()

    def _camera_failed(self) -> None:
        self.available = False
        self._stop_camera()
        self._refresh()
        self.changed.emit()

    def _show_image(self, image: QImage) -> None:
        self.preview.show_frame(image)

    def _take(self) -> None:
        if self._frame is None or self._busy:
            return
        self._busy = True
        self._refresh()
        if self.camera is not None:  # its newest full-size frame, where the camera runs
            self.camera.take_picture(self, self.kind, self._processed, self._process_failed)

    def capture_frame(self, frame: np.ndarray) -> None:
        """Process a frame directly (tests, or a frame from elsewhere)."""
        self._busy = True
        self._refresh()
        run_in_background(
            self, lambda: process_frame(frame, self.kind), self._processed, self._process_failed
        )

    def _processed(self, capture: Capture) -> None:
        self._busy = False
        if capture.jpeg is None:
            self.message.setText(capture.message)
            self.changed.emit()
            return
        self._jpeg = capture.jpeg
        if capture.preview is not None:
            self._show_image(capture.preview)
        self._stop_camera()
        self._refresh()
        self.changed.emit()

    def _process_failed(self, _message: str) -> None:
        self._busy = False
        self.message.setText(
            translate("FormFields", "The picture could not be taken. Please try again.")
        )

    def _again(self) -> None:
        self._jpeg = None
        self.preview.clear()
        if self._active:
            self.activate()
        self._refresh()
        self.changed.emit()

    def _refresh(self) -> None:
        taken = self._jpeg is not None
        self.take.setVisible(self.available and not taken)
        self.take.setEnabled(not self._busy)
        self.again.setVisible(self.available and taken)
        if not self.available:
            self.preview.setText(translate("FormFields", "Camera not available"))
            self.message.setText(
                translate(
                    "FormFields",
                    "The camera is not working, and this picture is needed. "
                    "Please go to a window to finish this application.",
                )
                if self.field.required
                else translate(
                    "FormFields", "The camera is not working. You can go on without this picture."
                )
            )
        elif self._busy:
            self.message.setText(translate("FormFields", "Checking the picture…"))
        elif taken:
            self.message.setText(
                translate("FormFields", "Picture taken. Touch “Take again” if you want a new one.")
            )
        elif self.kind == "document":
            self.message.setText(
                translate(
                    "FormFields", "Lay the page flat under the camera, then touch “Take picture”."
                )
            )
        elif self.kind == "picture":
            self.message.setText(
                translate("FormFields", "Hold up what you want to show in front of the camera, "
                          "then touch “Take picture”.")
            )
        else:
            self.message.setText(
                translate("FormFields", "Look straight at the camera, then touch “Take picture”.")
            )
        self.retranslate_buttons()

    def retranslate_buttons(self) -> None:
        self.take.setText(translate("FormFields", "Take picture"))
        self.again.setText(translate("FormFields", "Take again"))

    def retranslate(self) -> None:
        self._refresh()

