"""Passive authentication (ICAO 9303-11 section 5.1): is the chip's data what the state signed?

EF.SOD (tag 77) wraps a CMS SignedData whose content is the LDS security
object (OID 2.23.136.1.1.1): the hash of every data group, signed by the
document signer (DS) whose certificate the SOD carries. Checks, in order:
the signer's certificate is in the SOD and its signature over the signed
attributes holds, the signed message digest is the security object's, every
data group read hashes to the value signed, and - when a CSCA list is
configured - the DS certificate was issued by one of those country signing
CAs and both are valid today. Without a CSCA list the outcome says so: the
data is consistent with the DS certificate but that certificate is not
anchored in a trusted country key.

asn1crypto gives the CMS and X.509 structures; cryptography does the
hashing and signature checks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import ClassVar

from asn1crypto import cms, core
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from hardware.passport.lds import SOD_TAG, LdsError, read_tlv

__all__ = [
    "LDS_SECURITY_OBJECT",
    "CscaList",
    "DataGroupHash",
    "DataGroupHashes",
    "LdsSecurityObject",
    "PaStatus",
    "PassiveAuthResult",
    "Sod",
    "SodError",
    "check",
]

LDS_SECURITY_OBJECT = "2.23.136.1.1.1"


class SodError(ValueError):
    """An EF.SOD that does not parse."""


class DataGroupHash(core.Sequence):
    _fields: ClassVar[list[tuple[object, ...]]] = [
        ("data_group_number", core.Integer), ("data_group_hash_value", core.OctetString)]


class DataGroupHashes(core.SequenceOf):
    _child_spec = DataGroupHash


class LdsVersionInfo(core.Sequence):
    _fields: ClassVar[list[tuple[object, ...]]] = [
        ("lds_version", core.PrintableString), ("unicode_version", core.PrintableString)]


class LdsSecurityObject(core.Sequence):
    _fields: ClassVar[list[tuple[object, ...]]] = [
        ("version", core.Integer),
        ("hash_algorithm", cms.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashes),
        ("lds_version_info", LdsVersionInfo, {"optional": True}),
    ]


_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256,
    "sha384": hashes.SHA384, "sha512": hashes.SHA512,
}


def _hash(name: str) -> hashes.HashAlgorithm:
    if name not in _HASHES:
        raise SodError(f"hash algorithm {name} is not supported")
    return _HASHES[name]()


def _digest(name: str, data: bytes) -> bytes:
    return hashlib.new(name, data).digest()


@dataclass(frozen=True)
class Sod:
    """A parsed EF.SOD."""

    hash_algorithm: str
    group_hashes: dict[int, bytes]
    signer: x509.Certificate | None
    signed_attrs: bytes  # DER with the SET tag, as signed
    message_digest: bytes | None
    content: bytes  # DER of the LDS security object
    digest_algorithm: str
    signature_algorithm: str
    signature: bytes
    pss_salt: int | None = None
    pss_hash: str | None = None

    @classmethod
    def parse(cls, data: bytes) -> Sod:
        try:
            wrapped = read_tlv(data)
            if wrapped.tag != SOD_TAG:
                raise SodError(f"EF.SOD starts with tag {wrapped.tag:X}, expected 77")
            info = cms.ContentInfo.load(wrapped.value)
            if info["content_type"].native != "signed_data":
                raise SodError("EF.SOD is not CMS SignedData")
            signed = info["content"]
            encap = signed["encap_content_info"]
            if encap["content_type"].dotted != LDS_SECURITY_OBJECT:
                raise SodError(f"SOD content type {encap['content_type'].dotted} is not "
                               "the LDS security object")
            content = encap["content"].contents
            lso = LdsSecurityObject.load(content)
            group_hashes = {int(item["data_group_number"].native):
                            item["data_group_hash_value"].native
                            for item in lso["data_group_hash_values"]}
            infos = signed["signer_infos"]
            if len(infos) != 1:
                raise SodError(f"SOD has {len(infos)} signer infos, expected 1")
            signer_info = infos[0]
            attrs = signer_info["signed_attrs"]
            message_digest = None
            for attr in attrs:
                if attr["type"].native == "message_digest":
                    message_digest = attr["values"][0].native
            signed_attrs = b"\x31" + attrs.dump()[1:]  # signed as a SET, stored [0] IMPLICIT
            sig_algo = signer_info["signature_algorithm"]
            pss_salt = pss_hash = None
            if sig_algo.signature_algo == "rsassa_pss":
                params = sig_algo["parameters"]
                pss_salt = int(params["salt_length"].native)
                pss_hash = params["hash_algorithm"]["algorithm"].native
            return cls(
                hash_algorithm=lso["hash_algorithm"]["algorithm"].native,
                group_hashes=group_hashes,
                signer=_signer_certificate(signed, signer_info),
                signed_attrs=signed_attrs,
                message_digest=message_digest,
                content=content,
                digest_algorithm=signer_info["digest_algorithm"]["algorithm"].native,
                signature_algorithm=sig_algo.signature_algo,
                signature=signer_info["signature"].native,
                pss_salt=pss_salt,
                pss_hash=pss_hash,
            )
        except (LdsError, ValueError, TypeError, KeyError) as exc:
            if isinstance(exc, SodError):
                raise
            raise SodError(f"EF.SOD does not parse: {exc}") from exc


def _signer_certificate(signed: cms.SignedData, signer_info: cms.SignerInfo
                        ) -> x509.Certificate | None:
    sid = signer_info["sid"]
    for choice in signed["certificates"] or []:
        if choice.name != "certificate":
            continue
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (cert.issuer == wanted["issuer"]
                    and cert.serial_number == wanted["serial_number"].native):
                return x509.load_der_x509_certificate(cert.dump())
        elif cert.key_identifier == sid.chosen.native:
            return x509.load_der_x509_certificate(cert.dump())
    return None


class CscaList:
    """Country signing CA certificates the technician configured (PEM or DER files)."""

    def __init__(self, certificates: Iterable[x509.Certificate] = ()) -> None:
        self.certificates = list(certificates)

    @classmethod
    def load(cls, folder: Path) -> CscaList:
        certs: list[x509.Certificate] = []
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in (".pem", ".crt", ".cer", ".der"):
                continue
            raw = path.read_bytes()
            if b"-----BEGIN CERTIFICATE-----" in raw:
                certs.extend(x509.load_pem_x509_certificates(raw))
            else:
                certs.append(x509.load_der_x509_certificate(raw))
        return cls(certs)

    def issuers_of(self, cert: x509.Certificate) -> list[x509.Certificate]:
        return [c for c in self.certificates if c.subject == cert.issuer]

    def __len__(self) -> int:
        return len(self.certificates)


class PaStatus(StrEnum):
    PASSED = "passed"  # signature, hashes and the chain to a configured CSCA hold
    UNANCHORED = "unanchored"  # signature and hashes hold; no CSCA list configured
    FAILED = "failed"


@dataclass(frozen=True)
class PassiveAuthResult:
    status: PaStatus
    problems: tuple[str, ...] = ()
    signer: str = ""  # the DS certificate's subject
    checked_groups: tuple[int, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.status is not PaStatus.FAILED


def _verify_signature(sod: Sod, cert: x509.Certificate) -> None:
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        if sod.signature_algorithm == "rsassa_pss":
            pss_hash = _hash(sod.pss_hash or sod.digest_algorithm)
            key.verify(sod.signature, sod.signed_attrs,
                       padding.PSS(padding.MGF1(pss_hash), sod.pss_salt or 32), pss_hash)
        else:
            key.verify(sod.signature, sod.signed_attrs, padding.PKCS1v15(),
                       _hash(sod.digest_algorithm))
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(sod.signature, sod.signed_attrs, ec.ECDSA(_hash(sod.digest_algorithm)))
    else:
        raise SodError(f"document signer key type {type(key).__name__} is not supported")


def _valid_now(cert: x509.Certificate, now: datetime) -> bool:
    return cert.not_valid_before_utc <= now <= cert.not_valid_after_utc


def _chain(ds: x509.Certificate, cscas: CscaList, now: datetime) -> list[str]:
    problems: list[str] = []
    if not _valid_now(ds, now):
        problems.append("the document signer certificate is not valid today")
    candidates = cscas.issuers_of(ds)
    if not candidates:
        return [*problems, f"the CSCA list has no issuer {ds.issuer.rfc4514_string()}"]
    for csca in candidates:
        try:
            ds.verify_directly_issued_by(csca)
        except (ValueError, TypeError, InvalidSignature):
            continue
        if not _valid_now(csca, now):
            problems.append("the country signing certificate is not valid today")
        return problems
    return [*problems, "the document signer certificate is not signed by its CSCA"]


def check(sod_file: bytes, groups: Mapping[int, bytes], cscas: CscaList | None = None,
          *, now: datetime | None = None) -> PassiveAuthResult:
    """Passive authentication of the data groups read (`{number: file bytes}`)."""
    now = now or datetime.now(UTC)
    try:
        sod = Sod.parse(sod_file)
    except SodError as exc:
        return PassiveAuthResult(PaStatus.FAILED, (str(exc),))
    if sod.signer is None:
        return PassiveAuthResult(PaStatus.FAILED, ("the SOD carries no document signer "
                                                    "certificate for its signer",))
    problems: list[str] = []
    signer = sod.signer.subject.rfc4514_string()
    try:
        _verify_signature(sod, sod.signer)
    except (InvalidSignature, SodError, ValueError) as exc:
        problems.append(f"the SOD signature does not verify ({exc or 'invalid signature'})")
    if sod.message_digest != _digest(sod.digest_algorithm, sod.content):
        problems.append("the signed message digest is not the security object's")
    for number, data in sorted(groups.items()):
        expected = sod.group_hashes.get(number)
        if expected is None:
            problems.append(f"DG{number} is not listed in the SOD")
        elif _digest(sod.hash_algorithm, data) != expected:
            problems.append(f"DG{number} does not match its signed hash")
    if cscas is not None and len(cscas):
        problems.extend(_chain(sod.signer, cscas, now))
        status = PaStatus.PASSED
    else:
        status = PaStatus.UNANCHORED
    if problems:
        status = PaStatus.FAILED
    return PassiveAuthResult(status, tuple(problems), signer, tuple(sorted(groups)))
