"""The kiosk identifies residents by passport chip (simulated passport reader: the
real BAC, secure messaging and passive authentication against an in-process chip) and
by the residence permits and foreigners' cards a GA 467 reader reads."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hardware.facematch import MatchOutcome
from hardware.idcard.ga467_sim import DEMO_CARDS, Ga467Simulator
from hardware.idcard.serial_reader import SerialIdCardReader
from hardware.identity import DocumentKind
from hardware.passport.mrz import parse_mrz
from hardware.passport.passive_auth import CscaList
from hardware.passport.reader import PassportReader
from hardware.passport.specimen import Specimen, td3_lines
from hardware.passport.vpassport import DirectLink, VirtualPassport
from kiosk.context import KioskContext, KioskDevices
from kiosk.screens.identify import IdentifyScreen
from kiosk.screens.identify import Page as IdPage
from terminal.config import PassportSection
from terminal.devices.passport import (
    SPECIMEN_FACE,
    SPECIMEN_FACE_SIZE,
    PassportAdapter,
    open_passport_reader,
)
from terminal.devices.workers import CardReaderAdapter
from tests.helpers.artefacts import artefact_dir
from tests.kiosk.conftest import KioskUi

NEXT = {"next": "help", "next_args": {"from": "test"},  # as the take-number flow asks
        "purpose": lambda: QCoreApplication.translate(
            "TakeNumberScreen", "Your ID card shows your age for the priority queue.")}


def tap(qtbot: QtBot, button: QWidget) -> None:
    assert button.isVisible() and button.isEnabled(), button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_key(qtbot: QtBot, screen: IdentifyScreen, number: str, birth: str,
             expiry: str) -> None:
    if screen.page() is IdPage.PASSPORT_SCAN:  # a camera: the keypad is the other way
        tap(qtbot, screen.passport_scan.type_instead)
    entry = screen.passport_entry
    for value in (number, birth, expiry):
        for key in value:
            tap(qtbot, entry.buttons[key])
        tap(qtbot, entry.next_button)


#: The kiosk's day in these tests: ICAO 9303's specimen passport expired on 1994-06-23.
SPECIMEN_DAY = datetime(1994, 6, 1, 10, 0)


@pytest.fixture(autouse=True)
def before_the_specimen_expired(context: KioskContext) -> None:
    context.clock = lambda: SPECIMEN_DAY.replace(tzinfo=context.zone)


@pytest.fixture
def passport(context: KioskContext) -> Iterator[PassportAdapter]:
    opener = open_passport_reader(PassportSection())
    assert opener is not None
    adapter = PassportAdapter(opener)
    context.devices = KioskDevices(passport=adapter)
    yield adapter
    adapter.stop()


def grab(kiosk: KioskUi, name: str) -> None:
    folder = artefact_dir("kiosk-passport", override="PASSPORT_RENDER_DIR")
    kiosk.window.grab().save(str(folder / f"{name}.png"))


def test_passport_chip_identifies_the_resident(qtbot: QtBot, kiosk: KioskUi,
                                               context: KioskContext,
                                               passport: PassportAdapter) -> None:
    screen: IdentifyScreen = kiosk.screen("identify")
    kiosk.navigator.go("identify", NEXT)
    assert screen.page() is IdPage.ID_NUMBER  # no card reader: typed path, passport offered
    grab(kiosk, "passport-offer-typed-en-portrait")
    tap(qtbot, screen.id_use_passport)
    assert screen.page() is IdPage.PASSPORT
    entry = screen.passport_entry
    tap(qtbot, entry.buttons["L"])
    assert entry.buttons["A"].isEnabled()
    tap(qtbot, entry.buttons["back"])
    assert not entry.next_button.isEnabled()
    for key in "L898902C":
        tap(qtbot, entry.buttons[key])
    tap(qtbot, entry.next_button)
    assert not entry.buttons["A"].isEnabled()  # dates take digits only
    for key in "691306":
        tap(qtbot, entry.buttons[key])
    tap(qtbot, entry.next_button)
    assert "six digits" in entry.error.text()  # month 13 is refused before the chip
    for _ in range(6):
        tap(qtbot, entry.buttons["back"])
    for key in "690806":
        tap(qtbot, entry.buttons[key])
    tap(qtbot, entry.next_button)
    for key in "940623":
        tap(qtbot, entry.buttons[key])
    assert entry.next_button.text() == "Read the chip"
    tap(qtbot, entry.next_button)
    qtbot.waitUntil(lambda: screen.page() is not IdPage.PASSPORT_READ, timeout=10_000)
    assert screen.page() is IdPage.DONE  # read from a chip, as a card: no phone asked
    identity = context.session.identity
    assert identity is not None and identity.kind is DocumentKind.PASSPORT
    assert identity.id_number == "L898902C" and identity.nationality == "UTO"
    assert identity.photo_image[:2] == b"\xff\xd8"  # the chip's JPEG face, for face match
    shown = screen.done_identity.text()
    assert "L*****2C" in shown and "A*** M**** E*******" in shown
    assert "L898902C" not in shown and "ERIKSSON" not in shown
    tap(qtbot, screen.continue_button)
    assert kiosk.navigator.current == "help"
    assert context.session.applicant_id_number == "L898902C"


def test_a_wrong_date_is_refused_by_the_chip_and_can_be_corrected(
        qtbot: QtBot, kiosk: KioskUi, context: KioskContext,
        passport: PassportAdapter) -> None:
    screen: IdentifyScreen = kiosk.screen("identify")
    kiosk.navigator.go("identify", NEXT)
    tap(qtbot, screen.id_use_passport)
    type_key(qtbot, screen, "L898902C", "690806", "940624")
    qtbot.waitUntil(screen.passport_error.isVisible, timeout=10_000)
    assert "did not accept" in screen.passport_error.text()
    assert context.session.identity is None
    tap(qtbot, screen.passport_change)
    entry = screen.passport_entry
    assert entry.values == ["L898902C", "690806", "940624"]
    tap(qtbot, entry.buttons["back"])
    tap(qtbot, entry.buttons["3"])
    tap(qtbot, entry.next_button)
    qtbot.waitUntil(lambda: screen.page() is IdPage.DONE, timeout=10_000)


def test_a_chip_failing_passive_authentication_sends_the_resident_to_a_window(
        qtbot: QtBot, kiosk: KioskUi, context: KioskContext) -> None:
    specimen = Specimen.build(SPECIMEN_FACE.read_bytes(), face_size=SPECIMEN_FACE_SIZE)
    key = parse_mrz("\n".join(specimen.mrz)).key
    specimen.tamper_dg1(td3_lines(surname="MALLORY", given_names="EVE", number="L898902C",
                                  nationality="UTO", birth="690806", sex="F",
                                  expiry="940623"))
    chip = VirtualPassport(specimen.files, key)
    adapter = PassportAdapter(lambda: PassportReader(DirectLink(chip),
                                                     CscaList([specimen.pki.csca])))
    context.devices = KioskDevices(passport=adapter)
    try:
        screen: IdentifyScreen = kiosk.screen("identify")
        kiosk.navigator.go("identify", NEXT)
        tap(qtbot, screen.id_use_passport)
        type_key(qtbot, screen, "L898902C", "690806", "940623")
        qtbot.waitUntil(screen.passport_error.isVisible, timeout=10_000)
        assert "could not be verified" in screen.passport_error.text()
        assert not screen.passport_retry.isEnabled()
        # the verdict alone: not under "lay your passport on the reader", nothing to retry
        for hidden in (screen.passport_prompt, screen.passport_retry, screen.passport_change):
            assert not hidden.isVisible()
        assert context.session.identity is None
        assert any("DG1 does not match" in e.message for e in adapter.errors())
    finally:
        adapter.stop()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_an_expired_passport_or_card_is_refused(qtbot: QtBot, kiosk: KioskUi,
                                                context: KioskContext,
                                                passport: PassportAdapter,
                                                language: str) -> None:
    """By the kiosk's clock, not the machine's: the specimen passport read on its
    last valid day passes (above); a day after, it is refused, and so is a card."""
    context.gui.language.set_language(language)
    context.clock = lambda: datetime(1994, 6, 24, 9, 0, tzinfo=context.zone)
    screen: IdentifyScreen = kiosk.screen("identify")
    kiosk.navigator.go("identify", NEXT)
    tap(qtbot, screen.id_use_passport)
    type_key(qtbot, screen, "L898902C", "690806", "940623")
    qtbot.waitUntil(screen.passport_error.isVisible, timeout=10_000)
    assert "1994-06-23" in screen.passport_error.text()
    if language == "en":
        assert "expired" in screen.passport_error.text()
    else:
        assert "过期" in screen.passport_error.text()
    assert context.session.identity is None and not context.session.identified
    grab(kiosk, f"passport-expired-{language}-portrait")

    context.clock = lambda: datetime(2027, 3, 2, 9, 0, tzinfo=context.zone)
    with Ga467Simulator(DEMO_CARDS["hmt"]()) as sim:  # valid until 2027-03-01
        adapter = CardReaderAdapter(SerialIdCardReader(sim.port, step_timeout=0.3))
        context.devices = KioskDevices(card_reader=adapter)
        try:
            kiosk.navigator.go("identify", NEXT)
            qtbot.waitUntil(screen.card_error.isVisible, timeout=10_000)
            assert "2027-03-01" in screen.card_error.text()
            assert context.session.identity is None
        finally:
            adapter.stop()


@pytest.mark.parametrize(("card", "masked"), [
    ("hmt", "810000********1230"),
    ("foreign2017", "USA********1512"),
    ("foreign2023", "911840********0010"),
])
def test_permits_and_foreigners_cards_identify_at_the_kiosk(
        qtbot: QtBot, kiosk: KioskUi, context: KioskContext, card: str, masked: str) -> None:
    with Ga467Simulator(DEMO_CARDS[card]()) as sim:
        adapter = CardReaderAdapter(SerialIdCardReader(sim.port, step_timeout=0.3))
        context.devices = KioskDevices(card_reader=adapter)
        try:
            screen: IdentifyScreen = kiosk.screen("identify")
            kiosk.navigator.go("identify", NEXT)
            qtbot.waitUntil(lambda: context.session.identity is not None, timeout=10_000)
            assert screen.page() is IdPage.DONE
            shown = screen.done_identity.text()
            assert masked in shown and DEMO_CARDS[card]().id_number not in shown
            assert context.session.identity.kind is DEMO_CARDS[card]().kind
        finally:
            adapter.stop()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)])
def test_render_the_passport_screens(qtbot: QtBot, kiosk: KioskUi, context: KioskContext,
                                     passport: PassportAdapter, language: str,
                                     size: tuple[int, int]) -> None:
    context.gui.language.set_language(language)
    kiosk.window.resize(*size)
    orientation = "portrait" if size[0] < size[1] else "landscape"
    screen: IdentifyScreen = kiosk.screen("identify")
    with Ga467Simulator(card_present=False) as sim:  # a card reader with no card on it
        reader = CardReaderAdapter(SerialIdCardReader(sim.port, step_timeout=0.3))
        context.devices = KioskDevices(card_reader=reader, passport=passport)
        try:
            kiosk.navigator.go("identify", NEXT)
            title = "请确认您的身份" if language == "zh_CN" else "Please identify yourself"
            qtbot.waitUntil(lambda: screen.title_label.text() == title)  # language change in
            assert screen.page() is IdPage.CARD
            grab(kiosk, f"passport-offer-{language}-{orientation}")
            tap(qtbot, screen.use_passport)
        finally:
            reader.stop()
    assert screen.page() is IdPage.PASSPORT
    entry: Any = screen.passport_entry
    for key in "L898902C":
        tap(qtbot, entry.buttons[key])
    tap(qtbot, entry.next_button)
    for key in "6908":
        tap(qtbot, entry.buttons[key])
    grab(kiosk, f"passport-entry-{language}-{orientation}")
    for key in "06":
        tap(qtbot, entry.buttons[key])
    tap(qtbot, entry.next_button)
    for key in "940624":
        tap(qtbot, entry.buttons[key])
    tap(qtbot, entry.next_button)
    qtbot.waitUntil(screen.passport_error.isVisible, timeout=10_000)
    assert screen.passport_error.text() != "" and screen.passport_change.text() != ""
    grab(kiosk, f"passport-refused-{language}-{orientation}")
    tap(qtbot, screen.passport_change)
    tap(qtbot, entry.buttons["back"])
    tap(qtbot, entry.buttons["3"])
    tap(qtbot, entry.next_button)
    qtbot.waitUntil(lambda: screen.page() is IdPage.DONE, timeout=10_000)
    grab(kiosk, f"passport-done-{language}-{orientation}")


# ---- face match after the chip -------------------------------------------------------

def load_bench() -> Any:
    import importlib.util
    import sys

    path = Path(__file__).resolve().parents[2] / "scripts" / "bench_facematch.py"
    spec = importlib.util.spec_from_file_location("bench_facematch", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def camera_of(person: str, folder: Path) -> Any:
    """A camera (image-folder source) that sees `person` in front of the kiosk."""
    import cv2
    import numpy as np

    from hardware.camera import ImageFolderSource
    from terminal.devices.workers import CameraAdapter

    bench = load_bench()
    rng = np.random.default_rng(11)
    folder.mkdir()
    for i in range(3):
        frame = bench.live_frame(person, rng)
        cv2.imwrite(str(folder / f"{i}.jpg"), cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    return CameraAdapter(ImageFolderSource(folder, fps=5.0), detect_faces=False)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize(("person", "matched"), [("collins", True), ("hopper", False)])
def test_face_match_against_the_chip_photo(qtbot: QtBot, kiosk: KioskUi,
                                           context: KioskContext, passport: PassportAdapter,
                                           tmp_path: Path, person: str, matched: bool,
                                           language: str) -> None:
    context.gui.language.set_language(language)
    camera = camera_of(person, tmp_path / "camera")
    context.devices = KioskDevices(passport=passport, camera=camera)
    try:
        screen: IdentifyScreen = kiosk.screen("identify")
        kiosk.navigator.go("identify", NEXT)
        tap(qtbot, screen.id_use_passport)
        type_key(qtbot, screen, "L898902C", "690806", "940623")
        qtbot.waitUntil(lambda: screen.page() is IdPage.FACE, timeout=10_000)
        qtbot.waitUntil(lambda: context.session.face_match is not None, timeout=120_000)
        result = context.session.face_match
        assert result is not None and result.distance is not None
        if matched:
            assert result.outcome is MatchOutcome.MATCHED and result.distance < 0.6
            assert screen.page() is IdPage.DONE
            assert context.session.identity is not None
        else:
            assert result.outcome is MatchOutcome.NOT_MATCHED and result.distance >= 0.6
            assert screen.page() is IdPage.FACE
            assert screen.face_status.text() and not screen.face_retry.isVisible()
            assert not screen.face_view.isVisible()  # the verdict under the title
            assert context.session.identity is None
        qtbot.waitUntil(lambda: not camera.capturing, timeout=10_000)
        title = "请确认您的身份" if language == "zh_CN" else "Please identify yourself"
        qtbot.waitUntil(lambda: screen.title_label.text() == title)
        grab(kiosk, f"passport-face-{'matched' if matched else 'refused'}-{language}-portrait")
    finally:
        camera.stop()


@pytest.mark.log_warnings(r"face match failed")
def test_a_matcher_that_cannot_run_does_not_leave_the_resident_waiting(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QImage

    import terminal.face_check as face_check

    def broken() -> Any:
        raise FileNotFoundError("the face_recognition_models package is not installed")

    monkeypatch.setattr(face_check, "_matcher", broken)
    frame = QImage(64, 48, QImage.Format.Format_RGB888)
    frame.fill(0)
    result = face_check.match_frame(frame, SPECIMEN_FACE.read_bytes(), 0.6)
    assert result.outcome is MatchOutcome.NO_DOCUMENT_FACE and result.distance is None


def passport_page_camera(folder: Path, lines: tuple[str, str]) -> Any:
    """A camera (image-folder source) over a passport's data page lying on the kiosk."""
    import cv2
    import numpy as np

    from hardware.camera import ImageFolderSource
    from hardware.passport.data_page import photograph, render_data_page
    from terminal.devices.workers import CameraAdapter

    rng = np.random.default_rng(5)
    page = render_data_page(lines, rng, fields=(("Surname", "ERIKSSON"),
                                                ("Given names", "ANNA MARIA")))
    folder.mkdir()
    for i in range(3):
        cv2.imwrite(str(folder / f"{i}.png"), photograph(page, rng, angle=3 * i - 3).frame)
    return CameraAdapter(ImageFolderSource(folder, fps=5.0), detect_faces=False)


@pytest.mark.skipif(not Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf").exists(),
                    reason="fonts-ocr-b is not installed")
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_camera_reads_the_passports_mrz_before_the_chip(
        qtbot: QtBot, kiosk: KioskUi, context: KioskContext, passport: PassportAdapter,
        tmp_path: Path, language: str) -> None:
    """No typing: the key read by the camera opens the chip (a wrong key would not)."""
    from hardware.passport.specimen import ICAO_EXAMPLE

    context.gui.language.set_language(language)
    camera = passport_page_camera(tmp_path / "camera", ICAO_EXAMPLE)
    context.devices = KioskDevices(passport=passport, camera=camera)
    try:
        screen: IdentifyScreen = kiosk.screen("identify")
        kiosk.navigator.go("identify", NEXT)
        tap(qtbot, screen.id_use_passport)
        assert screen.page() is IdPage.PASSPORT_SCAN
        qtbot.waitUntil(lambda: screen.passport_scan.view.frames_shown >= 2, timeout=30_000)
        grab(kiosk, f"passport-scan-{language}-portrait")
        kiosk.window.resize(1920, 1080)
        shown = screen.passport_scan.view.frames_shown
        # the read may finish (two frames agreeing) before a landscape frame is shown
        qtbot.waitUntil(lambda: screen.passport_scan.view.frames_shown > shown
                        or screen.page() is not IdPage.PASSPORT_SCAN, timeout=30_000)
        if screen.page() is IdPage.PASSPORT_SCAN:
            grab(kiosk, f"passport-scan-{language}-landscape")
        qtbot.waitUntil(lambda: screen.page() is not IdPage.PASSPORT_SCAN, timeout=120_000)
        # the chip opened to the camera's key and passed passive authentication; the
        # face match comes next (the camera sees only the page: no face yet)
        qtbot.waitUntil(lambda: screen.page() is IdPage.FACE, timeout=30_000)
        assert not screen.passport_error.isVisible()
    finally:
        camera.stop()


@pytest.mark.skipif(not Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf").exists(),
                    reason="fonts-ocr-b is not installed")
def test_a_page_that_does_not_open_the_chip_is_said_so_and_read_again(
        qtbot: QtBot, kiosk: KioskUi, context: KioskContext, passport: PassportAdapter,
        tmp_path: Path) -> None:
    """The camera read another passport's page than the chip's: nothing was typed, so
    the resident is not told to check what they typed; "Try again" has the camera read
    the page again, and numbers typed instead go to the chip."""
    other = td3_lines(surname="ERIKSSON", given_names="ANNA MARIA", number="C11223344",
                      nationality="UTO", birth="690806", sex="F", expiry="940623")
    camera = passport_page_camera(tmp_path / "camera", other)
    context.devices = KioskDevices(passport=passport, camera=camera)
    try:
        screen: IdentifyScreen = kiosk.screen("identify")
        kiosk.navigator.go("identify", NEXT)
        tap(qtbot, screen.id_use_passport)
        qtbot.waitUntil(screen.passport_error.isVisible, timeout=120_000)
        said = screen.passport_error.text()
        assert "the camera read from the photo page" in said and "check them" not in said
        assert screen.page() is IdPage.PASSPORT_READ and context.session.identity is None
        grab(kiosk, "passport-page-does-not-open-the-chip-en-portrait")
        tap(qtbot, screen.passport_retry)
        assert screen.page() is IdPage.PASSPORT_SCAN  # read again, not the same key again
        qtbot.waitUntil(screen.passport_error.isVisible, timeout=120_000)
        tap(qtbot, screen.passport_change)  # what the camera read, to check and correct
        entry = screen.passport_entry
        assert entry.values == ["C11223344", "690806", "940623"]
        for _ in range(9):
            tap(qtbot, entry.buttons["back"])
        for key in "L898902C":
            tap(qtbot, entry.buttons[key])
        for _ in range(3):  # the dates as read
            tap(qtbot, entry.next_button)
        qtbot.waitUntil(lambda: screen.page() is IdPage.FACE, timeout=10_000)  # it opened
    finally:
        camera.stop()


def test_the_resident_can_type_instead_of_the_camera(
        qtbot: QtBot, kiosk: KioskUi, context: KioskContext, passport: PassportAdapter,
        tmp_path: Path) -> None:
    camera = camera_of("collins", tmp_path / "camera")  # a face, no passport page
    context.devices = KioskDevices(passport=passport, camera=camera)
    try:
        screen: IdentifyScreen = kiosk.screen("identify")
        kiosk.navigator.go("identify", NEXT)
        tap(qtbot, screen.id_use_passport)
        assert screen.page() is IdPage.PASSPORT_SCAN and camera.capturing
        tap(qtbot, screen.passport_scan.type_instead)
        assert screen.page() is IdPage.PASSPORT and not camera.capturing
    finally:
        camera.stop()


def test_the_demo_passport_is_valid_today(qtbot: QtBot, kiosk: KioskUi,
                                          context: KioskContext) -> None:
    """`make demo`'s simulated passport (the specimen expired in 1994): read by the
    kiosk's own day, not the specimen's."""
    from hardware.passport.specimen import demo_lines

    opener = open_passport_reader(PassportSection(simulated_passport="demo"))
    assert opener is not None
    adapter = PassportAdapter(opener)
    context.devices = KioskDevices(passport=adapter)
    today = datetime.now(context.zone)
    context.clock = lambda: today
    second = demo_lines(today.date())[1]
    try:
        screen: IdentifyScreen = kiosk.screen("identify")
        kiosk.navigator.go("identify", NEXT)
        tap(qtbot, screen.id_use_passport)
        type_key(qtbot, screen, second[0:9], second[13:19], second[21:27])
        qtbot.waitUntil(lambda: screen.page() is not IdPage.PASSPORT_READ, timeout=10_000)
        assert screen.page() is IdPage.DONE, screen.passport_error.text()
        identity = context.session.identity
        assert identity is not None and identity.id_number == "D23145890"
        assert identity.valid_until is not None and identity.valid_until > today.date()
    finally:
        adapter.stop()
