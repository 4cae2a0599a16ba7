"""The clerk's face check (人证比对) at the counter: the live camera face against the
passport chip's photo, with the kiosk's engine (`terminal.face_check`), run where
the camera runs (its own process, as the kiosk's: dlib holds the GIL for a whole
match and stays out of the clerk's window).

The clerk starts it; the camera's newest full-size frame is compared, one at a
time, until a face is found (at most `TRIES` frames without one); the result
(outcome, distance, threshold) is shown and kept in `result`, the only thing
recorded, and `finished` carries it. A frame that showed the passport's data
page (its MRZ) is said to the clerk: the photo printed on the page, the chip's
own, may be the face that matched. The live picture is never shown nor kept,
and the chip photo is dropped with `clear()`. A camera that stops delivering is
told to the clerk (`CameraWatch`), never waited on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from counter.acceptance.camera_watch import CameraWatch
from counter.acceptance.common import note, set_state
from hardware.facematch import DEFAULT_THRESHOLD, MatchOutcome, MatchResult

if TYPE_CHECKING:
    from terminal.devices.workers import CameraAdapter

# frames without a face before the clerk is told nobody faces the camera
TRIES = 5


class FaceCompare(QWidget):
    finished = Signal(object)  # MatchResult, shown to the clerk

    def __init__(self, camera: CameraAdapter | None,
                 threshold: Callable[[], float] = lambda: DEFAULT_THRESHOLD,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.camera, self._threshold = camera, threshold
        self.result: MatchResult | None = None
        self._photo = b""
        self._tries, self._busy, self._running = 0, False, False
        self._generation = 0  # a comparison asked before a stop is not shown
        self._camera_failed = False
        self._watch = CameraWatch(camera, self) if camera is not None else None
        if self._watch is not None:
            self._watch.lost.connect(self._camera_lost)
        self.button = QPushButton()
        self.button.setObjectName("compareFace")
        self.button.setProperty("role", "secondary")
        self.button.clicked.connect(self.start)
        self.label = note()
        self.label.setObjectName("faceResult")
        # the outcome under the button, the step's whole width: beside it, it wrapped
        # into a narrow column in the counter's window at 1366x768
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.label)
        self.clear()

    def set_photo(self, photo: bytes) -> None:
        """A chip photo to compare with; nothing is compared until the clerk asks."""
        self.clear()
        self._photo = photo
        self.setVisible(bool(photo) and self.camera is not None)
        self.retranslate()

    def clear(self) -> None:
        self._stop()
        self._photo, self.result, self._camera_failed = b"", None, False
        self.label.clear()
        set_state(self.label, "")
        self.hide()

    def start(self) -> None:
        camera, watch = self.camera, self._watch
        if camera is None or watch is None or not self._photo or self._running:
            return
        self.result, self._tries, self._busy, self._running = None, 0, False, True
        self._camera_failed = False
        camera.frameReady.connect(self._frame)
        watch.start()
        self.button.setEnabled(False)
        self.label.setText(self.tr("Comparing… ask the applicant to look at the camera."))
        set_state(self.label, "")
        camera.start()

    def _stop(self) -> None:
        self._generation += 1
        if self._running and self.camera is not None and self._watch is not None:
            self._watch.stop()
            self.camera.frameReady.disconnect(self._frame)
            self.camera.stop(wait=False)
        self._running = self._busy = False
        self.button.setEnabled(True)

    def _frame(self, _frame: object) -> None:
        if self._busy or not self._running or self.camera is None:
            return
        self._busy = True
        self._tries += 1
        generation = self._generation
        self.camera.match_face(self, self._photo, self._threshold(),
                               lambda result: self._checked(result, generation))

    def _checked(self, result: MatchResult, generation: int) -> None:
        if generation != self._generation or not self._running:
            return  # asked before the clerk stopped or started again
        self._busy = False
        if result.outcome is MatchOutcome.NO_LIVE_FACE and self._tries < TRIES:
            return  # the next frame is compared
        self.result = result
        self._stop()
        self._show_result()
        self.finished.emit(result)

    def _camera_lost(self) -> None:
        """The camera stopped delivering (unplugged, its process ended): the clerk
        checks by hand rather than waiting."""
        self._stop()
        self._camera_failed = True
        self._show_result()

    def _show_result(self) -> None:
        if self._camera_failed:
            self.label.setText(self.tr("The camera is not working: compare the applicant "
                                       "with the chip photo by hand, and ask the technician "
                                       "to check the camera."))
            set_state(self.label, "attention")
            return
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
        text = texts[result.outcome].replace("%1", figures)
        if result.document_in_view:
            text += "\n" + self.tr("The camera also saw the passport's photo page: the photo "
                                   "printed on it may be the face that was compared. Take the "
                                   "passport away from the camera and compare again.")
        self.label.setText(text)
        set_state(self.label, "" if result.outcome is MatchOutcome.MATCHED
                  and not result.document_in_view else "attention")

    def retranslate(self) -> None:
        self.button.setText(self.tr("Compare face with chip photo"))
        self._show_result()
