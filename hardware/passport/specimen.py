"""A specimen eMRTD: MRZ, data groups and an SOD signed by a test PKI made on the spot.

For the virtual passport (`vpassport`), tests and demos. `make_pki()` makes a
country signing CA and a document signer (ECDSA P-256, valid from yesterday
for ten years); `Specimen.build()` encodes EF.COM, DG1 and DG2 and signs the
LDS security object over them. Nothing here is used to read a real document.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from hardware.passport import lds
from hardware.passport.mrz import check_digit
from hardware.passport.passive_auth import LDS_SECURITY_OBJECT, LdsSecurityObject

__all__ = ["ICAO_EXAMPLE", "Specimen", "SpecimenPki", "demo_lines", "make_pki", "td3_lines"]


def td3_lines(*, surname: str, given_names: str, number: str, nationality: str,
              birth: str, sex: str, expiry: str, state: str = "", personal: str = ""
              ) -> tuple[str, str]:
    """The two 44-character lines of a passport's MRZ, check digits computed."""
    name = (surname.replace(" ", "<") + "<<" + given_names.replace(" ", "<")).upper()
    first = f"P<{(state or nationality):<3}".replace(" ", "<") + name[:39].ljust(39, "<")
    number = number.upper().ljust(9, "<")
    optional = personal.upper().ljust(14, "<")
    optional_cd = check_digit(optional) if personal else "<"
    second = (number + check_digit(number) + nationality.ljust(3, "<") + birth
              + check_digit(birth) + sex + expiry + check_digit(expiry) + optional
              + optional_cd)
    composite = second[0:10] + second[13:20] + second[21:43]
    return first, second + check_digit(composite)


#: ICAO 9303's worked example: document L898902C, born 6 August 1969, expiring 23 June 1994.
ICAO_EXAMPLE = td3_lines(surname="ERIKSSON", given_names="ANNA MARIA", number="L898902C",
                         nationality="UTO", birth="690806", sex="F", expiry="940623",
                         personal="ZE184226B")


def demo_lines(today: date) -> tuple[str, str]:
    """The demo's passport: ICAO's specimen holder with a number of its own, valid
    until the end of the fifth year after `today` (the specimen itself expired in 1994)."""
    return td3_lines(surname="ERIKSSON", given_names="ANNA MARIA", number="D23145890",
                     nationality="UTO", birth="740812", sex="F",
                     expiry=f"{(today.year + 5) % 100:02d}1231")


@dataclass(frozen=True)
class SpecimenPki:
    csca_key: ec.EllipticCurvePrivateKey
    csca: x509.Certificate
    ds_key: ec.EllipticCurvePrivateKey
    ds: x509.Certificate


def _name(common: str, country: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, country),
                      x509.NameAttribute(NameOID.COMMON_NAME, common)])


def make_pki(country: str = "UT", *, ds_valid_days: int = 3650) -> SpecimenPki:
    """A fresh CSCA and a document signer it issued (the keys exist only in memory)."""
    now = datetime.now(UTC)
    csca_key = ec.generate_private_key(ec.SECP256R1())
    csca_name = _name("Test CSCA", country)
    csca = (x509.CertificateBuilder().subject_name(csca_name).issuer_name(csca_name)
            .public_key(csca_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=3650 * 2))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True,
                                         False, False), critical=True)
            .sign(csca_key, hashes.SHA256()))
    ds_key = ec.generate_private_key(ec.SECP256R1())
    ds = (x509.CertificateBuilder().subject_name(_name("Test Document Signer", country))
          .issuer_name(csca_name).public_key(ds_key.public_key())
          .serial_number(x509.random_serial_number())
          .not_valid_before(now - timedelta(days=1))
          .not_valid_after(now + timedelta(days=ds_valid_days))
          .add_extension(x509.KeyUsage(True, False, False, False, False, False, False,
                                       False, False), critical=True)
          .sign(csca_key, hashes.SHA256()))
    return SpecimenPki(csca_key, csca, ds_key, ds)


def build_sod(groups: dict[int, bytes], ds_key: ec.EllipticCurvePrivateKey,
              ds: x509.Certificate) -> bytes:
    """EF.SOD signing the SHA-256 hashes of `groups` with the document signer."""
    lso = LdsSecurityObject({
        "version": 0,
        "hash_algorithm": {"algorithm": "sha256"},
        "data_group_hash_values": [
            {"data_group_number": n, "data_group_hash_value": hashlib.sha256(d).digest()}
            for n, d in sorted(groups.items())],
    })
    content = lso.dump()
    attrs = cms.CMSAttributes([
        {"type": "content_type", "values": [LDS_SECURITY_OBJECT]},
        {"type": "message_digest", "values": [hashlib.sha256(content).digest()]},
    ])
    signature = ds_key.sign(attrs.dump(), ec.ECDSA(hashes.SHA256()))
    cert = asn1_x509.Certificate.load(ds.public_bytes(serialization.Encoding.DER))
    signer = cms.SignerInfo({
        "version": "v1",
        "sid": cms.SignerIdentifier({"issuer_and_serial_number": {
            "issuer": cert.issuer, "serial_number": cert.serial_number}}),
        "digest_algorithm": {"algorithm": "sha256"},
        "signed_attrs": attrs,
        "signature_algorithm": {"algorithm": "sha256_ecdsa"},
        "signature": signature,
    })
    signed = cms.SignedData({
        "version": "v3",
        "digest_algorithms": [{"algorithm": "sha256"}],
        "encap_content_info": {"content_type": LDS_SECURITY_OBJECT, "content": content},
        "certificates": [cert],
        "signer_infos": [signer],
    })
    info = cms.ContentInfo({"content_type": "signed_data", "content": signed})
    return lds.encode_tlv(lds.SOD_TAG, info.dump())


@dataclass
class Specimen:
    """The files of one specimen chip, by file identifier."""

    mrz: tuple[str, ...]
    pki: SpecimenPki
    files: dict[int, bytes] = field(default_factory=dict)

    @classmethod
    def build(cls, face: bytes, *, face_size: tuple[int, int], jpeg2000: bool = False,
              mrz: tuple[str, ...] = ICAO_EXAMPLE, pki: SpecimenPki | None = None) -> Specimen:
        """Sign DG1 (the MRZ) and DG2 (the face, JPEG or JPEG 2000 bytes)."""
        pki = pki or make_pki()
        dg1 = lds.encode_dg1(mrz)
        dg2 = lds.encode_dg2(face, lds.JPEG2000 if jpeg2000 else lds.JPEG, *face_size)
        files = {
            lds.COM_FID: lds.encode_com([0x61, 0x75]),
            lds.DG_FILES[1][1]: dg1,
            lds.DG_FILES[2][1]: dg2,
            lds.SOD_FID: build_sod({1: dg1, 2: dg2}, pki.ds_key, pki.ds),
        }
        return cls(mrz, pki, files)

    def tamper_dg1(self, mrz: tuple[str, ...]) -> None:
        """Replace DG1 after signing (a forged chip): passive authentication must fail."""
        self.files[lds.DG_FILES[1][1]] = lds.encode_dg1(mrz)
