"""ISO 7816-4 APDUs: command builders, response parsing, status-word meanings."""

from __future__ import annotations

from typing import NamedTuple

GET_UID = bytes.fromhex("FFCA000000")  # PC/SC pseudo-APDU: contactless UID


class ApduError(ValueError):
    """Bytes that are not a response APDU."""


_SW_MEANINGS: dict[int, str] = {
    0x9000: "success",
    0x6282: "end of file reached before reading Le bytes",
    0x6283: "selected file invalidated",
    0x6700: "wrong length",
    0x6881: "logical channel not supported",
    0x6882: "secure messaging not supported",
    0x6982: "security status not satisfied",
    0x6983: "authentication method blocked",
    0x6985: "conditions of use not satisfied",
    0x6986: "command not allowed (no current EF)",
    0x6A80: "incorrect parameters in the data field",
    0x6A81: "function not supported",
    0x6A82: "file or application not found",
    0x6A86: "incorrect parameters P1-P2",
    0x6A88: "referenced data not found",
    0x6B00: "wrong parameters P1-P2 (offset outside the file)",
    0x6D00: "instruction not supported",
    0x6E00: "class not supported",
    0x6F00: "no precise diagnosis",
}


def describe_sw(sw1: int, sw2: int) -> str:
    """A short English meaning of a status word."""
    sw = (sw1 << 8) | sw2
    if sw in _SW_MEANINGS:
        return _SW_MEANINGS[sw]
    if sw1 == 0x61:
        return f"{sw2 or 256} response bytes still available (GET RESPONSE)"
    if sw1 == 0x6C:
        return f"wrong Le: exact length is {sw2 or 256}"
    if sw1 == 0x63 and sw2 & 0xF0 == 0xC0:
        return f"verification failed, {sw2 & 0x0F} tries left"
    if sw1 in (0x62, 0x63):
        return "warning: state of non-volatile memory " + (
            "unchanged" if sw1 == 0x62 else "changed")
    if sw1 in (0x64, 0x65, 0x66):
        return "execution error"
    if sw1 in (0x67, 0x68, 0x69, 0x6A, 0x6B, 0x6D, 0x6E, 0x6F):
        return "checking error"
    return "unknown status"


class ApduResponse(NamedTuple):
    """A response APDU; unpacks as `data, sw1, sw2`."""

    data: bytes
    sw1: int
    sw2: int

    @property
    def sw(self) -> int:
        return (self.sw1 << 8) | self.sw2

    @property
    def ok(self) -> bool:
        return self.sw == 0x9000

    @property
    def meaning(self) -> str:
        return describe_sw(self.sw1, self.sw2)

    def __str__(self) -> str:
        return f"{self.sw:04X} ({self.meaning}), {len(self.data)} data bytes"


def parse_response(raw: bytes | bytearray | list[int]) -> ApduResponse:
    """Split a raw response into data and status word."""
    raw = bytes(raw)
    if len(raw) < 2:
        raise ApduError(f"response of {len(raw)} bytes has no status word")
    return ApduResponse(raw[:-2], raw[-2], raw[-1])


def select_aid(aid: bytes) -> bytes:
    """SELECT by DF name (AID), first occurrence, FCI requested."""
    if not 1 <= len(aid) <= 16:
        raise ValueError("an AID has 1 to 16 bytes")
    return bytes([0x00, 0xA4, 0x04, 0x00, len(aid)]) + aid + b"\x00"


def read_binary(offset: int, le: int) -> bytes:
    """READ BINARY of the current EF: 15-bit offset, Le 1..256 (256 sent as 00)."""
    if not 0 <= offset <= 0x7FFF or not 1 <= le <= 256:
        raise ValueError("offset 0..32767 and Le 1..256")
    return bytes([0x00, 0xB0, offset >> 8, offset & 0xFF, le & 0xFF])
