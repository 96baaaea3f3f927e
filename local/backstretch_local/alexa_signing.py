"""Requests signed the way Alexa signs them, by a local PKI: for the tests of request
verification and the benchmark of the verifying endpoint.

    pki = AlexaPKI()
    signer = pki.signer()
    verifier = RequestVerifier(
        VerifierConfig(trusted_roots_pem=signer.root_pem), fetch_certificate=signer.fetcher()
    )
    verifier.verify(signer.headers(body), body)
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from backstretch_local.tls import CertificateAuthority, new_key, pem

ALEXA_SUBJECT = "echo-api.amazon.com"
DEFAULT_CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"


class ChainSource:
    """A certificate chain served at one URL, as Amazon's S3 bucket serves Alexa's: a
    `CertificateFetcher` that counts its fetches (from any thread)."""

    def __init__(self, url: str, chain_pem: bytes) -> None:
        self.url = url
        self.chain_pem = chain_pem
        self.fetches = 0
        self._lock = threading.Lock()

    def __call__(self, url: str) -> bytes:
        with self._lock:
            self.fetches += 1
        if url != self.url:
            raise LookupError(f"no certificate chain at {url}")
        return self.chain_pem


@dataclass
class AlexaSigner:
    """Signs bodies with a leaf certificate and serves its chain like Amazon's S3 bucket."""

    root_pem: bytes
    chain_pem: bytes
    leaf_key: rsa.RSAPrivateKey = field(repr=False)
    cert_url: str = DEFAULT_CERT_URL
    source: ChainSource = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.source = ChainSource(self.cert_url, self.chain_pem)

    @property
    def fetch_count(self) -> int:
        return self.source.fetches

    def sign(self, body: bytes) -> bytes:
        return self.leaf_key.sign(body, padding.PKCS1v15(), hashes.SHA256())

    def headers(self, body: bytes) -> dict[str, str]:
        return {
            "Signature-256": base64.b64encode(self.sign(body)).decode("ascii"),
            "SignatureCertChainUrl": self.cert_url,
        }

    def fetcher(self) -> ChainSource:
        """A `CertificateFetcher` that serves this signer's chain at its URL, and counts."""
        return self.source


class AlexaPKI:
    """Root CA -> intermediate -> leaf, plus a rogue root, with RSA keys made once."""

    def __init__(self) -> None:
        self.leaf_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.root = CertificateAuthority("Back Stretch Test Root CA", key=new_key("rsa"))
        self.now = self.root.now
        self.intermediate = self.root.intermediate(
            "Back Stretch Test Intermediate", key=new_key("rsa")
        )
        rogue_root = CertificateAuthority("Rogue Root CA", key=new_key("rsa"), now=self.now)
        self.rogue_intermediate = rogue_root.intermediate("Rogue Intermediate", key=new_key("rsa"))

    @property
    def root_pem(self) -> bytes:
        return self.root.pem

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
        leaf = issuer.issue(
            ALEXA_SUBJECT,
            dns_names=dns_names,
            key=self.leaf_key,
            not_valid_before=not_valid_before,
            not_valid_after=not_valid_after,
        )
        return AlexaSigner(
            root_pem=self.root_pem,
            chain_pem=pem(leaf.certificate, issuer.certificate),
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
