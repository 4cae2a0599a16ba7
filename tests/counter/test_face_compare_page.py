"""The clerk's face check at the counter shares the kiosk's camera geometry: a
passport's data page left under the camera shows the chip's own photo printed on
it, which matches the chip. The clerk is told when the frame compared showed the
page (the real camera process over a folder, the e2e tests' photographed page)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from counter.acceptance.face_compare import FaceCompare
from hardware.facematch import MatchOutcome
from hardware.passport.data_page import OCR_B
from hardware.passport.specimen import ICAO_EXAMPLE
from terminal.config import CameraSection
from terminal.devices.camera_process import ProcessCameraAdapter
from terminal.devices.passport import SPECIMEN_FACE
from tests.e2e.passports import applicant, data_page, show_camera

WAIT_MS = 120_000  # the camera process loads OpenCV and dlib's models first


@pytest.mark.skipif(not OCR_B.exists(), reason="fonts-ocr-b is not installed")
def test_the_clerk_is_warned_when_the_compared_frame_showed_the_passport_page(
        qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "camera"
    folder.mkdir()
    show_camera(folder, data_page(ICAO_EXAMPLE, "ERIKSSON", "ANNA MARIA"))
    camera = ProcessCameraAdapter(CameraSection(kind="folder", path=folder))
    compare = FaceCompare(camera)
    qtbot.addWidget(compare)
    warning = QCoreApplication.translate(
        "FaceCompare", "The camera also saw the passport's photo page: the photo printed on "
                       "it may be the face that was compared. Take the passport away from the "
                       "camera and compare again.")
    try:
        compare.set_photo(SPECIMEN_FACE.read_bytes())  # the chip's photo: Collins'
        compare.show()
        compare.button.click()
        qtbot.waitUntil(lambda: compare.result is not None, timeout=WAIT_MS)
        result = compare.result
        assert result is not None and result.document_in_view
        assert result.outcome is MatchOutcome.MATCHED  # the printed photo, not a person
        assert warning in compare.label.text()
        assert compare.label.property("state") == "attention"

        show_camera(folder, applicant("collins"))  # the page put away, the applicant seen
        compare.button.click()
        qtbot.waitUntil(lambda: compare.result is not None, timeout=WAIT_MS)
        result = compare.result
        assert result is not None and result.outcome is MatchOutcome.MATCHED
        assert not result.document_in_view and warning not in compare.label.text()
        assert compare.label.property("state") == ""
    finally:
        compare.clear()
        camera.stop()
