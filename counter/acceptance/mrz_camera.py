"""The passport's access key read by the workbench's camera (the clerk's first way;
typing the number and dates stays the other).

`MrzCamera.start()` shows nothing: the camera's frames are read where the camera
runs (its own process, as the kiosk's: `terminal.devices.mrz_scan`, OpenCV and
tesseract stay out of the clerk's window) until two reads give the same verified
key, which `keyRead(MrzKey)` carries; the camera then stops. The frames are
never shown nor kept. A camera that stops delivering ends the scan with
`cameraLost` (`CameraWatch`), so the clerk types the key instead of waiting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from counter.acceptance.camera_watch import CameraWatch

if TYPE_CHECKING:
    from terminal.devices.workers import CameraAdapter


class MrzCamera(QObject):
    keyRead = Signal(object)  # MrzKey
    cameraLost = Signal()

    def __init__(self, camera: CameraAdapter | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.camera = camera
        self.scanning = False
        self._watch = CameraWatch(camera, self) if camera is not None else None
        if self._watch is not None:
            self._watch.lost.connect(self._lost)

    def start(self) -> None:
        camera, watch = self.camera, self._watch
        if camera is None or watch is None or self.scanning:
            return
        self.scanning = True
        camera.mrzRead.connect(self._read)
        watch.start()
        camera.start()
        camera.scan_mrz(True)

    def stop(self) -> None:
        camera, watch = self.camera, self._watch
        if camera is None or watch is None or not self.scanning:
            return
        self.scanning = False
        watch.stop()
        camera.scan_mrz(False)
        camera.mrzRead.disconnect(self._read)
        camera.stop(wait=False)

    def _read(self, key: object) -> None:
        if self.scanning:
            self.stop()
            self.keyRead.emit(key)

    def _lost(self) -> None:
        if self.scanning:
            self.stop()
            self.cameraLost.emit()
