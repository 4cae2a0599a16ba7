"""3DES secure messaging of ICAO 9303-11 (BAC sessions), terminal and chip side.

Every protected command and response carries a MAC (ISO 9797-1 MAC
algorithm 3 over DES, padding method 2) computed over the send sequence
counter, which both sides increment before each command and each response:
one exchange consumes two counter values. Command data travels encrypted in
DO'87' (3DES-CBC, zero IV), the expected length in DO'97', a response's
status word in DO'99', the MAC in DO'8E'.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, modes

__all__ = [
    "ProtectedCommand",
    "SecureMessaging",
    "SmError",
    "des3_decrypt",
    "des3_encrypt",
    "pad",
    "retail_mac",
    "unpad",
]

_ZERO_IV = bytes(8)


class SmError(ValueError):
    """A protected message that fails its MAC or is malformed."""


def pad(data: bytes) -> bytes:
    """ISO 9797-1 padding method 2: 80 then zeros up to a multiple of 8."""
    data = data + b"\x80"
    return data + bytes(-len(data) % 8)


def unpad(data: bytes) -> bytes:
    end = data.rstrip(b"\x00")
    if not end or end[-1] != 0x80:
        raise SmError("padding is not ISO 9797-1 method 2")
    return end[:-1]


def _cipher(key: bytes, mode: modes.Mode) -> Cipher[modes.Mode]:
    """3DES-EDE with a 24-byte key: single DES (8 bytes) and 2-key 3DES (16) expanded,
    as cryptography deprecates the short forms."""
    full = key * 3 if len(key) == 8 else key + key[:8] if len(key) == 16 else key
    return Cipher(TripleDES(full), mode)


def des3_encrypt(key: bytes, data: bytes) -> bytes:
    """3DES-CBC with a zero IV (the data already padded)."""
    encryptor = _cipher(key, modes.CBC(_ZERO_IV)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def des3_decrypt(key: bytes, data: bytes) -> bytes:
    decryptor = _cipher(key, modes.CBC(_ZERO_IV)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def retail_mac(key: bytes, data: bytes) -> bytes:
    """ISO 9797-1 MAC algorithm 3 (DES, two keys Ka Kb) over padded `data`."""
    ka, kb = key[:8], key[8:16]
    message = pad(data)
    encryptor = _cipher(ka, modes.CBC(_ZERO_IV)).encryptor()
    h = (encryptor.update(message) + encryptor.finalize())[-8:]
    decrypted = _cipher(kb, modes.ECB()).decryptor().update(h)
    return _cipher(ka, modes.ECB()).encryptor().update(decrypted)


def _tlv(tag: int, value: bytes) -> bytes:
    n = len(value)
    if n < 0x80:
        length = bytes([n])
    elif n <= 0xFF:
        length = bytes([0x81, n])
    else:
        length = bytes([0x82]) + n.to_bytes(2, "big")
    return bytes([tag]) + length + value


def _objects(data: bytes) -> list[tuple[int, bytes, bytes]]:
    """(tag, value, whole encoding) of each data object of a protected message."""
    out: list[tuple[int, bytes, bytes]] = []
    pos = 0
    while pos < len(data):
        if pos + 2 > len(data):
            raise SmError("data object cut short")
        tag, first = data[pos], data[pos + 1]
        start = pos + 2
        if first < 0x80:
            length = first
        elif first in (0x81, 0x82):
            size = first & 0x7F
            length = int.from_bytes(data[start:start + size], "big")
            start += size
        else:
            raise SmError(f"bad length form {first:02X}")
        end = start + length
        if end > len(data):
            raise SmError(f"data object {tag:02X} cut short")
        out.append((tag, data[start:end], data[pos:end]))
        pos = end
    return out


@dataclass(frozen=True, slots=True)
class ProtectedCommand:
    """A command after the chip removed its secure messaging."""

    cla: int
    ins: int
    p1: int
    p2: int
    data: bytes
    le: int | None  # None when the command expects no data; 0 means 256


class SecureMessaging:
    """One BAC session's keys and send sequence counter (8 bytes)."""

    def __init__(self, ks_enc: bytes, ks_mac: bytes, ssc: bytes) -> None:
        self.ks_enc = ks_enc
        self.ks_mac = ks_mac
        self._ssc = int.from_bytes(ssc, "big")

    @property
    def ssc(self) -> bytes:
        return self._ssc.to_bytes(8, "big")

    def _next(self) -> bytes:
        self._ssc = (self._ssc + 1) % (1 << 64)
        return self.ssc

    def _mac(self, data: bytes) -> bytes:
        return retail_mac(self.ks_mac, self._next() + data)

    def _check_mac(self, data: bytes, mac: bytes) -> None:
        if self._mac(data) != mac:
            raise SmError("secure messaging MAC does not match")

    # --- terminal side -------------------------------------------------------------
    def protect(self, cla: int, ins: int, p1: int, p2: int, data: bytes = b"",
                le: int | None = None) -> bytes:
        """The protected command APDU (short Lc/Le) of a plain command."""
        header = bytes([cla | 0x0C, ins, p1, p2])
        body = b""
        if data:
            body += _tlv(0x87, b"\x01" + des3_encrypt(self.ks_enc, pad(data)))
        if le is not None:
            body += _tlv(0x97, bytes([le & 0xFF]))
        body += _tlv(0x8E, self._mac(pad(header) + body))
        return header + bytes([len(body)]) + body + b"\x00"

    def unprotect_response(self, response: bytes) -> tuple[bytes, int, int]:
        """(data, sw1, sw2) of a protected response's data field (SW stripped)."""
        objects = {tag: (value, whole) for tag, value, whole in _objects(response)}
        if 0x8E not in objects or 0x99 not in objects:
            raise SmError("protected response without DO'99' and DO'8E'")
        covered = b"".join(objects[t][1] for t in (0x87, 0x99) if t in objects)
        self._check_mac(covered, objects[0x8E][0])
        status = objects[0x99][0]
        if len(status) != 2:
            raise SmError("DO'99' is not a status word")
        data = b""
        if 0x87 in objects:
            encrypted = objects[0x87][0]
            if not encrypted or encrypted[0] != 0x01:
                raise SmError("DO'87' without the padding-content indicator 01")
            data = unpad(des3_decrypt(self.ks_enc, encrypted[1:]))
        return data, status[0], status[1]

    # --- chip side ------------------------------------------------------------------
    def unprotect_command(self, command: bytes) -> ProtectedCommand:
        """Check and open a protected command APDU (chip side)."""
        if len(command) < 5 or command[0] & 0x0C != 0x0C:
            raise SmError("command is not secure messaging (CLA without 0C)")
        header, lc = command[:4], command[4]
        body = command[5:5 + lc]
        if len(body) != lc:
            raise SmError("Lc does not match the command's length")
        objects = {tag: (value, whole) for tag, value, whole in _objects(body)}
        if 0x8E not in objects:
            raise SmError("protected command without DO'8E'")
        covered = b"".join(objects[t][1] for t in (0x87, 0x97) if t in objects)
        self._check_mac(pad(header) + covered, objects[0x8E][0])
        data = b""
        if 0x87 in objects:
            data = unpad(des3_decrypt(self.ks_enc, objects[0x87][0][1:]))
        le = objects[0x97][0][0] if 0x97 in objects else None
        return ProtectedCommand(header[0] & ~0x0C & 0xFF, header[1], header[2], header[3],
                                data, le)

    def protect_response(self, data: bytes, sw: bytes) -> bytes:
        """The protected response APDU (with the plain SW 9000 after it) (chip side)."""
        body = b""
        if data:
            body += _tlv(0x87, b"\x01" + des3_encrypt(self.ks_enc, pad(data)))
        body += _tlv(0x99, sw)
        body += _tlv(0x8E, self._mac(body))
        return body + sw
