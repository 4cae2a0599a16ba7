"""Per-terminal request signing: HMAC-SHA256 over method, path, body hash,
timestamp and nonce. The platform accepts a ±5 minute window and rejects a
nonce it has seen before."""

from __future__ import annotations

import hashlib
import hmac
import secrets

HEADER_TERMINAL = "X-Terminal-Id"
HEADER_TIMESTAMP = "X-Timestamp"
HEADER_NONCE = "X-Nonce"
HEADER_SIGNATURE = "X-Signature"
MAX_SKEW_SECONDS = 300
#: Error code of a correctly signed request from a terminal the platform withdrew.
TERMINAL_REVOKED = "terminal_revoked"


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def canonical_request(method: str, path: str, body: bytes, timestamp: int, nonce: str) -> bytes:
    return "\n".join(
        (method.upper(), path, body_digest(body), str(timestamp), nonce)
    ).encode("utf-8")


def sign(key: bytes, method: str, path: str, body: bytes, timestamp: int, nonce: str) -> str:
    message = canonical_request(method, path, body, timestamp, nonce)
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def signed_headers(terminal_id: str, key: bytes, method: str, path: str, body: bytes,
                   timestamp: int) -> dict[str, str]:
    nonce = secrets.token_hex(16)
    return {
        HEADER_TERMINAL: terminal_id,
        HEADER_TIMESTAMP: str(timestamp),
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: sign(key, method, path, body, timestamp, nonce),
    }


def verify(key: bytes, method: str, path: str, body: bytes, timestamp: int, nonce: str,
           signature: str) -> bool:
    expected = sign(key, method, path, body, timestamp, nonce)
    return signature.isascii() and hmac.compare_digest(expected, signature)
