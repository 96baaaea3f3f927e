"""How the local tools make Python trust their own certificate: added to what the operator
already trusts (a company proxy's CA in REQUESTS_CA_BUNDLE, say), never in its place."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from backstretch_local.fake_alexa_https import FakeAlexaServer, trusted_fake_alexa
from backstretch_local.tls import make_tls_files


@pytest.fixture
def operators_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """An HTTPS server under the operator's own CA, which REQUESTS_CA_BUNDLE names alone."""
    tls = make_tls_files(tmp_path)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tls.ca_file))
    monkeypatch.setenv("NO_PROXY", "example.internal")
    server = FakeAlexaServer(tls)
    server.start()
    yield server.api_endpoint
    server.stop()


def time_zone_answer(api_endpoint: str) -> int:
    url = f"{api_endpoint}/v2/devices/d/settings/System.timeZone"
    return requests.get(url, timeout=5).status_code


def test_the_local_alexa_api_is_trusted_and_so_is_what_the_operator_trusted(
    operators_server: str,
) -> None:
    operators_bundle = os.environ["REQUESTS_CA_BUNDLE"]
    with trusted_fake_alexa() as local:
        assert time_zone_answer(local.api_endpoint) == 200
        assert time_zone_answer(operators_server) == 200  # the operator's CA still works
        assert os.environ["NO_PROXY"] == "example.internal,127.0.0.1,localhost"
    assert os.environ["REQUESTS_CA_BUNDLE"] == operators_bundle  # put back as it was
    assert os.environ["NO_PROXY"] == "example.internal"
    assert time_zone_answer(operators_server) == 200
