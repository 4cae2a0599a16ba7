"""The clerk's face check (人证比对) at the counter: the live camera face against the
passport chip's photo, with the kiosk's engine (`terminal.face_check`).

The clerk starts it; frames are compared one at a time off the GUI thread until a
face is found (at most `TRIES` frames without one); the result (outcome, distance,
threshold) is shown and kept in `result`, the only thing recorded. The live picture
is never shown nor kept, and the chip photo is dropped with `clear()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from counter.acceptance.common import note, set_state
from hardware.facematch import DEFAULT_THRESHOLD, MatchOutcome, MatchResult
from terminal.face_check import FaceCheck

if TYPE_CHECKING:
    from terminal.devices.workers import CameraAdapter

# frames without a face before the clerk is told nobody faces the camera
TRIES = 5


class FaceCompare(QWidget):
    def __init__(self, camera: CameraAdapter | None,
                 threshold: Callable[[], float] = lambda: DEFAULT_THRESHOLD,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.camera, self._threshold = camera, threshold
        self.result: MatchResult | None = None
        self._photo = b""
        self._tries, self._busy, self._running = 0, False, False
        self.check = FaceCheck(self)
        self.check.finished.connect(self._checked)
        self.button = QPushButton()
        self.button.setObjectName("compareFace")
        self.button.setProperty("role", "secondary")
        self.button.clicked.connect(self.start)
        self.label = note()
        self.label.setObjectName("faceResult")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.label, 1)
        self.clear()

    def set_photo(self, photo: bytes) -> None:
        """A chip photo to compare with; nothing is compared until the clerk asks."""
        self.clear()
        self._photo = photo
        self.setVisible(bool(photo) and self.camera is not None)
        self.retranslate()

    def clear(self) -> None:
        self._stop()
        self._photo, self.result = b"", None
        self.label.clear()
        set_state(self.label, "")
        self.hide()

    def start(self) -> None:
        if self.camera is None or not self._photo or self._running:
            return
        self.result, self._tries, self._busy, self._running = None, 0, False, True
        self.camera.frameReady.connect(self._frame)
        self.button.setEnabled(False)
        self.label.setText(self.tr("Comparing… ask the applicant to look at the camera."))
        set_state(self.label, "")
        self.camera.start()

    def _stop(self) -> None:
        self.check.cancel()
        if self._running and self.camera is not None:
            self.camera.frameReady.disconnect(self._frame)
            self.camera.stop(wait=False)
        self._running = self._busy = False
        self.button.setEnabled(True)

    def _frame(self, frame: object) -> None:
        if self._busy or not self._running:
            return
        self._busy = True
        self._tries += 1
        self.check.check(frame, self._photo, self._threshold())  # type: ignore[arg-type]

    def _checked(self, result: MatchResult) -> None:
        self._busy = False
        if not self._running:
            return
        if result.outcome is MatchOutcome.NO_LIVE_FACE and self._tries < TRIES:
            return  # the next frame is compared
        self.result = result
        self._stop()
        self._show_result()

    def _show_result(self) -> None:
        result = self.result
        if result is None:
            return
        figures = self.tr("distance %1, threshold %2").replace(
            "%1", f"{result.distance:.2f}" if result.distance is not None else "—").replace(
            "%2", f"{result.threshold:.2f}")
        texts = {
            MatchOutcome.MATCHED: self.tr("The face matches the chip photo (%1)."),
            MatchOutcome.NOT_MATCHED: self.tr("The face does NOT match the chip photo (%1): "
                                              "check the applicant and the passport by hand."),
            MatchOutcome.NO_LIVE_FACE: self.tr("No face in front of the camera: ask the "
                                               "applicant to look at it, then compare again."),
            MatchOutcome.NO_DOCUMENT_FACE: self.tr("The chip photo cannot be compared here: "
                                                   "check the applicant by hand."),
        }
        self.label.setText(texts[result.outcome].replace("%1", figures))
        set_state(self.label, "" if result.outcome is MatchOutcome.MATCHED else "attention")

    def retranslate(self) -> None:
        self.button.setText(self.tr("Compare face with chip photo"))
        self._show_result()
