"""A foreign resident identified at the kiosk by passport, on a real display (Xvfb,
xcb) by real taps (XTest): "I have a passport", the passport laid open at its photo
page on the reader under the kiosk's camera (a camera process over a folder); the
camera reads the page's MRZ, the chip (a virtual passport on a real pcscd's vpcd
reader) opens to it by PACE and passes passive authentication against the CSCA the
technician configured; the camera then sees the resident, whose face matches the
chip's photo by the technician's threshold; the application is submitted and
reaches the platform with the passport holder's identity and the face check's
figures. A forged chip (its data changed after signing) and a page whose MRZ does
not open the chip on the reader are refused in plain words, and nothing is sent.
In both setups (zh_CN portrait, en landscape). Needs pcscd with vpcd (marked
`pcscd`: the tests start their own pcscd)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from hardware.passport.mrz import parse_mrz
from hardware.passport.specimen import Specimen, SpecimenPki, make_pki, td3_lines
from hardware.passport.vpassport import VirtualPassport
from tests.e2e.conftest import Rig, _stop_kiosk
from tests.e2e.flows import (
    choose,
    confirm_identity,
    delivered,
    start_session,
    submit_for_slip,
    tracking_number_of,
)
from tests.e2e.kiosk import Kiosk, centre, empty_counter
from tests.e2e.passports import FACE, FACE_SIZE, OCR_B, applicant, data_page, show_camera
from tests.e2e.test_apply import CATEGORY, DEPARTMENT, MATTER, PHONE, fill_the_support_form
from tests.hardware.pcsc_fixtures import (  # noqa: F401  (the session's pcscd)
    VIRTUAL_READER,
    PcscDaemon,
    pcscd_fixture,
    remove_and_wait,
)

pytestmark = [pytest.mark.pcscd,
              pytest.mark.skipif(not OCR_B.exists(), reason="fonts-ocr-b is not installed "
                                 "(the data page's MRZ is drawn in OCR-B)")]

HOLDER, NUMBER, COUNTRY = "ANNA MARIA ERIKSSON", "D23145890", "UTO"
#: the technician's face-match threshold (the default is 0.6): the passport's holder
#: is ~0.25 from her chip photo
THRESHOLD = 0.5
#: the camera process loads OpenCV, tesseract's MRZ reading and dlib's models on first
#: use; a whole chip read through pcscd and vpcd takes ~4 s (docs/benchmarks.md)
CAMERA_TIMEOUT = 180.0
CHIP_TIMEOUT = 60.0
GENERAL_AUTHENTICATE, EXTERNAL_AUTHENTICATE = 0x86, 0x82


@dataclass
class Passport:
    """A passport in the resident's hand: its printed data page and its chip."""

    page: tuple[str, str]  # the MRZ printed on the data page
    chip: VirtualPassport


@dataclass
class Reader:
    """The kiosk's passport reader: pcscd's virtual reader, and the camera above it."""

    pki: SpecimenPki  # the CSCA the technician configured signs these passports
    camera: Path  # the folder the kiosk's camera sees
    today: date  # the center's

    def passport(self, lines: tuple[str, str], chip_lines: tuple[str, str] | None = None,
                 forged: tuple[str, str] | None = None) -> Passport:
        """A passport whose page shows `lines`; its chip signed for `chip_lines` (by
        default the page's), with DG1 replaced by `forged` after signing."""
        specimen = Specimen.build(FACE.read_bytes(), face_size=FACE_SIZE,
                                  mrz=chip_lines or lines, pki=self.pki)
        if forged is not None:
            specimen.tamper_dg1(forged)
        key = parse_mrz("\n".join(specimen.mrz)).key
        return Passport(lines, VirtualPassport(specimen.files, key))

    def lay(self, passport: Passport) -> None:
        """Open at its photo page, on the reader (the chip in its field), under the camera."""
        surname, _, given = parse_mrz("\n".join(passport.page)).name.partition(" ")
        passport.chip.insert()
        show_camera(self.camera, data_page(passport.page, surname, given))

    def take_away(self, passport: Passport) -> None:
        """Off the reader (pcscd sees the card go) and from under the camera."""
        remove_and_wait(passport.chip)
        empty_counter(self.camera)


@pytest.fixture(scope="module")
def reader(rig: Rig, pcscd: PcscDaemon, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[Reader]:
    """The kiosks this module's flows meet have the passport reader (pcscd's virtual
    reader, the test CSCA, the technician's threshold); the kiosk an earlier module
    left goes, and so does this module's at its end (pcscd ends with the session)."""
    from cryptography.hazmat.primitives.serialization import Encoding

    pki = make_pki("UT")
    cscas = tmp_path_factory.mktemp("csca")
    (cscas / "csca.pem").write_bytes(pki.csca.public_bytes(Encoding.PEM))
    camera = rig.folder / "kiosk" / "camera"
    rig.kiosk_sections = ("[devices.passport]\n"
                          'kind = "pcsc"\n'
                          f"reader = {json.dumps(VIRTUAL_READER)}\n"
                          f"csca_dir = {json.dumps(str(cscas))}\n"
                          f"face_match_threshold = {THRESHOLD}\n")
    retire_kept_kiosk(rig)
    yield Reader(pki, camera, rig.platform.clock.now().date())
    rig.kiosk_sections = ""
    retire_kept_kiosk(rig)


def retire_kept_kiosk(rig: Rig) -> None:
    """The kiosk the last flow left stops; the next flow starts one as the rig says."""
    running, rig.kept = rig.kept, None
    if running is not None:
        problem = _stop_kiosk(running)
        if problem:
            pytest.fail(problem)


def holders_lines(today: date, number: str = NUMBER) -> tuple[str, str]:
    """The resident's passport (the demo passport's holder), valid until the end of
    the fifth year after the center's `today`."""
    return td3_lines(surname="ERIKSSON", given_names="ANNA MARIA", number=number,
                     nationality=COUNTRY, birth="740812", sex="F",
                     expiry=f"{(today.year + 5) % 100:02d}1231")


def to_the_passport(kiosk: Kiosk) -> None:
    """From the attract screen through the catalog to the matter's "Start", then
    "I have a passport" on the identification step."""
    language = kiosk.language
    start_session(kiosk)
    choose(kiosk, "apply")
    kiosk.begin("catalog: office, topic, service")
    kiosk.tap(DEPARTMENT[language])
    kiosk.tap(CATEGORY[language])
    kiosk.tap(MATTER[language])
    kiosk.wait_screen("matter")
    kiosk.begin("matter: start")
    kiosk.tap(kiosk.tr("MatterScreen", "Start ›"), exact=True)
    kiosk.begin("identify: I have a passport")
    kiosk.wait_screen("identify")
    kiosk.tap(kiosk.tr("IdentifyScreen", "I have a passport"), name="usePassport")
    kiosk.wait_text(kiosk.tr("PassportScanPage", "Lay your passport open at the photo page "
                                                 "under the camera"))


def reading_the_chip(kiosk: Kiosk) -> None:
    """The camera has read the MRZ: the kiosk reads the chip."""
    reading = kiosk.tr("IdentifyScreen", "Reading the chip, please keep the passport still…")
    kiosk.wait(lambda state: kiosk.find(state, reading, name="passportStatus", kind="label"),
               "the MRZ read by the camera, the chip being read", timeout=CAMERA_TIMEOUT)


def test_a_foreign_resident_applies_with_a_passport(kiosk: Kiosk, rig: Rig,
                                                    reader: Reader) -> None:
    language, name = kiosk.language, rig.setup.name
    passport = reader.passport(holders_lines(reader.today))
    try:
        to_the_passport(kiosk)
        kiosk.screenshot(f"{name}-passport-scan")
        mark = rig.printer.mark()

        kiosk.begin("the passport on the reader under the camera: its MRZ read, its chip")
        reader.lay(passport)
        reading_the_chip(kiosk)
        kiosk.screenshot(f"{name}-passport-chip")

        # the page stays under the camera: the photo printed on it is the chip's, and
        # matches it; the kiosk compares no face while the page is in view
        kiosk.begin("the face check with the page still under the camera: refused")
        take_away = kiosk.tr("IdentifyScreen", "Please take your passport away from the "
                                               "camera and look at the screen.")
        kiosk.wait(lambda state: kiosk.find(state, take_away, name="facePrompt", kind="label"),
                   "the page's photo refused", timeout=CAMERA_TIMEOUT)
        kiosk.screenshot(f"{name}-passport-face-page-in-view")
        assert not kiosk.find(kiosk.state(), name="doneIdentity", kind="label")

        kiosk.begin("the page put away, the face compared with the chip's photo")
        show_camera(reader.camera, applicant("collins"))
        done = kiosk.wait_for(name="doneIdentity", kind="label", timeout=CAMERA_TIMEOUT)
        kiosk.screenshot(f"{name}-passport-identified")
        assert NUMBER not in done["text"] and "ERIKSSON" not in done["text"]  # masked
        assert f"{NUMBER[0]}*" in done["text"]
        confirm_identity(kiosk, "apply_form")
        # opened by PACE (General Authenticate), not BAC (External Authenticate)
        sent = {apdu[1] for apdu in passport.chip.apdus}
        assert GENERAL_AUTHENTICATE in sent and EXTERNAL_AUTHENTICATE not in sent
    finally:
        reader.take_away(passport)  # the resident takes the passport back

    fill_the_support_form(kiosk)
    kiosk.wait_screen("apply_review")
    kiosk.begin("review: submit")
    kiosk.wait_text(MATTER[language], timeout=10)
    printed = submit_for_slip(kiosk, rig.printer, mark)
    number = tracking_number_of(printed.text)
    assert NUMBER not in printed.text  # masked on paper
    kiosk.screenshot(f"{name}-passport-applied")

    stored = delivered(kiosk, rig.platform, "online", "application", number)
    assert stored["matter_code"] == MATTER["code"]
    applicant_ = stored["applicant"]
    assert applicant_["document_kind"] == "passport"
    assert applicant_["id_number"] == NUMBER and applicant_["nationality"] == COUNTRY
    assert applicant_["name"] == HOLDER
    assert stored["fields"]["phone"] == PHONE
    assert stored["face_match"] == "matched" and stored["face_threshold"] == THRESHOLD
    assert 0 < stored["face_distance"] < THRESHOLD


REFUSALS = {
    # a forger changed the chip's name after the issuing state signed it, and printed
    # the page to match (the same number and dates: the chip opens): sent to a window
    "forged-chip": "The passport's chip could not be verified. Please go to a window for "
                   "help.",
    # the data page of the resident's old passport, the new one's chip on the reader:
    # told so, and "Try again" has the camera read the page again
    "page-does-not-open-the-chip": "The passport's chip did not open with the details the "
                                   "camera read from the photo page. Please lay one passport "
                                   "only, open at its photo page, on the reader and try "
                                   "again.",
}


@pytest.mark.parametrize("refusal", list(REFUSALS))
def test_a_passport_that_cannot_be_trusted_is_refused_in_plain_words(
        kiosk: Kiosk, rig: Rig, reader: Reader, refusal: str) -> None:
    genuine = holders_lines(reader.today)
    forged = refusal == "forged-chip"
    if forged:
        page = td3_lines(surname="MALLORY", given_names="EVE", number=NUMBER,
                         nationality=COUNTRY, birth="740812", sex="F",
                         expiry=genuine[1][21:27])
        passport = reader.passport(page, chip_lines=genuine, forged=page)
    else:
        passport = reader.passport(holders_lines(reader.today, "C11223344"),
                                   chip_lines=genuine)
    said = kiosk.tr("IdentifyScreen", REFUSALS[refusal])
    before = len(rig.platform.transactions("application"))
    try:
        to_the_passport(kiosk)
        kiosk.begin(f"{refusal}: laid on the reader under the camera")
        reader.lay(passport)
        reading_the_chip(kiosk)
        refused = kiosk.wait(lambda state: kiosk.find(state, said, name="passportReadError",
                                                      kind="label"),
                             f"the resident told: {said!r}", timeout=CHIP_TIMEOUT)
        kiosk.screenshot(f"{rig.setup.name}-passport-{refusal}")
        assert refused["rect"] == refused["whole"]  # wholly on screen
        state = kiosk.state()
        assert state["screen"] == "identify"
        assert kiosk.find(state, name="doneIdentity", kind="label") is None
        retry = kiosk.find(state, kiosk.tr("IdentifyScreen", "Try again"),
                           name="passportRetry")
        lay_it = kiosk.tr("IdentifyScreen", "Lay your passport open at the photo page on "
                                            "the passport reader")
        if forged:  # the verdict alone: no "lay it on the reader", nothing to retry
            assert retry is None
            assert kiosk.find(state, lay_it, name="passportReadPrompt", kind="label") is None
        else:
            assert retry is not None
            kiosk.begin("try again: the camera reads the page again, the chip refuses again")
            kiosk.tap_at(*centre(retry))
            kiosk.wait_text(kiosk.tr("PassportScanPage", "Lay your passport open at the photo "
                                                         "page under the camera"))
            kiosk.wait(lambda state: kiosk.find(state, said, name="passportReadError",
                                                kind="label"), f"told again: {said!r}",
                       timeout=CHIP_TIMEOUT)
            kiosk.begin("change the passport details: the numbers the camera read")
            kiosk.tap(kiosk.tr("IdentifyScreen", "Change the passport details"))
            kiosk.wait(lambda state: kiosk.find(state, "C11223344", name="passportField0",
                                                kind="label", exact=True),
                       "the page's passport number, as read, to check")
            kiosk.screenshot(f"{rig.setup.name}-passport-details-as-read")
    finally:
        reader.take_away(passport)
    kiosk.begin("home: nothing was sent")
    kiosk.tap(kiosk.tr("NavigationBar", "Home"), exact=True)
    kiosk.wait_screen("home")
    assert rig.platform.transactions("application")[before:] == []
