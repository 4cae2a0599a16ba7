"""Staff PIN hashing with scrypt.

Encoded form: ``scrypt$n$r$p$salt_b64$hash_b64`` (standard base64, padded).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

__all__ = ["hash_pin", "verify_pin"]

_SCHEME = "scrypt"
_SALT_BYTES = 16
_HASH_BYTES = 32
# Refuse parameters that would let a crafted roster entry exhaust memory/CPU.
_MAX_N = 2**20
_MAX_R = 32
_MAX_P = 16


def _maxmem(n: int, r: int, p: int) -> int:
    # OpenSSL needs 128*r*(n+2) for V plus 128*r*p for B; add headroom.
    return 128 * r * (n + 2 + p) + 1024 * 1024


def _derive(pin: str, salt: bytes, n: int, r: int, p: int, dklen: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_maxmem(n, r, p), dklen=dklen
    )


def _valid_params(n: int, r: int, p: int) -> bool:
    return 1 < n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P


def hash_pin(pin: str, *, n: int = 2**14, r: int = 8, p: int = 1) -> str:
    """Hash ``pin`` with a random 16-byte salt and return the encoded string."""
    if not _valid_params(n, r, p):
        raise ValueError(f"unsupported scrypt parameters n={n} r={r} p={p}")
    salt = secrets.token_bytes(_SALT_BYTES)
    digest = _derive(pin, salt, n, r, p, _HASH_BYTES)
    b64 = base64.b64encode
    return f"{_SCHEME}${n}${r}${p}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(pin: str, encoded: str) -> bool:
    """True if ``pin`` matches ``encoded``; False for a wrong PIN or a malformed hash."""
    parts = encoded.split("$")
    if len(parts) != 6 or parts[0] != _SCHEME:
        return False
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt = base64.b64decode(parts[4], validate=True)
        expected = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error):
        return False
    if not _valid_params(n, r, p) or not salt or not 16 <= len(expected) <= 64:
        return False
    actual = _derive(pin, salt, n, r, p, len(expected))
    return hmac.compare_digest(actual, expected)
