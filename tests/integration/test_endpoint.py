"""The local Flask endpoint at POST /alexa, driven through Flask's test client.

Requests are signed for real (a local CA, trusted explicitly) and verified, except in the
tests that are about running with verification off (`verifier=None`).
"""

from __future__ import annotations

import json
import re
import ssl
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from backstretch.alexa_api.client import AlexaApiConfig, HttpsAlexaApi
from backstretch.alexa_api.port import AlexaApi
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.web.app import MAX_BODY_BYTES, create_app
from backstretch_local.web.verification import (
    RequestVerifier,
    VerifierConfig,
    fetch_certificate_chain,
)
from tests.support.alexa_signing import AlexaPKI, AlexaSigner
from tests.support.envelopes import SKILL_ID, AlexaConversation, speech_of, timestamp
from tests.support.fake_alexa_api import FakeAlexaApi, TlsFiles
from tests.support.fault_servers import FaultServer, fault_server, http_answer
from tests.support.heard import hold_heard_seconds

# Every conversation here keeps its progress in a moto table built from infra/.
pytestmark = pytest.mark.usefixtures("progress_store")

HOLD_SECONDS = 30  # the routine's default hold
# Not understood before a routine: one short sentence saying what can be said now.
FALLBACK = "Say start my back stretches to begin."


@dataclass
class Endpoint:
    """A test client for the app, signing each body with `signer` (unless it is None)."""

    client: FlaskClient
    signer: AlexaSigner | None

    def post(
        self,
        payload: dict[str, Any] | list[Any] | bytes,
        *,
        headers: dict[str, str] | None = None,
        sign: bool = True,
    ) -> TestResponse:
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode("utf-8")
        sent = dict(self.signer.headers(body)) if sign and self.signer is not None else {}
        sent.update(headers or {})
        return self.client.post(
            "/alexa", data=body, headers=sent, content_type="application/json; charset=utf-8"
        )

    def answer(self, envelope: dict[str, Any]) -> dict[str, Any]:
        """POST an envelope that must succeed; the response envelope."""
        response = self.post(envelope)
        assert response.status_code == 200, response.get_data(as_text=True)
        payload = response.get_json()
        assert isinstance(payload, dict)
        return payload


def make_endpoint(
    signer: AlexaSigner | None,
    *,
    skill_id: str | None = SKILL_ID,
    api: AlexaApi | None = None,
    verify_with: AlexaSigner | None = None,
) -> Endpoint:
    """An app whose verifier trusts the test root and fetches `verify_with`'s (or `signer`'s)
    chain; no verifier at all when `signer` is None."""
    verifier = None
    source = verify_with or signer
    if source is not None:
        verifier = RequestVerifier(
            VerifierConfig(trusted_roots_pem=source.root_pem), fetch_certificate=source.fetcher()
        )
    skill = BackStretchSkill(replace(SkillConfig.from_env(), skill_id=skill_id), api=api)
    app = create_app(skill, verifier)
    return Endpoint(app.test_client(), signer)


@pytest.fixture
def endpoint(alexa_signer: AlexaSigner) -> Endpoint:
    """The endpoint with verification on, and requests signed by a good certificate."""
    return make_endpoint(alexa_signer)


@pytest.fixture
def unverified() -> Endpoint:
    """The endpoint as `backstretch serve --no-verify` runs it."""
    return make_endpoint(None)


@pytest.fixture
def fast_api() -> Iterator[AlexaApi]:
    api = HttpsAlexaApi(AlexaApiConfig(read_timeout_seconds=0.3))
    yield api
    api.close()


def error_of(response: TestResponse) -> str:
    assert response.is_json, response.get_data(as_text=True)
    payload = response.get_json()
    assert isinstance(payload, dict)
    assert set(payload) == {"error"}
    reason = payload["error"]
    assert isinstance(reason, str)
    assert reason
    return reason


def assert_refused(response: TestResponse, status: int, reason: str) -> None:
    assert response.status_code == status, response.get_data(as_text=True)
    assert re.search(reason, error_of(response), re.IGNORECASE), error_of(response)
    assert "Traceback" not in response.get_data(as_text=True)


def assert_whole_hold(ssml: str, seconds: int = HOLD_SECONDS) -> None:
    """The counted hold, its marks, its countdown and its release, in this one SSML text,
    heard (silence and words at 150 words a minute) as long as asked, within a second."""
    assert "Hold it there." in ssml
    for elapsed in range(10, seconds - 5, 10):
        assert f"{elapsed} seconds." in ssml
    assert re.search(r"Three\. .*Two\. .*One\. .*And release\.", ssml)
    assert ssml.index("Hold it there.") < ssml.index("And release.")
    assert abs(hold_heard_seconds(ssml) - seconds) <= 1


# --- a genuine, signed request ---------------------------------------------------------------


def test_signed_launch_is_coached_from_the_first_stretch(endpoint: Endpoint) -> None:
    response = endpoint.post(AlexaConversation().launch())

    assert response.status_code == 200
    payload = response.get_json()
    speech = speech_of(payload)
    assert "hip flexor" in speech
    assert speech.startswith("<speak>")
    assert payload["response"]["shouldEndSession"] is False
    assert payload["sessionAttributes"]  # where the conversation carries on from
    assert_whole_hold(speech)  # no API endpoint in the request: everything in full


def test_a_short_conversation_sends_progressive_responses_for_each_turn(
    alexa_signer: AlexaSigner, fake_alexa_api: FakeAlexaApi, fast_api: AlexaApi
) -> None:
    endpoint = make_endpoint(alexa_signer, api=fast_api)
    talk = AlexaConversation(api_endpoint=fake_alexa_api.api_endpoint)
    seen = 0
    turns: list[tuple[Callable[[], dict[str, Any]], str]] = [
        (talk.launch, "left knee"),
        (lambda: talk.intent("AMAZON.NextIntent"), "right knee"),
        (lambda: talk.intent("RedoSideIntent"), "right knee"),
    ]
    for build, expected in turns:
        envelope = build()  # after the previous turn's attributes were carried
        request_id = envelope["request"]["requestId"]
        payload = talk.carry(endpoint.answer(envelope))
        assert payload["response"]["shouldEndSession"] is False

        received = fake_alexa_api.requests[seen:]
        seen += len(received)
        assert received, f"no progressive response for {envelope['request']['type']}"
        for recorded in received:
            assert recorded.method == "POST"
            assert recorded.path == "/v1/directives"
            assert recorded.header("Authorization") == "Bearer test-api-token"
            assert recorded.body["header"] == {"requestId": request_id}
            assert recorded.body["directive"]["type"] == "VoicePlayer.Speak"
        progressive = " ".join(r.body["directive"]["speech"] for r in received)
        assert expected in progressive
        # The hold's last stretch stays in the full response, so the turn ends on time.
        final = speech_of(payload)
        assert "Hold it there." not in final
        assert "One." in final and "And release." in final
        assert_whole_hold(progressive + final)
        assert talk.attributes  # handed back, and sent with the next turn

    assert len(fake_alexa_api.directives) == seen
    assert not fake_alexa_api.server_errors


# --- requests that fail verification ---------------------------------------------------------


def test_a_body_altered_after_signing_is_refused(
    endpoint: Endpoint, alexa_signer: AlexaSigner
) -> None:
    body = json.dumps(AlexaConversation().launch()).encode()
    headers = alexa_signer.headers(body)
    forged = body.replace(b"LaunchRequest", b"IntentRequest")

    response = endpoint.post(forged, headers=headers, sign=False)

    assert_refused(response, 400, "verification failed: signature does not match")


def test_a_missing_signature_is_refused(endpoint: Endpoint, alexa_signer: AlexaSigner) -> None:
    body = json.dumps(AlexaConversation().launch()).encode()
    headers = alexa_signer.headers(body)
    del headers["Signature-256"]

    response = endpoint.post(body, headers=headers, sign=False)

    assert_refused(response, 400, "missing Signature-256")


def test_a_missing_certificate_url_is_refused(
    endpoint: Endpoint, alexa_signer: AlexaSigner
) -> None:
    body = json.dumps(AlexaConversation().launch()).encode()
    headers = alexa_signer.headers(body)
    del headers["SignatureCertChainUrl"]

    response = endpoint.post(body, headers=headers, sign=False)

    assert_refused(response, 400, "missing SignatureCertChainUrl")


def test_a_certificate_url_on_another_host_is_refused(alexa_pki: AlexaPKI) -> None:
    signer = alexa_pki.signer(cert_url="https://s3.evil.example/echo.api/echo-api-cert.pem")
    endpoint = make_endpoint(signer)

    response = endpoint.post(AlexaConversation().launch())

    assert_refused(response, 400, "host is not s3.amazonaws.com")
    assert signer.fetch_count == 0  # refused before anything was downloaded


@pytest.mark.parametrize(
    ("make_signer", "reason"),
    [
        pytest.param(AlexaPKI.expired_signer, "certificate has expired", id="expired"),
        pytest.param(AlexaPKI.signer_without_san, "certificate chain rejected", id="no-san"),
        pytest.param(AlexaPKI.untrusted_signer, "certificate chain rejected", id="untrusted"),
    ],
)
def test_a_bad_certificate_is_refused(alexa_pki: AlexaPKI, make_signer: Any, reason: str) -> None:
    signer: AlexaSigner = make_signer(alexa_pki)
    endpoint = make_endpoint(signer)

    response = endpoint.post(AlexaConversation().launch())

    assert_refused(response, 400, reason)
    assert signer.fetch_count == 1  # it was the certificate that failed, not the URL


def test_a_stale_timestamp_is_refused(endpoint: Endpoint) -> None:
    stale = AlexaConversation(now=datetime.now(UTC) - timedelta(seconds=200))

    response = endpoint.post(stale.launch())

    assert_refused(response, 400, "timestamp is too far from now")


def test_an_unsigned_request_is_refused_when_verification_is_on(endpoint: Endpoint) -> None:
    response = endpoint.post(AlexaConversation().launch(), sign=False)

    assert_refused(response, 400, "verification failed")


# --- certificate downloads that fail ---------------------------------------------------------


@pytest.fixture
def failing_s3(fake_alexa_tls: TlsFiles, monkeypatch: pytest.MonkeyPatch) -> Iterator[FaultServer]:
    """A loopback HTTPS server standing in for S3 that answers every fetch 503, and counts."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(fake_alexa_tls.ca_file))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(fake_alexa_tls.cert_file, fake_alexa_tls.key_file)
    unavailable = http_answer("503 Service Unavailable", b"Slow Down", "text/plain")
    with fault_server(unavailable, tls=context) as server:
        yield server


def test_a_failed_certificate_download_is_remembered_for_a_minute(
    alexa_signer: AlexaSigner, failing_s3: FaultServer
) -> None:
    clock = [datetime.now(UTC)]

    def via_local_s3(url: str) -> bytes:  # the real downloader, pointed at the local server
        return fetch_certificate_chain(failing_s3.url + urlsplit(url).path, 2.0)

    verifier = RequestVerifier(
        VerifierConfig(trusted_roots_pem=alexa_signer.root_pem),
        fetch_certificate=via_local_s3,
        clock=lambda: clock[0],
    )
    skill = BackStretchSkill(replace(SkillConfig.from_env(), skill_id=SKILL_ID))
    client = create_app(skill, verifier).test_client()
    body = json.dumps(AlexaConversation().launch()).encode()
    headers = alexa_signer.headers(body)  # signed, but its chain cannot be downloaded

    def post() -> TestResponse:
        return client.post("/alexa", data=body, headers=headers, content_type="application/json")

    # Ten at once: one download; the others wait for it or find its failure remembered.
    with ThreadPoolExecutor(max_workers=10) as pool:
        responses = list(pool.map(lambda _: post(), range(10)))
    for response in responses:
        assert_refused(response, 400, "could not fetch the certificate chain")
    assert failing_s3.connections == 1

    clock[0] += timedelta(seconds=59)
    assert_refused(post(), 400, "a recent failure, not tried again yet")
    assert failing_s3.connections == 1

    clock[0] += timedelta(seconds=2)  # the minute has passed: it is tried again
    assert_refused(post(), 400, "could not fetch the certificate chain")
    assert failing_s3.connections == 2


# --- the body cap ----------------------------------------------------------------------------


def test_a_body_over_the_cap_is_refused_and_the_next_request_still_answered(
    endpoint: Endpoint,
) -> None:
    huge = AlexaConversation().launch()
    huge["padding"] = "x" * MAX_BODY_BYTES

    response = endpoint.post(huge)

    assert response.status_code in (413, 400)
    assert error_of(response)
    after = endpoint.post(AlexaConversation().launch())
    assert after.status_code == 200
    assert "hip flexor" in speech_of(after.get_json())


def test_a_body_just_under_the_cap_is_accepted(endpoint: Endpoint) -> None:
    envelope = AlexaConversation().launch()
    envelope["padding"] = ""
    size = len(json.dumps(envelope).encode())
    envelope["padding"] = "x" * (MAX_BODY_BYTES - size)
    assert len(json.dumps(envelope).encode()) == MAX_BODY_BYTES

    response = endpoint.post(envelope)

    assert response.status_code == 200
    assert "hip flexor" in speech_of(response.get_json())


# --- bad input, with verification off --------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        pytest.param(b'{"version": "1.0", "request": {', "body is not JSON", id="malformed"),
        pytest.param(b"[1, 2, 3]", "body is not a JSON object", id="array"),
        pytest.param(b'{"hello": "world"}', "not an Alexa request", id="not-alexa"),
        pytest.param(b"", "body is not JSON", id="empty"),
        pytest.param(b'{"version": "1.0", "request": "\xff\xfe"}', "not JSON", id="not-utf8"),
        pytest.param(
            b'{"version": "1.0", "request": {"type": "LaunchRequest"}}',
            "request.requestId is missing",
            id="no-request-id",
        ),
        pytest.param(
            b'{"version": "1.0", "session": [], "request": {"type": "LaunchRequest",'
            b' "requestId": "r", "timestamp": "2026-01-01T00:00:00Z"}}',
            "'session' must be an object",
            id="session-not-object",
        ),
    ],
)
def test_bad_bodies_get_a_clear_400(unverified: Endpoint, body: bytes, reason: str) -> None:
    response = unverified.post(body)

    assert_refused(response, 400, re.escape(reason))


def deeply_nested_launch(depth: int) -> bytes:
    """A well-formed launch whose session attributes hold an array nested `depth` deep
    (written out by hand: `json.dumps` itself recurses)."""
    envelope = AlexaConversation().launch()
    envelope["session"]["attributes"] = {"deep": "NESTED"}
    text = json.dumps(envelope).replace('"NESTED"', "[" * depth + "]" * depth)
    return text.encode()


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"[" * 10_000 + b"]" * 10_000, id="brackets-10000-deep"),
        pytest.param(deeply_nested_launch(5_000), id="launch-with-attributes-5000-deep"),
    ],
)
@pytest.mark.parametrize("verified", [True, False], ids=["verified", "unverified"])
def test_a_body_nested_too_deeply_gets_400_not_500(
    alexa_signer: AlexaSigner, body: bytes, verified: bool
) -> None:
    endpoint = make_endpoint(alexa_signer if verified else None)

    response = endpoint.post(body)  # signed, when verification is on

    assert_refused(response, 400, "nested too deeply" if not verified else "could not be verified")


def test_a_session_naming_another_skill_is_refused(endpoint: Endpoint) -> None:
    envelope = AlexaConversation().launch()
    assert envelope["context"]["System"]["application"]["applicationId"] == SKILL_ID
    envelope["session"]["application"]["applicationId"] = "amzn1.ask.skill.someone-else"

    response = endpoint.post(envelope)

    assert_refused(response, 400, "another skill")


def test_an_unknown_intent_gets_the_fallback(unverified: Endpoint) -> None:
    payload = unverified.answer(AlexaConversation().intent("SingMeASongIntent"))

    assert FALLBACK in speech_of(payload)
    assert "didn't catch that" not in speech_of(payload)
    assert payload["response"]["shouldEndSession"] is False


def test_an_unknown_request_type_gets_an_empty_response(unverified: Endpoint) -> None:
    payload = unverified.answer(AlexaConversation().envelope({"type": "Something.New"}))

    assert payload["response"] == {}
    assert speech_of(payload) == ""


def test_a_skill_event_gets_an_empty_response(unverified: Endpoint) -> None:
    now = timestamp()
    envelope = AlexaConversation().envelope(
        {
            "type": "AlexaSkillEvent.SkillEnabled",
            "eventCreationTime": now,
            "eventPublishingTime": now,
        },
        with_session=False,
    )

    payload = unverified.answer(envelope)

    assert speech_of(payload) == ""
    assert "outputSpeech" not in payload["response"]
    assert "shouldEndSession" not in payload["response"]


def test_an_intent_without_a_session_is_still_answered(unverified: Endpoint) -> None:
    envelope = AlexaConversation().envelope(
        {
            "type": "IntentRequest",
            "intent": {"name": "AMAZON.HelpIntent", "confirmationStatus": "NONE"},
        },
        with_session=False,
    )
    assert "session" not in envelope

    payload = unverified.answer(envelope)

    assert "two stretches" in speech_of(payload)
    assert "sessionAttributes" not in payload


def test_an_unsupported_locale_is_answered_in_english(unverified: Endpoint) -> None:
    payload = unverified.answer(AlexaConversation(locale="sv-SE").launch())  # not an Alexa one

    speech = speech_of(payload)
    assert "Welcome to Back Stretch Coach" in speech
    assert "hip flexor" in speech


def test_a_request_for_another_skill_is_refused(endpoint: Endpoint) -> None:
    other = AlexaConversation(skill_id="amzn1.ask.skill.someone-else")

    response = endpoint.post(other.launch())

    assert_refused(response, 400, "another skill")


def test_without_a_configured_skill_id_any_skill_id_is_answered(alexa_signer: AlexaSigner) -> None:
    endpoint = make_endpoint(alexa_signer, skill_id=None)
    other = AlexaConversation(skill_id="amzn1.ask.skill.someone-else")

    payload = endpoint.answer(other.launch())

    assert "hip flexor" in speech_of(payload)


# --- the directive API failing ---------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 403])
def test_a_failing_directive_api_puts_the_whole_hold_in_the_full_response(
    alexa_signer: AlexaSigner, fake_alexa_api: FakeAlexaApi, fast_api: AlexaApi, status: int
) -> None:
    fake_alexa_api.directive_status = status
    endpoint = make_endpoint(alexa_signer, api=fast_api)

    payload = endpoint.answer(AlexaConversation(api_endpoint=fake_alexa_api.api_endpoint).launch())

    assert len(fake_alexa_api.directives) == 1  # tried once, then gave up on the rest
    speech = speech_of(payload)
    assert "Welcome to Back Stretch Coach" in speech
    assert "Kneel down on your left knee." in speech
    assert_whole_hold(speech)
    assert payload["response"]["shouldEndSession"] is False


def test_a_hanging_directive_api_neither_stalls_nor_shortens_the_turn(
    alexa_signer: AlexaSigner, fake_alexa_api: FakeAlexaApi, fast_api: AlexaApi
) -> None:
    fake_alexa_api.directive_hang = True
    endpoint = make_endpoint(alexa_signer, api=fast_api)
    envelope = AlexaConversation(api_endpoint=fake_alexa_api.api_endpoint).launch()

    started = time.monotonic()
    payload = endpoint.answer(envelope)
    elapsed = time.monotonic() - started

    assert elapsed < 2.0
    assert len(fake_alexa_api.directives) == 1
    speech = speech_of(payload)
    assert "Kneel down on your left knee." in speech
    assert_whole_hold(speech)


# --- other routes ----------------------------------------------------------------------------


def test_health_answers(endpoint: Endpoint, unverified: Endpoint) -> None:
    on = endpoint.client.get("/health")
    off = unverified.client.get("/health")

    assert on.status_code == 200
    assert on.get_json() == {"status": "ok", "verification": True}
    assert off.status_code == 200
    assert off.get_json() == {"status": "ok", "verification": False}


def test_get_on_the_skill_route_is_405_json(endpoint: Endpoint) -> None:
    response = endpoint.client.get("/alexa")

    assert_refused(response, 405, "method is not allowed")
    assert "POST" in response.headers.get("Allow", "")


def test_an_unknown_path_is_404_json(endpoint: Endpoint) -> None:
    response = endpoint.client.post("/nowhere", data=b"{}")

    assert_refused(response, 404, "not found")
