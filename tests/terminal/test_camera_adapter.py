"""The camera adapter: the newest frame reaches the GUI and never a queue of
them; analysis of real images (the astronaut portrait, receipt QR codes) arrives
beside the preview; frames paint in the camera view."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QImage

from hardware.camera import FaceBox, FrameSource, ImageFolderSource
from hardware.camera.synthetic import receipt_scene, status_payload
from terminal.devices import CameraAdapter
from terminal.devices.workers import frame_to_preview
from terminal.widgets.camera_view import CameraView

DATA = Path(__file__).resolve().parents[1] / "data"


class NumberedCamera(FrameSource):
    """Frame n is grey level n. After frame `hold_after` the next read waits for `go`."""

    name = "numbered camera"

    def __init__(self, hold_after: int) -> None:
        super().__init__(fps=200.0)
        self.hold_after = hold_after
        self.count = 0
        self.holding = threading.Event()
        self.go = threading.Event()

    def _open_device(self) -> None:
        pass

    def _read_frame(self) -> np.ndarray:
        if self.count == self.hold_after:
            self.holding.set()  # frame `hold_after` has gone through the adapter
            self.go.wait(10)
        self.count += 1
        return np.full((72, 128, 3), self.count % 256, np.uint8)

    def _release(self) -> None:
        pass


@pytest.fixture
def adapters() -> Iterator[list[CameraAdapter]]:
    made: list[CameraAdapter] = []
    yield made
    for adapter in made:
        adapter.stop()
        assert not adapter.is_running()


def test_gui_gets_only_the_newest_frame_however_many_were_captured(qtbot, adapters) -> None:
    camera = NumberedCamera(hold_after=12)
    adapter = CameraAdapter(camera, analysis_fps=0)
    adapters.append(adapter)
    shown: list[QImage] = []
    adapter.frameReady.connect(shown.append)
    adapter.start()
    try:
        # the GUI thread is busy (it runs no events) while 12 frames are captured
        assert camera.holding.wait(10)
        assert shown == []
        QCoreApplication.processEvents()
        QCoreApplication.processEvents()
        assert len(shown) == 1  # one frame pending at most, never a queue
        assert shown[0].pixelColor(0, 0) == QColor(12, 12, 12)  # and it is the newest
        assert adapter.frames_captured == 12 and adapter.frames_dropped == 11
    finally:
        camera.go.set()


def test_a_frame_taken_while_the_gui_is_free_arrives_on_its_own(qtbot, adapters) -> None:
    camera = NumberedCamera(hold_after=3)
    adapter = CameraAdapter(camera, analysis_fps=0)
    adapters.append(adapter)
    shown: list[QImage] = []
    adapter.frameReady.connect(shown.append)
    adapter.start()
    try:
        assert camera.holding.wait(10)
        QCoreApplication.processEvents()
        assert [image.pixelColor(0, 0).red() for image in shown] == [3]
        camera.go.set()
        qtbot.waitUntil(lambda: len(shown) >= 3, timeout=10_000)
        levels = [image.pixelColor(0, 0).red() for image in shown]
        assert levels == sorted(set(levels))  # newer each time, none twice
    finally:
        camera.go.set()


def test_preview_keeps_the_colours_of_the_frame(qtbot) -> None:
    frame = np.zeros((4, 6, 3), np.uint8)
    frame[:, :] = (10, 20, 200)  # BGR: mostly red
    image = frame_to_preview(frame)
    assert image.format() is QImage.Format.Format_RGB32 and image.size().toTuple() == (6, 4)
    assert image.pixelColor(5, 3) == QColor(200, 20, 10)
    grey = frame_to_preview(np.full((4, 6), 77, np.uint8))
    assert grey.pixelColor(0, 0) == QColor(77, 77, 77)


def test_preview_image_outlives_the_frame_it_was_made_from(qtbot) -> None:
    image = frame_to_preview(np.full((48, 64, 3), 123, np.uint8))
    copy = QImage(image)  # a Qt copy shares the pixels
    del image
    assert copy.pixelColor(63, 47) == QColor(123, 123, 123)


def test_faces_and_qr_codes_arrive_from_real_images(qtbot, tmp_path: Path, adapters) -> None:
    folder = tmp_path / "camera"
    folder.mkdir()
    shutil.copy(DATA / "astronaut.jpg", folder / "a-portrait.jpg")
    payload = status_payload(77)
    cv2.imwrite(str(folder / "b-receipt.png"),
                receipt_scene(payload, np.random.default_rng(5), qr_px=180))
    # 7 frames a second against analysis at 5: the newest frame when an analysis starts
    # alternates between the two images every second. At 30 (6 frames an analysis
    # period) the analyses followed one image for seconds at a time (measured: runs of
    # 6 and more), so a quiet, regular machine could miss the other for the whole wait.
    adapter = CameraAdapter(ImageFolderSource(folder, fps=7.0))
    adapters.append(adapter)
    faces: list[FaceBox] = []
    payloads: list[str] = []

    def analysed(found_faces: list[FaceBox], found_payloads: list[str]) -> None:
        faces.extend(found_faces)
        payloads.extend(found_payloads)

    adapter.analysed.connect(analysed)
    adapter.start()
    def collins(face: FaceBox) -> bool:  # Eileen Collins' face, in the portrait's pixels
        cx, cy = face.center
        return 150 < cx < 300 and 60 < cy < 180 and 60 < face.w < 160

    qtbot.waitUntil(lambda: payload in payloads and any(map(collins, faces)), timeout=20_000)
    assert set(payloads) == {payload}


def test_no_analysis_when_switched_off(qtbot, adapters) -> None:
    camera = NumberedCamera(hold_after=5)
    adapter = CameraAdapter(camera, analysis_fps=0)
    adapters.append(adapter)
    results: list[object] = []
    adapter.analysed.connect(lambda *args: results.append(args))
    adapter.start()
    try:
        assert camera.holding.wait(10)
        QCoreApplication.processEvents()
        assert results == []
    finally:
        camera.go.set()


# ---- the view ----------------------------------------------------------------------------

def test_view_paints_the_frame_letterboxed_and_text_replaces_it(qtbot) -> None:
    view = CameraView()
    qtbot.addWidget(view)
    view.setStyleSheet("background: #000000;")
    view.resize(400, 400)
    frame = np.zeros((90, 160, 3), np.uint8)
    frame[:, :] = (0, 200, 0)
    view.show_frame(frame_to_preview(frame))
    shot = view.grab().toImage()
    assert view.frame_rect().size().toTuple() == (400, 225)
    assert shot.pixelColor(200, 200) == QColor(0, 200, 0)  # the frame, scaled up
    assert shot.pixelColor(200, 20) == QColor(0, 0, 0)  # above it: the background
    view.setText("Camera starting …")
    assert view.frame() is None
    assert view.grab().toImage().pixelColor(200, 200) != QColor(0, 200, 0)


def test_opencv_works_on_the_camera_threads_not_on_a_pool_of_its_own(qtbot) -> None:
    CameraAdapter(NumberedCamera(hold_after=1), analysis_fps=0)
    assert cv2.getNumThreads() == 1
