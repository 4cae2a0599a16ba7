"""Whether the workbench's camera is still delivering while the clerk waits on it.

The camera runs in a process of its own (`terminal.devices.camera_process`): a
camera that is unplugged, or a camera process that cannot start or ends, must
not leave the clerk looking at "Comparing…" for ever. `CameraWatch.start()`
listens to the camera's frames and health; `lost` comes once when the camera
reports itself offline or no frame has come for `NO_FRAME_MS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from hardware.health import Health, HealthState

if TYPE_CHECKING:
    from terminal.devices.workers import CameraAdapter

#: how long the clerk waits for a frame before being told the camera is not working
#: (a camera process starting cold takes a few seconds)
NO_FRAME_MS = 10_000


class CameraWatch(QObject):
    lost = Signal()

    def __init__(self, camera: CameraAdapter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.camera = camera
        self._watching = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NO_FRAME_MS)
        self._timer.timeout.connect(self._lost)

    def start(self) -> None:
        if not self._watching:
            self._watching = True
            self.camera.frameReady.connect(self._frame)
            self.camera.healthChanged.connect(self._health)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._watching:
            self._watching = False
            self.camera.frameReady.disconnect(self._frame)
            self.camera.healthChanged.disconnect(self._health)

    def _frame(self, _image: object) -> None:
        self._timer.start()

    def _health(self, health: Health) -> None:
        if health.state is HealthState.OFFLINE:
            self._lost()

    def _lost(self) -> None:
        if self._watching:
            self.stop()
            self.lost.emit()
