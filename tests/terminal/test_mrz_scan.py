"""The camera adapter (the one the camera process of the kiosk and the counter runs)
reads a passport's MRZ off the GUI thread, from photographed data pages in its image
folder; a page that fails its check digits never gives a key."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hardware.camera.sources import ImageFolderSource
from hardware.passport import ocrb
from hardware.passport.mrz import MrzKey
from hardware.passport.specimen import td3_lines
from terminal.devices.workers import CameraAdapter
from tests.terminal.test_camera_process import passport_photos

pytestmark = pytest.mark.skipif(not ocrb.available(), reason="fonts-ocr-b is not installed")
LINES = td3_lines(surname="SILVA", given_names="JOAO", number="FZ123456",
                  nationality="BRA", birth="760219", sex="M", expiry="290830")


def test_the_key_comes_once_two_reads_agree(qtbot: QtBot, tmp_path: Path) -> None:
    camera = CameraAdapter(ImageFolderSource(passport_photos(tmp_path / "desk", LINES), fps=5),
                           analysis_fps=0)
    keys: list[MrzKey] = []
    camera.mrzRead.connect(keys.append)
    try:
        camera.start()
        camera.scan_mrz(True)
        qtbot.waitUntil(lambda: bool(keys), timeout=60_000)
        assert keys == [MrzKey("FZ123456<", "760219", "290830")]
    finally:
        camera.stop()


def test_a_page_whose_check_digit_fails_gives_no_key(qtbot: QtBot, tmp_path: Path) -> None:
    first, second = LINES
    wrong = (first, second[:27] + str((int(second[27]) + 1) % 10) + second[28:])
    camera = CameraAdapter(ImageFolderSource(passport_photos(tmp_path / "desk", wrong), fps=5),
                           analysis_fps=0)
    keys: list[MrzKey] = []
    camera.mrzRead.connect(keys.append)
    try:
        camera.start()
        camera.scan_mrz(True)
        qtbot.waitUntil(lambda: camera.mrz_reads >= 4, timeout=120_000)
        camera.scan_mrz(False)
        assert keys == []
    finally:
        camera.stop()
