"""Secure messaging of ICAO 9303-11 section 9.8, terminal and chip side.

Every protected command and response carries a MAC computed over the send
sequence counter, which both sides increment before each command and each
response: one exchange consumes two counter values. Command data travels
encrypted in DO'87' (DO'85' for an odd INS, whose data is itself BER-TLV),
the expected length in DO'97', a response's status word in DO'99', the MAC
in DO'8E'.

- `SecureMessaging`: 3DES (BAC, and PACE with 3DES): 8-byte counter,
  3DES-CBC with a zero IV, ISO 9797-1 MAC algorithm 3.
- `AesSecureMessaging`: AES (PACE): 16-byte counter, AES-CBC with
  IV = E(KSenc, SSC), AES-CMAC cut to 8 bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.cmac import CMAC

__all__ = [
    "AesSecureMessaging",
    "ProtectedCommand",
    "SecureMessaging",
    "SmError",
    "aes_cbc_decrypt",
    "aes_cbc_encrypt",
    "aes_cmac",
    "des3_decrypt",
    "des3_encrypt",
    "pad",
    "retail_mac",
    "unpad",
]

_ZERO_IV = bytes(8)


class SmError(ValueError):
    """A protected message that fails its MAC or is malformed."""


def pad(data: bytes, block: int = 8) -> bytes:
    """ISO 9797-1 padding method 2: 80 then zeros up to a multiple of `block`."""
    data = data + b"\x80"
    return data + bytes(-len(data) % block)


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


def aes_cbc_encrypt(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    """AES-CBC (the data already padded to 16 bytes)."""
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def aes_cbc_decrypt(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(data) + decryptor.finalize()


def aes_cmac(key: bytes, data: bytes) -> bytes:
    """AES-CMAC cut to the 8 bytes ICAO 9303 uses."""
    mac = CMAC(algorithms.AES(key))
    mac.update(data)
    return mac.finalize()[:8]


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
    """One 3DES session's keys and send sequence counter (8 bytes)."""

    block = 8

    def __init__(self, ks_enc: bytes, ks_mac: bytes, ssc: bytes) -> None:
        if len(ssc) != self.block:
            raise ValueError(f"the send sequence counter has {self.block} bytes")
        self.ks_enc = ks_enc
        self.ks_mac = ks_mac
        self._ssc = int.from_bytes(ssc, "big")

    @property
    def ssc(self) -> bytes:
        return self._ssc.to_bytes(self.block, "big")

    def _next(self) -> bytes:
        self._ssc = (self._ssc + 1) % (1 << (8 * self.block))
        return self.ssc

    # --- the cipher suite (3DES here, AES in the subclass) --------------------------
    def _encrypt(self, ssc: bytes, data: bytes) -> bytes:
        return des3_encrypt(self.ks_enc, data)

    def _decrypt(self, ssc: bytes, data: bytes) -> bytes:
        return des3_decrypt(self.ks_enc, data)

    def _mac(self, ssc: bytes, data: bytes) -> bytes:
        """The MAC of SSC || data (padded here)."""
        return retail_mac(self.ks_mac, ssc + data)

    # --- both sides -----------------------------------------------------------------
    def _seal(self, ssc: bytes, data: bytes, odd: bool) -> bytes:
        """DO'87' (01 then the cryptogram) for an even INS, DO'85' for an odd one."""
        cryptogram = self._encrypt(ssc, pad(data, self.block))
        return _tlv(0x85, cryptogram) if odd else _tlv(0x87, b"\x01" + cryptogram)

    def _open(self, ssc: bytes, objects: dict[int, tuple[bytes, bytes]]) -> bytes:
        if 0x85 in objects:
            return unpad(self._decrypt(ssc, objects[0x85][0]))
        if 0x87 in objects:
            encrypted = objects[0x87][0]
            if not encrypted or encrypted[0] != 0x01:
                raise SmError("DO'87' without the padding-content indicator 01")
            return unpad(self._decrypt(ssc, encrypted[1:]))
        return b""

    def _check(self, ssc: bytes, header: bytes, objects: dict[int, tuple[bytes, bytes]]
               ) -> None:
        """The MAC over the (padded) header and every data object before DO'8E'."""
        if 0x8E not in objects:
            raise SmError("secure messaging without DO'8E'")
        covered = b"".join(whole for tag, (_value, whole) in objects.items() if tag != 0x8E)
        if self._mac(ssc, header + covered) != objects[0x8E][0]:
            raise SmError("secure messaging MAC does not match")

    # --- terminal side -------------------------------------------------------------
    def protect(self, cla: int, ins: int, p1: int, p2: int, data: bytes = b"",
                le: int | None = None) -> bytes:
        """The protected command APDU (short Lc/Le) of a plain command."""
        ssc = self._next()
        header = bytes([cla | 0x0C, ins, p1, p2])
        body = b""
        if data:
            body += self._seal(ssc, data, bool(ins & 1))
        if le is not None:
            body += _tlv(0x97, bytes([le & 0xFF]))
        body += _tlv(0x8E, self._mac(ssc, pad(header, self.block) + body))
        return header + bytes([len(body)]) + body + b"\x00"

    def unprotect_response(self, response: bytes) -> tuple[bytes, int, int]:
        """(data, sw1, sw2) of a protected response's data field (SW stripped)."""
        ssc = self._next()
        objects = _by_tag(response)
        if 0x99 not in objects:
            raise SmError("protected response without DO'99'")
        self._check(ssc, b"", objects)
        status = objects[0x99][0]
        if len(status) != 2:
            raise SmError("DO'99' is not a status word")
        return self._open(ssc, objects), status[0], status[1]

    # --- chip side ------------------------------------------------------------------
    def unprotect_command(self, command: bytes) -> ProtectedCommand:
        """Check and open a protected command APDU (chip side)."""
        if len(command) < 5 or command[0] & 0x0C != 0x0C:
            raise SmError("command is not secure messaging (CLA without 0C)")
        ssc = self._next()
        header, lc = command[:4], command[4]
        body = command[5:5 + lc]
        if len(body) != lc:
            raise SmError("Lc does not match the command's length")
        objects = _by_tag(body)
        self._check(ssc, pad(header, self.block), objects)
        data = self._open(ssc, objects)
        le = objects[0x97][0][0] if 0x97 in objects else None
        return ProtectedCommand(header[0] & ~0x0C & 0xFF, header[1], header[2], header[3],
                                data, le)

    def protect_response(self, data: bytes, sw: bytes, *, odd: bool = False) -> bytes:
        """The protected response APDU (with the plain SW 9000 after it) (chip side);
        `odd` answers an odd INS (its data in DO'85')."""
        ssc = self._next()
        body = self._seal(ssc, data, odd) if data else b""
        body += _tlv(0x99, sw)
        body += _tlv(0x8E, self._mac(ssc, body))
        return body + sw


class AesSecureMessaging(SecureMessaging):
    """One PACE session with AES (ICAO 9303-11 section 9.8.7): a 16-byte counter
    starting at zero, AES-CBC whose IV is the counter encrypted with KSenc, and
    AES-CMAC cut to 8 bytes."""

    block = 16

    def __init__(self, ks_enc: bytes, ks_mac: bytes, ssc: bytes = bytes(16)) -> None:
        super().__init__(ks_enc, ks_mac, ssc)

    def _iv(self, ssc: bytes) -> bytes:
        encryptor = Cipher(algorithms.AES(self.ks_enc), modes.ECB()).encryptor()
        return encryptor.update(ssc) + encryptor.finalize()

    def _encrypt(self, ssc: bytes, data: bytes) -> bytes:
        return aes_cbc_encrypt(self.ks_enc, data, self._iv(ssc))

    def _decrypt(self, ssc: bytes, data: bytes) -> bytes:
        return aes_cbc_decrypt(self.ks_enc, data, self._iv(ssc))

    def _mac(self, ssc: bytes, data: bytes) -> bytes:
        return aes_cmac(self.ks_mac, pad(ssc + data, self.block))


def _by_tag(data: bytes) -> dict[int, tuple[bytes, bytes]]:
    return {tag: (value, whole) for tag, value, whole in _objects(data)}
