"""Alexa HTTPS request verification: one test per rule Amazon's certification checks."""

from __future__ import annotations

import base64
import logging
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from backstretch_local.web import verification
from backstretch_local.web.verification import (
    CertificateFetcher,
    RequestVerifier,
    VerificationError,
    VerifierConfig,
)
from tests.support.alexa_signing import AlexaPKI, AlexaSigner, alexa_body


@pytest.fixture
def now(alexa_pki: AlexaPKI) -> datetime:
    return alexa_pki.now


def verifier_for(
    signer: AlexaSigner,
    now: datetime,
    *,
    fetcher: CertificateFetcher | None = None,
    clock: Callable[[], datetime] | None = None,
    **config: Any,
) -> RequestVerifier:
    return RequestVerifier(
        VerifierConfig(trusted_roots_pem=signer.root_pem, **config),
        fetch_certificate=fetcher or signer.fetcher(),
        clock=clock or (lambda: now),
    )


def assert_rejected(
    signer: AlexaSigner, headers: dict[str, str], body: bytes, now: datetime, reason: str
) -> None:
    with pytest.raises(VerificationError, match=reason):
        verifier_for(signer, now).verify(headers, body)


# --- a genuine request -------------------------------------------------------------------


def test_a_request_signed_by_alexa_passes(alexa_signer: AlexaSigner, now: datetime) -> None:
    body = alexa_body(now)
    verifier_for(alexa_signer, now).verify(alexa_signer.headers(body), body)


def test_header_names_are_matched_in_any_case(alexa_signer: AlexaSigner, now: datetime) -> None:
    body = alexa_body(now)
    headers = {name.lower(): value for name, value in alexa_signer.headers(body).items()}
    verifier_for(alexa_signer, now).verify(headers, body)


# --- the signature header ------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "   "], ids=["missing", "empty", "blank"])
def test_a_request_without_signature_256_is_rejected(
    alexa_signer: AlexaSigner, now: datetime, value: str | None
) -> None:
    body = alexa_body(now)
    headers = alexa_signer.headers(body)
    if value is None:
        del headers["Signature-256"]
    else:
        headers["Signature-256"] = value
    assert_rejected(alexa_signer, headers, body, now, "missing Signature-256")


def test_a_signature_that_is_not_base64_is_rejected(
    alexa_signer: AlexaSigner, now: datetime
) -> None:
    body = alexa_body(now)
    headers = alexa_signer.headers(body)
    headers["Signature-256"] = "not*base64!" + headers["Signature-256"]
    assert_rejected(alexa_signer, headers, body, now, "not valid base64")


def test_a_request_with_only_the_sha1_signature_is_rejected(
    alexa_signer: AlexaSigner, now: datetime
) -> None:
    body = alexa_body(now)
    sha1 = alexa_signer.leaf_key.sign(body, padding.PKCS1v15(), hashes.SHA1())
    headers = {
        "Signature": base64.b64encode(sha1).decode("ascii"),
        "SignatureCertChainUrl": alexa_signer.cert_url,
    }
    assert_rejected(alexa_signer, headers, body, now, "missing Signature-256")


# --- the certificate URL -------------------------------------------------------------------


def test_a_request_without_a_certificate_url_is_rejected(
    alexa_signer: AlexaSigner, now: datetime
) -> None:
    body = alexa_body(now)
    headers = alexa_signer.headers(body)
    del headers["SignatureCertChainUrl"]
    assert_rejected(alexa_signer, headers, body, now, "missing SignatureCertChainUrl")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://s3.amazonaws.com/echo.api/echo-api-cert.pem", "not https"),
        ("https://notamazon.com/echo.api/echo-api-cert.pem", "host"),
        ("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem", "path"),
        ("https://s3.amazonaws.com/echo.api/../evil/echo-api-cert.pem", "path"),
        ("https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem", "port"),
    ],
    ids=["http", "wrong-host", "path-case", "path-escapes", "port-563"],
)
def test_a_certificate_url_outside_amazons_bucket_is_rejected(
    alexa_signer: AlexaSigner, now: datetime, url: str, reason: str
) -> None:
    # The fetcher would serve a good chain from this URL: only the URL rule can reject it.
    signer = replace(alexa_signer, cert_url=url)
    body = alexa_body(now)
    assert_rejected(signer, signer.headers(body), body, now, reason)
    assert signer.fetch_count == 0


@pytest.mark.parametrize(
    "url",
    [
        "https://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem",
        "HTTPS://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/invalid/../echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
    ],
    ids=["host-upper-case", "scheme-upper-case", "path-normalised", "port-443"],
)
def test_a_certificate_url_in_amazons_bucket_is_accepted(
    alexa_signer: AlexaSigner, now: datetime, url: str
) -> None:
    signer = replace(alexa_signer, cert_url=url)
    body = alexa_body(now)
    verifier_for(signer, now).verify(signer.headers(body), body)


# --- the certificate -----------------------------------------------------------------------


def test_an_expired_certificate_is_rejected(alexa_pki: AlexaPKI, now: datetime) -> None:
    signer = alexa_pki.expired_signer()
    body = alexa_body(now)
    assert_rejected(signer, signer.headers(body), body, now, "expired")


def test_a_certificate_without_the_echo_api_san_is_rejected(
    alexa_pki: AlexaPKI, now: datetime
) -> None:
    signer = alexa_pki.signer_without_san()
    body = alexa_body(now)
    assert_rejected(signer, signer.headers(body), body, now, "subjectAltName")


def test_a_certificate_for_another_name_is_rejected(alexa_pki: AlexaPKI, now: datetime) -> None:
    signer = alexa_pki.signer(dns_names=["echo-api.amazon.com.evil.example"])
    body = alexa_body(now)
    assert_rejected(signer, signer.headers(body), body, now, "subjectAltName")


def test_a_certificate_from_an_untrusted_root_is_rejected(
    alexa_pki: AlexaPKI, now: datetime
) -> None:
    signer = alexa_pki.untrusted_signer()
    body = alexa_body(now)
    assert_rejected(signer, signer.headers(body), body, now, "certificate chain rejected")


def test_a_failing_certificate_download_is_rejected(
    alexa_signer: AlexaSigner, now: datetime
) -> None:
    def unreachable(url: str) -> bytes:
        raise requests.ConnectionError("connection refused")

    body = alexa_body(now)
    with pytest.raises(VerificationError, match="could not fetch"):
        verifier_for(alexa_signer, now, fetcher=unreachable).verify(
            alexa_signer.headers(body), body
        )


def test_a_download_that_is_not_pem_is_rejected(alexa_signer: AlexaSigner, now: datetime) -> None:
    body = alexa_body(now)
    with pytest.raises(VerificationError, match="no PEM certificate"):
        verifier_for(alexa_signer, now, fetcher=lambda url: b"<html>Access Denied</html>").verify(
            alexa_signer.headers(body), body
        )


# --- the body and its timestamp ------------------------------------------------------------


def test_a_body_altered_after_signing_is_rejected(alexa_signer: AlexaSigner, now: datetime) -> None:
    body = alexa_body(now)
    headers = alexa_signer.headers(body)
    altered = alexa_body(now, "IntentRequest")
    assert_rejected(alexa_signer, headers, altered, now, "signature does not match")


@pytest.mark.parametrize("offset", [-149, 149], ids=["149s-old", "149s-ahead"])
def test_a_request_within_150_seconds_is_accepted(
    alexa_signer: AlexaSigner, now: datetime, offset: int
) -> None:
    body = alexa_body(now + timedelta(seconds=offset))
    verifier_for(alexa_signer, now).verify(alexa_signer.headers(body), body)


@pytest.mark.parametrize("offset", [-151, 151], ids=["151s-old", "151s-ahead"])
def test_a_request_more_than_150_seconds_off_is_rejected(
    alexa_signer: AlexaSigner, now: datetime, offset: int
) -> None:
    body = alexa_body(now + timedelta(seconds=offset))
    assert_rejected(alexa_signer, alexa_signer.headers(body), body, now, "timestamp")


def test_a_skill_event_an_hour_late_is_accepted(alexa_signer: AlexaSigner, now: datetime) -> None:
    body = alexa_body(now - timedelta(seconds=3500), "AlexaSkillEvent.SkillEnabled")
    verifier_for(alexa_signer, now).verify(alexa_signer.headers(body), body)


def test_a_skill_event_more_than_an_hour_late_is_rejected(
    alexa_signer: AlexaSigner, now: datetime
) -> None:
    body = alexa_body(now - timedelta(seconds=3601), "AlexaSkillEvent.SkillEnabled")
    assert_rejected(alexa_signer, alexa_signer.headers(body), body, now, "timestamp")


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"this is not json", "not JSON"),
        (b"\xff\xfe not utf-8", "not JSON"),
        (b"[1, 2]", "no request object"),
        (b'{"request": {"type": "LaunchRequest"}}', "timestamp is missing"),
        (b'{"request": {"type": "LaunchRequest", "timestamp": "yesterday"}}', "not ISO 8601"),
    ],
    ids=["not-json", "not-utf8", "no-request", "no-timestamp", "bad-timestamp"],
)
def test_a_signed_body_without_a_readable_timestamp_is_rejected(
    alexa_signer: AlexaSigner, now: datetime, body: bytes, reason: str
) -> None:
    assert_rejected(alexa_signer, alexa_signer.headers(body), body, now, reason)


def test_anything_unexpected_becomes_a_verification_error(
    alexa_signer: AlexaSigner, now: datetime
) -> None:
    headers = alexa_signer.headers(b"{}")
    with pytest.raises(VerificationError):
        verifier_for(alexa_signer, now).verify(headers, "a str, not bytes")  # type: ignore[arg-type]


# --- the certificate cache -----------------------------------------------------------------


def test_a_second_request_reuses_the_verified_chain(
    alexa_signer: AlexaSigner, now: datetime
) -> None:
    verifier = verifier_for(alexa_signer, now)
    for request_type in ["LaunchRequest", "IntentRequest"]:
        body = alexa_body(now, request_type)
        verifier.verify(alexa_signer.headers(body), body)
    assert alexa_signer.fetch_count == 1


def waiting_in(threads: list[threading.Thread], function: str, within: float) -> bool:
    """Whether every thread is blocked with `function` as its innermost Python frame (a lock
    taken in it), on two looks 50 ms apart, within `within` seconds."""

    def blocked() -> bool:
        frames = sys._current_frames()
        return all(
            (frame := frames.get(thread.ident or -1)) is not None
            and frame.f_code.co_name == function
            for thread in threads
        )

    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if blocked():
            time.sleep(0.05)
            if blocked():
                return True
        time.sleep(0.01)
    return False


def test_requests_arriving_together_fetch_the_chain_once(
    alexa_signer: AlexaSigner, now: datetime
) -> None:
    fetches: list[str] = []
    first_fetch_started = threading.Event()
    let_it_finish = threading.Event()
    serve = alexa_signer.fetcher()

    a_second_fetch = threading.Event()

    def slow_fetch(url: str) -> bytes:
        fetches.append(url)
        first_fetch_started.set()
        if len(fetches) > 1:
            a_second_fetch.set()
        let_it_finish.wait(timeout=5)
        return serve(url)

    verifier = verifier_for(alexa_signer, now, fetcher=slow_fetch)
    body = alexa_body(now)
    failures: list[BaseException] = []

    def verify() -> None:
        try:
            verifier.verify(alexa_signer.headers(body), body)
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=verify) for _ in range(4)]
    threads[0].start()
    assert first_fetch_started.wait(timeout=5)
    for thread in threads[1:]:
        thread.start()
    # The others wait for the first one's download: each is blocked inside the verifier's
    # chain lookup (not merely not there yet), seen twice in a row, before the check.
    assert waiting_in(threads[1:], "_verified_chain", within=1.5)
    assert not a_second_fetch.is_set()
    let_it_finish.set()
    for thread in threads:
        thread.join(timeout=10)
    assert failures == []
    assert len(fetches) == 1


def test_the_cache_forgets_the_least_recently_used_url(
    alexa_signer: AlexaSigner, now: datetime
) -> None:
    fetched: list[str] = []

    def any_url(url: str) -> bytes:
        fetched.append(url)
        return alexa_signer.chain_pem

    verifier = verifier_for(alexa_signer, now, fetcher=any_url, certificate_cache_size=2)
    body = alexa_body(now)
    urls = [f"https://s3.amazonaws.com/echo.api/cert-{n}.pem" for n in "abca"]
    for url in urls:
        verifier.verify(replace(alexa_signer, cert_url=url).headers(body), body)
    assert fetched == urls  # "a" was evicted by "c", so it is fetched again


def test_a_cached_chain_is_dropped_once_its_leaf_expires(
    alexa_pki: AlexaPKI, now: datetime
) -> None:
    signer = alexa_pki.signer(not_valid_after=now + timedelta(hours=1))
    clock = iter([now, now + timedelta(hours=2)])
    verifier = verifier_for(signer, now, clock=lambda: next(clock))
    verifier.verify(signer.headers(alexa_body(now)), alexa_body(now))
    later = alexa_body(now + timedelta(hours=2))
    with pytest.raises(VerificationError, match="expired"):
        verifier.verify(signer.headers(later), later)
    assert signer.fetch_count == 2


# --- failures remembered, downloads capped ------------------------------------------------


def test_a_refused_chain_is_remembered_like_a_failed_download(
    alexa_pki: AlexaPKI, now: datetime
) -> None:
    signer = alexa_pki.untrusted_signer()
    clock = [now]
    verifier = verifier_for(signer, now, clock=lambda: clock[0])
    body = alexa_body(now)
    for _ in range(3):
        with pytest.raises(VerificationError, match="certificate chain rejected"):
            verifier.verify(signer.headers(body), body)
    assert signer.fetch_count == 1
    clock[0] += timedelta(seconds=60)
    with pytest.raises(VerificationError, match="certificate chain rejected"):
        verifier.verify(signer.headers(body), body)
    assert signer.fetch_count == 2


def test_a_failure_is_remembered_for_its_url_only(alexa_signer: AlexaSigner, now: datetime) -> None:
    good = alexa_signer.fetcher()

    def only_the_good_url(url: str) -> bytes:
        if url != alexa_signer.cert_url:
            raise requests.ConnectionError("no such key")
        return good(url)

    verifier = verifier_for(alexa_signer, now, fetcher=only_the_good_url)
    body = alexa_body(now)
    missing = replace(alexa_signer, cert_url="https://s3.amazonaws.com/echo.api/missing.pem")
    with pytest.raises(VerificationError, match="could not fetch"):
        verifier.verify(missing.headers(body), body)
    verifier.verify(alexa_signer.headers(body), body)  # another URL is unaffected


def test_remembered_failures_are_bounded(alexa_signer: AlexaSigner, now: datetime) -> None:
    fetched: list[str] = []

    def unreachable(url: str) -> bytes:
        fetched.append(url)
        raise requests.ConnectionError("connection refused")

    verifier = verifier_for(
        alexa_signer, now, fetcher=unreachable, certificate_failure_cache_size=2
    )
    body = alexa_body(now)
    urls = [f"https://s3.amazonaws.com/echo.api/gone-{n}.pem" for n in "abcac"]
    for url in urls:
        with pytest.raises(VerificationError):
            verifier.verify(replace(alexa_signer, cert_url=url).headers(body), body)
    # "a" was forgotten when "c" failed, so it is tried again; "c" is still remembered.
    assert fetched == urls[:4]


def test_a_download_that_never_ends_is_given_up_at_its_deadline(
    alexa_signer: AlexaSigner, now: datetime
) -> None:
    """A server dripping the chain keeps every socket read alive; the download as a whole
    is still given up once its time is up, and the request refused."""
    release = threading.Event()

    def dripping(url: str) -> bytes:
        release.wait(timeout=10)
        return b""

    verifier = verifier_for(
        alexa_signer, now, fetcher=dripping, certificate_fetch_timeout_seconds=0.2
    )
    body = alexa_body(now)
    started = time.monotonic()
    try:
        with pytest.raises(VerificationError, match="could not fetch"):
            verifier.verify(alexa_signer.headers(body), body)
        waited = time.monotonic() - started
    finally:
        release.set()
    assert waited < 5  # Alexa gives a request ~8 s in all; here it is refused long before


def test_downloads_beyond_the_cap_are_refused_not_queued(
    alexa_signer: AlexaSigner, now: datetime
) -> None:
    started: list[str] = []
    two_started = threading.Event()
    let_them_finish = threading.Event()
    serve = alexa_signer.fetcher()

    def slow_fetch(url: str) -> bytes:
        started.append(url)
        if len(started) == 2:
            two_started.set()
        let_them_finish.wait(timeout=5)
        return serve(alexa_signer.cert_url)

    verifier = verifier_for(alexa_signer, now, fetcher=slow_fetch, max_certificate_downloads=2)
    body = alexa_body(now)

    def headers_for(name: str) -> dict[str, str]:
        url = f"https://s3.amazonaws.com/echo.api/{name}.pem"
        return replace(alexa_signer, cert_url=url).headers(body)

    failures: list[BaseException] = []

    def verify(name: str) -> None:
        try:
            verifier.verify(headers_for(name), body)
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=verify, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    try:
        assert two_started.wait(timeout=5)
        # A third URL while two downloads are in flight: refused at once, nothing fetched.
        with pytest.raises(VerificationError, match="too many certificate downloads"):
            verifier.verify(headers_for("c"), body)
        assert len(started) == 2
    finally:
        let_them_finish.set()
        for thread in threads:
            thread.join(timeout=10)
    assert failures == []
    verifier.verify(headers_for("c"), body)  # the refusal was not remembered as a failure
    assert len(started) == 3


def test_abandoned_downloads_do_not_refuse_a_genuine_request(
    alexa_signer: AlexaSigner, now: datetime
) -> None:
    """Downloads that hang past their deadline are given up and leave their slots: a genuine
    request with an uncached chain, right after as many as the cap, is fetched and passes."""
    release = threading.Event()
    serve = alexa_signer.fetcher()

    def hung_unless_genuine(url: str) -> bytes:
        if url == alexa_signer.cert_url:
            return serve(url)
        release.wait(timeout=10)
        return b""

    verifier = verifier_for(
        alexa_signer,
        now,
        fetcher=hung_unless_genuine,
        certificate_fetch_timeout_seconds=0.2,
        max_certificate_downloads=4,
    )
    body = alexa_body(now)
    try:
        for name in ("a", "b", "c", "d"):
            hung = replace(alexa_signer, cert_url=f"https://s3.amazonaws.com/echo.api/{name}.pem")
            with pytest.raises(VerificationError, match="could not fetch"):
                verifier.verify(hung.headers(body), body)
        verifier.verify(alexa_signer.headers(body), body)  # its chain fetched, not refused
    finally:
        release.set()
    assert alexa_signer.fetch_count == 1


def test_abandoned_downloads_still_running_are_bounded(
    alexa_signer: AlexaSigner, now: datetime
) -> None:
    """A certificate server that never answers cannot pile up threads: past the bound on
    given-up downloads still running, a new one is refused at once until they end."""
    release = threading.Event()
    serve = alexa_signer.fetcher()

    def hung_unless_released(url: str) -> bytes:
        release.wait(timeout=10)
        return serve(alexa_signer.cert_url)

    verifier = verifier_for(
        alexa_signer,
        now,
        fetcher=hung_unless_released,
        certificate_fetch_timeout_seconds=0.1,
        max_abandoned_certificate_downloads=2,
    )
    body = alexa_body(now)
    try:
        for name in ("a", "b"):
            hung = replace(alexa_signer, cert_url=f"https://s3.amazonaws.com/echo.api/{name}.pem")
            with pytest.raises(VerificationError, match="could not fetch"):
                verifier.verify(hung.headers(body), body)
        with pytest.raises(VerificationError, match="too many certificate downloads"):
            verifier.verify(alexa_signer.headers(body), body)
    finally:
        release.set()


# --- logging -------------------------------------------------------------------------------


def test_a_rejection_is_logged_without_the_body(
    alexa_signer: AlexaSigner, now: datetime, caplog: pytest.LogCaptureFixture
) -> None:
    body = alexa_body(now, "IntentRequest", secret="do-not-log-me")
    headers = alexa_signer.headers(body)
    headers["SignatureCertChainUrl"] = "https://evil.example/echo.api/cert.pem"
    with (
        caplog.at_level(logging.WARNING, logger=verification.__name__),
        pytest.raises(VerificationError),
    ):
        verifier_for(alexa_signer, now).verify(headers, body)
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "host" in caplog.text
    assert "do-not-log-me" not in caplog.text


# --- the default HTTPS fetcher (offline: requests.get is replaced) -------------------------


class _FakeResponse:
    def __init__(self, status_code: int, content: bytes) -> None:
        self.status_code = status_code
        self._content = content

    def __enter__(self) -> _FakeResponse:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def iter_content(self, chunk_size: int) -> Iterator[bytes]:
        for start in range(0, len(self._content), chunk_size):
            yield self._content[start : start + chunk_size]


@dataclass
class _FakeS3:
    """Stands in for requests.get: serves `responses` in order and records each call."""

    responses: list[_FakeResponse] = field(default_factory=list)
    calls: list[dict[str, Any]] = field(default_factory=list)

    def get(self, url: str, **kwargs: Any) -> _FakeResponse:
        self.calls.append({"url": url, **kwargs})
        return self.responses.pop(0)


@pytest.fixture
def fake_s3(monkeypatch: pytest.MonkeyPatch) -> _FakeS3:
    s3 = _FakeS3()
    monkeypatch.setattr(requests, "get", s3.get)
    return s3


def test_the_default_fetcher_downloads_with_the_configured_timeout(
    alexa_signer: AlexaSigner, now: datetime, fake_s3: _FakeS3
) -> None:
    fake_s3.responses.append(_FakeResponse(200, alexa_signer.chain_pem))
    config = VerifierConfig(
        trusted_roots_pem=alexa_signer.root_pem, certificate_fetch_timeout_seconds=1.5
    )
    body = alexa_body(now)
    RequestVerifier(config, clock=lambda: now).verify(alexa_signer.headers(body), body)
    (call,) = fake_s3.calls
    assert call["url"] == alexa_signer.cert_url
    assert call["timeout"] == 1.5
    assert call["allow_redirects"] is False


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (_FakeResponse(404, b"Not Found"), "HTTP 404"),
        (_FakeResponse(200, b"-" * (64 * 1024 + 1)), "too large"),
    ],
    ids=["not-200", "too-large"],
)
def test_the_default_fetcher_refuses_bad_downloads(
    fake_s3: _FakeS3, response: _FakeResponse, reason: str
) -> None:
    fake_s3.responses.append(response)
    with pytest.raises(VerificationError, match=reason):
        verification.fetch_certificate_chain("https://s3.amazonaws.com/echo.api/x.pem", 2.0)


def test_the_default_fetcher_only_speaks_https(fake_s3: _FakeS3) -> None:
    with pytest.raises(VerificationError, match="not https"):
        verification.fetch_certificate_chain("http://s3.amazonaws.com/echo.api/x.pem", 2.0)
    assert fake_s3.calls == []
