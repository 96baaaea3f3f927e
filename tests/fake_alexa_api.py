"""The fake of Alexa's directive and settings APIs (backstretch.local.fake_alexa) as fixtures.

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

from collections.abc import Iterator

import pytest

from backstretch.local.fake_alexa import FakeAlexaApi, RecordedRequest, TlsFiles, make_tls_files

__all__ = ["FakeAlexaApi", "RecordedRequest", "TlsFiles", "make_tls_files"]


@pytest.fixture(scope="session")
def fake_alexa_tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    """One CA and server certificate for the whole session."""
    return make_tls_files(tmp_path_factory.mktemp("fake-alexa-tls"))


@pytest.fixture
def fake_alexa_api(
    fake_alexa_tls: TlsFiles, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FakeAlexaApi]:
    """A running fake, trusted by ``requests`` through the standard CA variables."""
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(fake_alexa_tls.ca_file))
    monkeypatch.setenv("SSL_CERT_FILE", str(fake_alexa_tls.ca_file))
    # A proxy configured on the machine must not carry loopback traffic.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    fake = FakeAlexaApi(fake_alexa_tls)
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()
