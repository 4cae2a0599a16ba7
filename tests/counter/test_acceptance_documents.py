"""Acceptance at the counter with a passport read by its chip (the simulated specimen
passport: real BAC, secure messaging and passive authentication), and the applicant
step with residence permits and foreigners' cards from the GA 467 simulator."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from counter.acceptance.steps_intake import ApplicantStep
from counter.acceptance.workbench import APPLICANT, FORM
from hardware.facematch import MatchOutcome
from hardware.idcard.ga467_sim import DEMO_CARDS, Ga467Simulator
from hardware.idcard.serial_reader import SerialIdCardReader
from hardware.identity import DocumentKind
from hardware.passport.mrz import parse_mrz
from hardware.passport.passive_auth import CscaList
from hardware.passport.reader import PassportReader
from hardware.passport.specimen import Specimen, td3_lines
from hardware.passport.vpassport import DirectLink, VirtualPassport
from sync.protocol.models import AcceptanceOutcome, Person
from terminal.config import PassportSection
from terminal.devices.passport import (
    SPECIMEN_FACE,
    SPECIMEN_FACE_SIZE,
    PassportAdapter,
    open_passport_reader,
)
from terminal.devices.workers import CardReaderAdapter
from tests.counter import acceptance_fixtures
from tests.counter.acceptance_fixtures import CounterEnv
from tests.counter.test_acceptance import MZ, MZ_FORM, choose, fill_form, record, set_materials
from tests.helpers.artefacts import artefact_dir
from tests.kiosk.test_identify_documents import load_bench

counter_env = acceptance_fixtures.counter_env  # fixture, used by name below
#: ICAO 9303's specimen passport expired on 1994-06-23: the applicant step's day.
SPECIMEN_DAY = date(1994, 6, 1)


def type_passport(qtbot: QtBot, step: ApplicantStep, number: str, birth: str,
                  expiry: str) -> None:
    step.kind.setCurrentIndex(list(DocumentKind).index(DocumentKind.PASSPORT))
    step.id_number.clear()
    step.nationality.clear()
    qtbot.keyClicks(step.nationality, "uto")
    qtbot.keyClicks(step.id_number, number)
    qtbot.keyClicks(step.birth, birth)
    qtbot.keyClicks(step.expiry, expiry)


def read_chip(qtbot: QtBot, env: CounterEnv) -> ApplicantStep:
    """The applicant step with the specimen passport's chip read (typed key)."""
    workbench = env.workbench
    choose(env, qtbot, "dbsq", MZ)
    workbench.go(APPLICANT)
    step: ApplicantStep = workbench.applicant_step
    qtbot.waitUntil(lambda: step.name.text() != "")  # the ID card lying on the reader
    step.stop()
    step._today = lambda: SPECIMEN_DAY
    type_passport(qtbot, step, "L898902C", "690806", "940623")
    with qtbot.waitSignal(step.passport.passportRead, timeout=10_000):
        step.read_passport_button.click()
    return step


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.log_warnings(r"No published working\-day calendar")
def test_a_passport_applicant_is_accepted_at_the_counter(counter_env: CounterEnv,
                                                         qtbot: QtBot, language: str) -> None:
    env = counter_env
    env.shell.gui.language.set_language(language)
    workbench = env.workbench
    workbench.resize(1920, 1080)
    choose(env, qtbot, "dbsq", MZ)
    workbench.go(APPLICANT)
    step = workbench.applicant_step
    step._today = lambda: SPECIMEN_DAY  # the step's clock only: the record is dated today
    type_passport(qtbot, step, "l898902c", "690806", "940623")
    assert step.chip_row.isVisible() and step.id_number.text() == "L898902C"
    assert step.problem() == ""  # a passport number, not a GB 11643 one
    with qtbot.waitSignal(step.passport.passportRead, timeout=10_000):
        step.read_passport_button.click()
    assert step.name.text() == "ANNA MARIA ERIKSSON"
    card = env.adapters[1]
    with qtbot.waitSignal(card.cardRead, timeout=10_000):  # an ID card left on the reader
        card.read_once()
    assert step.name.text() == "ANNA MARIA ERIKSSON"  # does not replace the passport's holder
    assert step.face.isVisible() and step.face.pixmap().height() > 100
    assert "CN=Test Document Signer,C=UT" in step.chip_result.text()
    if language == "en":
        assert "passed" in step.chip_result.text()
    folder = artefact_dir("counter-passport", override="PASSPORT_RENDER_DIR")
    workbench.grab().save(str(folder / f"passport-applicant-{language}-landscape.png"))
    fill_form(env, MZ_FORM)  # the form's own applicant field takes the passport number
    workbench.go(FORM)
    set_materials(env, {})
    number, _printed = record(env, qtbot, AcceptanceOutcome.ACCEPTED)
    assert env.drain() == 1
    [row] = [r for r in env.platform_rows("acceptance") if r["tracking_number"] == number]
    assert row["applicant"]["id_number"] == "L898902C"
    assert row["applicant"]["name"] == "ANNA MARIA ERIKSSON"
    assert (row["applicant"]["document_kind"], row["applicant"]["nationality"]) == (
        "passport", "UTO")


def test_the_document_kind_and_country_are_asked_and_restored(qtbot: QtBot) -> None:
    """A typed passport needs its issuing country; a person restored from a draft or a
    kiosk pre-application comes back with their document kind, and one without a kind
    (an old terminal's) is a resident ID card's."""
    step = ApplicantStep(None, lambda: date(2026, 3, 2))
    qtbot.addWidget(step)
    step.show()
    step.kind.setCurrentIndex(list(DocumentKind).index(DocumentKind.PASSPORT))
    qtbot.keyClicks(step.id_number, "L898902C")
    assert "issuing country" in step.problem()
    qtbot.keyClicks(step.nationality, "d<<")
    assert step.problem() == ""
    assert step.person().document_key == "passport:D<<:L898902C"
    step.set_person(Person(id_number="USA123456789012", document_kind="foreign_pr_2017"))
    assert step.document_kind() is DocumentKind.FOREIGN_PR_2017
    assert (step.person().nationality, step.nationality.isVisible()) == ("USA", True)
    step.set_person(Person(id_number="L898902C", name="ANNA MARIA ERIKSSON",
                           document_kind="passport", nationality="UTO"))
    assert (step.document_kind(), step.nationality.text()) == (DocumentKind.PASSPORT, "UTO")
    assert step.chip_row.isVisible()
    step.set_person(Person(id_number="11010519491231002X"))
    assert step.document_kind() is DocumentKind.RESIDENT_ID
    assert not step.nationality.isVisible() and step.person().nationality is None


def test_a_wrong_key_and_a_forged_chip_are_told_to_the_clerk(qtbot: QtBot) -> None:
    specimen = Specimen.build(SPECIMEN_FACE.read_bytes(), face_size=SPECIMEN_FACE_SIZE)
    key = parse_mrz("\n".join(specimen.mrz)).key
    specimen.tamper_dg1(td3_lines(surname="MALLORY", given_names="EVE", number="L898902C",
                                  nationality="UTO", birth="690806", sex="F",
                                  expiry="940623"))
    chip = VirtualPassport(specimen.files, key)
    adapter = PassportAdapter(lambda: PassportReader(DirectLink(chip),
                                                     CscaList([specimen.pki.csca])))
    step = ApplicantStep(None, lambda: SPECIMEN_DAY, adapter)
    qtbot.addWidget(step)
    step.resize(1920, 1080)
    step.show()
    try:
        type_passport(qtbot, step, "L898902C", "690806", "940624")
        with qtbot.waitSignal(adapter.passportFailed, timeout=10_000):
            step.read_passport()
        assert "did not accept" in step.status.text() and "6300" in step.status.text()
        step.expiry.clear()
        qtbot.keyClicks(step.expiry, "940623")
        with qtbot.waitSignal(adapter.passportRead, timeout=10_000):
            step.read_passport()
        assert "FAILED" in step.chip_result.text()
        assert "DG1 does not match its signed hash" in step.chip_result.text()
        folder = artefact_dir("counter-passport", override="PASSPORT_RENDER_DIR")
        step.grab().save(str(folder / "passport-forged-en-landscape.png"))
    finally:
        adapter.stop()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_an_expired_passport_is_refused_at_the_counter(counter_env: CounterEnv, qtbot: QtBot,
                                                       language: str) -> None:
    """By the workbench's clock (today here): the specimen expired in 1994."""
    env = counter_env
    env.shell.gui.language.set_language(language)
    env.workbench.resize(1366, 768)
    env.workbench.go(APPLICANT)
    step = env.workbench.applicant_step
    qtbot.waitUntil(lambda: step.name.text() != "")  # the ID card lying on the reader
    step.stop()  # its reader polls no more: the status line is the passport's
    type_passport(qtbot, step, "L898902C", "690806", "940623")
    with qtbot.waitSignal(step.passport.passportRead, timeout=10_000):
        step.read_passport_button.click()
    assert "1994-06-23" in step.status.text()
    assert ("expired" if language == "en" else "过期") in step.status.text()
    assert "ERIKSSON" not in step.name.text() and not step.face.isVisible()
    folder = artefact_dir("counter-passport", override="PASSPORT_RENDER_DIR")
    env.workbench.grab().save(str(folder / f"passport-expired-{language}-1366x768.png"))


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize(("person", "matched"), [("collins", True), ("hopper", False)])
def test_the_clerk_compares_the_face_with_the_chip_photo(counter_env: CounterEnv, qtbot: QtBot,
                                                         person: str, matched: bool,
                                                         language: str) -> None:
    """The camera shows `person` (public-domain portraits, the specimen's face is
    Collins'); the result is shown and only its outcome is recorded."""
    import cv2
    import numpy as np

    env = counter_env
    bench, rng = load_bench(), np.random.default_rng(11)
    for i in range(3):
        frame = bench.live_frame(person, rng)
        cv2.imwrite(str(env.camera_dir / f"{i}.jpg"), cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    env.shell.gui.language.set_language(language)
    workbench = env.workbench
    step = read_chip(qtbot, env)
    compare = step.face_compare
    assert compare.isVisible() and compare.result is None
    compare.button.click()
    qtbot.waitUntil(lambda: compare.result is not None, timeout=120_000)
    assert compare.result is not None and compare.result.distance is not None
    expected = MatchOutcome.MATCHED if matched else MatchOutcome.NOT_MATCHED
    assert compare.result.outcome is expected
    distance = compare.result.distance
    assert f"{distance:.2f}" in compare.label.text()
    if language == "en":
        assert ("does NOT match" in compare.label.text()) is not matched
    qtbot.waitUntil(lambda: not workbench.camera.capturing, timeout=10_000)
    rows = (step.birth, step.expiry, step.scan_mrz_button, step.read_passport_button)
    # once laid out again for the outcome's text: scrolled, not squeezed
    qtbot.waitUntil(lambda: all(row.height() >= row.minimumSizeHint().height()
                                for row in rows))
    folder = artefact_dir("counter-passport", override="PASSPORT_RENDER_DIR")
    tag = "matched" if matched else "refused"
    for width, height in ((1366, 768), (1920, 1080)):
        workbench.resize(width, height)
        workbench.grab().save(str(folder / f"passport-face-{tag}-{language}-counter-"
                                          f"{width}x{height}.png"))
    fill_form(env, MZ_FORM)
    workbench.go(FORM)
    set_materials(env, {})
    number, _printed = record(env, qtbot, AcceptanceOutcome.ACCEPTED)
    assert env.drain() == 1
    [row] = [r for r in env.platform_rows("acceptance") if r["tracking_number"] == number]
    assert row["face_match"] == expected.value
    assert (row["face_distance"], row["face_threshold"]) == (pytest.approx(distance), 0.6)
    assert not any(isinstance(value, str) and len(value) > 1000 for value in row.values())


@pytest.mark.parametrize("card", ["hmt", "foreign2017", "foreign2023"])
def test_permits_and_foreigners_cards_fill_the_applicant(qtbot: QtBot, card: str) -> None:
    with Ga467Simulator(DEMO_CARDS[card]()) as sim:
        adapter = CardReaderAdapter(SerialIdCardReader(sim.port, step_timeout=0.3))
        step = ApplicantStep(adapter, lambda: date(2026, 3, 2))
        qtbot.addWidget(step)
        step.show()
        try:
            with qtbot.waitSignal(adapter.cardRead, timeout=10_000):
                step.read_button.click()
            assert step.document_kind() is DEMO_CARDS[card]().kind
            assert step.id_number.text() == DEMO_CARDS[card]().id_number
            assert step.problem() == ""
            step.kind.setCurrentIndex(0)  # as a resident ID number: only the permit's is one
            assert ("not valid" in step.problem()) is (card != "hmt")
        finally:
            adapter.stop()


@pytest.mark.skipif(not Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf").exists(),
                    reason="fonts-ocr-b is not installed")
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_camera_reads_the_mrz_then_the_chip_at_the_counter(
        counter_env: CounterEnv, qtbot: QtBot, language: str) -> None:
    """The workbench's camera sees the specimen's data page: its MRZ fills the number
    and dates, and the chip opens to them; both ways to read fit at 1366x768."""
    import cv2
    import numpy as np

    from hardware.passport.data_page import photograph, render_data_page
    from hardware.passport.specimen import ICAO_EXAMPLE

    env = counter_env
    rng = np.random.default_rng(9)
    page = render_data_page(ICAO_EXAMPLE, rng)
    for i in range(3):
        cv2.imwrite(str(env.camera_dir / f"{i}.png"), photograph(page, rng, angle=2 * i).frame)
    env.shell.gui.language.set_language(language)
    workbench = env.workbench
    choose(env, qtbot, "dbsq", MZ)
    workbench.go(APPLICANT)
    step = workbench.applicant_step
    qtbot.waitUntil(lambda: step.name.text() != "")  # the ID card lying on the reader
    step.stop()
    step._today = lambda: SPECIMEN_DAY
    step.nationality.setText("UTO")
    with qtbot.waitSignal(step.passport.passportRead, timeout=120_000):
        step.scan_mrz_button.click()
    assert (step.id_number.text(), step.birth.text(), step.expiry.text()) == (
        "L898902C", "690806", "940623")
    assert step.name.text() == "ANNA MARIA ERIKSSON"
    qtbot.waitUntil(lambda: not workbench.camera.capturing, timeout=10_000)
    for button in (step.scan_mrz_button, step.read_passport_button):
        assert button.isVisible() and button.width() >= button.sizeHint().width(), button.text()
        assert button.mapTo(workbench, button.rect().topRight()).x() <= workbench.width()
    folder = artefact_dir("counter-passport", override="PASSPORT_RENDER_DIR")
    workbench.grab().save(str(folder / f"passport-mrz-{language}-counter-1366x768.png"))


def test_the_clerks_face_check_holds_the_technicians_threshold(
        qtbot: QtBot, tmp_path: Path) -> None:
    """The same genuine face (Collins, the specimen's photo) at a threshold set stricter
    than its distance is not matched, and the clerk sees that threshold."""
    from tests.kiosk.test_identify_documents import camera_of

    opener = open_passport_reader(PassportSection())
    assert opener is not None
    adapter = PassportAdapter(opener)
    camera = camera_of("collins", tmp_path / "camera")
    step = ApplicantStep(None, lambda: SPECIMEN_DAY, adapter, camera, lambda: 0.05)
    qtbot.addWidget(step)
    step.resize(1366, 768)
    step.show()
    try:
        type_passport(qtbot, step, "L898902C", "690806", "940623")
        with qtbot.waitSignal(adapter.passportRead, timeout=10_000):
            step.read_passport()
        step.face_compare.button.click()
        qtbot.waitUntil(lambda: step.face_compare.result is not None, timeout=120_000)
        result = step.face_compare.result
        assert result is not None and result.distance is not None
        assert result.threshold == 0.05 and result.distance > 0.05
        assert result.outcome is MatchOutcome.NOT_MATCHED
        assert "threshold 0.05" in step.face_compare.label.text()
        assert step.face_match() == ("not_matched", result.distance, 0.05)
    finally:
        camera.stop()
        adapter.stop()
