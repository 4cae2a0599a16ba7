"""The counter's camera runs in the kiosk's camera process: the MRZ read and the face
match happen there, so the clerk's window never imports OpenCV, numpy or dlib (dlib
holds the GIL for a whole match), its GUI thread keeps answering while a face is
matched, and a camera process that fails is told to the clerk, never waited on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from hardware.facematch import MatchOutcome
from tests.counter import acceptance_fixtures
from tests.counter.acceptance_fixtures import CENTER, CounterEnv, write_config
from tests.counter.conftest import CLERK, CLERK_PIN
from tests.counter.test_acceptance import MZ, choose
from tests.counter.test_acceptance_documents import read_chip
from tests.helpers.artefacts import artefact_dir
from tests.helpers.platform import start_platform
from tests.kiosk.test_identify_documents import load_bench

counter_env = acceptance_fixtures.counter_env  # fixture, used by name below
ROOT = Path(__file__).resolve().parents[2]
OCR_B = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")


def write_faces(folder: Path, person: str) -> None:
    """Camera frames of `person` (public-domain portraits; the specimen's face is
    Collins')."""
    import cv2
    import numpy as np

    bench, rng = load_bench(), np.random.default_rng(11)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(3):
        frame = bench.live_frame(person, rng)
        cv2.imwrite(str(folder / f"{i}.jpg"), cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))


def write_data_pages(folder: Path) -> None:
    """Photographs of the specimen passport's data page lying under the camera."""
    import cv2
    import numpy as np

    from hardware.passport.data_page import photograph, render_data_page
    from hardware.passport.specimen import ICAO_EXAMPLE

    rng = np.random.default_rng(9)
    page = render_data_page(ICAO_EXAMPLE, rng)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(3):
        cv2.imwrite(str(folder / f"{i}.png"), photograph(page, rng, angle=2 * i).frame)


@pytest.mark.skipif(not OCR_B.exists(), reason="fonts-ocr-b is not installed")
def test_the_counters_window_process_never_imports_opencv_numpy_or_dlib(
        tmp_path: Path) -> None:
    """A fresh counter process (composition offscreen, services as the counter
    application opens them) reads a passport's MRZ by camera and matches a face:
    both answers come, and none of the image libraries entered that process."""
    from sync.cli import enroll_terminal
    from sync.protocol.models import Role

    camera_dir, faces_dir = tmp_path / "camera", tmp_path / "faces"
    write_data_pages(camera_dir)
    write_faces(faces_dir, "collins")
    platform = start_platform(tmp_path / "platform.db")
    try:
        config_dir = tmp_path / "counter-config"
        write_config(config_dir, platform.url, tmp_path / "counter-data", "counter", {
            "devices.printer": {"kind": "virtual", "output_dir": str(tmp_path / "slips")},
            "devices.card_reader": {"kind": "none"},
            "devices.camera": {"kind": "folder", "path": str(camera_dir)},
        })
        enroll_terminal(platform.url, platform.enroll_code(CENTER, Role.COUNTER), config_dir)
        probe = subprocess.run(
            [sys.executable, "-m", "tests.counter.gui_process_probe", str(config_dir),
             str(camera_dir), str(faces_dir), CLERK, CLERK_PIN],
            cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True, text=True, timeout=600, check=False)
    finally:
        platform.stop()
    assert probe.returncode == 0, probe.stderr[-4000:]
    report = json.loads(probe.stdout.strip().splitlines()[-1])
    assert report["camera"] == "ProcessCameraAdapter"
    assert report["key"] == ["L898902C", "690806", "940623"]  # read by the camera
    assert report["holder"] == "ANNA MARIA ERIKSSON"  # the chip opened to that key
    assert report["face"] == MatchOutcome.MATCHED.value and report["distance"] < 0.6
    assert "matches the chip photo" in report["text"]
    assert report["imported"] == []


def test_the_clerks_window_keeps_answering_while_a_face_is_matched(
        counter_env: CounterEnv, qtbot: QtBot) -> None:
    """While the camera process compares the face, the counter's GUI thread keeps
    running its timers (an in-process dlib match held the GIL throughout)."""
    env = counter_env
    write_faces(env.camera_dir, "collins")
    step = read_chip(qtbot, env)
    camera = env.workbench.camera
    pending: list[int] = []  # the face matches asked and not answered yet
    ticks = {"while_matching": 0}

    def tick() -> None:
        if pending:
            ticks["while_matching"] += 1

    match_face = camera.match_face

    def counted_match(owner: object, photo: bytes, threshold: float,
                      on_done: Callable[[object], None]) -> None:
        pending.append(1)

        def answered(result: object) -> None:
            pending.clear()
            on_done(result)

        match_face(owner, photo, threshold, answered)

    camera.match_face = counted_match
    timer = QTimer(interval=5)
    timer.timeout.connect(tick)
    timer.start()
    compare = step.face_compare
    compare.button.click()
    qtbot.waitUntil(lambda: ticks["while_matching"] >= 10, timeout=120_000)
    qtbot.waitUntil(lambda: compare.result is not None, timeout=120_000)
    timer.stop()
    assert compare.result is not None and compare.result.outcome is MatchOutcome.MATCHED


@pytest.mark.log_warnings(r"camera process ended|camera offline")
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_camera_process_that_dies_mid_scan_is_told_to_the_clerk(
        counter_env: CounterEnv, qtbot: QtBot, language: str) -> None:
    """The camera process is killed while it looks for the MRZ: the clerk is told to
    type the key; the face check says the camera is not working, never "Comparing…"
    for ever. In the clerk's language."""
    from PySide6.QtCore import QCoreApplication

    env = counter_env
    env.shell.gui.language.set_language(language)
    write_faces(env.camera_dir, "hopper")  # no MRZ anywhere: the scan goes on
    step = read_chip(qtbot, env)
    camera = env.workbench.camera
    step.scan_mrz_button.click()
    qtbot.waitUntil(lambda: camera.is_running() and camera.frames_captured > 0,
                    timeout=60_000)
    camera._process.kill()  # the camera process dies
    qtbot.waitUntil(lambda: not step.mrz_camera.scanning, timeout=30_000)
    assert step.status.text() == QCoreApplication.translate(
        "ApplicantStep", "The camera is not working: type the passport number and the dates "
        "from the photo page, then read the chip.")
    for frame in env.camera_dir.iterdir():  # the camera is gone for good
        frame.unlink()
    compare = step.face_compare
    compare.button.click()
    lost = QCoreApplication.translate(
        "FaceCompare", "The camera is not working: compare the applicant with the chip "
        "photo by hand, and ask the technician to check the camera.")
    qtbot.waitUntil(lambda: compare.label.text() == lost, timeout=30_000)
    assert compare.result is None and compare.button.isEnabled()
    env.workbench.resize(1920, 1080)
    area = step._area  # laid out at the new size, nothing past the step's right side
    qtbot.waitUntil(lambda: env.workbench.width() == 1920
                    and area.widget().width() <= area.viewport().width())
    folder = artefact_dir("counter-passport", override="PASSPORT_RENDER_DIR")
    env.workbench.grab().save(str(folder / f"passport-camera-lost-{language}-counter-"
                                           "1920x1080.png"))


def test_a_document_page_is_flattened_in_the_camera_process(counter_env: CounterEnv,
                                                            qtbot: QtBot) -> None:
    """The clerk's "Scan page": the camera process flattens its newest full-size frame
    and the page (a JPEG and its thumbnail) comes back to the workbench."""
    import cv2
    import numpy as np

    from counter.acceptance.workbench import DOCUMENTS
    from hardware.camera.synthetic import page_scene

    env = counter_env
    for i in range(2):
        cv2.imwrite(str(env.camera_dir / f"{i}.jpg"),
                    page_scene(np.random.default_rng(5 + i)).frame)
    choose(env, qtbot, "dbsq", MZ)
    env.workbench.go(DOCUMENTS)
    documents = env.workbench.documents_step
    qtbot.waitUntil(lambda: documents._frame is not None, timeout=60_000)  # the preview
    documents.take.click()
    qtbot.waitUntil(lambda: len(documents.documents) == 1, timeout=60_000)
    assert documents.documents[0][:2] == b"\xff\xd8"  # a JPEG
    assert not documents.pages.item(0).icon().isNull()
    assert "1 page(s) scanned" in documents.status.text()
