"""A passport chip that offers PACE, read through a real pcscd and vpcd: EF.CardAccess,
PACE (ECDH Generic Mapping, brainpoolP256r1) with the MRZ key, AES secure messaging,
a DG2 past 32 KB by READ BINARY B1; and a chip of before PACE still read by BAC."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from PIL import Image

from hardware.idcard.pcsc import CardRemovedError, PcscReader
from hardware.passport import lds
from hardware.passport.mrz import MrzKey
from hardware.passport.passive_auth import CscaList, PaStatus
from hardware.passport.reader import (
    MSG_KEY_REFUSED,
    READ_CARD_ACCESS,
    AccessKeyRefusedError,
    PassportReader,
)
from hardware.passport.specimen import Specimen, SpecimenPki, td3_lines
from hardware.passport.vpassport import BAC_ONLY, DirectLink, VirtualPassport
from tests.hardware.passport.conftest import ASTRONAUT, KEY
from tests.hardware.pcsc_fixtures import PcscDaemon, remove_and_wait

MSE_SET_AT, GENERAL_AUTHENTICATE = 0x22, 0x86
GET_CHALLENGE, EXTERNAL_AUTHENTICATE = 0x84, 0x82
LARGE_FACE_SIZE = (420, 525)


def large_face() -> bytes:
    """The astronaut at a size whose JPEG makes DG2 longer than 32 KB."""
    with Image.open(ASTRONAUT) as image:
        face = image.convert("RGB").crop((60, 0, 436, 470)).resize(LARGE_FACE_SIZE)
    out = io.BytesIO()
    face.save(out, "JPEG", quality=85)
    return out.getvalue()


@pytest.fixture
def pace_chip(pcscd: PcscDaemon, specimen: Specimen) -> Iterator[VirtualPassport]:
    card = VirtualPassport(specimen.files, KEY)  # offers PACE, as a chip issued today
    card.insert()
    yield card
    remove_and_wait(card)


def _after_pace(apdus: list[bytes]) -> list[bytes]:
    last = max(i for i, a in enumerate(apdus) if a[1] == GENERAL_AUTHENTICATE)
    return apdus[last + 1:]


def test_pace_then_aes_secure_messaging_and_passive_authentication(
        pace_chip: VirtualPassport, pcsc: PcscReader, specimen: Specimen) -> None:
    reading = PassportReader(pcsc, CscaList([specimen.pki.csca])).read(KEY)
    assert reading is not None
    assert reading.access_control == "PACE"
    assert reading.mrz.document_number == "L898902C"
    assert reading.face is not None and reading.face.data == specimen_face(specimen)
    assert reading.passive_auth.status is PaStatus.PASSED, reading.passive_auth.problems
    apdus = pace_chip.apdus
    start = apdus.index(READ_CARD_ACCESS)  # EF.CardAccess first, in the clear
    assert apdus[start + 1][1] == MSE_SET_AT
    assert [a[1] for a in apdus[start + 2:start + 6]] == [GENERAL_AUTHENTICATE] * 4
    assert not any(a[1] in (GET_CHALLENGE, EXTERNAL_AUTHENTICATE) for a in apdus)
    after = _after_pace(apdus)
    assert after and all(a[0] & 0x0C == 0x0C for a in after)
    # the application selected inside the session, AES: DO'87' holds 01 + 16 bytes
    assert after[0][:4] == bytes.fromhex("0CA4040C") and after[0][5:8] == b"\x87\x11\x01"
    # the card stays on the reader with its application selected (pcscd leaves it as
    # is): the next read goes back to the master file for EF.CardAccess, PACE again
    again = PassportReader(pcsc).read(KEY)
    assert again is not None and again.access_control == "PACE"


def specimen_face(specimen: Specimen) -> bytes:
    face = lds.parse_dg2(specimen.files[lds.DG_FILES[2][1]])[0]
    return face.data


def test_a_bac_only_chip_is_still_read(chip: VirtualPassport, pcsc: PcscReader) -> None:
    reading = PassportReader(pcsc).read(KEY)
    assert reading is not None and reading.access_control == "BAC"
    assert READ_CARD_ACCESS in chip.apdus  # asked, answered 6A82
    assert not any(a[1] in (MSE_SET_AT, GENERAL_AUTHENTICATE) for a in chip.apdus)
    assert any(a[1] == EXTERNAL_AUTHENTICATE for a in chip.apdus)


def test_a_wrong_mrz_key_is_refused_under_pace_without_falling_back_to_bac(
        pace_chip: VirtualPassport, pcsc: PcscReader) -> None:
    wrong = MrzKey.typed("L898902C", "690806", "940624")
    with pytest.raises(AccessKeyRefusedError) as refused:
        PassportReader(pcsc).read(wrong)
    assert refused.value.resident_message == MSG_KEY_REFUSED
    assert "PACE" in refused.value.technician_message
    assert "6300" in refused.value.technician_message
    assert not any(a[1] in (GET_CHALLENGE, EXTERNAL_AUTHENTICATE) for a in pace_chip.apdus)
    assert not any(a[0] & 0x0C == 0x0C for a in pace_chip.apdus)  # no file was asked for
    reading = PassportReader(pcsc).read(KEY)  # the right key still opens it
    assert reading is not None and reading.access_control == "PACE"


def test_chip_removed_mid_read_in_a_pace_session(pace_chip: VirtualPassport,
                                                  pcsc: PcscReader) -> None:
    protected: list[bytes] = []

    def pull_after_a_few_protected_reads(command: bytes) -> bool:
        if command[0] & 0x0C == 0x0C:
            protected.append(command)
        return len(protected) > 6  # PACE done, the application selected, DG1 begun
    pace_chip.remove_on = pull_after_a_few_protected_reads
    with pytest.raises(CardRemovedError):
        PassportReader(pcsc).read(KEY)
    assert any(a[1] == GENERAL_AUTHENTICATE for a in pace_chip.apdus)


def test_a_dg2_past_32_kb_is_read_whole_by_read_binary_b1(
        pcscd: PcscDaemon, pcsc: PcscReader, pki: SpecimenPki) -> None:
    face = large_face()
    specimen = Specimen.build(face, face_size=LARGE_FACE_SIZE, pki=pki)
    dg2 = specimen.files[lds.DG_FILES[2][1]]
    assert len(dg2) > 0x8000
    card = VirtualPassport(specimen.files, KEY)
    card.insert()
    try:
        reading = PassportReader(pcsc, CscaList([pki.csca])).read(KEY)
    finally:
        remove_and_wait(card)
    assert reading is not None and reading.access_control == "PACE"
    assert reading.face is not None and reading.face.data == face  # byte for byte
    assert reading.face.decode().size == LARGE_FACE_SIZE
    assert reading.passive_auth.status is PaStatus.PASSED  # DG2's signed hash matches
    odd = [a for a in card.apdus if a[1] == 0xB1]
    assert odd and all(a[0] == 0x0C for a in odd)  # past 7FFF, in secure messaging


def test_a_tampered_dg1_fails_passive_authentication_under_pace(
        pcscd: PcscDaemon, pcsc: PcscReader, specimen: Specimen) -> None:
    specimen.tamper_dg1(td3_lines(surname="MALLORY", given_names="EVE", number="L898902C",
                                  nationality="UTO", birth="690806", sex="F",
                                  expiry="940623"))
    card = VirtualPassport(specimen.files, KEY)
    card.insert()
    try:
        reading = PassportReader(pcsc, CscaList([specimen.pki.csca])).read(KEY)
    finally:
        remove_and_wait(card)
    assert reading is not None and reading.access_control == "PACE"
    assert reading.mrz.surname == "MALLORY"
    assert reading.passive_auth.status is PaStatus.FAILED
    assert reading.passive_auth.problems == ("DG1 does not match its signed hash",)


# --- in process (no daemon): what a chip may answer to PACE ------------------------------

class NoPaceChip(VirtualPassport):
    """Lists PACE in EF.CardAccess but answers MSE:Set AT with 6D00 (INS not supported)."""

    def respond(self, command: bytes) -> bytes:
        if len(command) > 1 and command[1] == MSE_SET_AT:
            return b"\x6d\x00"
        return super().respond(command)


def test_pace_not_supported_falls_back_to_bac(specimen: Specimen) -> None:
    reading = PassportReader(DirectLink(NoPaceChip(specimen.files, KEY))).read(KEY)
    assert reading is not None and reading.access_control == "BAC"


def test_a_large_dg2_under_bac_too(pki: SpecimenPki) -> None:
    face = large_face()
    specimen = Specimen.build(face, face_size=LARGE_FACE_SIZE, pki=pki)
    chip = VirtualPassport(specimen.files, KEY, pace=BAC_ONLY)
    reading = PassportReader(DirectLink(chip), CscaList([pki.csca])).read(KEY)
    assert reading is not None and reading.access_control == "BAC"
    assert reading.face is not None and reading.face.data == face
    assert reading.passive_auth.status is PaStatus.PASSED
