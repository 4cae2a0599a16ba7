"""The project's resident-card application: an AID holding a TLV identity record.

Chinese resident ID cards cannot be read over PC/SC without a licensed SAM,
so a card issued by the center (or the virtual card in `vcard`) carries this
application instead. After SELECT of `AID`, READ BINARY returns one record::

    70 L  (record template)
      01 L  version (1 byte, = 1)
      10 L  name (UTF-8)            11 L  sex code ("1"/"2")
      12 L  ethnicity code ("01")   13 L  birth date (YYYYMMDD)
      14 L  address (UTF-8)         15 L  ID number
      16 L  issuing authority       17 L  valid from (YYYYMMDD)
      18 L  valid until (YYYYMMDD, empty for 长期)

Lengths are BER: one byte below 0x80, else 81 xx or 82 xx xx.
"""

from __future__ import annotations

from datetime import date

from hardware.idcard.ga467 import ETHNICITIES
from hardware.identity import IdentityRecord, Sex, validate_id_number

AID = bytes.fromhex("F052454345505401")  # F0 "RECEPT" 01: proprietary RID
RECORD_TAG = 0x70
VERSION = 1

_TAGS = {
    "name": 0x10, "sex": 0x11, "ethnicity": 0x12, "birth_date": 0x13, "address": 0x14,
    "id_number": 0x15, "issuing_authority": 0x16, "valid_from": 0x17, "valid_until": 0x18,
}
_ETHNICITY_CODES = {name: code for code, name in ETHNICITIES.items()}


class RecordError(ValueError):
    """A malformed identity record."""


def _length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    if n <= 0xFF:
        return bytes([0x81, n])
    if n <= 0xFFFF:
        return bytes([0x82]) + n.to_bytes(2, "big")
    raise ValueError("TLV value too long")


def encode_tlv(tag: int, value: bytes) -> bytes:
    return bytes([tag]) + _length(len(value)) + value


def tlv_header(data: bytes, pos: int = 0) -> tuple[int, int, int]:
    """(tag, length, value offset) of the TLV at `pos`; RecordError if cut short."""
    if pos + 2 > len(data):
        raise RecordError("TLV header cut short")
    tag, first = data[pos], data[pos + 1]
    if first < 0x80:
        return tag, first, pos + 2
    size = first & 0x7F
    if size not in (1, 2) or pos + 2 + size > len(data):
        raise RecordError(f"bad TLV length form {first:02X}")
    return tag, int.from_bytes(data[pos + 2:pos + 2 + size], "big"), pos + 2 + size


def decode_tlvs(data: bytes) -> dict[int, bytes]:
    """Flat sequence of TLVs into {tag: value} (last one wins)."""
    out: dict[int, bytes] = {}
    pos = 0
    while pos < len(data):
        tag, length, start = tlv_header(data, pos)
        if start + length > len(data):
            raise RecordError(f"TLV {tag:02X} of {length} bytes cut short")
        out[tag] = data[start:start + length]
        pos = start + length
    return out


def _ymd(d: date | None) -> bytes:
    return d.strftime("%Y%m%d").encode() if d else b""


def encode_record(record: IdentityRecord) -> bytes:
    """The card file content for a record."""
    values = {
        "name": record.name.encode(), "sex": record.sex.value.encode(),
        "ethnicity": _ETHNICITY_CODES.get(record.ethnicity, "97").encode(),
        "birth_date": _ymd(record.birth_date), "address": record.address.encode(),
        "id_number": record.id_number.encode(),
        "issuing_authority": record.issuing_authority.encode(),
        "valid_from": _ymd(record.valid_from), "valid_until": _ymd(record.valid_until),
    }
    body = encode_tlv(0x01, bytes([VERSION])) + b"".join(
        encode_tlv(_TAGS[name], value) for name, value in values.items())
    return encode_tlv(RECORD_TAG, body)


def _date(raw: bytes, name: str) -> date | None:
    if not raw:
        return None
    text = raw.decode("ascii", "replace")
    if len(text) != 8 or not text.isdigit():
        raise RecordError(f"{name} {text!r} is not YYYYMMDD")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError as exc:
        raise RecordError(f"{name} {text!r} is not YYYYMMDD") from exc


def decode_record(data: bytes) -> IdentityRecord:
    """Parse the card file content (trailing padding after the record is ignored)."""
    tag, length, start = tlv_header(data)
    if tag != RECORD_TAG or start + length > len(data):
        raise RecordError(f"expected record template 70, got {tag:02X} of {length} bytes")
    fields = decode_tlvs(data[start:start + length])
    if fields.get(0x01) != bytes([VERSION]):
        raise RecordError("unsupported record version")
    try:
        text = {name: fields.get(tag, b"").decode() for name, tag in _TAGS.items()}
    except UnicodeDecodeError as exc:
        raise RecordError(f"text field not UTF-8: {exc.reason}") from exc
    check = validate_id_number(text["id_number"])
    if not check:
        raise RecordError(f"invalid ID number ({check.problem}: {check.reason})")
    try:
        sex = Sex(text["sex"])
    except ValueError as exc:
        raise RecordError(f"sex code {text['sex']!r} unknown") from exc
    birth = _date(fields.get(_TAGS["birth_date"], b""), "birth_date")
    if birth is None or not text["name"]:
        raise RecordError("name and birth date are required")
    return IdentityRecord(
        name=text["name"], sex=sex, ethnicity=ETHNICITIES.get(text["ethnicity"], "其他"),
        birth_date=birth, address=text["address"], id_number=check.number,
        issuing_authority=text["issuing_authority"],
        valid_from=_date(fields.get(_TAGS["valid_from"], b""), "valid_from"),
        valid_until=_date(fields.get(_TAGS["valid_until"], b""), "valid_until"),
        source="pcsc",
    )
