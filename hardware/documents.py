"""Document-number rules per document kind: format, check digit, masking.

- Resident ID card and Hong Kong/Macao/Taiwan residence permit: GB 11643
  (`identity.validate_id_number`); the permit's number opens with 810000
  (Hong Kong), 820000 (Macao) or 830000 (Taiwan).
- Foreigner's permanent residence card, 2023 layout: 18 characters, `9`, a
  two-digit province code, a three-digit ISO 3166-1 numeric nationality
  code, the birth date (YYYYMMDD), a sequence whose last digit is odd for
  men, and the GB 11643 check character over the first 17.
- Foreigner's permanent residence card, 2017 layout: 15 characters, the
  ISO 3166-1 alpha-3 nationality code then 12 digits. Only the format and
  the nationality prefix are checked: the position of the birth date and the
  check-digit rule are not published in a text this project could verify.
- Passport: 1 to 9 letters or digits as the MRZ holds them; its check digit
  lives in the MRZ (`passport.mrz`), checked when the MRZ is read.
"""

from __future__ import annotations

import re
from datetime import date

from hardware.identity import (
    PROVINCE_CODES,
    DocumentKind,
    IdNumberCheck,
    IdNumberProblem,
    check_digit,
    mask_id_number,
    mask_name,
    validate_id_number,
)

__all__ = ["mask_document_number", "mask_person_name", "validate_document_number"]

_HMT_PREFIXES = ("810000", "820000", "830000")
_FOREIGN_2023 = re.compile(r"9\d{16}[\dX]")
_FOREIGN_2017 = re.compile(r"[A-Z]{3}\d{12}")
_PASSPORT = re.compile(r"[A-Z0-9]{1,9}")


def _birth(digits: str) -> date | None:
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def validate_document_number(kind: DocumentKind, number: str, *, nationality: str = "",
                             today: date | None = None) -> IdNumberCheck:
    """Check a document number by the rules of its kind (see the module doc)."""
    number = number.strip().upper()
    if kind is DocumentKind.RESIDENT_ID:
        return validate_id_number(number, today=today)
    if kind is DocumentKind.HMT_PERMIT:
        if not number.startswith(_HMT_PREFIXES):
            return IdNumberCheck(number, IdNumberProblem.REGION,
                                 "a Hong Kong/Macao/Taiwan permit number opens with "
                                 "810000, 820000 or 830000")
        return validate_id_number(number, today=today)
    if kind is DocumentKind.FOREIGN_PR_2023:
        if not _FOREIGN_2023.fullmatch(number):
            return IdNumberCheck(number, IdNumberProblem.FORMAT,
                                 "expected 9, 16 digits and a digit or X")
        if number[1:3] not in PROVINCE_CODES:
            return IdNumberCheck(number, IdNumberProblem.REGION,
                                 f"unknown province code {number[1:3]}")
        born = _birth(number[6:14])
        if born is None or born > (today or date.today()):
            return IdNumberCheck(number, IdNumberProblem.BIRTH_DATE,
                                 f"digits 7-14 {number[6:14]} are not a past date")
        expected = check_digit(number[:17])
        if number[17] != expected:
            return IdNumberCheck(number, IdNumberProblem.CHECK_DIGIT,
                                 f"check digit is {number[17]}, expected {expected}")
        return IdNumberCheck(number, birth_date=born)
    if kind is DocumentKind.FOREIGN_PR_2017:
        if not _FOREIGN_2017.fullmatch(number):
            return IdNumberCheck(number, IdNumberProblem.FORMAT,
                                 "expected 3 letters and 12 digits")
        if nationality and number[:3] != nationality.upper():
            return IdNumberCheck(number, IdNumberProblem.REGION,
                                 f"number opens with {number[:3]}, the card's nationality "
                                 f"is {nationality.upper()}")
        return IdNumberCheck(number)
    if not _PASSPORT.fullmatch(number):
        return IdNumberCheck(number, IdNumberProblem.FORMAT,
                             "a passport number has 1 to 9 letters or digits")
    return IdNumberCheck(number)


def mask_document_number(kind: DocumentKind, number: str) -> str:
    """What a screen or receipt may show of a document number."""
    if kind is DocumentKind.PASSPORT:
        return number[:1] + "*" * max(0, len(number) - 3) + number[-2:] \
            if len(number) > 3 else "*" * len(number)
    if kind is DocumentKind.FOREIGN_PR_2017 and len(number) > 7:
        return number[:3] + "*" * (len(number) - 7) + number[-4:]
    return mask_id_number(number)


def mask_person_name(name: str) -> str:
    """A name as a screen may show it: Chinese names as `mask_name` does
    (`张*丰`), names in Latin letters word by word (`ANNA MARIA` -> `A*** M****`)."""
    words = name.replace(",", " ").split()
    if len(words) > 1 and name.isascii():
        return " ".join(word[0] + "*" * (len(word) - 1) for word in words)
    return mask_name(name)
