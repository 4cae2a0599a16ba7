"""The one set of input rules (terminal/validation.py) and the inputs that use them."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from sync.protocol.models import FieldType, FormField
from terminal.form_fields import IdNumberInput, PhoneInput
from terminal.validation import check_id_number, is_mobile, is_phone

#: Born 2030-01-01 (Beijing, Dongcheng), check digit right.
BORN_2030 = "110101203001010014"


@pytest.mark.parametrize(("number", "mobile", "phone"), [
    ("13812345678", True, True),
    ("19912345678", True, True),
    ("12345678901", False, False),   # no mobile number starts with 12
    ("10086123456", False, False),
    ("1381234567", False, False),    # 10 digits
    ("01012345678", False, True),    # Beijing landline
    ("075512345678", False, True),   # Shenzhen landline, 12 digits
    ("0101234", False, False),
    ("", False, False),
])
def test_one_rule_for_mobile_and_phone_numbers(number: str, mobile: bool, phone: bool) -> None:
    assert (is_mobile(number), is_phone(number)) == (mobile, phone)


def test_the_id_number_is_checked_against_the_injected_day() -> None:
    assert check_id_number(BORN_2030, today=date(2030, 6, 1))
    assert not check_id_number(BORN_2030, today=date(2029, 12, 31))  # born tomorrow
    assert check_id_number(" 11010519491231002x ", today=date(2026, 3, 2)).number == \
        "11010519491231002X"


def field(kind: FieldType) -> FormField:
    return FormField(key="f", label_zh="字段", label_en="Field", type=kind)


def test_a_form_id_number_follows_the_injected_clock_not_the_machines(qtbot: QtBot) -> None:
    """A resident born on the center's today: the machine's own date (2026) would call
    the birth date in the future."""
    id_input = IdNumberInput(field(FieldType.ID_NUMBER), lambda: date(2030, 1, 1))
    qtbot.addWidget(id_input)
    id_input.set_value(BORN_2030)
    assert id_input.problem() == ""


def test_a_form_phone_takes_a_mobile_or_a_landline_only(qtbot: QtBot) -> None:
    phone = PhoneInput(field(FieldType.PHONE))
    qtbot.addWidget(phone)
    for number, right in (("12345678901", False), ("13812345678", True),
                          ("01012345678", True)):
        phone.set_value(number)
        assert (phone.problem() == "") is right, number
