"""The fake of Alexa's directive, settings and reminders APIs served over HTTPS, as a fixture:
for tests where the skill's own client is the point. Where it is not, pass the skill an
in-process `backstretch_local.fake_alexa.FakeAlexa().in_process()` (an `AlexaApi`).

def test_speaks(fake_alexa_api):
    fake_alexa_api.directive_status = 500      # or 204, 403, 429, ...
    fake_alexa_api.directive_hang = True       # answer only at release() or teardown
    fake_alexa_api.fail_after(2)               # 204, 204, then 500 for every directive
    fake_alexa_api.time_zone = "Europe/Berlin" # any JSON value
    fake_alexa_api.time_zone_status = 403
    ... fake_alexa_api.api_endpoint ...        # "https://127.0.0.1:PORT"
    fake_alexa_api.speech_texts()              # directive.speech strings, in order
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import pytest

from backstretch_local.fake_alexa import RecordedRequest
from backstretch_local.fake_alexa_https import FakeAlexaServer as FakeAlexaApi
from backstretch_local.tls import TlsFiles, make_tls_files, trust_variables

__all__ = ["FakeAlexaApi", "RecordedRequest", "TlsFiles", "make_tls_files"]


@pytest.fixture(scope="session")
def fake_alexa_tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    """One CA and server certificate for the whole session."""
    return make_tls_files(tmp_path_factory.mktemp("fake-alexa-tls"))


@pytest.fixture
def fake_alexa_api(
    fake_alexa_tls: TlsFiles,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[FakeAlexaApi]:
    """A running fake, trusted by ``requests`` the way the local tools trust it."""
    folder = tmp_path_factory.mktemp("trust")
    for name, value in trust_variables(fake_alexa_tls.ca_file.read_bytes(), folder).items():
        monkeypatch.setenv(name, value)
    fake = FakeAlexaApi(fake_alexa_tls)
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture
def tls_server_context(fake_alexa_tls: TlsFiles, monkeypatch: pytest.MonkeyPatch) -> ssl.SSLContext:
    """A server context whose certificate `requests` trusts for this test."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(fake_alexa_tls.ca_file))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(fake_alexa_tls.cert_file, fake_alexa_tls.key_file)
    return context
