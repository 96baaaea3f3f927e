"""Verification that an HTTPS request really comes from Alexa: signature, certificate, timestamp."""

from __future__ import annotations

import base64
import binascii
import json
import logging
import posixpath
import re
import threading
import warnings
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import certifi
import requests
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.verification import PolicyBuilder, Store
from cryptography.x509.verification import VerificationError as ChainVerificationError

from backstretch.deadline import CallRunner, NoWorkerFree

logger = logging.getLogger(__name__)

ALEXA_CERTIFICATE_HOST = "s3.amazonaws.com"
ALEXA_CERTIFICATE_PATH_PREFIX = "/echo.api/"
ALEXA_CERTIFICATE_SUBJECT = "echo-api.amazon.com"
SKILL_EVENT_PREFIX = "AlexaSkillEvent."
MAX_CERTIFICATE_CHAIN_BYTES = 64 * 1024

_PEM_CERTIFICATE = re.compile(
    rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.DOTALL
)

CertificateFetcher = Callable[[str], bytes]
"""Fetches a certificate chain URL and returns its PEM bytes (leaf first)."""


class VerificationError(Exception):
    """Raised with a short human-readable reason (str(exc)) when a request fails verification."""


@dataclass(frozen=True)
class VerifierConfig:
    """Settings for `RequestVerifier`.

    Example: ``VerifierConfig(max_skew_seconds=150)``; ``trusted_roots_pem=None`` trusts
    certifi's bundle.
    """

    trusted_roots_pem: bytes | None = None
    max_skew_seconds: int = 150
    event_max_skew_seconds: int = 3600
    certificate_fetch_timeout_seconds: float = 2.0
    certificate_cache_size: int = 8
    # A URL whose chain could not be had (download failed, or the chain was refused) is
    # refused outright for this long, so a flood naming it starts one download, not many.
    certificate_failure_seconds: float = 60.0
    certificate_failure_cache_size: int = 64
    # Downloads of distinct URLs awaited at once; a request that would start one more is
    # refused (HTTP 400) rather than queued behind them.
    max_certificate_downloads: int = 4
    # Downloads given up at their deadline but still running (a thread blocked on a slow
    # server), counted apart: they no longer hold a slot above, up to this many.
    max_abandoned_certificate_downloads: int = 32


class _TooManyDownloads(VerificationError):
    """Every download slot is taken: refused at once (HTTP 400), never queued."""


@dataclass(frozen=True)
class _VerifiedChain:
    public_key: RSAPublicKey
    not_valid_before: datetime
    not_valid_after: datetime


def fetch_certificate_chain(url: str, timeout_seconds: float) -> bytes:
    """Download a PEM certificate chain over HTTPS, refusing redirects and oversized bodies.

    Example: ``fetch_certificate_chain("https://s3.amazonaws.com/echo.api/echo-api-cert.pem", 2.0)``
    """
    if urlsplit(url).scheme.lower() != "https":
        raise VerificationError("certificate URL is not https")
    with requests.get(url, timeout=timeout_seconds, stream=True, allow_redirects=False) as response:
        if response.status_code != 200:
            raise VerificationError(f"certificate fetch returned HTTP {response.status_code}")
        content = bytearray()
        for chunk in response.iter_content(chunk_size=8192):
            content.extend(chunk)
            if len(content) > MAX_CERTIFICATE_CHAIN_BYTES:
                raise VerificationError("certificate chain too large")
    return bytes(content)


def _load_pem_certificates(pem: bytes) -> list[x509.Certificate]:
    """Parse every PEM certificate in `pem`, skipping any that `cryptography` cannot read."""
    certificates = []
    with warnings.catch_warnings():
        # certifi still ships a root with a non-positive serial; it is harmless to skip it.
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        for block in _PEM_CERTIFICATE.findall(pem):
            try:
                certificates.append(x509.load_pem_x509_certificate(block))
            except ValueError:
                continue
    return certificates


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _check_certificate_url(url: str) -> None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise VerificationError("certificate URL is malformed") from exc
    if parts.scheme.lower() != "https":
        raise VerificationError("certificate URL is not https")
    if (parts.hostname or "").lower() != ALEXA_CERTIFICATE_HOST:
        raise VerificationError("certificate URL host is not s3.amazonaws.com")
    if parts.username is not None or parts.password is not None:
        raise VerificationError("certificate URL carries credentials")
    if port is not None and port != 443:
        raise VerificationError("certificate URL port is not 443")
    if not posixpath.normpath(parts.path).startswith(ALEXA_CERTIFICATE_PATH_PREFIX):
        raise VerificationError("certificate URL path is not under /echo.api/")


def _decode_signature(value: str | None) -> bytes:
    if not value or not value.strip():
        raise VerificationError("missing Signature-256 header")
    try:
        signature = base64.b64decode(value.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise VerificationError("Signature-256 header is not valid base64") from exc
    if not signature:
        raise VerificationError("Signature-256 header is empty")
    return signature


def _request_of(body: bytes) -> Mapping[str, Any]:
    try:
        envelope = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise VerificationError("request body is not JSON") from exc
    request = envelope.get("request") if isinstance(envelope, dict) else None
    if not isinstance(request, dict):
        raise VerificationError("request body has no request object")
    return request


def _parse_timestamp(value: Any) -> datetime:
    if not isinstance(value, str) or not value:
        raise VerificationError("request timestamp is missing")
    try:
        return _utc(datetime.fromisoformat(value))
    except ValueError as exc:
        raise VerificationError("request timestamp is not ISO 8601") from exc


class RequestVerifier:
    """Checks that an HTTPS request to the skill was signed by Alexa, and is recent.

    Example::

        verifier = RequestVerifier()
        try:
            verifier.verify(request.headers, request.get_data())
        except VerificationError:
            abort(400)
    """

    def __init__(
        self,
        config: VerifierConfig = VerifierConfig(),
        fetch_certificate: CertificateFetcher | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._config = config
        self._fetch_certificate = fetch_certificate or self._fetch_over_https
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, _VerifiedChain] = OrderedDict()
        self._fetching: dict[str, threading.Lock] = {}  # URLs being downloaded right now
        # Downloads in flight, each awaited only until its deadline (a server dripping the
        # chain cannot hold a request open), and given up ones counted apart.
        self._downloads = CallRunner(
            config.max_certificate_downloads, config.max_abandoned_certificate_downloads
        )
        self._failures: OrderedDict[str, tuple[datetime, str]] = OrderedDict()  # url: when, why
        self._store: Store | None = None

    def verify(self, headers: Mapping[str, str], body: bytes) -> None:
        """Return if the request is genuine; raise `VerificationError` with the reason otherwise."""
        try:
            self._verify(headers, body)
        except VerificationError as exc:
            logger.warning("Alexa request rejected: %s", exc)
            raise
        except Exception as exc:
            # Only the type: an unexpected message might quote the request.
            logger.warning("Alexa request rejected: unexpected %s", type(exc).__name__)
            raise VerificationError("request could not be verified") from exc

    def _verify(self, headers: Mapping[str, str], body: bytes) -> None:
        lowered = {str(name).lower(): str(value) for name, value in headers.items()}
        signature = _decode_signature(lowered.get("signature-256"))
        url = lowered.get("signaturecertchainurl", "").strip()
        if not url:
            raise VerificationError("missing SignatureCertChainUrl header")
        _check_certificate_url(url)
        now = _utc(self._clock())
        chain = self._verified_chain(url, now)
        try:
            chain.public_key.verify(signature, body, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as exc:
            raise VerificationError("signature does not match the request body") from exc
        self._check_timestamp(_request_of(body), now)

    def _check_timestamp(self, request: Mapping[str, Any], now: datetime) -> None:
        timestamp = _parse_timestamp(request.get("timestamp"))
        request_type = request.get("type")
        is_event = isinstance(request_type, str) and request_type.startswith(SKILL_EVENT_PREFIX)
        allowed = self._config.event_max_skew_seconds if is_event else self._config.max_skew_seconds
        if abs((now - timestamp).total_seconds()) > allowed:
            raise VerificationError("request timestamp is too far from now")

    def _verified_chain(self, url: str, now: datetime) -> _VerifiedChain:
        cached = self._cached_chain(url, now)
        if cached is not None:
            return cached
        self._refuse_if_failed_recently(url, now)
        # One download per URL at a time: requests arriving together for an uncached chain
        # wait for the first one's fetch rather than each fetching it. Other URLs (and the
        # cache) are not held up meanwhile.
        with self._lock:
            fetching = self._fetching.setdefault(url, threading.Lock())
        with fetching:
            try:
                cached = self._cached_chain(url, now)
                if cached is not None:
                    return cached
                # The download we waited for may have failed: its failure stands for us too.
                self._refuse_if_failed_recently(url, now)
                chain = self._download(url, now)
            finally:
                with self._lock:
                    self._fetching.pop(url, None)
            with self._lock:
                if self._config.certificate_cache_size > 0:
                    self._cache[url] = chain
                    self._cache.move_to_end(url)
                    while len(self._cache) > self._config.certificate_cache_size:
                        self._cache.popitem(last=False)
        return chain

    def _download(self, url: str, now: datetime) -> _VerifiedChain:
        """Fetch and check the chain, within the cap on downloads in flight; a failure is
        remembered for `certificate_failure_seconds`."""
        try:
            return self._fetch_and_verify(url, now)
        except _TooManyDownloads:
            raise  # refused before any download: nothing to remember about the URL
        except Exception as exc:
            reason = str(exc) if isinstance(exc, VerificationError) else "could not be verified"
            self._remember_failure(url, now, reason)
            raise

    def _remember_failure(self, url: str, now: datetime, reason: str) -> None:
        if self._config.certificate_failure_seconds <= 0:
            return
        with self._lock:
            self._failures[url] = (now, reason)
            self._failures.move_to_end(url)
            while len(self._failures) > self._config.certificate_failure_cache_size:
                self._failures.popitem(last=False)

    def _refuse_if_failed_recently(self, url: str, now: datetime) -> None:
        with self._lock:
            failure = self._failures.get(url)
            if failure is None:
                return
            failed_at, reason = failure
            window = timedelta(seconds=self._config.certificate_failure_seconds)
            # Either side: a request that read the clock just before the failing download
            # (and then waited for it) counts it as recent too.
            if abs(now - failed_at) < window:
                raise VerificationError(f"{reason} (a recent failure, not tried again yet)")
            del self._failures[url]

    def _cached_chain(self, url: str, now: datetime) -> _VerifiedChain | None:
        with self._lock:
            cached = self._cache.get(url)
            if cached is None:
                return None
            if cached.not_valid_before <= now <= cached.not_valid_after:
                self._cache.move_to_end(url)
                return cached
            del self._cache[url]
            return None

    def _fetch_and_verify(self, url: str, now: datetime) -> _VerifiedChain:
        seconds = self._config.certificate_fetch_timeout_seconds
        try:
            pem = self._downloads.call(seconds, lambda: self._fetch_certificate(url))
        except NoWorkerFree as exc:
            raise _TooManyDownloads("too many certificate downloads in flight") from exc
        except Exception as exc:
            raise VerificationError("could not fetch the certificate chain") from exc
        certificates = _load_pem_certificates(pem)
        if not certificates:
            raise VerificationError("certificate chain holds no PEM certificate")
        leaf, intermediates = certificates[0], certificates[1:]
        if now < leaf.not_valid_before_utc:
            raise VerificationError("certificate is not yet valid")
        if now > leaf.not_valid_after_utc:
            raise VerificationError("certificate has expired")
        verifier = (
            PolicyBuilder()
            .store(self._trust_store())
            .time(now)
            .build_server_verifier(x509.DNSName(ALEXA_CERTIFICATE_SUBJECT))
        )
        try:
            verifier.verify(leaf, intermediates)
        except ChainVerificationError as exc:
            reason = str(exc).split(" (encountered", 1)[0]
            raise VerificationError(f"certificate chain rejected: {reason}") from exc
        public_key = leaf.public_key()
        if not isinstance(public_key, RSAPublicKey):
            raise VerificationError("certificate key is not RSA")
        return _VerifiedChain(public_key, leaf.not_valid_before_utc, leaf.not_valid_after_utc)

    def _trust_store(self) -> Store:
        with self._lock:
            if self._store is None:
                pem = self._config.trusted_roots_pem
                if pem is None:
                    with open(certifi.where(), "rb") as bundle:
                        pem = bundle.read()
                roots = _load_pem_certificates(pem)
                if not roots:
                    raise VerificationError("no trusted root certificates configured")
                self._store = Store(roots)
            return self._store

    def _fetch_over_https(self, url: str) -> bytes:
        return fetch_certificate_chain(url, self._config.certificate_fetch_timeout_seconds)
