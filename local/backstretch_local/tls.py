"""Local certificates: the one certificate authority the local tools, the tests and the benchmark
build, and the one way to make this process trust it.

    authority = CertificateAuthority("Back Stretch Coach local CA")
    server = authority.issue("localhost", dns_names=["localhost"], ip_addresses=["127.0.0.1"])
    with trusted(authority.pem):          # requests now trusts it, and all it trusted before
        ...
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import certifi
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


def new_key(kind: str = "ec") -> PrivateKey:
    """A P-256 key ("ec"), or a 2048-bit RSA key ("rsa": what Alexa's signatures use)."""
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ec.generate_private_key(ec.SECP256R1())


def pem(*certificates: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)


def key_pem(key: PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@dataclass(frozen=True)
class Issued:
    """A leaf certificate and its key."""

    certificate: x509.Certificate
    key: PrivateKey


class CertificateAuthority:
    """A root (or, with ``parent``, an intermediate) that issues server certificates."""

    def __init__(
        self,
        name: str,
        *,
        key: PrivateKey | None = None,
        parent: CertificateAuthority | None = None,
        valid_for: timedelta = timedelta(days=3650),
        now: datetime | None = None,
    ) -> None:
        self.now = now or datetime.now(UTC)
        self.key: PrivateKey = key or new_key()
        subject = _name(name)
        issuer_name = parent.certificate.subject if parent else subject
        signer = parent.key if parent else self.key
        builder = (
            _builder(subject, issuer_name, self.key)
            .not_valid_before(self.now - timedelta(days=365))
            .not_valid_after(self.now + valid_for)
            .add_extension(
                x509.BasicConstraints(ca=True, path_length=0 if parent else None), critical=True
            )
            .add_extension(_usage(digital_signature=True, key_cert_sign=True), critical=True)
        )
        if parent is not None:
            builder = builder.add_extension(parent.key_identifier(), critical=False)
        self.certificate: x509.Certificate = builder.sign(signer, hashes.SHA256())

    @property
    def pem(self) -> bytes:
        return pem(self.certificate)

    def key_identifier(self) -> x509.AuthorityKeyIdentifier:
        ski = self.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
        return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski.value)

    def intermediate(self, name: str, *, key: PrivateKey | None = None) -> CertificateAuthority:
        return CertificateAuthority(
            name, key=key or new_key(), parent=self, valid_for=timedelta(days=1825), now=self.now
        )

    def issue(
        self,
        subject: str,
        *,
        dns_names: Sequence[str] = (),
        ip_addresses: Sequence[str] = (),
        key: PrivateKey | None = None,
        not_valid_before: datetime | None = None,
        not_valid_after: datetime | None = None,
    ) -> Issued:
        """A server certificate for these names (none: no SAN extension at all)."""
        leaf_key = key or new_key()
        builder = (
            _builder(_name(subject), self.certificate.subject, leaf_key)
            .not_valid_before(not_valid_before or self.now - timedelta(days=1))
            .not_valid_after(not_valid_after or self.now + timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                _usage(
                    digital_signature=True, key_encipherment=isinstance(leaf_key, rsa.RSAPrivateKey)
                ),
                critical=True,
            )
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(self.key_identifier(), critical=False)
        )
        names: list[x509.GeneralName] = [x509.DNSName(name) for name in dns_names]
        names += [x509.IPAddress(ipaddress.ip_address(address)) for address in ip_addresses]
        if names:
            builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
        return Issued(builder.sign(self.key, hashes.SHA256()), leaf_key)


@dataclass(frozen=True)
class TlsFiles:
    """PEM files for a loopback HTTPS server: the CA clients trust, its certificate and key."""

    ca_file: Path
    cert_file: Path
    key_file: Path


def make_tls_files(directory: Path) -> TlsFiles:
    """A fresh CA, and a server certificate it signed for 127.0.0.1 and localhost."""
    authority = CertificateAuthority("Back Stretch Coach local CA", valid_for=timedelta(days=1))
    server = authority.issue(
        "localhost",
        dns_names=["localhost"],
        ip_addresses=["127.0.0.1"],
        not_valid_after=authority.now + timedelta(days=1),
    )
    files = TlsFiles(directory / "ca.pem", directory / "server.pem", directory / "server-key.pem")
    files.ca_file.write_bytes(authority.pem)
    files.cert_file.write_bytes(pem(server.certificate))
    files.key_file.write_bytes(key_pem(server.key))
    return files


def trust_variables(ca_pem: bytes, directory: Path) -> dict[str, str]:
    """The environment that makes ``requests`` trust ``ca_pem`` as well as what it trusted.

    The operator's own bundle (``REQUESTS_CA_BUNDLE``, then ``CURL_CA_BUNDLE``: a company
    proxy's CA, say) is kept and added to, else certifi's roots, so real HTTPS still verifies;
    loopback is kept away from any proxy.
    """
    bundle = directory / "trusted.pem"
    bundle.write_bytes(_current_bundle().read_bytes().rstrip(b"\n") + b"\n" + ca_pem)
    variables = {"REQUESTS_CA_BUNDLE": str(bundle)}
    for name in ("NO_PROXY", "no_proxy"):
        variables[name] = _with_loopback(os.environ.get(name))
    return variables


@contextmanager
def trusted(ca_pem: bytes) -> Iterator[Mapping[str, str]]:
    """Trust ``ca_pem`` in this process (see `trust_variables`); everything undone on exit."""
    directory = Path(tempfile.mkdtemp(prefix="backstretch-trust-"))
    variables = trust_variables(ca_pem, directory)
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield variables
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(directory, ignore_errors=True)


def _current_bundle() -> Path:
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        configured = os.environ.get(name)
        if configured and Path(configured).is_file():
            return Path(configured)
    return Path(certifi.where())


def _with_loopback(no_proxy: str | None) -> str:
    hosts = [h.strip() for h in (no_proxy or "").split(",") if h.strip()]
    hosts += [host for host in LOOPBACK_HOSTS if host not in hosts]
    return ",".join(hosts)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _builder(subject: x509.Name, issuer: x509.Name, key: PrivateKey) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )


def _usage(
    *, digital_signature: bool = False, key_encipherment: bool = False, key_cert_sign: bool = False
) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=False,
        key_encipherment=key_encipherment,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=key_cert_sign,
        crl_sign=key_cert_sign,
        encipher_only=False,
        decipher_only=False,
    )
