"""GB 11643 rules, masking and the identity record."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.identity import (
    MSG_CARD_REJECTED,
    PROVINCE_CODES,
    CardRejected,
    IdentityRecord,
    IdNumberProblem,
    Sex,
    birth_date_of_number,
    card_mismatches,
    check_digit,
    is_elderly,
    mask_address,
    mask_id_number,
    mask_name,
    mask_phone,
    sex_of_number,
    validate_id_number,
    verify_card,
)

EXAMPLE = "11010519491231002X"


def test_standard_example_is_valid() -> None:
    check = validate_id_number(EXAMPLE)
    assert check and check.valid
    assert check.birth_date == date(1949, 12, 31)
    assert check_digit(EXAMPLE[:17]) == "X"
    assert validate_id_number(" 11010519491231002x ").number == EXAMPLE


def test_bad_check_digit() -> None:
    check = validate_id_number("110105194912310021")
    assert not check
    assert check.problem is IdNumberProblem.CHECK_DIGIT
    assert "expected X" in check.reason


def test_bad_date() -> None:
    number = "11010519490230" + "002"
    check = validate_id_number(number + check_digit(number))
    assert check.problem is IdNumberProblem.BIRTH_DATE
    assert "19490230" in check.reason


def test_future_and_old_dates() -> None:
    future = "110105" + (date.today() + timedelta(days=1)).strftime("%Y%m%d") + "001"
    assert "future" in validate_id_number(future + check_digit(future)).reason
    old = "110105" + "18991231" + "001"
    assert "1900" in validate_id_number(old + check_digit(old)).reason


def test_bad_region_and_format() -> None:
    number = "99010519491231002"
    check = validate_id_number(number + check_digit(number))
    assert check.problem is IdNumberProblem.REGION and "99" in check.reason
    for bad in ("", "1101051949123100", "11010519491231002Y", "1101051949123100２X"):
        assert validate_id_number(bad).problem is IdNumberProblem.FORMAT


def test_masks() -> None:
    assert mask_id_number(EXAMPLE) == "110105********002X"
    assert mask_name("张三丰") == "张*丰"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧**娜"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_address("北京市朝阳区示例路1号") == "北京市朝阳区****"
    assert mask_address("北京") == "北京"


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=n, max_size=n)


HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
ADDRESS = "北京市朝阳区示例路1号"


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(sorted(PROVINCE_CODES))) + draw(digits(4))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=date.today()))
    sequence = draw(digits(3))
    first17 = region + born.strftime("%Y%m%d") + sequence
    return first17 + check_digit(first17)


@given(valid_numbers())
def test_any_well_formed_number_validates(number: str) -> None:
    assert validate_id_number(number).valid


def _record(name: str, number: str) -> IdentityRecord:
    return IdentityRecord(name=name, sex=Sex.MALE, ethnicity="汉族",
                          birth_date=date(1990, 1, 1), address=ADDRESS,
                          id_number=number, photo_wlt=b"\x01" * 10, source="typed")


@given(valid_numbers(),
       st.text(HANZI, min_size=2, max_size=15).filter(lambda s: not set(s) & set(ADDRESS)))
def test_repr_never_shows_number_or_name(number: str, name: str) -> None:
    record = _record(name, number)
    for text in (repr(record), str(record), f"{record}"):
        assert number not in text
        assert name not in text
        assert number[6:14] not in text  # birth date digits


def test_wipe_clears_everything() -> None:
    record = _record("张三丰", EXAMPLE)
    record.wipe()
    assert record.wiped
    assert record.name == record.id_number == record.address == ""
    assert record.photo_wlt == b""


# --- what the number encodes, and a card that disagrees with it -------------------

def _card(number: str, born: date, sex: Sex) -> IdentityRecord:
    return IdentityRecord(name="张三丰", sex=sex, ethnicity="汉族", birth_date=born,
                          address=ADDRESS, id_number=number, source="ga467")


@given(valid_numbers())
def test_number_encodes_birth_date_and_sex(number: str) -> None:
    born = birth_date_of_number(number)
    assert born == validate_id_number(number).birth_date
    sex = sex_of_number(number)
    assert sex is (Sex.MALE if int(number[16]) % 2 else Sex.FEMALE)
    assert card_mismatches(_card(number, born, sex)) == []


def test_standard_example_is_a_woman_born_1949() -> None:
    assert sex_of_number(EXAMPLE) is Sex.FEMALE
    assert birth_date_of_number(EXAMPLE) == date(1949, 12, 31)
    assert birth_date_of_number("110105194902300021") is None  # 30 February


def test_elderly_from_the_number_on_the_65th_birthday() -> None:
    first17 = "11010519600301001"
    number = first17 + check_digit(first17)
    assert is_elderly(number, date(2025, 2, 28)) is False
    assert is_elderly(number, date(2025, 3, 1)) is True
    assert is_elderly("123", date(2025, 3, 1)) is None


def test_card_whose_birth_date_and_sex_disagree_is_rejected_precisely() -> None:
    card = _card(EXAMPLE, date(1949, 11, 30), Sex.MALE)
    problems = card_mismatches(card)
    assert problems == [
        "birth date on the card differs from digits 7-14 of the ID number in the month and day",
        "sex on the card is male (code 1), the ID number says female (17th digit 2)",
    ]
    with pytest.raises(CardRejected) as caught:
        verify_card(card, "/dev/ttyUSB0")
    error = caught.value
    assert error.resident_message == MSG_CARD_REJECTED
    assert error.health().state.value == "ready"  # the reader works; the card is refused
    assert "card 110105********002X on /dev/ttyUSB0 rejected" in error.technician_message
    assert "1949-11-30" not in error.technician_message
    assert card.wiped  # data that disagree with themselves are not kept


def test_a_card_that_agrees_passes_untouched() -> None:
    card = _card(EXAMPLE, date(1949, 12, 31), Sex.FEMALE)
    assert verify_card(card, "reader") is card and not card.wiped
