"""The eMRTD's logical data structure (ICAO 9303-10): BER-TLV files, DG1 and DG2.

- EF.COM (tag 60): LDS version and the list of data-group tags present.
- DG1 (tag 61): the MRZ as printed (DO'5F1F').
- DG2 (tag 75): biometric information templates (7F61 / 7F60) whose
  biometric data block (5F2E or 7F2E) is an ISO/IEC 19794-5 facial record:
  'FAC\\0', version, lengths, a facial information block, feature points,
  an image information block (image data type 0 JPEG, 1 JPEG 2000) and the
  image itself.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

from hardware.passport.mrz import Mrz, parse_mrz

__all__ = [
    "DG_FILES",
    "FaceImage",
    "LdsError",
    "Tlv",
    "encode_dg1",
    "encode_dg2",
    "encode_tlv",
    "parse_dg1",
    "parse_dg2",
    "read_tlv",
    "tlv_length",
]

#: data-group number -> (short file identifier, file identifier, file tag)
DG_FILES: dict[int, tuple[int, int, int]] = {
    1: (0x01, 0x0101, 0x61),
    2: (0x02, 0x0102, 0x75),
}
#: the eMRTD application (ICAO 9303-10 LDS1)
EMRTD_AID = bytes.fromhex("A0000002471001")
COM_FID, SOD_FID = 0x011E, 0x011D
COM_TAG, SOD_TAG = 0x60, 0x77

FACE_FORMAT = b"FAC\x00"
JPEG, JPEG2000 = 0, 1


class LdsError(ValueError):
    """A data group that does not parse."""


@dataclass(frozen=True, slots=True)
class Tlv:
    tag: int
    value: bytes
    end: int  # offset just past this object


def _tag(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise LdsError("tag cut short")
    tag = data[pos]
    pos += 1
    if tag & 0x1F == 0x1F:
        while True:
            if pos >= len(data):
                raise LdsError("multi-byte tag cut short")
            tag = (tag << 8) | data[pos]
            pos += 1
            if not data[pos - 1] & 0x80:
                break
    return tag, pos


def tlv_length(data: bytes, pos: int = 0) -> tuple[int, int]:
    """(tag, header length + value length) of the object at `pos`: how much of a
    file to read once its first bytes are known."""
    tag, after_tag = _tag(data, pos)
    length, start = _length(data, after_tag)
    return tag, start - pos + length


def _length(data: bytes, pos: int) -> tuple[int, int]:
    if pos >= len(data):
        raise LdsError("length cut short")
    first = data[pos]
    if first < 0x80:
        return first, pos + 1
    size = first & 0x7F
    if not 1 <= size <= 3 or pos + 1 + size > len(data):
        raise LdsError(f"bad length form {first:02X}")
    return int.from_bytes(data[pos + 1:pos + 1 + size], "big"), pos + 1 + size


def read_tlv(data: bytes, pos: int = 0) -> Tlv:
    tag, after_tag = _tag(data, pos)
    length, start = _length(data, after_tag)
    if start + length > len(data):
        raise LdsError(f"object {tag:X} of {length} bytes cut short")
    return Tlv(tag, data[start:start + length], start + length)


def children(data: bytes) -> list[Tlv]:
    out: list[Tlv] = []
    pos = 0
    while pos < len(data):
        if data[pos] in (0x00, 0xFF):  # padding between objects
            pos += 1
            continue
        item = read_tlv(data, pos)
        out.append(item)
        pos = item.end
    return out


def encode_tlv(tag: int, value: bytes) -> bytes:
    tag_bytes = tag.to_bytes(max(1, (tag.bit_length() + 7) // 8), "big")
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n <= 0xFF:
        length = bytes([0x81, n])
    elif n <= 0xFFFF:
        length = bytes([0x82]) + n.to_bytes(2, "big")
    else:
        length = bytes([0x83]) + n.to_bytes(3, "big")
    return tag_bytes + length + value


def _file(data: bytes, tag: int, name: str) -> bytes:
    top = read_tlv(data)
    if top.tag != tag:
        raise LdsError(f"{name} starts with tag {top.tag:X}, expected {tag:X}")
    return top.value


# --- DG1 ---------------------------------------------------------------------------

def parse_dg1(data: bytes) -> Mrz:
    """The MRZ held in DG1, check digits verified."""
    for item in children(_file(data, 0x61, "DG1")):
        if item.tag == 0x5F1F:
            text = item.value.decode("ascii", "replace")
            width = {88: 44, 90: 30, 72: 36}.get(len(text))
            if width is None:
                raise LdsError(f"DG1 MRZ of {len(text)} characters")
            return parse_mrz("\n".join(text[i:i + width] for i in range(0, len(text), width)))
    raise LdsError("DG1 has no MRZ (5F1F)")


def encode_dg1(mrz_lines: tuple[str, ...]) -> bytes:
    return encode_tlv(0x61, encode_tlv(0x5F1F, "".join(mrz_lines).encode("ascii")))


# --- DG2 ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FaceImage:
    """The document's face image as stored (JPEG or JPEG 2000 bytes)."""

    data: bytes
    image_type: int  # JPEG or JPEG2000
    width: int
    height: int

    @property
    def mime(self) -> str:
        return "image/jp2" if self.image_type == JPEG2000 else "image/jpeg"

    def decode(self) -> Image.Image:
        """The image as RGB pixels (Pillow reads both JPEG and JPEG 2000)."""
        try:
            with Image.open(io.BytesIO(self.data)) as image:
                return image.convert("RGB")
        except (OSError, ValueError) as exc:
            raise LdsError(f"face image does not decode: {exc}") from exc

    def __repr__(self) -> str:
        return f"FaceImage({self.mime}, {self.width}x{self.height}, {len(self.data)} bytes)"


def _facial_record(bdb: bytes) -> FaceImage:
    if bdb[:4] != FACE_FORMAT or len(bdb) < 14 + 20 + 12:
        raise LdsError("biometric data block is not an ISO/IEC 19794-5 facial record")
    pos = 14  # format, version, record length (4), number of images (2)
    features = int.from_bytes(bdb[pos + 4:pos + 6], "big")
    pos += 20 + 8 * features
    info = bdb[pos:pos + 12]
    if len(info) < 12:
        raise LdsError("facial record cut short before its image information")
    image_type = info[1]
    width, height = int.from_bytes(info[2:4], "big"), int.from_bytes(info[4:6], "big")
    if image_type not in (JPEG, JPEG2000):
        raise LdsError(f"face image data type {image_type} is neither JPEG nor JPEG 2000")
    record_length = int.from_bytes(bdb[14:18], "big")
    image = bdb[pos + 12:14 + record_length]
    if not image:
        raise LdsError("facial record holds no image")
    return FaceImage(image, image_type, width, height)


def parse_dg2(data: bytes) -> list[FaceImage]:
    """Every face image in DG2, in order."""
    faces: list[FaceImage] = []
    for group in children(_file(data, 0x75, "DG2")):
        if group.tag != 0x7F61:
            continue
        for template in children(group.value):
            if template.tag != 0x7F60:
                continue
            for item in children(template.value):
                if item.tag in (0x5F2E, 0x7F2E):
                    faces.append(_facial_record(item.value))
    if not faces:
        raise LdsError("DG2 holds no face image")
    return faces


def encode_dg2(image: bytes, image_type: int, width: int, height: int) -> bytes:
    """A DG2 holding one face image (ISO/IEC 19794-5:2005 record, no feature points)."""
    info = bytes([0x01, image_type]) + width.to_bytes(2, "big") + height.to_bytes(2, "big") \
        + bytes([0x01, 0x02]) + bytes(2) + bytes(2)  # sRGB, digital still camera
    facial = bytes(4 + 2) + bytes([0x00, 0x00, 0x00]) + bytes(3) + bytes(2) + bytes(3) \
        + bytes(3)
    record_length = len(facial) + len(info) + len(image)
    facial = record_length.to_bytes(4, "big") + facial[4:]
    bdb = FACE_FORMAT + b"010\x00" + (14 + record_length).to_bytes(4, "big") \
        + (1).to_bytes(2, "big") + facial + info + image
    header = encode_tlv(0xA1, encode_tlv(0x80, b"\x01\x01") + encode_tlv(0x81, b"\x02")
                        + encode_tlv(0x87, b"\x01\x01") + encode_tlv(0x88, b"\x00\x08"))
    template = encode_tlv(0x7F60, header + encode_tlv(0x5F2E, bdb))
    return encode_tlv(0x75, encode_tlv(0x7F61, encode_tlv(0x02, b"\x01") + template))


def encode_com(dg_tags: list[int]) -> bytes:
    return encode_tlv(COM_TAG, encode_tlv(0x5F01, b"0107") + encode_tlv(0x5F36, b"040000")
                      + encode_tlv(0x5C, bytes(dg_tags)))
