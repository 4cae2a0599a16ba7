"""GA 467 (GA/T 467-2019) serial protocol for second-generation ID-card readers.

Frames (see docs HARDWARE_NOTES.md)::

    host -> reader:  AA AA AA 96 69 | LEN(2, BE) | CMD PARA | data | CHK
    reader -> host:  AA AA AA 96 69 | LEN(2, BE) | SW1 SW2 SW3 | data | CHK

LEN counts the bytes after itself, checksum included; CHK is the XOR of the
LEN bytes through the last data byte. This module is pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from hardware.documents import validate_document_number
from hardware.idcard import card_types
from hardware.identity import DocumentKind, IdentityRecord, Sex, validate_id_number

PREAMBLE = bytes.fromhex("AAAAAA9669")
MAX_LEN = 4096  # text + photo + fingerprint answers stay well below
TEXT_BLOCK_SIZE = 256
PHOTO_SIZE = 1024

# Commands: (CMD, PARA)
FIND_CARD = (0x20, 0x01)
SELECT_CARD = (0x20, 0x02)
READ_TEXT_PHOTO = (0x30, 0x01)
READ_NEW_ADDRESS = (0x30, 0x03)
READ_TEXT_PHOTO_FP = (0x30, 0x10)
SAM_STATUS = (0x11, 0xFF)
SAM_RESET = (0x10, 0xFF)
SAM_ID = (0x12, 0xFF)


class Status(IntEnum):
    """SW3 values of an answer."""

    SUCCESS = 0x90
    CARD_FOUND = 0x9F
    NO_CARD = 0x80
    SELECT_FAILED = 0x81
    READ_FAILED = 0x41
    CHECKSUM_ERROR = 0x10
    LENGTH_ERROR = 0x11
    BAD_COMMAND = 0x21


class ProtocolError(ValueError):
    """Base of every error raised while decoding GA 467 bytes."""


class FrameError(ProtocolError):
    """A frame that cannot be trusted; `kind` is checksum, length or truncated."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind


class TextBlockError(ProtocolError):
    """The card's text block or read answer is malformed."""


# GB 3304 codes of China's 56 ethnic groups, plus 97 and 98.
ETHNICITIES: dict[str, str] = {
    "01": "汉族", "02": "蒙古族", "03": "回族", "04": "藏族", "05": "维吾尔族",
    "06": "苗族", "07": "彝族", "08": "壮族", "09": "布依族", "10": "朝鲜族",
    "11": "满族", "12": "侗族", "13": "瑶族", "14": "白族", "15": "土家族",
    "16": "哈尼族", "17": "哈萨克族", "18": "傣族", "19": "黎族", "20": "傈僳族",
    "21": "佤族", "22": "畲族", "23": "高山族", "24": "拉祜族", "25": "水族",
    "26": "东乡族", "27": "纳西族", "28": "景颇族", "29": "柯尔克孜族", "30": "土族",
    "31": "达斡尔族", "32": "仫佬族", "33": "羌族", "34": "布朗族", "35": "撒拉族",
    "36": "毛南族", "37": "仡佬族", "38": "锡伯族", "39": "阿昌族", "40": "普米族",
    "41": "塔吉克族", "42": "怒族", "43": "乌孜别克族", "44": "俄罗斯族", "45": "鄂温克族",
    "46": "德昂族", "47": "保安族", "48": "裕固族", "49": "京族", "50": "塔塔尔族",
    "51": "独龙族", "52": "鄂伦春族", "53": "赫哲族", "54": "门巴族", "55": "珞巴族",
    "56": "基诺族", "97": "其他", "98": "外国血统中国籍人士",
}
_ETHNICITY_CODES = {name: code for code, name in ETHNICITIES.items()}

# (field, width in bytes) of the 256-byte text block, in order.
TEXT_LAYOUT: tuple[tuple[str, int], ...] = (
    ("name", 30), ("sex", 2), ("ethnicity", 4), ("birth_date", 16), ("address", 70),
    ("id_number", 36), ("issuing_authority", 30), ("valid_from", 16),
    ("valid_until", 16), ("reserved", 36),
)
LONG_TERM = "长期"


def checksum(data: bytes) -> int:
    """XOR of all bytes."""
    value = 0
    for b in data:
        value ^= b
    return value


def _frame(body: bytes) -> bytes:
    if len(body) + 1 > MAX_LEN:
        raise ValueError(f"frame body of {len(body)} bytes exceeds {MAX_LEN}")
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([checksum(length + body)])


def build_command(cmd: int, para: int, data: bytes = b"") -> bytes:
    """A host frame: preamble, LEN, CMD, PARA, data, CHK."""
    return _frame(bytes([cmd, para]) + data)


def build_answer(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """A reader frame: preamble, LEN, SW1 SW2 SW3, data, CHK."""
    return _frame(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True, slots=True)
class Answer:
    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @classmethod
    def from_payload(cls, payload: bytes) -> Answer:
        if len(payload) < 3:
            raise FrameError("length", f"answer payload of {len(payload)} bytes has no SW1-SW3")
        return cls(payload[0], payload[1], payload[2], payload[3:])

    @property
    def status(self) -> Status | int:
        try:
            return Status(self.sw3)
        except ValueError:
            return self.sw3


@dataclass(frozen=True, slots=True)
class Command:
    cmd: int
    para: int
    data: bytes

    @classmethod
    def from_payload(cls, payload: bytes) -> Command:
        if len(payload) < 2:
            raise FrameError("length", f"command payload of {len(payload)} bytes has no CMD/PARA")
        return cls(payload[0], payload[1], payload[2:])


class FrameReader:
    """Incremental frame decoder that resynchronises on the preamble.

    `feed()` bytes as they arrive; `next_payload()` returns the payload (the
    bytes between LEN and CHK) of the next complete frame, None when more
    bytes are needed, or raises `FrameError` for a bad frame, after which
    decoding resumes at the next preamble. `min_len` is the smallest LEN
    accepted: 3 for commands (CMD PARA CHK), 4 for answers. Garbage before a preamble is
    dropped silently (`discarded` counts it).
    """

    def __init__(self, min_len: int = 3, max_len: int = MAX_LEN) -> None:
        self._buf = bytearray()
        self._min_len = min_len
        self._max_len = max_len
        self.discarded = 0

    def feed(self, data: bytes) -> None:
        self._buf += data

    @property
    def pending(self) -> int:
        """Bytes held that do not yet form a complete frame."""
        return len(self._buf)

    def _skip_to_preamble(self) -> bool:
        start = self._buf.find(PREAMBLE)
        if start < 0:
            # keep a tail that may be the start of a preamble
            keep = next((n for n in range(len(PREAMBLE) - 1, 0, -1)
                         if self._buf.endswith(PREAMBLE[:n])), 0)
            drop = len(self._buf) - keep
            self.discarded += drop
            del self._buf[:drop]
            return False
        self.discarded += start
        del self._buf[:start]
        return True

    def _drop_one(self) -> None:
        """Drop the current preamble's first byte so the search moves on."""
        del self._buf[:1]

    def next_payload(self) -> bytes | None:
        if not self._skip_to_preamble():
            return None
        head = len(PREAMBLE)
        if len(self._buf) < head + 2:
            return None
        length = int.from_bytes(self._buf[head:head + 2], "big")
        if not self._min_len <= length <= self._max_len:
            self._drop_one()
            raise FrameError("length", f"LEN {length} outside {self._min_len}..{self._max_len}")
        end = head + 2 + length
        if len(self._buf) < end:
            return None
        body = bytes(self._buf[head:end - 1])  # LEN .. last data byte
        received = self._buf[end - 1]
        expected = checksum(body)
        if received != expected:
            self._drop_one()
            raise FrameError("checksum", f"checksum {received:02X}, expected {expected:02X}")
        del self._buf[:end]
        return body[2:]

    def finish(self) -> None:
        """Call when no more bytes will come: raises if a frame was cut short."""
        if self._buf.startswith(PREAMBLE):
            held = len(self._buf)
            self._buf.clear()
            raise FrameError("truncated", f"frame cut short after {held} bytes")
        self.discarded += len(self._buf)
        self._buf.clear()


# --- the 30 01 answer --------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CardRead:
    text: bytes
    photo: bytes


def split_read_answer(data: bytes) -> CardRead:
    """Split the data of a `30 01` answer into text block and photo."""
    if len(data) < 4:
        raise TextBlockError(f"read answer of {len(data)} bytes has no length fields")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    if text_len != TEXT_BLOCK_SIZE:
        raise TextBlockError(f"text length {text_len}, expected {TEXT_BLOCK_SIZE}")
    if len(data) != 4 + text_len + photo_len:
        raise TextBlockError(
            f"read answer holds {len(data) - 4} bytes, lengths say {text_len}+{photo_len}"
        )
    return CardRead(data[4:4 + text_len], data[4 + text_len:])


def _parse_date(value: str, field_name: str) -> date:
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        raise TextBlockError(f"{field_name} {value!r} is not YYYYMMDD")
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError as exc:
        raise TextBlockError(f"{field_name} {value!r} is not a real date") from exc


def decode_text_fields(text: bytes) -> dict[str, str]:
    """The raw, space-stripped fields of a 256-byte UCS-2 LE text block."""
    if len(text) != TEXT_BLOCK_SIZE:
        raise TextBlockError(f"text block of {len(text)} bytes, expected {TEXT_BLOCK_SIZE}")
    fields: dict[str, str] = {}
    pos = 0
    for name, width in TEXT_LAYOUT:
        try:
            value = text[pos:pos + width].decode("utf-16-le")
        except UnicodeDecodeError as exc:
            raise TextBlockError(f"field {name} is not UCS-2: {exc.reason}") from exc
        fields[name] = value.strip(" \x00")
        pos += width
    return fields


def parse_text_block(text: bytes, photo: bytes = b"") -> IdentityRecord:
    """Decode a card's text block into an `IdentityRecord`: the resident ID card,
    or by its card-type letter a residence permit or foreigner's card (`card_types`)."""
    if len(text) != TEXT_BLOCK_SIZE:
        raise TextBlockError(f"text block of {len(text)} bytes, expected {TEXT_BLOCK_SIZE}")
    letter = card_types.card_kind(text)
    if letter != " ":
        return _parse_other_card(text, photo, letter)
    f = decode_text_fields(text)
    try:
        sex = Sex(f["sex"])
    except ValueError as exc:
        raise TextBlockError(f"sex code {f['sex']!r} unknown") from exc
    ethnicity = ETHNICITIES.get(f["ethnicity"])
    if ethnicity is None:
        raise TextBlockError(f"ethnicity code {f['ethnicity']!r} unknown")
    check = validate_id_number(f["id_number"])
    if not check:
        raise TextBlockError(f"ID number on card invalid ({check.problem}: {check.reason})")
    if not f["name"]:
        raise TextBlockError("name is empty")
    valid_until = None if f["valid_until"] == LONG_TERM else _parse_date(
        f["valid_until"], "valid_until")
    return IdentityRecord(
        name=f["name"], sex=sex, ethnicity=ethnicity,
        birth_date=_parse_date(f["birth_date"], "birth_date"),
        address=f["address"], id_number=check.number,
        issuing_authority=f["issuing_authority"],
        valid_from=_parse_date(f["valid_from"], "valid_from"),
        valid_until=valid_until, photo_wlt=bytes(photo), source="ga467",
    )


def _parse_other_card(text: bytes, photo: bytes, letter: str) -> IdentityRecord:
    if letter not in card_types.LAYOUTS:
        raise TextBlockError(f"card type {letter!r} is not supported")
    kind, layout = card_types.LAYOUTS[letter]
    try:
        f = card_types.decode_fields(text, layout)
    except UnicodeDecodeError as exc:
        raise TextBlockError(f"text block is not UCS-2: {exc.reason}") from exc
    try:
        sex = Sex(f["sex"])
    except ValueError as exc:
        raise TextBlockError(f"sex code {f['sex']!r} unknown") from exc
    nationality = f.get("nationality", "")
    check = validate_document_number(kind, f["id_number"], nationality=nationality)
    if not check:
        raise TextBlockError(f"{kind.value} number on card invalid "
                             f"({check.problem}: {check.reason})")
    name_en = f.get("name_en", "")
    if not (f["name"] or name_en):
        raise TextBlockError("name is empty")
    valid_until = None if f["valid_until"] == LONG_TERM else _parse_date(
        f["valid_until"], "valid_until")
    return IdentityRecord(
        name=f["name"] or name_en, sex=sex, ethnicity="",
        birth_date=_parse_date(f["birth_date"], "birth_date"),
        address=f.get("address", ""), id_number=check.number,
        issuing_authority=f.get("issuing_authority") or f.get("authority_code", ""),
        valid_from=_parse_date(f["valid_from"], "valid_from"), valid_until=valid_until,
        photo_wlt=bytes(photo), source="ga467", kind=kind, name_en=name_en,
        nationality=nationality, pass_number=f.get("pass_number", ""),
        issue_count=f.get("issue_count", ""),
    )


def parse_read_answer(data: bytes) -> IdentityRecord:
    """Decode the data of a successful `30 01` answer."""
    read = split_read_answer(data)
    return parse_text_block(read.text, read.photo)


def encode_text_block(record: IdentityRecord) -> bytes:
    """The 256-byte text block for a record (simulator and tests)."""
    if record.kind is not DocumentKind.RESIDENT_ID:
        return card_types.encode_fields(record, LONG_TERM)
    values = {
        "name": record.name, "sex": record.sex.value,
        "ethnicity": _ETHNICITY_CODES.get(record.ethnicity, record.ethnicity),
        "birth_date": record.birth_date.strftime("%Y%m%d"), "address": record.address,
        "id_number": record.id_number, "issuing_authority": record.issuing_authority,
        "valid_from": record.valid_from.strftime("%Y%m%d") if record.valid_from else "",
        "valid_until": record.valid_until.strftime("%Y%m%d") if record.valid_until else LONG_TERM,
        "reserved": "",
    }
    out = bytearray()
    for name, width in TEXT_LAYOUT:
        raw = values[name].encode("utf-16-le")
        if len(raw) > width:
            raise ValueError(f"{name} does not fit in {width // 2} characters")
        out += raw + " ".encode("utf-16-le") * ((width - len(raw)) // 2)
    return bytes(out)


def encode_read_answer(record: IdentityRecord, photo: bytes | None = None) -> bytes:
    """The data of a `30 01` answer for a record."""
    photo = record.photo_wlt if photo is None else photo
    text = encode_text_block(record)
    return len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big") + text + photo
