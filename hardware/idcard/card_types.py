"""The other cards a GA 467 reader reads: residence permits and foreigners' cards.

Every card answers `30 01` with the same 256-byte UCS-2 text block; the
card-type letter in bytes 248-249 says how to read the rest:

- ` ` (blank): the resident ID card (`ga467.TEXT_LAYOUT`).
- `J`: the Hong Kong/Macao/Taiwan residents' residence permit. The resident
  card's fields (the ethnicity slot empty), then the travel pass number
  (18 bytes) and the issue count (4 bytes).
- `I`: the foreigner's permanent residence card, 2017 layout: English name
  (120 bytes), sex, the 15-character card number (30), nationality code (6),
  Chinese name (30), valid from, valid until, birth date (16 each), card
  version (4), the accepting authority's code (8).
- `Y`: the foreigner's permanent residence card, 2023 layout: the resident
  card's slots for Chinese name, sex, birth date, the 18-digit number,
  issuing authority and validity, the English name in the address slot, then
  a renewal count (4) and the nationality code (6). The 2017 and `J` layouts
  follow reader vendors' published descriptions; the tail of the 2023 layout
  after the validity dates has not been checked against a real card.

The photo of every kind is WLT data for the licensed decoder (kept opaque).
"""

from __future__ import annotations

from datetime import date

from hardware.identity import DocumentKind, IdentityRecord

__all__ = ["CARD_TYPE_OFFSET", "LAYOUTS", "card_kind", "decode_fields", "encode_fields"]

CARD_TYPE_OFFSET = 248  # bytes into the text block: the type letter (UCS-2)

_HMT: tuple[tuple[str, int], ...] = (
    ("name", 30), ("sex", 2), ("reserved_a", 4), ("birth_date", 16), ("address", 70),
    ("id_number", 36), ("issuing_authority", 30), ("valid_from", 16), ("valid_until", 16),
    ("pass_number", 18), ("issue_count", 4), ("reserved_b", 6), ("card_type", 2),
    ("reserved_c", 6),
)
_FOREIGN_2017: tuple[tuple[str, int], ...] = (
    ("name_en", 120), ("sex", 2), ("id_number", 30), ("nationality", 6), ("name", 30),
    ("valid_from", 16), ("valid_until", 16), ("birth_date", 16), ("version", 4),
    ("authority_code", 8), ("card_type", 2), ("reserved", 6),
)
_FOREIGN_2023: tuple[tuple[str, int], ...] = (
    ("name", 30), ("sex", 2), ("reserved_a", 4), ("birth_date", 16), ("name_en", 70),
    ("id_number", 36), ("issuing_authority", 30), ("valid_from", 16), ("valid_until", 16),
    ("reserved_b", 12), ("issue_count", 4), ("nationality", 6), ("reserved_c", 6),
    ("card_type", 2), ("reserved_d", 6),
)

#: card-type letter -> (document kind, layout)
LAYOUTS: dict[str, tuple[DocumentKind, tuple[tuple[str, int], ...]]] = {
    "J": (DocumentKind.HMT_PERMIT, _HMT),
    "I": (DocumentKind.FOREIGN_PR_2017, _FOREIGN_2017),
    "Y": (DocumentKind.FOREIGN_PR_2023, _FOREIGN_2023),
}
_LETTERS = {kind: letter for letter, (kind, _layout) in LAYOUTS.items()}


def card_kind(text: bytes) -> str:
    """The card-type letter of a text block (" " for the resident ID card)."""
    letter = text[CARD_TYPE_OFFSET:CARD_TYPE_OFFSET + 2].decode("utf-16-le", "replace")
    return letter.strip(" \x00") or " "


def decode_fields(text: bytes, layout: tuple[tuple[str, int], ...]) -> dict[str, str]:
    """Space-stripped fields of a 256-byte block by `layout`; UnicodeDecodeError if bad."""
    fields: dict[str, str] = {}
    pos = 0
    for name, width in layout:
        fields[name] = text[pos:pos + width].decode("utf-16-le").strip(" \x00")
        pos += width
    return fields


def _ymd(d: date | None) -> str:
    return d.strftime("%Y%m%d") if d else ""


def encode_fields(record: IdentityRecord, long_term: str) -> bytes:
    """The 256-byte text block of a permit or foreigner's card (simulator and tests)."""
    letter = _LETTERS[record.kind]
    _kind, layout = LAYOUTS[letter]
    values = {
        "name": record.name, "name_en": record.name_en, "sex": record.sex.value,
        "birth_date": _ymd(record.birth_date), "address": record.address,
        "id_number": record.id_number, "issuing_authority": record.issuing_authority,
        "valid_from": _ymd(record.valid_from),
        "valid_until": _ymd(record.valid_until) if record.valid_until else long_term,
        "pass_number": record.pass_number, "issue_count": record.issue_count,
        "nationality": record.nationality, "card_type": letter, "version": "01",
        "authority_code": record.issuing_authority,
    }
    out = bytearray()
    for name, width in layout:
        raw = values.get(name, "").encode("utf-16-le")
        if len(raw) > width:
            raise ValueError(f"{name} does not fit in {width // 2} characters")
        out += raw + " ".encode("utf-16-le") * ((width - len(raw)) // 2)
    assert len(out) == 256
    return bytes(out)


