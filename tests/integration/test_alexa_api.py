"""Alexa's directive and settings APIs, called over real HTTPS against the local fake."""

from __future__ import annotations

import logging
import socket
import time
import urllib.parse
from collections.abc import Iterator
from typing import Any

import certifi
import pytest

from backstretch.alexa_api.client import AlexaApiConfig, HttpsAlexaApi
from backstretch.alexa_api.port import AlexaApi
from backstretch.budget import TurnBudget
from tests.support.fake_alexa_api import FakeAlexaApi

TOKEN = "tok-3f9a1c-never-log-me"
REQUEST_ID = "amzn1.echo-api.request.0000-1111"
DEVICE_ID = "amzn1.ask.device.AEXAMPLE/with slash"
SSML = "<speak>Hold it there. One. Two. Three.</speak>"
CLIENT_LOGGER = "backstretch.alexa_api.port"  # every failed call is logged by the port


class ManualClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def api() -> Iterator[AlexaApi]:
    client = HttpsAlexaApi(AlexaApiConfig(connect_timeout_seconds=0.5, read_timeout_seconds=0.3))
    yield client
    client.close()


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every socket connection attempted during the test."""
    attempts: list[Any] = []
    guarded_connect = socket.socket.connect

    def recording_connect(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        guarded_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", recording_connect)
    return attempts


def speak(api: AlexaApi, fake: FakeAlexaApi, budget: TurnBudget | None = None) -> bool:
    return api.send_speech(fake.api_endpoint, TOKEN, REQUEST_ID, SSML, budget or TurnBudget(5.0))


def client_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == CLIENT_LOGGER and r.levelno == logging.WARNING
    ]


# --- the turn budget -------------------------------------------------------------------------


def test_budget_counts_down_and_never_goes_negative() -> None:
    clock = ManualClock()
    budget = TurnBudget(2.0, clock=clock)
    assert budget.remaining() == 2.0
    assert not budget.expired
    clock.now += 1.5
    assert budget.remaining() == pytest.approx(0.5)
    clock.now += 10.0
    assert budget.remaining() == 0.0
    assert budget.expired


# --- progressive responses -------------------------------------------------------------------


def test_progressive_response_is_the_directive_alexa_expects(
    api: AlexaApi, fake_alexa_api: FakeAlexaApi
) -> None:
    assert speak(api, fake_alexa_api) is True

    [request] = fake_alexa_api.requests
    assert request.method == "POST"
    assert request.path == "/v1/directives"
    assert request.header("Authorization") == f"Bearer {TOKEN}"
    assert request.header("Content-Type") == "application/json"
    assert request.body == {
        "header": {"requestId": REQUEST_ID},
        "directive": {"type": "VoicePlayer.Speak", "speech": SSML},
    }
    assert fake_alexa_api.speech_texts() == [SSML]


@pytest.mark.parametrize("status", [200, 202, 204])
def test_any_2xx_means_alexa_took_the_speech(
    api: AlexaApi, fake_alexa_api: FakeAlexaApi, status: int
) -> None:
    fake_alexa_api.directive_status = status
    assert speak(api, fake_alexa_api) is True


@pytest.mark.parametrize("status", [500, 403, 429])
def test_refused_speech_is_false_not_an_exception(
    api: AlexaApi, fake_alexa_api: FakeAlexaApi, status: int
) -> None:
    fake_alexa_api.directive_status = status
    assert speak(api, fake_alexa_api) is False
    assert len(fake_alexa_api.directives) == 1  # it was the answer, not a refusal to call


def test_later_directives_fail_once_alexa_starts_refusing(
    api: AlexaApi, fake_alexa_api: FakeAlexaApi
) -> None:
    fake_alexa_api.fail_after(2)
    assert [speak(api, fake_alexa_api) for _ in range(4)] == [True, True, False, False]
    assert fake_alexa_api.speech_texts() == [SSML] * 4


def test_a_hanging_alexa_costs_no_more_than_the_read_timeout(
    api: AlexaApi, fake_alexa_api: FakeAlexaApi
) -> None:
    fake_alexa_api.directive_hang = True
    started = time.monotonic()
    assert speak(api, fake_alexa_api) is False
    assert time.monotonic() - started < 2.0
    assert len(fake_alexa_api.directives) == 1  # it got there, and no answer came back


def test_a_short_budget_cuts_the_read_timeout(fake_alexa_api: FakeAlexaApi) -> None:
    patient = HttpsAlexaApi(AlexaApiConfig(read_timeout_seconds=30.0))
    fake_alexa_api.directive_hang = True
    started = time.monotonic()
    try:
        assert speak(patient, fake_alexa_api, TurnBudget(0.3)) is False
    finally:
        patient.close()
    assert time.monotonic() - started < 2.0


def test_spent_budget_makes_no_call(
    api: AlexaApi,
    fake_alexa_api: FakeAlexaApi,
    connects: list[Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger=CLIENT_LOGGER)
    clock = ManualClock()
    budget = TurnBudget(1.0, clock=clock)
    clock.now += 1.0

    assert speak(api, fake_alexa_api, budget) is False
    assert api.time_zone(fake_alexa_api.api_endpoint, TOKEN, DEVICE_ID, budget) is None
    assert connects == []
    assert fake_alexa_api.requests == []
    warnings = client_warnings(caplog)
    assert warnings, "each refused call is logged"
    assert all("budget" in warning for warning in warnings)


def test_plain_http_endpoint_is_refused_without_connecting(
    api: AlexaApi, fake_alexa_api: FakeAlexaApi, connects: list[Any]
) -> None:
    endpoint = fake_alexa_api.api_endpoint.replace("https://", "http://")
    assert api.send_speech(endpoint, TOKEN, REQUEST_ID, SSML, TurnBudget(5.0)) is False
    assert api.time_zone(endpoint, TOKEN, DEVICE_ID, TurnBudget(5.0)) is None
    assert connects == []
    assert fake_alexa_api.requests == []


def test_missing_token_makes_no_call(
    api: AlexaApi, fake_alexa_api: FakeAlexaApi, connects: list[Any]
) -> None:
    budget = TurnBudget(5.0)
    assert api.send_speech(fake_alexa_api.api_endpoint, "", REQUEST_ID, SSML, budget) is False
    assert connects == []


def test_an_untrusted_certificate_is_a_failure(
    api: AlexaApi, fake_alexa_api: FakeAlexaApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", certifi.where())
    monkeypatch.setenv("SSL_CERT_FILE", certifi.where())
    assert speak(api, fake_alexa_api) is False
    assert fake_alexa_api.requests == []


def test_one_connection_serves_several_calls(
    api: AlexaApi, fake_alexa_api: FakeAlexaApi, connects: list[Any]
) -> None:
    assert speak(api, fake_alexa_api) is True
    assert speak(api, fake_alexa_api) is True
    assert api.time_zone(fake_alexa_api.api_endpoint, TOKEN, DEVICE_ID, TurnBudget(5.0))
    assert len(connects) == 1
    assert len({r.client_address for r in fake_alexa_api.requests}) == 1


# --- the time-zone setting -------------------------------------------------------------------


def test_time_zone_comes_from_the_device_setting(
    api: AlexaApi, fake_alexa_api: FakeAlexaApi
) -> None:
    fake_alexa_api.time_zone = "America/Los_Angeles"

    zone = api.time_zone(fake_alexa_api.api_endpoint, TOKEN, DEVICE_ID, TurnBudget(5.0))

    assert zone == "America/Los_Angeles"
    [request] = fake_alexa_api.requests
    assert request.method == "GET"
    device = urllib.parse.quote(DEVICE_ID, safe="")
    assert request.path == f"/v2/devices/{device}/settings/System.timeZone"
    assert request.header("Authorization") == f"Bearer {TOKEN}"


@pytest.mark.parametrize("value", ["Mars/Olympus_Mons", "../../etc/passwd", "Europe", "", 42, None])
def test_an_invalid_time_zone_is_none(
    api: AlexaApi, fake_alexa_api: FakeAlexaApi, value: Any
) -> None:
    fake_alexa_api.time_zone = value
    assert api.time_zone(fake_alexa_api.api_endpoint, TOKEN, DEVICE_ID, TurnBudget(5.0)) is None
    assert len(fake_alexa_api.requests) == 1


@pytest.mark.parametrize("status", [403, 429, 500])
def test_a_refused_time_zone_is_none(
    api: AlexaApi, fake_alexa_api: FakeAlexaApi, status: int
) -> None:
    fake_alexa_api.time_zone_status = status
    assert api.time_zone(fake_alexa_api.api_endpoint, TOKEN, DEVICE_ID, TurnBudget(5.0)) is None
    assert len(fake_alexa_api.requests) == 1


# --- logging ---------------------------------------------------------------------------------


def test_each_failure_logs_one_warning_with_what_and_how_long(
    api: AlexaApi, fake_alexa_api: FakeAlexaApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger=CLIENT_LOGGER)

    fake_alexa_api.directive_status = 429
    speak(api, fake_alexa_api)
    [warning] = client_warnings(caplog)
    assert "send_speech" in warning
    assert "HTTP 429" in warning
    assert warning.endswith(" ms")

    caplog.clear()
    fake_alexa_api.directive_hang = True
    speak(api, fake_alexa_api)
    [warning] = client_warnings(caplog)
    assert "ReadTimeout" in warning


def test_the_token_never_reaches_the_logs(
    api: AlexaApi, fake_alexa_api: FakeAlexaApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # urllib3's and requests' own records too
    endpoint = fake_alexa_api.api_endpoint

    speak(api, fake_alexa_api)  # a success
    fake_alexa_api.directive_status = 500
    speak(api, fake_alexa_api)
    api.send_speech(endpoint.replace("https", "http"), TOKEN, REQUEST_ID, SSML, TurnBudget(5.0))
    speak(api, fake_alexa_api, TurnBudget(0.0))
    fake_alexa_api.time_zone = "Not/A_Zone"
    api.time_zone(endpoint, TOKEN, DEVICE_ID, TurnBudget(5.0))
    fake_alexa_api.time_zone_status = 403
    api.time_zone(endpoint, TOKEN, DEVICE_ID, TurnBudget(5.0))
    fake_alexa_api.directive_hang = True
    speak(api, fake_alexa_api)

    assert len(client_warnings(caplog)) == 6  # the failures above were all logged
    for record in caplog.records:
        logged = f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
        assert TOKEN not in logged
    assert TOKEN not in caplog.text
