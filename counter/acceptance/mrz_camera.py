"""The passport's access key read by the workbench's camera (the clerk's first way;
typing the number and dates stays the other).

`MrzCamera.start()` shows nothing: the camera's frames are read off the GUI
thread (`terminal.devices.mrz_scan`) until two reads give the same verified
key, which `keyRead(MrzKey)` carries; the camera then stops. The frames are
never shown nor kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from terminal.devices.workers import CameraAdapter


class MrzCamera(QObject):
    keyRead = Signal(object)  # MrzKey

    def __init__(self, camera: CameraAdapter | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.camera = camera
        self.scanning = False

    def start(self) -> None:
        camera = self.camera
        if camera is None or self.scanning:
            return
        self.scanning = True
        camera.mrzRead.connect(self._read)
        camera.start()
        camera.scan_mrz(True)

    def stop(self) -> None:
        camera = self.camera
        if camera is None or not self.scanning:
            return
        self.scanning = False
        camera.scan_mrz(False)
        camera.mrzRead.disconnect(self._read)
        camera.stop(wait=False)

    def _read(self, key: object) -> None:
        if self.scanning:
            self.stop()
            self.keyRead.emit(key)
