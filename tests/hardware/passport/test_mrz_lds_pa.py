"""MRZ check digits and parsing, the LDS data groups, passive authentication of the SOD."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.passport import lds, passive_auth
from hardware.passport.mrz import MrzError, MrzKey, char_value, check_digit, parse_mrz
from hardware.passport.passive_auth import CscaList, PaStatus
from hardware.passport.specimen import (
    ICAO_EXAMPLE,
    Specimen,
    SpecimenPki,
    build_sod,
    make_pki,
    td3_lines,
)
from tests.hardware.passport.conftest import FACE_SIZE, face_bytes

TODAY = date(2026, 12, 5)
# ICAO 9303 part 5's TD1 specimen card
TD1 = ("I<UTOD231458907<<<<<<<<<<<<<<<",
       "7408122F1204159UTO<<<<<<<<<<<6",
       "ERIKSSON<<ANNA<MARIA<<<<<<<<<<")


def test_check_digits_of_the_icao_example() -> None:
    assert check_digit("L898902C<") == "3"
    assert check_digit("690806") == "1"
    assert check_digit("940623") == "6"
    assert check_digit("ZE184226B<<<<<") == "1"


def test_passport_mrz() -> None:
    mrz = parse_mrz("\n".join(ICAO_EXAMPLE), today=TODAY)
    assert ICAO_EXAMPLE[1] == "L898902C<3UTO6908061F9406236ZE184226B<<<<<14"
    assert (mrz.document_code, mrz.issuing_state, mrz.nationality) == ("P", "UTO", "UTO")
    assert (mrz.surname, mrz.given_names, mrz.sex) == ("ERIKSSON", "ANNA MARIA", "F")
    assert (mrz.birth_date, mrz.expiry_date) == (date(1969, 8, 6), date(1994, 6, 23))
    assert mrz.optional_data == "ZE184226B"
    assert mrz.key == MrzKey.typed("l898902c", "690806", "940623")


def test_card_mrz() -> None:
    mrz = parse_mrz("\n".join(TD1), today=TODAY)
    assert (mrz.document_code, mrz.document_number) == ("I", "D23145890")
    assert (mrz.birth_date, mrz.expiry_date) == (date(1974, 8, 12), date(2012, 4, 15))


@pytest.mark.parametrize(("line", "problem"), [
    ("L898902C<4UTO6908061F9406236ZE184226B<<<<<14", "document number"),
    ("L898902C<3UTO6908062F9406236ZE184226B<<<<<14", "birth date"),
    ("L898902C<3UTO6908061F9406237ZE184226B<<<<<14", "expiry date"),
    ("L898902C<3UTO6908061F9406236ZE184226B<<<<<15", "composite"),
    ("L898902C<3UTO6908061F9406236ZE184226C<<<<<14", "personal number"),
])
def test_each_check_digit_is_verified(line: str, problem: str) -> None:
    with pytest.raises(MrzError, match=problem):
        parse_mrz(ICAO_EXAMPLE[0] + "\n" + line, today=TODAY)


@given(st.integers(0, 43), st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"))
def test_any_single_changed_character_of_a_checked_field_is_caught(pos: int, ch: str) -> None:
    line = ICAO_EXAMPLE[1]
    # nationality and sex carry no check digit; and 7-3-1 weights cannot tell
    # characters whose values agree modulo 10 apart (`<` 0, A 10, K 20, U 30)
    if pos in range(10, 13) or pos == 20 or char_value(line[pos]) % 10 == char_value(ch) % 10:
        return
    changed = line[:pos] + ch + line[pos + 1:]
    with pytest.raises(MrzError):
        parse_mrz(ICAO_EXAMPLE[0] + "\n" + changed, today=TODAY)


def test_typed_key_rules() -> None:
    assert MrzKey.typed(" e 1234567 ", "900101", "300101").document_number == "E1234567<"
    for args in (("", "900101", "300101"), ("E12345678X", "900101", "300101"),
                 ("E1234567", "9001", "300101"), ("E12-4567", "900101", "300101")):
        with pytest.raises(MrzError):
            MrzKey.typed(*args)


def test_dg1_and_dg2_round_trip_and_errors() -> None:
    assert lds.parse_dg1(lds.encode_dg1(ICAO_EXAMPLE)).document_number == "L898902C"
    face = face_bytes()
    dg2 = lds.encode_dg2(face, lds.JPEG, *FACE_SIZE)
    [image] = lds.parse_dg2(dg2)
    assert (image.data, image.width, image.height) == (face, *FACE_SIZE)
    with pytest.raises(lds.LdsError):
        lds.parse_dg2(dg2[:200])
    with pytest.raises(lds.LdsError, match="tag"):
        lds.parse_dg1(dg2)
    bad_type = dg2.replace(b"\x01\x00" + FACE_SIZE[0].to_bytes(2, "big"),
                           b"\x01\x07" + FACE_SIZE[0].to_bytes(2, "big"), 1)
    with pytest.raises(lds.LdsError, match="neither JPEG"):
        lds.parse_dg2(bad_type)


@pytest.fixture(scope="module")
def signed() -> tuple[Specimen, dict[int, bytes]]:
    specimen = Specimen.build(face_bytes(), face_size=FACE_SIZE)
    return specimen, {1: specimen.files[0x0101], 2: specimen.files[0x0102]}


def test_a_forged_signature_fails(signed: tuple[Specimen, dict[int, bytes]]) -> None:
    specimen, groups = signed
    forger = make_pki()
    # the forger signs with his own key but keeps the genuine DS certificate
    forged = build_sod(groups, forger.ds_key, specimen.pki.ds)
    result = passive_auth.check(forged, groups, CscaList([specimen.pki.csca]))
    assert result.status is PaStatus.FAILED
    assert result.problems[0].startswith("the SOD signature does not verify")


def test_a_group_the_sod_does_not_list_fails(signed: tuple[Specimen, dict[int, bytes]]
                                             ) -> None:
    specimen, groups = signed
    result = passive_auth.check(specimen.files[0x011D], {**groups, 3: b"\x63\x00"})
    assert result.problems == ("DG3 is not listed in the SOD",)


def test_an_expired_document_signer_fails_with_a_csca_list(pki: SpecimenPki) -> None:
    specimen = Specimen.build(face_bytes(), face_size=FACE_SIZE, pki=pki)
    groups = {1: specimen.files[0x0101]}
    later = datetime.now(UTC) + timedelta(days=3651)
    result = passive_auth.check(specimen.files[0x011D], groups, CscaList([pki.csca]), now=later)
    assert result.problems == ("the document signer certificate is not valid today",)


def test_garbage_is_not_an_sod() -> None:
    assert passive_auth.check(b"\x77\x03\x30\x01\x00", {}).status is PaStatus.FAILED
    assert passive_auth.check(lds.encode_dg1(ICAO_EXAMPLE), {}).status is PaStatus.FAILED


def test_csca_list_from_a_folder(tmp_path: Path, pki: SpecimenPki) -> None:
    from cryptography.hazmat.primitives.serialization import Encoding
    (tmp_path / "a.pem").write_bytes(pki.csca.public_bytes(Encoding.PEM))
    (tmp_path / "b.der").write_bytes(make_pki("ZZ").csca.public_bytes(Encoding.DER))
    (tmp_path / "notes.txt").write_text("not a certificate")
    cscas = CscaList.load(tmp_path)
    assert len(cscas) == 2 and cscas.issuers_of(pki.ds) == [pki.csca]
    # X is 33: 33 x 7 + 1 x 3 = 234, check digit 4
    assert td3_lines(surname="A", given_names="B", number="X1", nationality="CHN",
                     birth="000101", sex="M", expiry="300101")[1][:10] == "X1<<<<<<<4"
