"""The rules for what residents and clerks type or present: ID numbers, phone
numbers, and whether a document read is still valid.

One rule of each for every front end. An ID number is checked against the day the
caller's injected clock tells (the center's clock in production, a fixed day in tests),
never the machine's own date: a birth date "in the future" depends on that day.

    check_id_number("11010519491231002X", today=context.clock().date())
    is_mobile("13812345678")   # a mobile number: 11 digits from 13 to 19
    is_phone("01012345678")    # a mobile number, or a landline with its area code
    expired_on(record, today=context.clock().date())  # the day a document ended, or None
"""

from __future__ import annotations

import re
from datetime import date

from hardware.identity import IdentityRecord, IdNumberCheck, validate_id_number

#: Characters of a resident ID number (17 digits and a digit or X).
ID_LENGTH = 18
#: Digits of a mainland mobile number.
MOBILE_LENGTH = 11
#: Digits of the longest phone number a form takes (a landline with a 4-digit area code).
PHONE_MAX_LENGTH = 12
MOBILE_RE = re.compile(r"1[3-9]\d{9}")
#: A landline with its area code: 0, a 2- or 3-digit area code, a 7- or 8-digit number.
LANDLINE_RE = re.compile(r"0\d{9,11}")


def check_id_number(text: str, *, today: date) -> IdNumberCheck:
    """GB 11643: format, province, a real birth date not after `today`, check digit."""
    return validate_id_number(text, today=today)


def is_mobile(number: str) -> bool:
    """A mainland mobile number (what the kiosk can send a text message to)."""
    return MOBILE_RE.fullmatch(number) is not None


def is_phone(number: str) -> bool:
    """A mobile number or a landline with its area code."""
    return is_mobile(number) or LANDLINE_RE.fullmatch(number) is not None


def expired_on(record: IdentityRecord, *, today: date) -> date | None:
    """The day a document's validity ended when that is before `today`, else None
    (valid, or valid for life: 长期)."""
    return record.valid_until if record.is_expired(today) else None
