"""TLS is always verified; a pinned CA file trusts only that CA."""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.client import PlatformClient, TransientError
from sync.protocol.models import Role
from terminal.local_platform import LocalPlatform
from tests.sync.helpers import DEMO_DIR


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _certificate(subject: str, issuer: str, key: ec.EllipticCurvePrivateKey,
                 signer: ec.EllipticCurvePrivateKey, *, ca: bool) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(hours=1))
               .not_valid_after(now + dt.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if not ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False)
    return builder.sign(signer, hashes.SHA256())


def _pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


@pytest.fixture
def pki(tmp_path: Path) -> dict[str, Path]:
    ca_key, other_key, server_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(3))
    files = {
        "ca": tmp_path / "ca.pem", "other_ca": tmp_path / "other.pem",
        "cert": tmp_path / "server.pem", "key": tmp_path / "server.key",
    }
    files["ca"].write_bytes(_pem(_certificate("Test City CA", "Test City CA", ca_key, ca_key,
                                              ca=True)))
    files["other_ca"].write_bytes(_pem(_certificate("Other CA", "Other CA", other_key,
                                                    other_key, ca=True)))
    files["cert"].write_bytes(_pem(_certificate("127.0.0.1", "Test City CA", server_key,
                                                ca_key, ca=False)))
    files["key"].write_bytes(server_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return files


@pytest.fixture
def https_platform(tmp_path: Path, pki: dict[str, Path]) -> Iterator[LocalPlatform]:
    platform = LocalPlatform(f"sqlite:///{tmp_path / 'platform.db'}", demo_data=DEMO_DIR,
                             tls=(pki["cert"], pki["key"]))
    platform.start()
    yield platform
    platform.stop()


def test_the_pinned_ca_is_trusted_and_nothing_else(https_platform: LocalPlatform,
                                                   pki: dict[str, Path]) -> None:
    code = https_platform.enroll_code("C001", Role.KIOSK)
    with pytest.raises(TransientError, match="CERTIFICATE_VERIFY_FAILED"):
        PlatformClient.enroll(https_platform.url, code)  # system CAs: unknown issuer
    with pytest.raises(TransientError, match="CERTIFICATE_VERIFY_FAILED"):
        PlatformClient.enroll(https_platform.url, code, ca_file=pki["other_ca"])
    answer = PlatformClient.enroll(https_platform.url, code, ca_file=pki["ca"])
    assert answer.terminal_id
