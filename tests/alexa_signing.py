"""A local PKI that signs requests the way Alexa does, for tests of request verification."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from backstretch.web.verification import CertificateFetcher

ALEXA_SUBJECT = "echo-api.amazon.com"
DEFAULT_CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"


def alexa_timestamp(moment: datetime) -> str:
    """The request.timestamp format Alexa sends, e.g. "2026-11-25T14:00:00Z"."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def alexa_body(moment: datetime, request_type: str = "LaunchRequest", **request: Any) -> bytes:
    """A minimal request envelope with the given request type and timestamp."""
    envelope = {
        "version": "1.0",
        "request": {
            "type": request_type,
            "requestId": "amzn1.echo-api.request.test",
            "timestamp": alexa_timestamp(moment),
            "locale": "en-US",
            **request,
        },
    }
    return json.dumps(envelope).encode("utf-8")


@dataclass
class AlexaSigner:
    """Signs bodies with a leaf certificate and serves its chain like Amazon's S3 bucket.

    Example::

        verifier = RequestVerifier(
            VerifierConfig(trusted_roots_pem=signer.root_pem), fetch_certificate=signer.fetcher()
        )
        verifier.verify(signer.headers(body), body)
    """

    root_pem: bytes
    chain_pem: bytes
    leaf_key: rsa.RSAPrivateKey = field(repr=False)
    cert_url: str = DEFAULT_CERT_URL
    fetch_count: int = 0

    def sign(self, body: bytes) -> bytes:
        return self.leaf_key.sign(body, padding.PKCS1v15(), hashes.SHA256())

    def headers(self, body: bytes) -> dict[str, str]:
        return {
            "Signature-256": base64.b64encode(self.sign(body)).decode("ascii"),
            "SignatureCertChainUrl": self.cert_url,
        }

    def fetcher(self) -> CertificateFetcher:
        def fetch(url: str) -> bytes:
            self.fetch_count += 1
            if url != self.cert_url:
                raise LookupError(f"no certificate chain at {url}")
            return self.chain_pem

        return fetch


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _pem(*certificates: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)


@dataclass
class _Authority:
    certificate: x509.Certificate
    key: rsa.RSAPrivateKey


class AlexaPKI:
    """Root CA -> intermediate -> leaf, plus a rogue root, with keys made once per session."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)
        root_key, intermediate_key, self.leaf_key, rogue_root_key, rogue_key = (
            rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(5)
        )
        self.root = self._root("Back Stretch Test Root CA", root_key)
        self.intermediate = self._intermediate("Back Stretch Test Intermediate", intermediate_key)
        rogue_root = self._root("Rogue Root CA", rogue_root_key)
        self.rogue_intermediate = self._intermediate(
            "Rogue Intermediate", rogue_key, issuer=rogue_root
        )

    @property
    def root_pem(self) -> bytes:
        return _pem(self.root.certificate)

    def signer(
        self,
        *,
        dns_names: Sequence[str] = (ALEXA_SUBJECT,),
        not_valid_before: datetime | None = None,
        not_valid_after: datetime | None = None,
        trusted: bool = True,
        cert_url: str = DEFAULT_CERT_URL,
    ) -> AlexaSigner:
        """A signer whose leaf has these SANs (none if empty) and validity, under either CA."""
        issuer = self.intermediate if trusted else self.rogue_intermediate
        leaf = self._leaf(
            issuer,
            dns_names,
            not_valid_before or self.now - timedelta(days=1),
            not_valid_after or self.now + timedelta(days=30),
        )
        return AlexaSigner(
            root_pem=self.root_pem,
            chain_pem=_pem(leaf, issuer.certificate),
            leaf_key=self.leaf_key,
            cert_url=cert_url,
        )

    def expired_signer(self) -> AlexaSigner:
        return self.signer(
            not_valid_before=self.now - timedelta(days=60),
            not_valid_after=self.now - timedelta(days=1),
        )

    def signer_without_san(self) -> AlexaSigner:
        return self.signer(dns_names=())

    def untrusted_signer(self) -> AlexaSigner:
        return self.signer(trusted=False)

    def _builder(
        self, subject: str, issuer: x509.Name, key: rsa.RSAPrivateKey
    ) -> x509.CertificateBuilder:
        return (
            x509.CertificateBuilder()
            .subject_name(_name(subject))
            .issuer_name(issuer)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
            )
        )

    def _ca_usage(self) -> x509.KeyUsage:
        return x509.KeyUsage(
            digital_signature=True,
            content_commitment=False,
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=True,
            crl_sign=True,
            encipher_only=False,
            decipher_only=False,
        )

    def _root(self, subject: str, key: rsa.RSAPrivateKey) -> _Authority:
        certificate = (
            self._builder(subject, _name(subject), key)
            .not_valid_before(self.now - timedelta(days=365))
            .not_valid_after(self.now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(self._ca_usage(), critical=True)
            .sign(key, hashes.SHA256())
        )
        return _Authority(certificate, key)

    def _intermediate(
        self, subject: str, key: rsa.RSAPrivateKey, issuer: _Authority | None = None
    ) -> _Authority:
        parent = issuer or self.root
        certificate = (
            self._builder(subject, parent.certificate.subject, key)
            .not_valid_before(self.now - timedelta(days=365))
            .not_valid_after(self.now + timedelta(days=1825))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(self._ca_usage(), critical=True)
            .add_extension(self._authority_key_id(parent), critical=False)
            .sign(parent.key, hashes.SHA256())
        )
        return _Authority(certificate, key)

    def _leaf(
        self,
        issuer: _Authority,
        dns_names: Sequence[str],
        not_valid_before: datetime,
        not_valid_after: datetime,
    ) -> x509.Certificate:
        builder = (
            self._builder(ALEXA_SUBJECT, issuer.certificate.subject, self.leaf_key)
            .not_valid_before(not_valid_before)
            .not_valid_after(not_valid_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=True,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(self._authority_key_id(issuer), critical=False)
        )
        if dns_names:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.DNSName(name) for name in dns_names]),
                critical=False,
            )
        return builder.sign(issuer.key, hashes.SHA256())

    def _authority_key_id(self, issuer: _Authority) -> x509.AuthorityKeyIdentifier:
        ski = issuer.certificate.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
        return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski.value)


@pytest.fixture(scope="session")
def alexa_pki() -> AlexaPKI:
    """The session's PKI; call `.signer(...)`, `.expired_signer()`, `.signer_without_san()`,
    `.untrusted_signer()` for signers with good or bad certificates."""
    return AlexaPKI()


@pytest.fixture
def alexa_signer(alexa_pki: AlexaPKI) -> AlexaSigner:
    """A fresh signer (fetch_count 0) with a good certificate, trusted by its `root_pem`."""
    return alexa_pki.signer()
