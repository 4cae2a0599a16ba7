"""The kiosk's face check refuses frames that show the passport's data page: the
page lies under the kiosk's one camera, and the photo printed on it is the chip's
own, so matching it proves nothing about who stands at the kiosk. The real path:
the kiosk's camera process over a folder (the simulated camera of the e2e tests)
sees the photographed data page of the e2e tests (its MRZ in OCR-B, the chip's
photo printed on it), then the resident's face alone."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from hardware.facematch import MatchOutcome, MatchResult
from hardware.passport.data_page import OCR_B
from hardware.passport.specimen import ICAO_EXAMPLE
from kiosk.context import KioskContext, KioskDevices
from kiosk.screens.identify import FACE_FRAMES, IdentifyScreen
from kiosk.screens.identify import Page as IdPage
from terminal.config import CameraSection, PassportSection
from terminal.devices.camera_process import ProcessCameraAdapter
from terminal.devices.passport import PassportAdapter, open_passport_reader
from tests.e2e.passports import applicant, data_page, show_camera
from tests.kiosk.conftest import KioskUi
from tests.kiosk.test_identify_documents import NEXT, SPECIMEN_DAY, grab, tap, type_key

WAIT_MS = 120_000  # the camera process loads OpenCV and dlib's models first

pytestmark = pytest.mark.skipif(not OCR_B.exists(), reason="fonts-ocr-b is not installed")


@pytest.fixture
def passport(context: KioskContext) -> Iterator[PassportAdapter]:
    """The simulated passport reader: the specimen chip, Collins' photo in DG2."""
    opener = open_passport_reader(PassportSection())
    assert opener is not None
    adapter = PassportAdapter(opener)
    yield adapter
    adapter.stop()


def counted(camera: ProcessCameraAdapter) -> list[MatchResult]:
    """Every face check the camera process answers, in order (the screen's own
    calls, passed through unchanged)."""
    answers: list[MatchResult] = []
    ask = camera.match_face

    def match_face(owner: Any, photo: bytes, threshold: float,
                   on_done: Callable[[Any], None]) -> None:
        def answered(result: MatchResult) -> None:
            answers.append(result)
            on_done(result)

        ask(owner, photo, threshold, answered)

    camera.match_face = match_face  # type: ignore[method-assign]
    return answers


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_passport_page_under_the_camera_is_refused_until_the_face_alone_is_seen(
        qtbot: QtBot, kiosk: KioskUi, context: KioskContext, passport: PassportAdapter,
        tmp_path: Path, language: str) -> None:
    context.gui.language.set_language(language)
    context.clock = lambda: SPECIMEN_DAY.replace(tzinfo=context.zone)  # the chip still valid
    folder = tmp_path / "camera"
    folder.mkdir()
    # the specimen chip's page, its photo (Collins', the chip's) printed on it
    show_camera(folder, data_page(ICAO_EXAMPLE, "ERIKSSON", "ANNA MARIA"))
    camera = ProcessCameraAdapter(CameraSection(kind="folder", path=folder))
    answers = counted(camera)
    context.devices = KioskDevices(passport=passport, camera=camera)
    take_away = QCoreApplication.translate(
        "IdentifyScreen", "Please take your passport away from the camera and look at the "
                          "screen.")
    assert language == "en" or take_away != "Please take your passport away from the " \
                                            "camera and look at the screen."
    try:
        screen: IdentifyScreen = kiosk.screen("identify")
        kiosk.navigator.go("identify", NEXT)
        tap(qtbot, screen.id_use_passport)  # no card reader: the typed path's page
        type_key(qtbot, screen, "L898902C", "690806", "940623")
        qtbot.waitUntil(lambda: screen.page() is IdPage.FACE, timeout=10_000)
        qtbot.waitUntil(lambda: screen.face_prompt.text() == take_away
                        or context.session.face_match is not None, timeout=WAIT_MS)
        assert context.session.face_match is None, "the page's printed photo was taken"
        # more frames than a match needs, all of the page: none is taken
        qtbot.waitUntil(lambda: len(answers) > FACE_FRAMES, timeout=WAIT_MS)
        assert all(answer.document_in_view for answer in answers), answers
        # the weakness itself: the printed photo matches the chip's
        assert any(answer.outcome is MatchOutcome.MATCHED for answer in answers), answers
        assert context.session.face_match is None and context.session.identity is None
        assert screen.page() is IdPage.FACE and screen.face_view.isVisible()
        assert screen.face_prompt.text() == take_away
        grab(kiosk, f"passport-face-page-in-view-{language}-portrait")
        kiosk.window.resize(1920, 1080)
        qtbot.waitUntil(lambda: kiosk.window.width() == 1920)
        with qtbot.waitSignal(camera.frameReady, timeout=WAIT_MS):
            pass  # a frame drawn at the landscape layout's size
        grab(kiosk, f"passport-face-page-in-view-{language}-landscape")

        refused = len(answers)
        show_camera(folder, applicant("collins"))  # the page put away, the resident looks up
        qtbot.waitUntil(lambda: context.session.face_match is not None, timeout=WAIT_MS)
        result = context.session.face_match
        assert result is not None and result.outcome is MatchOutcome.MATCHED
        assert not result.document_in_view
        seen = answers[refused:]
        assert [answer.outcome for answer in seen[-FACE_FRAMES:]] == \
            [MatchOutcome.MATCHED] * FACE_FRAMES, seen  # frames in a row, not one
        assert screen.page() is IdPage.DONE and context.session.identity is not None
    finally:
        camera.stop()


def test_a_refused_face_check_is_not_left_for_the_next_resident(
        qtbot: QtBot, kiosk: KioskUi, context: KioskContext, passport: PassportAdapter,
        tmp_path: Path) -> None:
    """Grace Hopper holds Collins' passport: refused. She taps Home and walks away; Home
    keeps the session open (for the next service of the same resident) until the idle
    countdown ends it. The next resident types their ID number there: nothing of the
    passport is theirs, and their application must not carry her refused face check
    (the review sends the session's `face_match` with the application)."""
    from tests.kiosk.test_identify_documents import camera_of

    context.clock = lambda: SPECIMEN_DAY.replace(tzinfo=context.zone)
    camera = camera_of("hopper", tmp_path / "camera")  # a face, not the chip's
    context.devices = KioskDevices(passport=passport, camera=camera)
    session = context.session
    try:
        screen: IdentifyScreen = kiosk.screen("identify")
        kiosk.navigator.go("home")
        kiosk.navigator.go("identify", NEXT)
        tap(qtbot, screen.id_use_passport)
        type_key(qtbot, screen, "L898902C", "690806", "940623")
        qtbot.waitUntil(lambda: session.face_match is not None, timeout=WAIT_MS)
        assert session.face_match.outcome is MatchOutcome.NOT_MATCHED
        assert session.identity is None  # the chip's identity was wiped with the refusal
        tap(qtbot, kiosk.window.navigation.home_button)
        assert kiosk.navigator.current == "home"
        qtbot.waitUntil(lambda: not camera.capturing, timeout=10_000)
        assert (session.identity, session.id_number, session.phone) == (None, "", "")
        assert session.draft is None and not session.images and session.outcome is None

        kiosk.navigator.go("identify", NEXT)  # the next resident, by another service
        assert screen.page() is IdPage.ID_NUMBER  # no card reader: the typed path
        assert screen.passport_entry.values == ["", "", ""]  # her passport's numbers gone
        for key in "11010519491231002":
            tap(qtbot, screen.id_keypad.buttons[key])
        tap(qtbot, screen.id_keypad.buttons["X"])
        tap(qtbot, screen.id_next)
        assert session.id_number == "11010519491231002X"
        assert session.face_match is None
    finally:
        camera.stop()
