"""Basic Access Control (ICAO 9303-11 section 4.3): keys from the MRZ, mutual authentication.

K_seed is the first 16 bytes of SHA-1(MRZ_information); each 2-key 3DES key
is SHA-1(seed || counter) cut to 16 bytes with DES parity set (counter 1 for
encryption, 2 for MAC). The terminal asks for the chip's 8-byte challenge,
sends E_IFD || M_IFD (its own nonce, the chip's and 16 bytes of key
material, encrypted and MACed) in EXTERNAL AUTHENTICATE, and checks the
chip's answer; the XOR of both key materials seeds the session keys, and
the send sequence counter starts from the low halves of both nonces.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from hardware.passport.mrz import MrzKey
from hardware.passport.sm import SecureMessaging, des3_decrypt, des3_encrypt, retail_mac

__all__ = [
    "GET_CHALLENGE",
    "BacError",
    "BacKeys",
    "authenticate",
    "chip_keys_answer",
    "derive_key",
    "external_authenticate",
    "session_from",
]

GET_CHALLENGE = bytes.fromhex("0084000008")
ENC, MAC = 1, 2


class BacError(Exception):
    """The chip refused the access key, or answered something BAC does not expect."""


def _odd_parity(key: bytes) -> bytes:
    return bytes((b & 0xFE) | ((bin(b & 0xFE).count("1") + 1) % 2) for b in key)


def derive_key(seed: bytes, counter: int) -> bytes:
    """ICAO 9303-11 KDF for 3DES: SHA-1(seed || counter), 16 bytes, DES parity."""
    digest = hashlib.sha1(seed + counter.to_bytes(4, "big")).digest()
    return _odd_parity(digest[:16])


@dataclass(frozen=True, slots=True)
class BacKeys:
    """The document's basic access keys."""

    k_enc: bytes
    k_mac: bytes

    @classmethod
    def from_mrz(cls, key: MrzKey) -> BacKeys:
        seed = hashlib.sha1(key.information.encode("ascii")).digest()[:16]
        return cls(derive_key(seed, ENC), derive_key(seed, MAC))

    def __repr__(self) -> str:
        return "BacKeys(<hidden>)"


def session_from(k_ifd: bytes, k_ic: bytes, rnd_ic: bytes, rnd_ifd: bytes
                 ) -> SecureMessaging:
    """The secure-messaging session both sides derive after mutual authentication."""
    seed = bytes(a ^ b for a, b in zip(k_ifd, k_ic, strict=True))
    return SecureMessaging(derive_key(seed, ENC), derive_key(seed, MAC),
                           rnd_ic[4:] + rnd_ifd[4:])


def external_authenticate(keys: BacKeys, rnd_ic: bytes, rnd_ifd: bytes, k_ifd: bytes
                          ) -> bytes:
    """The EXTERNAL AUTHENTICATE command APDU (E_IFD || M_IFD, Le 28)."""
    e_ifd = des3_encrypt(keys.k_enc, rnd_ifd + rnd_ic + k_ifd)
    return bytes.fromhex("0082000028") + e_ifd + retail_mac(keys.k_mac, e_ifd) + b"\x28"


def chip_keys_answer(keys: BacKeys, rnd_ic: bytes, command_data: bytes, k_ic: bytes
                     ) -> tuple[bytes, SecureMessaging] | None:
    """The chip's side: its answer (E_IC || M_IC) and session, None when refused."""
    if len(command_data) != 40:
        return None
    e_ifd, m_ifd = command_data[:32], command_data[32:]
    if retail_mac(keys.k_mac, e_ifd) != m_ifd:
        return None
    plain = des3_decrypt(keys.k_enc, e_ifd)
    rnd_ifd, echoed, k_ifd = plain[:8], plain[8:16], plain[16:]
    if echoed != rnd_ic:
        return None
    e_ic = des3_encrypt(keys.k_enc, rnd_ic + rnd_ifd + k_ic)
    answer = e_ic + retail_mac(keys.k_mac, e_ic)
    return answer, session_from(k_ifd, k_ic, rnd_ic, rnd_ifd)


Transmit = Callable[[bytes], tuple[bytes, int]]


def authenticate(transmit: Transmit, keys: BacKeys, *, rnd_ifd: bytes | None = None,
                 k_ifd: bytes | None = None) -> SecureMessaging:
    """Run BAC over `transmit` (command -> (data, SW)); the session on success.

    `rnd_ifd` and `k_ifd` are random unless given (ICAO's worked example).
    """
    rnd_ifd = rnd_ifd or os.urandom(8)
    k_ifd = k_ifd or os.urandom(16)
    rnd_ic, sw = transmit(GET_CHALLENGE)
    if sw != 0x9000 or len(rnd_ic) != 8:
        raise BacError(f"GET CHALLENGE answered {sw:04X} with {len(rnd_ic)} bytes")
    answer, sw = transmit(external_authenticate(keys, rnd_ic, rnd_ifd, k_ifd))
    if sw != 0x9000:
        raise BacError(f"the chip refused the access key (EXTERNAL AUTHENTICATE {sw:04X})")
    if len(answer) != 40 or retail_mac(keys.k_mac, answer[:32]) != answer[32:]:
        raise BacError("the chip's authentication answer fails its MAC")
    plain = des3_decrypt(keys.k_enc, answer[:32])
    if plain[:8] != rnd_ic or plain[8:16] != rnd_ifd:
        raise BacError("the chip's authentication answer does not echo the nonces")
    return session_from(k_ifd, plain[16:], rnd_ic, rnd_ifd)
