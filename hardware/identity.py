"""Resident identity: GB 11643 ID-number rules, masking, and the identity record.

Every identity reader (GA 467 serial reader, PC/SC center card, typed entry)
produces an `IdentityRecord`. Its `repr` masks personal fields so a record
that ends up in a log line does not leak them; `wipe()` clears it once the
kiosk has no more use for it (Python strings cannot be zeroed in place: wipe
drops the references so the data is not kept alive by the record).

The ID number is the one source of what it encodes: `birth_date_of_number`,
`sex_of_number` and `is_elderly` read it, and `card_mismatches` compares a
card's own birth-date and sex fields with it, so a card and the same number
typed by hand always give the same answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Literal

from hardware.health import DeviceError, HealthState
from hardware.messages import QT_TRANSLATE_NOOP

__all__ = [
    "ELDERLY_AGE",
    "MSG_CARD_REJECTED",
    "PROVINCE_CODES",
    "CardRejected",
    "DocumentKind",
    "IdNumberCheck",
    "IdNumberProblem",
    "IdentityRecord",
    "Sex",
    "age_on",
    "birth_date_of_number",
    "card_mismatches",
    "check_digit",
    "is_elderly",
    "mask_address",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "sex_of_number",
    "validate_id_number",
    "verify_card",
]

MSG_CARD_REJECTED = QT_TRANSLATE_NOOP(
    "Device", "This card cannot be used here. Please ask staff for help.")

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_FORMAT = re.compile(r"\d{17}[\dX]")

#: Province-level codes (GB/T 2260) that open a resident ID number. 71 is
#: Taiwan, 81/82 Hong Kong/Macao; 83 opens Taiwan residents' residence permits.
PROVINCE_CODES: dict[str, str] = {
    "11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古",
    "21": "辽宁", "22": "吉林", "23": "黑龙江",
    "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽", "35": "福建",
    "36": "江西", "37": "山东",
    "41": "河南", "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南",
    "50": "重庆", "51": "四川", "52": "贵州", "53": "云南", "54": "西藏",
    "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏", "65": "新疆",
    "71": "台湾", "81": "香港", "82": "澳门", "83": "台湾(居住证)",
}

_EARLIEST_BIRTH = date(1900, 1, 1)

#: Residents of this age or older get the elderly priority in the queue.
ELDERLY_AGE = 65


def check_digit(first17: str) -> str:
    """GB 11643 check character ("0"-"9" or "X") for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("check_digit needs exactly 17 ASCII digits")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


class IdNumberProblem(StrEnum):
    FORMAT = "format"
    REGION = "region"
    BIRTH_DATE = "birth_date"
    CHECK_DIGIT = "check_digit"


@dataclass(frozen=True, slots=True)
class IdNumberCheck:
    """Outcome of `validate_id_number`; truthy when the number is valid."""

    number: str  # normalised: stripped, upper-case X
    problem: IdNumberProblem | None = None
    reason: str = ""
    birth_date: date | None = None

    @property
    def valid(self) -> bool:
        return self.problem is None

    def __bool__(self) -> bool:
        return self.valid

    def __repr__(self) -> str:
        state = "valid" if self.valid else f"{self.problem}: {self.reason}"
        return f"IdNumberCheck({mask_id_number(self.number)!r}, {state})"


def validate_id_number(s: str, *, today: date | None = None) -> IdNumberCheck:
    """Check an 18-character resident ID number against GB 11643.

    Checks, in order: format (17 digits + digit or X), region (a known
    province code), birth date (real, from 1900, not after `today`), check
    digit. The first failing rule gives `problem` and a precise `reason`.
    """
    number = s.strip().upper()
    if not _FORMAT.fullmatch(number) or not number.isascii():
        return IdNumberCheck(
            number, IdNumberProblem.FORMAT,
            f"expected 17 digits and a digit or X, got {len(number)} characters",
        )
    province = number[:2]
    if province not in PROVINCE_CODES:
        return IdNumberCheck(number, IdNumberProblem.REGION, f"unknown province code {province}")
    raw_date = number[6:14]
    try:
        born = date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:]))
    except ValueError:
        return IdNumberCheck(number, IdNumberProblem.BIRTH_DATE, f"no such date {raw_date}")
    today = today or date.today()
    if born > today:
        return IdNumberCheck(
            number, IdNumberProblem.BIRTH_DATE, f"birth date {born} is in the future"
        )
    if born < _EARLIEST_BIRTH:
        return IdNumberCheck(
            number, IdNumberProblem.BIRTH_DATE, f"birth date {born} is before 1900"
        )
    expected = check_digit(number[:17])
    if number[17] != expected:
        return IdNumberCheck(
            number, IdNumberProblem.CHECK_DIGIT,
            f"check digit is {number[17]}, expected {expected}",
        )
    return IdNumberCheck(number, birth_date=born)


def birth_date_of_number(number: str) -> date | None:
    """The birth date encoded in digits 7-14 of an ID number, None if not a real date."""
    digits = number.strip()[6:14]
    if len(digits) != 8 or not digits.isascii() or not digits.isdigit():
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def age_on(birth: date, today: date) -> int:
    """Completed years of age on `today`."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def is_elderly(number: str, today: date) -> bool | None:
    """Whether the holder of this ID number is `ELDERLY_AGE` or older; None if unknown."""
    born = birth_date_of_number(number)
    return None if born is None else age_on(born, today) >= ELDERLY_AGE


# --- masking ---------------------------------------------------------------

def mask_id_number(s: str) -> str:
    """Keep the 6-digit region and the last 4: `110105********002X`."""
    if len(s) <= 10:
        return "*" * len(s)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


def mask_name(s: str) -> str:
    """`张三丰` -> `张*丰`, `张三` -> `张*`, `欧阳娜娜` -> `欧**娜`."""
    if len(s) <= 1:
        return "*" * len(s)
    if len(s) == 2:
        return s[0] + "*"
    return s[0] + "*" * (len(s) - 2) + s[-1]


def mask_phone(s: str) -> str:
    """`13812345678` -> `138****5678`; shorter numbers keep only the last 4."""
    if len(s) >= 11:
        return s[:3] + "*" * (len(s) - 7) + s[-4:]
    if len(s) > 4:
        return "*" * (len(s) - 4) + s[-4:]
    return "*" * len(s)


def mask_address(s: str, keep: int = 6) -> str:
    """Keep the first `keep` characters (province and city), hide the rest."""
    if len(s) <= keep:
        return s
    return s[:keep] + "****"


# --- the record --------------------------------------------------------------

class Sex(StrEnum):
    """GB/T 2261.1 sex codes as stored on the ID card."""

    UNKNOWN = "0"
    MALE = "1"
    FEMALE = "2"
    UNSPECIFIED = "9"


def sex_of_number(number: str) -> Sex:
    """GB 11643: the 17th character (sequence code) is odd for men, even for women."""
    digit = number.strip()[16:17]
    if not digit.isascii() or not digit.isdigit():
        return Sex.UNKNOWN
    return Sex.MALE if int(digit) % 2 else Sex.FEMALE


Source = Literal["ga467", "pcsc", "typed", "emrtd"]


class DocumentKind(StrEnum):
    """What document identified the person (rules per kind: `hardware.documents`)."""

    RESIDENT_ID = "resident_id"  # 居民身份证
    HMT_PERMIT = "hmt_permit"  # 港澳台居民居住证 (GA 467 card type J)
    FOREIGN_PR_2017 = "foreign_pr_2017"  # 外国人永久居留身份证, 2017 layout (type I)
    FOREIGN_PR_2023 = "foreign_pr_2023"  # 外国人永久居留身份证, 2023 layout (type Y)
    PASSPORT = "passport"  # any passport read by its ICAO 9303 chip


#: kinds whose number encodes birth date and sex as GB 11643 does (digits 7-14, 17th)
GB11643_LIKE = frozenset({DocumentKind.RESIDENT_ID, DocumentKind.HMT_PERMIT,
                          DocumentKind.FOREIGN_PR_2023})


@dataclass(eq=True, repr=False)
class IdentityRecord:
    """A person's identity as read from a card or typed at the counter.

    `valid_until` is None for a card valid for life (长期). `photo_wlt` is
    the card's WLT-compressed photo, opaque without a licensed decoder;
    `photo_image` a photo an open decoder reads (a passport's DG2 JPEG or
    JPEG 2000). `kind` says which document it was; foreigners' cards and
    passports add `name_en` and `nationality` (ISO 3166-1 alpha-3), the
    Hong Kong/Macao/Taiwan permit its travel pass number and issue count.
    """

    name: str
    sex: Sex
    ethnicity: str
    birth_date: date
    address: str
    id_number: str
    issuing_authority: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    photo_wlt: bytes = field(default=b"")
    source: Source = "typed"
    kind: DocumentKind = DocumentKind.RESIDENT_ID
    name_en: str = ""
    nationality: str = ""
    pass_number: str = ""
    issue_count: str = ""
    photo_image: bytes = field(default=b"")

    def __repr__(self) -> str:
        return (
            f"IdentityRecord(name={mask_name(self.name)!r}, "
            f"id_number={mask_id_number(self.id_number)!r}, "
            f"address={mask_address(self.address)!r}, "
            f"birth_year={self.birth_date.year if self.birth_date else None}, "
            f"photo_wlt=<{len(self.photo_wlt)} bytes>, source={self.source!r}, "
            f"kind={self.kind.value!r})"
        )

    __str__ = __repr__

    def is_expired(self, today: date | None = None) -> bool:
        """True when the document's validity has ended (never for 长期)."""
        return self.valid_until is not None and self.valid_until < (today or date.today())

    def wipe(self) -> None:
        """Drop every personal field; the record is empty afterwards."""
        self.name = self.ethnicity = self.address = ""
        self.id_number = self.issuing_authority = ""
        self.sex = Sex.UNKNOWN
        self.birth_date = date.min
        self.valid_from = self.valid_until = None
        self.photo_wlt = self.photo_image = b""
        self.name_en = self.nationality = self.pass_number = self.issue_count = ""

    @property
    def wiped(self) -> bool:
        return not (self.name or self.id_number or self.address or self.photo_wlt
                    or self.photo_image or self.name_en)


# --- card consistency ----------------------------------------------------------

class CardRejected(DeviceError):
    """A card whose data cannot be trusted: the resident is sent to staff.

    The reader works (state READY); `technician_message` says exactly which
    fields disagree, masked like every log line.
    """

    def __init__(self, technician_message: str) -> None:
        super().__init__(technician_message, MSG_CARD_REJECTED, HealthState.READY)


def card_mismatches(record: IdentityRecord) -> list[str]:
    """Where the card's birth date and sex disagree with its ID number (GB 11643).

    Each entry is a precise sentence for the technician that names the fields
    and parts that differ without spelling out a full birth date (log lines
    carry at most the birth year, as `IdentityRecord`'s repr does); an empty
    list means the card agrees with itself. Documents whose number does not
    encode birth date and sex (passports, the 2017 foreigner's card) have
    nothing to compare.
    """
    problems: list[str] = []
    if record.kind not in GB11643_LIKE:
        return problems
    number = record.id_number
    encoded = birth_date_of_number(number)
    card = record.birth_date
    if encoded is None:
        problems.append("digits 7-14 of the ID number are not a date")
    elif encoded != card:
        parts = [name for name, a, b in (("year", card.year, encoded.year),
                                          ("month", card.month, encoded.month),
                                          ("day", card.day, encoded.day)) if a != b]
        year = f" (card {card.year}, number {encoded.year})" if "year" in parts else ""
        problems.append("birth date on the card differs from digits 7-14 of the ID number "
                        f"in the {' and '.join(parts)}{year}")
    expected = sex_of_number(number)
    if record.sex in (Sex.MALE, Sex.FEMALE) and record.sex is not expected:
        problems.append(f"sex on the card is {record.sex.name.lower()} (code "
                        f"{record.sex.value}), the ID number says "
                        f"{expected.name.lower()} (17th digit {number[16:17]})")
    elif record.sex not in (Sex.MALE, Sex.FEMALE):
        problems.append(f"sex code on the card is {record.sex.value} "
                        f"({record.sex.name.lower()}), the ID number says "
                        f"{expected.name.lower()}")
    return problems


def verify_card(record: IdentityRecord, where: str) -> IdentityRecord:
    """`record` if its fields agree with its ID number, else raise `CardRejected`.

    The record is wiped before raising: data that disagrees with itself is
    not kept.
    """
    problems = card_mismatches(record)
    if not problems:
        return record
    masked = mask_id_number(record.id_number)
    record.wipe()
    raise CardRejected(f"card {masked} on {where} rejected: its data disagree with the "
                       f"ID number (GB 11643): {'; '.join(problems)}")
