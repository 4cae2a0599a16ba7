"""A passport chip read through a real pcscd and vpcd: the project's virtual passport,
built from ICAO 9303's worked example, answers BAC and secure messaging as a chip
(a BAC-only chip here, PACE in test_chip_pace)."""

from __future__ import annotations

import pytest

from hardware.idcard.pcsc import CardRemovedError, PcscReader
from hardware.idcard.vcard import VirtualCard
from hardware.passport import lds
from hardware.passport.mrz import MrzKey
from hardware.passport.passive_auth import CscaList, PaStatus
from hardware.passport.reader import (
    MSG_KEY_REFUSED,
    AccessKeyRefusedError,
    NotAPassportError,
    PassportReader,
)
from hardware.passport.specimen import Specimen, make_pki, td3_lines
from hardware.passport.vpassport import BAC_ONLY, VirtualPassport
from tests.hardware.passport.conftest import FACE_SIZE, KEY, face_bytes
from tests.hardware.pcsc_fixtures import PcscDaemon, remove_and_wait


def test_bac_then_dg1_dg2_and_passive_authentication_against_the_csca(
        chip: VirtualPassport, pcsc: PcscReader, specimen: Specimen) -> None:
    reading = PassportReader(pcsc, CscaList([specimen.pki.csca])).read(KEY)
    assert reading is not None
    assert reading.access_control == "BAC"
    assert reading.mrz.document_number == "L898902C"
    assert reading.mrz.name == "ANNA MARIA ERIKSSON"
    assert str(reading.mrz.birth_date) == "1969-08-06"
    assert str(reading.mrz.expiry_date) == "1994-06-23"
    face = reading.face
    assert face is not None and face.mime == "image/jpeg"
    assert face.decode().size == FACE_SIZE
    assert reading.passive_auth.status is PaStatus.PASSED, reading.passive_auth.problems
    assert reading.passive_auth.checked_groups == (1, 2)
    # everything after BAC went in secure messaging, and files were never read in clear
    after_bac = chip.apdus[chip.apdus.index(next(a for a in chip.apdus if a[1] == 0x82)) + 1:]
    assert after_bac and all(a[0] & 0x0C == 0x0C for a in after_bac)
    assert "ERIKSSON" not in repr(reading) and "L898902C" not in repr(reading)


def test_without_a_csca_list_the_result_says_it_is_not_anchored(
        chip: VirtualPassport, pcsc: PcscReader) -> None:
    reading = PassportReader(pcsc).read(KEY)
    assert reading is not None
    assert reading.passive_auth.status is PaStatus.UNANCHORED
    assert reading.passive_auth.signer == "CN=Test Document Signer,C=UT"


def test_a_csca_list_without_the_issuer_fails(chip: VirtualPassport,
                                              pcsc: PcscReader) -> None:
    reading = PassportReader(pcsc, CscaList([make_pki().csca])).read(KEY)
    assert reading is not None
    assert reading.passive_auth.status is PaStatus.FAILED


def test_wrong_mrz_key_is_refused_by_the_chip(chip: VirtualPassport,
                                              pcsc: PcscReader) -> None:
    wrong = MrzKey.typed("L898902C", "690806", "940624")
    with pytest.raises(AccessKeyRefusedError) as refused:
        PassportReader(pcsc).read(wrong)
    assert refused.value.resident_message == MSG_KEY_REFUSED
    assert "6300" in refused.value.technician_message
    assert not any(a[0] & 0x0C == 0x0C for a in chip.apdus)  # no file was ever asked for
    assert PassportReader(pcsc).read(KEY) is not None  # the right key still opens it


def test_a_tampered_dg1_fails_passive_authentication(pcscd: PcscDaemon, pcsc: PcscReader,
                                                      specimen: Specimen) -> None:
    specimen.tamper_dg1(td3_lines(surname="MALLORY", given_names="EVE", number="L898902C",
                                  nationality="UTO", birth="690806", sex="F",
                                  expiry="940623"))
    card = VirtualPassport(specimen.files, KEY, pace=BAC_ONLY)
    card.insert()
    try:
        reading = PassportReader(pcsc, CscaList([specimen.pki.csca])).read(KEY)
    finally:
        remove_and_wait(card)
    assert reading is not None and reading.access_control == "BAC"
    assert reading.mrz.surname == "MALLORY"
    assert reading.passive_auth.status is PaStatus.FAILED
    assert reading.passive_auth.problems == ("DG1 does not match its signed hash",)


def test_chip_removed_mid_read(chip: VirtualPassport, pcsc: PcscReader) -> None:
    reads = []

    def pull_on_tenth_read(command: bytes) -> bool:
        reads.append(command)
        return len(reads) > 12  # after BAC and the first files' headers
    chip.remove_on = pull_on_tenth_read
    with pytest.raises(CardRemovedError):
        PassportReader(pcsc).read(KEY)


def test_jpeg2000_face(pcscd: PcscDaemon, pcsc: PcscReader, specimen: Specimen) -> None:
    jp2 = Specimen.build(face_bytes("JPEG2000"), face_size=FACE_SIZE, jpeg2000=True,
                         pki=specimen.pki)
    card = VirtualPassport(jp2.files, KEY, pace=BAC_ONLY)
    card.insert()
    try:
        reading = PassportReader(pcsc).read(KEY)
    finally:
        remove_and_wait(card)
    assert reading is not None and reading.face is not None
    assert reading.access_control == "BAC"
    assert reading.face.image_type == lds.JPEG2000
    image = reading.face.decode()
    assert image.size == FACE_SIZE
    # a real face, not a blank: the astronaut's picture has texture
    assert max(image.convert("L").getextrema()) - min(image.convert("L").getextrema()) > 100


def test_a_card_without_the_emrtd_application(pcscd: PcscDaemon, pcsc: PcscReader) -> None:
    card = VirtualCard(None)
    card.insert()
    try:
        with pytest.raises(NotAPassportError):
            PassportReader(pcsc).read(KEY)
    finally:
        remove_and_wait(card)


def test_no_card_gives_none(pcscd: PcscDaemon, pcsc: PcscReader) -> None:
    assert PassportReader(pcsc).read(KEY, timeout=0.2) is None
