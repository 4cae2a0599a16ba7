"""The kiosk's camera in a child process: frames, QR codes, faces, pictures and
health reach the kiosk through `ProcessCameraAdapter`, and the kiosk's own
process loads neither OpenCV nor numpy. The simulated camera is the real
driver code (receipt photos with status QR codes) run by the real child."""

from __future__ import annotations

import json
import os
import pickle
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from hardware.health import HealthState
from terminal.config import CameraSection
from terminal.devices import camera_link as link
from terminal.devices.camera_process import ProcessCameraAdapter

ROOT = Path(__file__).resolve().parents[2]
WAIT_MS = 60_000  # the camera process imports OpenCV first (seconds on a loaded machine)


@pytest.fixture
def camera(qtbot: QtBot) -> Any:
    adapter = ProcessCameraAdapter(CameraSection(kind="simulated"))
    yield adapter
    adapter.stop()
    assert not adapter.is_running()


def test_frames_qr_codes_and_health_come_from_the_camera_process(
        qtbot: QtBot, camera: ProcessCameraAdapter) -> None:
    frames: list[QImage] = []
    payloads: list[str] = []
    camera.frameReady.connect(frames.append)
    camera.analysed.connect(lambda _faces, texts: payloads.extend(texts))
    camera.start()
    qtbot.waitUntil(lambda: len(frames) >= 10 and bool(payloads), timeout=WAIT_MS)
    assert camera.health.state is HealthState.READY
    assert all(not image.isNull() and image.width() <= 960 for image in frames)
    assert any("/a/RC-" in text for text in payloads)  # the receipts' status QR codes
    camera.stop(wait=False)  # capturing stops, the process stays for the next screen
    assert camera.is_running() and not camera.capturing


def test_a_picture_is_taken_from_the_newest_frame_in_the_camera_process(
        qtbot: QtBot, camera: ProcessCameraAdapter) -> None:
    frames: list[QImage] = []
    camera.frameReady.connect(frames.append)
    camera.start()
    qtbot.waitUntil(lambda: bool(frames), timeout=WAIT_MS)
    answers: list[Any] = []
    camera.take_picture(None, "picture", answers.append, answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT_MS)
    capture = answers[0]
    assert capture.jpeg is not None and capture.jpeg.startswith(b"\xff\xd8")
    assert capture.preview.width() == 1280  # full size, not the preview's
    camera.take_picture(None, "portrait", answers.append, answers.append)
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=WAIT_MS)
    # a cropped face, or what to tell the resident (the simulated desk's receipts
    # now and then pass OpenCV's face detector): never neither
    assert (answers[1].jpeg is None) == bool(answers[1].message)


@pytest.mark.log_warnings(r"camera offline")
def test_a_camera_process_that_dies_is_reported_and_started_again(
        qtbot: QtBot, camera: ProcessCameraAdapter) -> None:
    frames: list[QImage] = []
    camera.frameReady.connect(frames.append)
    camera.start()
    qtbot.waitUntil(lambda: bool(frames), timeout=WAIT_MS)
    process = camera._process
    assert process is not None
    with qtbot.waitSignal(camera.healthChanged, timeout=WAIT_MS,
                          check_params_cb=lambda h: h.state is HealthState.OFFLINE):
        process.kill()
    frames.clear()
    camera.start()
    qtbot.waitUntil(lambda: bool(frames), timeout=WAIT_MS)
    assert camera._process is not process and camera.health.state is HealthState.READY


def feed(process: subprocess.Popen[bytes], message: tuple[Any, ...] | bytes) -> None:
    """Put a message into the pipe from the camera process, as if the process had
    written it (`bytes`: a body that is no pickle at all), in one atomic write."""
    assert process.stdout is not None
    body = message if isinstance(message, bytes) else pickle.dumps(message)
    pipe = os.open(f"/proc/self/fd/{process.stdout.fileno()}", os.O_WRONLY)
    try:
        os.write(pipe, struct.pack(">I", len(body)) + body)
    finally:
        os.close(pipe)


@pytest.mark.log_warnings(r"reader failed", r"camera offline")
@pytest.mark.parametrize("corrupt", [b"\x80\x05\x95not a pickle", ("frame", 640)],
                         ids=["no-pickle", "short-frame"])
def test_a_message_the_reader_cannot_take_ends_the_camera_process(
        qtbot: QtBot, camera: ProcessCameraAdapter, caplog: pytest.LogCaptureFixture,
        corrupt: tuple[Any, ...] | bytes) -> None:
    frames: list[QImage] = []
    camera.frameReady.connect(frames.append)
    camera.start()
    qtbot.waitUntil(lambda: bool(frames), timeout=WAIT_MS)
    process = camera._process
    assert process is not None
    with qtbot.waitSignal(camera.healthChanged, timeout=WAIT_MS,
                          check_params_cb=lambda h: h.state is HealthState.OFFLINE):
        feed(process, corrupt)
    assert process.poll() is not None and not camera.is_running()  # not left running
    failed = [r.getMessage() for r in caplog.records if "reader failed" in r.getMessage()]
    assert len(failed) == 1 and f"camera process {process.pid}" in failed[0], failed
    assert ("UnpicklingError" if isinstance(corrupt, bytes) else "ValueError") in failed[0]
    frames.clear()
    camera.start()  # the next use starts a new camera process
    qtbot.waitUntil(lambda: bool(frames), timeout=WAIT_MS)
    assert camera._process is not process and camera.health.state is HealthState.READY


def test_the_message_bound_holds_the_largest_full_frame_the_project_sends() -> None:
    from hardware.camera.document import A4_SIZE
    from hardware.camera.face import ID_PHOTO_SIZE
    from terminal.form_fields.images import PICTURE_SIDE

    raw = [w * h * 3 for w, h in (A4_SIZE, ID_PHOTO_SIZE, (PICTURE_SIDE, PICTURE_SIDE))]
    assert max(raw) < link.MESSAGE_MAX < 16 * 1024 * 1024


@pytest.mark.log_warnings(r"reader failed", r"camera offline")
@pytest.mark.parametrize("length", [link.MESSAGE_MAX + 1, 0xFFFF_FFFF], ids=["over", "4GiB"])
def test_a_corrupt_length_prefix_from_the_camera_process_ends_it(
        qtbot: QtBot, camera: ProcessCameraAdapter, caplog: pytest.LogCaptureFixture,
        length: int) -> None:
    frames: list[QImage] = []
    camera.frameReady.connect(frames.append)
    camera.start()
    qtbot.waitUntil(lambda: bool(frames), timeout=WAIT_MS)
    process = camera._process
    assert process is not None and process.stdout is not None
    with qtbot.waitSignal(camera.healthChanged, timeout=WAIT_MS,
                          check_params_cb=lambda h: h.state is HealthState.OFFLINE):
        pipe = os.open(f"/proc/self/fd/{process.stdout.fileno()}", os.O_WRONLY)
        try:
            os.write(pipe, struct.pack(">I", length))  # a prefix with no message after it
        finally:
            os.close(pipe)
    assert process.poll() is not None and not camera.is_running()
    failed = [r.getMessage() for r in caplog.records if "reader failed" in r.getMessage()]
    assert len(failed) == 1 and "CorruptMessage" in failed[0] and str(length) in failed[0]
    frames.clear()
    camera.start()  # the next use starts a new camera process
    qtbot.waitUntil(lambda: bool(frames), timeout=WAIT_MS)
    assert camera._process is not process and camera.health.state is HealthState.READY


@pytest.mark.log_warnings(r"camera offline")
def test_a_corrupt_length_prefix_to_the_camera_process_ends_it(
        qtbot: QtBot, camera: ProcessCameraAdapter) -> None:
    frames: list[QImage] = []
    camera.frameReady.connect(frames.append)
    camera.start()
    qtbot.waitUntil(lambda: bool(frames), timeout=WAIT_MS)
    process = camera._process
    assert process is not None and process.stdin is not None
    with qtbot.waitSignal(camera.healthChanged, timeout=WAIT_MS,
                          check_params_cb=lambda h: h.state is HealthState.OFFLINE):
        os.write(process.stdin.fileno(), struct.pack(">I", 0xFFFF_FFFF))
    assert process.wait(WAIT_MS / 1000) == 0  # it ended as at the end of its pipe
    assert not camera.is_running()


def test_the_kiosk_process_loads_no_opencv_and_no_numpy(tmp_path: Path) -> None:
    probe = f"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from terminal.adapters import build_adapters
from terminal.config import DevicesSection, PrinterSection
from terminal.devices.factory import build_devices
section = DevicesSection(printer=PrinterSection(kind="virtual", output_dir=Path({str(tmp_path)!r})))
devices = build_devices(section, Path({str(tmp_path)!r}), camera_process=True)
adapters = build_adapters(devices, app)
camera = adapters.camera
seen = {{"frames": 0, "payloads": [], "picture": None}}
camera.frameReady.connect(lambda _image: seen.update(frames=seen["frames"] + 1))
camera.analysed.connect(lambda _faces, texts: seen["payloads"].extend(texts))
def picture(capture): seen.update(picture=len(capture.jpeg or b"")); app.quit()
def check():
    if seen["frames"] >= 5 and seen["payloads"]:
        timer.stop(); camera.take_picture(None, "picture", picture, picture)
timer = QTimer(interval=50, timeout=check); timer.start()
QTimer.singleShot({WAIT_MS}, app.quit)
camera.start(); app.exec()
adapters.stop(); devices.close()
print(json.dumps({{**seen, "payloads": len(seen["payloads"]),
                  "loaded": sorted(m for m in ("cv2", "numpy") if m in sys.modules)}}))
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT, timeout=240,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["frames"] >= 5 and seen["payloads"] and seen["picture"]
    assert seen["loaded"] == []


def passport_photos(folder: Path, lines: tuple[str, str], count: int = 3) -> Path:
    """Photographs of one passport data page lying under the document camera."""
    import cv2
    import numpy as np

    from hardware.passport.data_page import photograph, render_data_page

    rng = np.random.default_rng(21)
    page = render_data_page(lines, rng)
    folder.mkdir()
    for index in range(count):
        photo = photograph(page, rng, angle=float(rng.uniform(-5, 5)), tilt=0.03)
        cv2.imwrite(str(folder / f"page-{index}.png"), photo.frame)
    return folder


@pytest.mark.skipif(not Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf").exists(),
                    reason="fonts-ocr-b is not installed")
def test_a_passports_mrz_is_read_in_the_camera_process(qtbot: QtBot, tmp_path: Path) -> None:
    from hardware.passport.mrz import MrzKey
    from hardware.passport.specimen import td3_lines

    lines = td3_lines(surname="NGUYEN", given_names="LAN", number="C03005988",
                      nationality="VNM", birth="880704", sex="F", expiry="330115")
    folder = passport_photos(tmp_path / "desk", lines)
    camera = ProcessCameraAdapter(CameraSection(kind="folder", path=folder))
    try:
        camera.start()
        with qtbot.waitSignal(camera.mrzRead, timeout=WAIT_MS) as read:
            camera.scan_mrz(True)
        assert read.args == [MrzKey("C03005988", "880704", "330115")]
    finally:
        camera.stop()


def test_a_face_is_matched_in_the_camera_process_on_full_size_frames(
        qtbot: QtBot, tmp_path: Path) -> None:
    """The kiosk hands the chip's photo to the camera process and gets only the outcome,
    the distance and the threshold back (the specimen's photo is Collins')."""
    import cv2
    import numpy as np

    from hardware.camera.synthetic import person_scene
    from hardware.facematch import MatchOutcome
    from terminal.devices.passport import SPECIMEN_FACE

    folder = tmp_path / "desk"
    folder.mkdir()
    rng = np.random.default_rng(11)
    portrait = cv2.imread(str(ROOT / "tests" / "data" / "astronaut.jpg"))
    side = min(portrait.shape[:2])
    for index in range(2):
        scene = person_scene(portrait[:side, :side], rng, portrait_px=700, size=(1920, 1080))
        cv2.imwrite(str(folder / f"{index}.jpg"), scene.frame)
    camera = ProcessCameraAdapter(CameraSection(kind="folder", path=folder))
    frames: list[QImage] = []
    camera.frameReady.connect(frames.append)
    try:
        camera.start()
        qtbot.waitUntil(lambda: bool(frames), timeout=WAIT_MS)
        assert frames[0].width() <= 960  # the kiosk sees previews only
        answers: list[Any] = []
        camera.match_face(None, SPECIMEN_FACE.read_bytes(), 0.6, answers.append)
        qtbot.waitUntil(lambda: bool(answers), timeout=WAIT_MS * 2)
        [result] = answers
        assert result.outcome is MatchOutcome.MATCHED, result
        assert result.distance is not None and result.distance < 0.6 and result.threshold == 0.6
        answers.clear()
        camera.match_face(None, SPECIMEN_FACE.read_bytes(), 0.05, answers.append)
        qtbot.waitUntil(lambda: bool(answers), timeout=WAIT_MS * 2)
        assert answers[0].outcome is MatchOutcome.NOT_MATCHED and answers[0].threshold == 0.05
    finally:
        camera.stop()
