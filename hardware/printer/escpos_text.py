"""Read printed text (and native QR / barcode payloads) back out of ESC/POS bytes.

GB18030 between FS & and FS ., ASCII elsewhere; commands and images are skipped.
Meant for tests and for reading a printed notice back from a printer's bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10

# Fixed total lengths (prefix + letter + parameters) of common commands.
_ESC_LEN = {0x40: 2, 0x32: 2, 0x3C: 2, 0x21: 3, 0x45: 3, 0x2D: 3, 0x61: 3, 0x4D: 3,
            0x47: 3, 0x74: 3, 0x64: 3, 0x4A: 3, 0x33: 3, 0x7B: 3, 0x56: 3, 0x52: 3,
            0x72: 3, 0x20: 3, 0x25: 3, 0x63: 4, 0x70: 5, 0x24: 4, 0x5C: 4, 0x44: 2}
_GS_LEN = {0x21: 3, 0x42: 3, 0x48: 3, 0x66: 3, 0x68: 3, 0x77: 3, 0x61: 3, 0x62: 3,
           0x4C: 4, 0x57: 4, 0x49: 3, 0x72: 3, 0x2F: 3, 0x24: 4, 0x5C: 4, 0x50: 4}
_FS_LEN = {0x26: 2, 0x2E: 2, 0x21: 3, 0x2D: 3, 0x57: 3, 0x43: 3, 0x53: 4, 0x70: 4}


@dataclass(slots=True)
class EscposContent:
    text: str = ""
    qr_payloads: list[str] = field(default_factory=list)
    barcodes: list[str] = field(default_factory=list)
    images: int = 0


def _le(data: bytes, i: int) -> int:
    return data[i] + 256 * data[i + 1] if i + 1 < len(data) else 0


def read_escpos(data: bytes) -> EscposContent:
    """Parse a byte stream; never raises on arbitrary input."""
    out = EscposContent()
    parts: list[str] = []
    run = bytearray()
    chinese = False

    def flush() -> None:
        if run:
            parts.append(bytes(run).decode("gb18030" if chinese else "ascii", "replace"))
            run.clear()

    i, n = 0, len(data)
    while i < n:
        b = data[i]
        nxt = data[i + 1] if i + 1 < n else -1
        if b == ESC:
            flush()
            if nxt == 0x2A:  # ESC * m nL nH d...
                m = data[i + 2] if i + 2 < n else 0
                i += 5 + _le(data, i + 3) * (3 if m in (32, 33) else 1)
                out.images += 1
            else:
                i += _ESC_LEN.get(nxt, 2)
        elif b == GS:
            flush()
            i = _gs(data, i, nxt, out)
        elif b == FS:
            flush()
            if nxt == 0x26:
                chinese = True
            elif nxt == 0x2E:
                chinese = False
            i += _FS_LEN.get(nxt, 2)
        elif b == DLE:
            flush()
            i += 5 if nxt == 0x14 else 3
        elif b == 0x0A:
            flush()
            parts.append("\n")
            i += 1
        elif b < 0x20 and b != 0x09:
            i += 1
        else:
            run.append(0x20 if b == 0x09 else b)
            i += 1
    flush()
    out.text = "".join(parts)
    return out


def _gs(data: bytes, i: int, nxt: int, out: EscposContent) -> int:
    n = len(data)
    if nxt == 0x28:  # GS ( fn pL pH ...
        fn = data[i + 2] if i + 2 < n else 0
        size = _le(data, i + 3)
        body = data[i + 5:i + 5 + size]
        if fn == 0x6B and body[:3] == b"1P0":  # GS ( k: QR store data
            out.qr_payloads.append(body[3:].decode("utf-8", "replace"))
        elif fn == 0x4C and body[1:2] == b"2":
            out.images += 1
        return i + 5 + size
    if nxt == 0x76:  # GS v 0 m xL xH yL yH d...
        out.images += 1
        return i + 8 + _le(data, i + 4) * _le(data, i + 6)
    if nxt == 0x6B:  # GS k m ...
        m = data[i + 2] if i + 2 < n else 0
        if m <= 6:
            end = data.find(b"\x00", i + 3)
            end = n if end < 0 else end
            out.barcodes.append(data[i + 3:end].decode("ascii", "replace"))
            return end + 1
        size = data[i + 3] if i + 3 < n else 0
        payload = data[i + 4:i + 4 + size].decode("ascii", "replace")
        out.barcodes.append(payload[2:] if payload[:1] == "{" else payload)
        return i + 4 + size
    if nxt == 0x56:  # GS V m [n]
        m = data[i + 2] if i + 2 < n else 0
        return i + (4 if m in (65, 66, 97, 98, 103, 104) else 3)
    return i + _GS_LEN.get(nxt, 2)


def extract_text(data: bytes) -> str:
    """The printed text of an ESC/POS stream (raster images are not read)."""
    return read_escpos(data).text
