"""The machine-readable zone (ICAO 9303 parts 3, 4 and 5) and the BAC key it gives.

Check digits use the weights 7 3 1 repeated over the character values
(digits as themselves, A-Z as 10-35, the filler `<` as 0), sum modulo 10.
A TD3 passport has two lines of 44 characters, a TD1 card three lines of 30.
The chip's access key needs only the document number, the birth date and the
expiry date with their check digits (`MrzKey`): that is what a resident
types on the keypad when the data page cannot be photographed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "Mrz",
    "MrzError",
    "MrzKey",
    "char_value",
    "check_digit",
    "parse_mrz",
]

_WEIGHTS = (7, 3, 1)
_CHARSET = re.compile(r"[0-9A-Z<]*")
_YYMMDD = re.compile(r"\d{6}")


class MrzError(ValueError):
    """MRZ text that is malformed or whose check digits do not match."""


def char_value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == "<":
        return 0
    raise MrzError(f"{ch!r} is not an MRZ character")


def check_digit(field: str) -> str:
    """The ICAO 9303 check digit of a field."""
    return str(sum(char_value(ch) * _WEIGHTS[i % 3] for i, ch in enumerate(field)) % 10)


def _verify(field: str, digit: str, name: str) -> None:
    if check_digit(field) != digit:
        raise MrzError(f"{name} check digit is {digit!r}, expected {check_digit(field)!r}")


def _date(yymmdd: str, *, expiry: bool, today: date) -> date:
    """A six-digit date; the century is the one that makes sense for the field."""
    if not _YYMMDD.fullmatch(yymmdd):
        raise MrzError(f"date {yymmdd!r} is not YYMMDD")
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    century = today.year // 100 * 100
    year = century + yy
    if expiry:
        if year > today.year + 50:  # documents are valid for at most a few decades
            year -= 100
    elif year > today.year:  # nobody is born in the future
        year -= 100
    try:
        return date(year, mm, dd)
    except ValueError as exc:
        raise MrzError(f"no such date {yymmdd!r}") from exc


@dataclass(frozen=True, slots=True)
class MrzKey:
    """What BAC needs: document number, birth and expiry dates (YYMMDD).

    Built from typed fields (`MrzKey.typed`) or from a parsed MRZ; the
    document number keeps its filler so the key matches the chip's.
    """

    document_number: str
    birth: str
    expiry: str

    @classmethod
    def typed(cls, document_number: str, birth: str, expiry: str) -> MrzKey:
        """Fields typed on a keypad: letters upper-cased, spaces dropped, checked."""
        number = document_number.replace(" ", "").upper()
        if not number or len(number) > 9 or not _CHARSET.fullmatch(number):
            raise MrzError("the document number has 1 to 9 letters or digits")
        for name, value in (("birth date", birth), ("expiry date", expiry)):
            if not _YYMMDD.fullmatch(value):
                raise MrzError(f"the {name} is six digits YYMMDD")
        return cls(number.ljust(9, "<"), birth, expiry)

    @property
    def information(self) -> str:
        """MRZ_information of ICAO 9303-11: each field followed by its check digit."""
        return "".join(f + check_digit(f) for f in (self.document_number, self.birth,
                                                     self.expiry))

    def __repr__(self) -> str:
        return "MrzKey(<hidden>)"


@dataclass(frozen=True, slots=True)
class Mrz:
    """A parsed, check-digit-verified MRZ."""

    document_code: str  # "P", "PO", "I", "ID", ...
    issuing_state: str
    surname: str
    given_names: str
    document_number: str  # without filler
    nationality: str
    birth_date: date
    sex: str  # "M", "F" or "X" (the filler `<` is read as unspecified)
    expiry_date: date
    optional_data: str
    lines: tuple[str, ...]

    @property
    def key(self) -> MrzKey:
        number = self.document_number.ljust(9, "<")
        return MrzKey(number, self.birth_date.strftime("%y%m%d"),
                      self.expiry_date.strftime("%y%m%d"))

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.given_names, self.surname) if part)

    def __repr__(self) -> str:
        return (f"Mrz({self.document_code!r}, {self.issuing_state!r}, "
                f"number={self.document_number[:2]}***)")


def _names(field: str) -> tuple[str, str]:
    surname, _, given = field.partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()


def _sex(ch: str) -> str:
    if ch in ("M", "F"):
        return ch
    if ch in ("<", "X"):
        return "X"
    raise MrzError(f"sex {ch!r} is not M, F or <")


def _clean_lines(text: str) -> list[str]:
    lines = [re.sub(r"\s+", "", line).upper() for line in text.strip().splitlines()]
    lines = [line for line in lines if line]
    for line in lines:
        if not _CHARSET.fullmatch(line):
            raise MrzError("an MRZ holds only A-Z, 0-9 and <")
    return lines


def parse_mrz(text: str, *, today: date | None = None) -> Mrz:
    """Parse a TD3 (2 x 44) or TD1 (3 x 30) MRZ and verify every check digit."""
    today = today or date.today()
    lines = _clean_lines(text)
    shape = [len(line) for line in lines]
    if shape == [44, 44]:
        return _parse_td3(lines, today)
    if shape == [30, 30, 30]:
        return _parse_td1(lines, today)
    raise MrzError(f"expected 2 lines of 44 (passport) or 3 of 30 (card), got {shape}")


def _document_number(number: str, digit: str, optional: str) -> tuple[str, str, str]:
    """Number, its check digit and the optional data; ICAO's long-number rule:
    a filler in the check-digit place means the number goes on in the optional data."""
    if digit == "<" and number[-1] != "<":
        tail, _, rest = optional.partition("<")
        if len(tail) < 2:
            raise MrzError("long document number without its check digit")
        return number + tail[:-1], tail[-1], rest
    return number, digit, optional


def _parse_td3(lines: list[str], today: date) -> Mrz:
    first, second = lines
    if first[0] != "P":
        raise MrzError(f"a two-line 44-character MRZ is a passport (P), not {first[0]!r}")
    number, number_cd = second[0:9], second[9]
    birth, birth_cd, expiry, expiry_cd = second[13:19], second[19], second[21:27], second[27]
    optional, optional_cd = second[28:42], second[42]
    _verify(number, number_cd, "document number")
    _verify(birth, birth_cd, "birth date")
    _verify(expiry, expiry_cd, "expiry date")
    if optional_cd != "<" or optional.strip("<"):
        _verify(optional, "0" if optional_cd == "<" else optional_cd, "personal number")
    _verify(second[0:10] + second[13:20] + second[21:43], second[43], "composite")
    surname, given = _names(first[5:44])
    return Mrz(first[0:2].rstrip("<"), first[2:5].rstrip("<"), surname, given,
               number.rstrip("<"), second[10:13].rstrip("<"),
               _date(birth, expiry=False, today=today), _sex(second[20]),
               _date(expiry, expiry=True, today=today), optional.rstrip("<"), tuple(lines))


def _parse_td1(lines: list[str], today: date) -> Mrz:
    first, second, third = lines
    number, number_cd, optional = _document_number(first[5:14], first[14], first[15:30])
    birth, birth_cd, expiry, expiry_cd = second[0:6], second[6], second[8:14], second[14]
    _verify(number, number_cd, "document number")
    _verify(birth, birth_cd, "birth date")
    _verify(expiry, expiry_cd, "expiry date")
    _verify(first[5:30] + second[0:7] + second[8:15] + second[18:29], second[29], "composite")
    surname, given = _names(third)
    return Mrz(first[0:2].rstrip("<"), first[2:5].rstrip("<"), surname, given,
               number.rstrip("<"), second[15:18].rstrip("<"),
               _date(birth, expiry=False, today=today), _sex(second[7]),
               _date(expiry, expiry=True, today=today),
               (optional + second[18:29]).strip("<"), tuple(lines))
