"""Staff sign-in on the wire: the platform checks PINs; terminals hold no PIN hash.

A terminal asks `POST /v1/staff/sign-in` (staff number, or staff card, and
PIN; or a technician's PIN alone). The platform answers the outcome and, on
success, an `OfflineVerifier` for that one member on that one terminal: an
HMAC, keyed by a key derived from the terminal's signing key, of the scrypt
digest of the PIN. Offline, the terminal derives the digest from a typed PIN
with the verifier's salt and parameters and compares MACs; the verifier is
useless on any other terminal and names only staff who signed in there.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field

from sync.protocol.models import WireModel

StaffRole = Literal["clerk", "supervisor", "technician", "manager"]
#: The role whose counter sign-in opens the center's own data (sync.server.admin).
MANAGER = "manager"
#: Header of a counter's signed request naming its signed-in manager's session.
HEADER_MANAGER_SESSION = "X-Manager-Session"
#: Roles that may sign in for each purpose.
PURPOSE_ROLES: dict[str, frozenset[str]] = {
    "counter": frozenset({"clerk", "supervisor", MANAGER}),
    "technician": frozenset({"technician"}),
}
_VERIFIER_CONTEXT = b"reception staff verifier v1"


class SignInPurpose(StrEnum):
    COUNTER = "counter"  # a clerk at a window: staff number or card, and PIN
    TECHNICIAN = "technician"  # the technician panel: PIN (staff number optional)


class StaffEntry(WireModel):
    staff_no: str
    name: str
    role: StaffRole


class StaffDirectory(WireModel):
    """GET /v1/staff: who works at the caller's center (no secrets)."""

    staff: list[StaffEntry]


class StaffSignInRequest(WireModel):
    purpose: SignInPurpose
    pin: Annotated[str, Field(min_length=4, max_length=12, pattern=r"^[0-9]+$")]
    staff_no: Annotated[str, Field(min_length=1, max_length=32)] | None = None
    card_uid: Annotated[str, Field(min_length=4, max_length=64)] | None = None


class OfflineVerifier(WireModel):
    """What a terminal keeps to sign one member in while the platform is away."""

    member: StaffEntry
    n: Annotated[int, Field(gt=1, le=2**20)]
    r: Annotated[int, Field(ge=1, le=32)]
    p: Annotated[int, Field(ge=1, le=16)]
    salt: str  # standard base64
    length: Annotated[int, Field(ge=16, le=64)]
    pin_mac: str  # hex HMAC-SHA256 of the PIN's scrypt digest
    card_mac: str | None = None  # hex HMAC-SHA256 of the staff card UID
    issued_at: datetime


class SignInOutcome(StrEnum):
    SIGNED_IN = "signed_in"
    WRONG = "wrong"  # unknown staff number or card, or wrong PIN: not told apart
    LOCKED = "locked"  # too many wrong PINs for this member
    THROTTLED = "throttled"  # too many attempts from this terminal


class StaffSignInResponse(WireModel):
    outcome: SignInOutcome
    member: StaffEntry | None = None
    verifier: OfflineVerifier | None = None
    retry_after_seconds: Annotated[int, Field(ge=0)] = 0
    #: A center manager's session on this terminal, sent back in
    #: `HEADER_MANAGER_SESSION` with the terminal's signed manager requests.
    manager_session: str | None = None


def verifier_key(signing_key: bytes) -> bytes:
    """The key of a terminal's offline verifiers (never its signing key itself)."""
    return hmac.new(signing_key, _VERIFIER_CONTEXT, hashlib.sha256).digest()


def normalise_uid(uid: str) -> str:
    return "".join(uid.split()).replace(":", "").upper()


def pin_mac(key: bytes, staff_no: str, digest: bytes) -> str:
    return hmac.new(key, b"pin\n" + staff_no.encode() + b"\n" + digest, hashlib.sha256).hexdigest()


def card_mac(key: bytes, uid: str) -> str:
    return hmac.new(key, b"card\n" + normalise_uid(uid).encode(), hashlib.sha256).hexdigest()


def pin_digest(pin: str, verifier: OfflineVerifier) -> bytes:
    """Blocking (scrypt): the digest of a typed PIN with the verifier's parameters."""
    n, r, p = verifier.n, verifier.r, verifier.p
    return hashlib.scrypt(pin.encode("utf-8"), salt=base64.b64decode(verifier.salt), n=n, r=r,
                          p=p, maxmem=128 * r * (n + 2 + p) + 1024 * 1024,
                          dklen=verifier.length)


def verify_offline(key: bytes, pin: str, verifier: OfflineVerifier) -> bool:
    """Blocking (scrypt): whether `pin` is the PIN `verifier` was made for."""
    expected = pin_mac(key, verifier.member.staff_no, pin_digest(pin, verifier))
    return hmac.compare_digest(expected, verifier.pin_mac)
