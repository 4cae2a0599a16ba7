"""The passport's access key read by the camera: the first way, the keypad the fallback.

The resident lays the passport open at the photo page under the camera; the
camera's process reads the two MRZ lines at the foot of the page and verifies
their check digits (`terminal.devices.mrz_scan`); `keyRead(MrzKey)` carries
the key once two frames agree. "Type the numbers instead" (`typeInstead`)
leads to the keypad (`passport_entry`). The live picture is only shown, never
kept.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from terminal.widgets.camera_view import CameraView
from terminal.widgets.labels import role_label


class PassportScanPage(QWidget):
    keyRead = Signal(object)  # MrzKey
    typeInstead = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passportScan")
        self.camera: Any = None
        self.prompt = role_label("touch", align=Qt.AlignmentFlag.AlignCenter,
                                 name="passportScanPrompt")
        self.hint = role_label("subtitle", align=Qt.AlignmentFlag.AlignCenter,
                               name="passportScanHint")
        self.view = CameraView()
        self.view.setObjectName("passportScanView")
        self.view.setMinimumSize(320, 240)
        self.type_instead = QPushButton()
        self.type_instead.setObjectName("passportTypeInstead")
        self.type_instead.setProperty("role", "secondary")
        self.type_instead.clicked.connect(self.typeInstead)
        # the picture takes the room that is left: it never pushes the button away
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        text = QVBoxLayout()
        text.setSpacing(16)
        text.addWidget(self.prompt)
        text.addWidget(self.hint)
        text.addStretch(1)
        text.addWidget(self.type_instead)
        self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self._layout.setSpacing(24)
        self._layout.addLayout(text)
        self._layout.addWidget(self.view, 1)
        self._text = text
        self.set_landscape(False)
        self.retranslate()

    def set_landscape(self, landscape: bool) -> None:
        """The picture beside the words in landscape, between them and the button in
        portrait."""
        self._layout.setDirection(QBoxLayout.Direction.LeftToRight if landscape
                                  else QBoxLayout.Direction.TopToBottom)
        self._layout.setStretch(0, 1 if landscape else 0)
        self._layout.setStretch(1, 1)
        self._text.removeWidget(self.type_instead)
        self._layout.removeWidget(self.type_instead)
        if landscape:
            self._text.addWidget(self.type_instead)
        else:
            self._layout.addWidget(self.type_instead)

    def start(self, camera: Any) -> None:
        """Show the camera and look for the MRZ in its frames."""
        if self.camera is not None:
            return
        self.camera = camera
        camera.frameReady.connect(self.view.show_frame)
        camera.mrzRead.connect(self._read)
        camera.start()
        camera.scan_mrz(True)

    def stop(self) -> None:
        camera, self.camera = self.camera, None
        self.view.clear()
        if camera is None:
            return
        camera.scan_mrz(False)
        camera.frameReady.disconnect(self.view.show_frame)
        camera.mrzRead.disconnect(self._read)
        camera.stop(wait=False)

    def _read(self, key: object) -> None:
        if self.camera is not None:
            self.stop()
            self.keyRead.emit(key)

    def retranslate(self) -> None:
        self.prompt.setText(self.tr("Lay your passport open at the photo page under the "
                                    "camera"))
        self.hint.setText(self.tr("The two lines of letters and <<< at the foot of the page "
                                  "are read, then the chip."))
        self.type_instead.setText(self.tr("Type the passport's numbers instead"))
