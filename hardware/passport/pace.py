"""PACE (ICAO 9303-11 section 4.4) with ECDH Generic Mapping, terminal and chip side.

The chip lists what it offers in EF.CardAccess (SFI 1C, readable in the
clear): one PACEInfo per protocol and domain parameters. The password here
is the MRZ (K = SHA-1 of the MRZ information, K_pi = KDF(K, 3)). The
terminal picks a protocol with MSE:Set AT, then four General Authenticate
steps:

1. the chip's nonce s, encrypted with K_pi (CBC, zero IV);
2. mapping: both sides swap ephemeral keys on the standard curve, and the
   session's generator is G~ = s*G + H, with H their ECDH point;
3. key agreement: ephemeral keys on G~; the x coordinate of the shared point
   seeds KSenc = KDF(K, 1) and KSmac = KDF(K, 2);
4. mutual authentication: each side MACs the other's ephemeral public key
   (tag 7F49 with the protocol's OID); a chip that got a wrong password
   refuses the terminal's token (63xx).

Secure messaging then starts with a zero counter: AES (`AesSecureMessaging`)
or 3DES (`SecureMessaging`). Elliptic-curve point arithmetic (the mapping adds
points, which an ECDH API does not expose) is python-ecdsa's.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from asn1crypto import core
from ecdsa import curves, ellipticcurve

from hardware.passport.lds import LdsError, children, encode_tlv, read_tlv
from hardware.passport.mrz import MrzKey
from hardware.passport.sm import (
    AesSecureMessaging,
    SecureMessaging,
    aes_cbc_decrypt,
    aes_cbc_encrypt,
    aes_cmac,
    des3_decrypt,
    des3_encrypt,
    retail_mac,
)

__all__ = [
    "PACE_ECDH_GM_3DES",
    "PACE_ECDH_GM_AES_128",
    "PaceChip",
    "PaceError",
    "PaceInfo",
    "PaceRefusedError",
    "PaceUnsupportedError",
    "authenticate",
    "encode_card_access",
    "kdf",
    "password_key",
    "supported_infos",
]

_GM = "0.4.0.127.0.7.2.2.4.2."  # id-PACE-ECDH-GM
PACE_ECDH_GM_3DES = _GM + "1"
PACE_ECDH_GM_AES_128 = _GM + "2"

#: protocol OID -> (cipher, key length): the ECDH Generic Mapping ones this reader runs
PROTOCOLS: dict[str, tuple[str, int]] = {
    PACE_ECDH_GM_3DES: ("3DES", 16),
    PACE_ECDH_GM_AES_128: ("AES", 16),
    _GM + "3": ("AES", 24),
    _GM + "4": ("AES", 32),
}

#: standardized domain parameter ids (ICAO 9303-11 section 9.5.1) that are curves
CURVES: dict[int, curves.Curve] = {
    8: curves.NIST192p, 9: curves.BRAINPOOLP192r1, 10: curves.NIST224p,
    11: curves.BRAINPOOLP224r1, 12: curves.NIST256p, 13: curves.BRAINPOOLP256r1,
    14: curves.BRAINPOOLP320r1, 15: curves.NIST384p, 16: curves.BRAINPOOLP384r1,
    17: curves.BRAINPOOLP512r1, 18: curves.NIST521p,
}

ENC, MAC, PI = 1, 2, 3

#: status words after which a chip simply does not run PACE as asked (BAC instead)
NOT_SUPPORTED = frozenset({0x6A80, 0x6A81, 0x6A86, 0x6A88, 0x6D00, 0x6E00})


class PaceError(Exception):
    """The chip broke the protocol (a bad point, a token that does not match)."""


class PaceUnsupportedError(PaceError):
    """The chip does not run PACE as asked: the terminal falls back to BAC."""


class PaceRefusedError(PaceError):
    """The chip refused the password (the MRZ key) at mutual authentication."""


# --- EF.CardAccess --------------------------------------------------------------------

class _SecurityInfo(core.Sequence):
    _fields: ClassVar[list[tuple[object, ...]]] = [
        ("protocol", core.ObjectIdentifier), ("required", core.Any),
        ("optional", core.Any, {"optional": True})]


class _SecurityInfos(core.SetOf):
    _child_spec = _SecurityInfo


@dataclass(frozen=True, slots=True)
class PaceInfo:
    """One PACEInfo of EF.CardAccess: the protocol OID, version and domain parameters."""

    protocol: str
    version: int
    parameter_id: int | None

    @property
    def supported(self) -> bool:
        return (self.protocol in PROTOCOLS and self.version == 2
                and self.parameter_id in CURVES)

    @property
    def oid(self) -> bytes:
        """The OID's content octets (as tag 80 and 06 carry it)."""
        return core.ObjectIdentifier(self.protocol).contents


def pace_infos(card_access: bytes) -> list[PaceInfo]:
    """Every PACEInfo of EF.CardAccess (other security infos are skipped)."""
    try:
        infos = _SecurityInfos.load(card_access)
        out = []
        for info in infos:
            protocol = info["protocol"].dotted
            if not protocol.startswith("0.4.0.127.0.7.2.2.4."):
                continue
            version = core.Integer.load(info["required"].dump()).native
            optional = info["optional"]
            parameter = (core.Integer.load(optional.dump()).native
                         if optional.native is not None else None)
            out.append(PaceInfo(protocol, version, parameter))
        return out
    except (ValueError, TypeError) as exc:
        raise PaceError(f"EF.CardAccess does not parse: {exc}") from exc


def supported_infos(infos: list[PaceInfo]) -> list[PaceInfo]:
    """The PACEInfos this terminal can run, AES before 3DES."""
    usable = [i for i in infos if i.supported]
    return sorted(usable, key=lambda i: PROTOCOLS[i.protocol][0] != "AES")


def encode_card_access(infos: list[PaceInfo]) -> bytes:
    """EF.CardAccess listing `infos` (the virtual passport's)."""
    return _SecurityInfos([
        {"protocol": i.protocol, "required": core.Integer(i.version),
         "optional": core.Integer(i.parameter_id) if i.parameter_id is not None else None}
        for i in infos]).dump()


# --- keys ------------------------------------------------------------------------------

def kdf(secret: bytes, counter: int, key_length: int) -> bytes:
    """ICAO 9303-11 section 9.7.1: SHA-1 (keys up to 16 bytes) or SHA-256 of
    secret || counter, cut to the key length."""
    digest = hashlib.sha1 if key_length <= 16 else hashlib.sha256
    return digest(secret + counter.to_bytes(4, "big")).digest()[:key_length]


def password_key(key: MrzKey) -> bytes:
    """K = f(pi): SHA-1 of the MRZ information (document number, birth, expiry)."""
    return hashlib.sha1(key.information.encode("ascii")).digest()


@dataclass(frozen=True, slots=True)
class _Suite:
    """The symmetric side of one protocol: nonce cipher, token MAC, session."""

    cipher: str
    key_length: int

    @property
    def block(self) -> int:
        return 16 if self.cipher == "AES" else 8

    @classmethod
    def of(cls, info: PaceInfo) -> _Suite:
        return cls(*PROTOCOLS[info.protocol])

    def encrypt(self, key: bytes, data: bytes) -> bytes:
        return (aes_cbc_encrypt(key, data) if self.cipher == "AES"
                else des3_encrypt(key, data))

    def decrypt(self, key: bytes, data: bytes) -> bytes:
        return (aes_cbc_decrypt(key, data) if self.cipher == "AES"
                else des3_decrypt(key, data))

    def mac(self, key: bytes, data: bytes) -> bytes:
        return aes_cmac(key, data) if self.cipher == "AES" else retail_mac(key, data)

    def session(self, shared: bytes) -> SecureMessaging:
        ks_enc, ks_mac = (kdf(shared, ENC, self.key_length),
                          kdf(shared, MAC, self.key_length))
        if self.cipher == "AES":
            return AesSecureMessaging(ks_enc, ks_mac)
        return SecureMessaging(ks_enc, ks_mac, bytes(8))


# --- points -----------------------------------------------------------------------------

Point = ellipticcurve.PointJacobi


def _size(curve: curves.Curve) -> int:
    return (curve.curve.p().bit_length() + 7) // 8


def encode_point(curve: curves.Curve, point: Point) -> bytes:
    """Uncompressed encoding 04 || x || y."""
    size = _size(curve)
    return b"\x04" + point.x().to_bytes(size, "big") + point.y().to_bytes(size, "big")


def decode_point(curve: curves.Curve, data: bytes) -> Point:
    """A public key from its uncompressed encoding, checked to lie on the curve."""
    size = _size(curve)
    if len(data) != 1 + 2 * size or data[0] != 0x04:
        raise PaceError("a public key is not an uncompressed point of the curve")
    x, y = int.from_bytes(data[1:1 + size], "big"), int.from_bytes(data[1 + size:], "big")
    if not curve.curve.contains_point(x, y):
        raise PaceError("a public key is not on the curve")
    return Point.from_affine(ellipticcurve.Point(curve.curve, x, y, curve.order))


def _private(curve: curves.Curve) -> int:
    return 1 + int.from_bytes(os.urandom(_size(curve) + 8), "big") % (curve.order - 1)


def _mapped_generator(curve: curves.Curve, nonce: bytes, own: int, theirs: Point) -> Point:
    """Generic Mapping: G~ = s*G + H with H = own * theirs (ECDH on the curve)."""
    h = theirs * own
    if h == ellipticcurve.INFINITY:
        raise PaceError("the mapping's shared point is the point at infinity")
    return curve.generator * int.from_bytes(nonce, "big") + h


def _token_input(info: PaceInfo, curve: curves.Curve, public: Point) -> bytes:
    """The authentication token's input: 7F49 { 06 OID, 86 public point }."""
    return encode_tlv(0x7F49, encode_tlv(0x06, info.oid)
                      + encode_tlv(0x86, encode_point(curve, public)))


def _shared_secret(curve: curves.Curve, own: int, theirs: Point) -> bytes:
    shared = theirs * own
    if shared == ellipticcurve.INFINITY:
        raise PaceError("the key agreement's shared point is the point at infinity")
    return shared.x().to_bytes(_size(curve), "big")


# --- terminal side ------------------------------------------------------------------------

Transmit = Callable[[bytes], tuple[bytes, int]]


def mse_set_at(info: PaceInfo, with_parameter_id: bool) -> bytes:
    """MSE:Set AT for PACE with the MRZ (83 01 01); 84 names the domain parameters
    when EF.CardAccess offers more than one set."""
    data = encode_tlv(0x80, info.oid) + encode_tlv(0x83, b"\x01")
    if with_parameter_id and info.parameter_id is not None:
        data += encode_tlv(0x84, bytes([info.parameter_id]))
    return bytes([0x00, 0x22, 0xC1, 0xA4, len(data)]) + data


def general_authenticate(data_tag: int | None, value: bytes, last: bool) -> bytes:
    """General Authenticate with dynamic authentication data 7C (chained unless last)."""
    inner = encode_tlv(data_tag, value) if data_tag is not None else b""
    body = encode_tlv(0x7C, inner)
    return bytes([0x00 if last else 0x10, 0x86, 0x00, 0x00, len(body)]) + body + b"\x00"


def _answer(data: bytes, tag: int) -> bytes:
    try:
        outer = read_tlv(data)
        if outer.tag != 0x7C:
            raise PaceError(f"General Authenticate answered tag {outer.tag:X}, not 7C")
        for item in children(outer.value):
            if item.tag == tag:
                return item.value
    except LdsError as exc:
        raise PaceError(f"General Authenticate answer does not parse: {exc}") from exc
    raise PaceError(f"General Authenticate answer without tag {tag:X}")


def authenticate(transmit: Transmit, key: MrzKey, info: PaceInfo, *,
                 with_parameter_id: bool = False,
                 private_keys: tuple[int, int] | None = None) -> SecureMessaging:
    """Run PACE over `transmit` (command -> (data, SW)); the session on success.

    `private_keys` (mapping, key agreement) are random unless given (ICAO's
    worked example). Raises `PaceUnsupportedError` when the chip does not run
    PACE as asked, `PaceRefusedError` when it refuses the MRZ key.
    """
    if not info.supported:
        raise PaceUnsupportedError(f"PACE {info.protocol} with parameters "
                                   f"{info.parameter_id} is not implemented here")
    suite, curve = _Suite.of(info), CURVES[info.parameter_id or 0]
    secret = password_key(key)
    _data, sw = transmit(mse_set_at(info, with_parameter_id))
    if sw in NOT_SUPPORTED:
        raise PaceUnsupportedError(f"MSE:Set AT for PACE answered {sw:04X}")
    if sw != 0x9000:
        raise PaceError(f"MSE:Set AT for PACE answered {sw:04X}")

    def step(tag: int | None, value: bytes, answer_tag: int, last: bool = False) -> bytes:
        data, sw = transmit(general_authenticate(tag, value, last))
        if sw != 0x9000:
            if last and (sw & 0xFFF0 == 0x63C0 or sw in (0x6300, 0x6982)):
                raise PaceRefusedError(f"the chip refused the access key "
                                       f"(PACE mutual authentication {sw:04X})")
            if tag is None and sw in NOT_SUPPORTED:
                raise PaceUnsupportedError(f"General Authenticate answered {sw:04X}")
            raise PaceError(f"General Authenticate answered {sw:04X}")
        return _answer(data, answer_tag)

    encrypted = step(None, b"", 0x80)
    if not encrypted or len(encrypted) % suite.block:  # unauthenticated: check its form
        raise PaceError(f"the chip's encrypted nonce has {len(encrypted)} bytes, "
                        f"not whole {suite.block}-byte blocks")
    nonce = suite.decrypt(kdf(secret, PI, suite.key_length), encrypted)
    map_key, agreement_key = private_keys or (_private(curve), _private(curve))
    chip_map = decode_point(curve, step(
        0x81, encode_point(curve, curve.generator * map_key), 0x82))
    generator = _mapped_generator(curve, nonce, map_key, chip_map)
    own_public = generator * agreement_key
    chip_public = decode_point(curve, step(0x83, encode_point(curve, own_public), 0x84))
    if chip_public == own_public:
        raise PaceError("the chip echoed the terminal's ephemeral public key")
    session = suite.session(_shared_secret(curve, agreement_key, chip_public))
    token = suite.mac(session.ks_mac, _token_input(info, curve, chip_public))
    chip_token = step(0x85, token, 0x86, last=True)
    if chip_token != suite.mac(session.ks_mac, _token_input(info, curve, own_public)):
        raise PaceError("the chip's authentication token does not match")
    return session


# --- chip side ------------------------------------------------------------------------------

class PaceChip:
    """The chip's side of PACE for the virtual passport: one run at a time.

    `set_at` takes MSE:Set AT's data, `general_authenticate` each step's
    (CLA, data); the last step gives the session. `private_keys` and `nonce`
    are random unless given (ICAO's worked example).
    """

    def __init__(self, key: MrzKey, infos: list[PaceInfo], *,
                 private_keys: tuple[int, int] | None = None,
                 nonce: bytes | None = None) -> None:
        self.secret = password_key(key)
        self.infos = infos
        self.private_keys = private_keys
        self.nonce = nonce
        self.reset()

    def reset(self) -> None:
        self._info: PaceInfo | None = None
        self._step = 0
        self._nonce = b""
        self._map_key = self._agreement_key = 0
        self._generator: Point | None = None
        self._own: Point | None = None
        self._session: SecureMessaging | None = None
        self._terminal: Point | None = None

    def set_at(self, data: bytes) -> int:
        """MSE:Set AT: the status word (9000, or 6A80 for what it does not offer)."""
        self.reset()
        try:
            objects = {item.tag: item.value for item in children(data)}
        except LdsError:
            return 0x6A80
        if objects.get(0x83) != b"\x01":
            return 0x6A80  # only the MRZ password
        wanted = [i for i in self.infos if i.oid == objects.get(0x80)]
        if 0x84 in objects:
            wanted = [i for i in wanted if bytes([i.parameter_id or 0]) == objects[0x84]]
        if not wanted or (len(wanted) > 1 and 0x84 not in objects):
            return 0x6A80
        self._info = wanted[0]
        return 0x9000

    def general_authenticate(self, cla: int, data: bytes
                             ) -> tuple[bytes, int, SecureMessaging | None]:
        """(response data, status word, the session after the last step)."""
        info = self._info
        if info is None:
            return b"", 0x6985, None
        suite, curve = _Suite.of(info), CURVES[info.parameter_id or 0]
        expected_cla = 0x00 if self._step == 3 else 0x10
        try:
            outer = read_tlv(data)
            inner = {item.tag: item.value for item in children(outer.value)}
        except LdsError:
            self.reset()
            return b"", 0x6A80, None
        if outer.tag != 0x7C or cla != expected_cla:
            self.reset()
            return b"", 0x6A80, None
        try:
            return self._step_answer(suite, curve, info, inner)
        except PaceError:
            self.reset()
            return b"", 0x6A80, None

    def _step_answer(self, suite: _Suite, curve: curves.Curve, info: PaceInfo,
                     inner: dict[int, bytes]) -> tuple[bytes, int, SecureMessaging | None]:
        step, self._step = self._step, self._step + 1
        if step == 0:
            self._nonce = self.nonce or os.urandom(16)
            self._map_key, self._agreement_key = self.private_keys or (
                _private(curve), _private(curve))
            encrypted = suite.encrypt(kdf(self.secret, PI, suite.key_length), self._nonce)
            return encode_tlv(0x7C, encode_tlv(0x80, encrypted)), 0x9000, None
        if step == 1:
            terminal_map = decode_point(curve, inner.get(0x81, b""))
            self._generator = _mapped_generator(curve, self._nonce, self._map_key,
                                                terminal_map)
            public = encode_point(curve, curve.generator * self._map_key)
            return encode_tlv(0x7C, encode_tlv(0x82, public)), 0x9000, None
        if step == 2 and self._generator is not None:
            self._terminal = decode_point(curve, inner.get(0x83, b""))
            self._own = self._generator * self._agreement_key
            if self._terminal == self._own:
                raise PaceError("the terminal echoed the chip's ephemeral key")
            self._session = suite.session(
                _shared_secret(curve, self._agreement_key, self._terminal))
            return encode_tlv(0x7C, encode_tlv(0x84, encode_point(curve, self._own))
                              ), 0x9000, None
        if step == 3 and self._session is not None and self._terminal is not None \
                and self._own is not None:
            session, own, terminal = self._session, self._own, self._terminal
            self.reset()
            expected = suite.mac(session.ks_mac, _token_input(info, curve, own))
            if inner.get(0x85) != expected:
                return b"", 0x6300, None  # a wrong password: the tokens differ
            token = suite.mac(session.ks_mac, _token_input(info, curve, terminal))
            return encode_tlv(0x7C, encode_tlv(0x86, token)), 0x9000, session
        self.reset()
        return b"", 0x6985, None
