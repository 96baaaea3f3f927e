"""Every call to Alexa's APIs goes to the `apiEndpoint` the request names: a person in Europe
or the Far East is served by that region's function, and its progressive responses, time
zone and reminders go to that region's API host, never North America's.

Three fakes of Alexa's APIs, one per region's host, listen on loopback over TLS, with a
certificate for the real host names; in this process those names resolve to the fakes, and
any other name that is not loopback does not resolve at all: nothing leaves this machine.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from backstretch.alexa_api.client import HttpsAlexaApi
from backstretch.progress.memory import InMemoryProgressStore
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.tls import CertificateAuthority, TlsFiles, key_pem, pem, trust_variables
from tests.support.envelopes import AlexaConversation
from tests.support.fake_alexa_api import FakeAlexaApi

# Alexa's API host for each region, as a request's context.System.apiEndpoint names it.
API_HOSTS = {
    "NA": "api.amazonalexa.com",
    "EU": "api.eu.amazonalexa.com",
    "FE": "api.fe.amazonalexa.com",
}
REMINDERS = "alexa::alerts:reminders:skill:readwrite"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# A Tuesday afternoon in Los Angeles, the fakes' time zone.
TUESDAY = datetime(2026, 12, 1, 23, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def regional_tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    """A CA, and a certificate it signed for the three hosts (as Amazon's certificates are)."""
    folder = tmp_path_factory.mktemp("regional-tls")
    authority = CertificateAuthority("Back Stretch Coach regional test CA")
    server = authority.issue(API_HOSTS["NA"], dns_names=sorted(API_HOSTS.values()))
    files = TlsFiles(folder / "ca.pem", folder / "server.pem", folder / "server-key.pem")
    files.ca_file.write_bytes(authority.pem)
    files.cert_file.write_bytes(pem(server.certificate))
    files.key_file.write_bytes(key_pem(server.key))
    return files


@pytest.fixture
def regional_apis(
    regional_tls: TlsFiles, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[dict[str, FakeAlexaApi]]:
    """One running fake per region, reached by its region's real host name."""
    for name, value in trust_variables(regional_tls.ca_file.read_bytes(), tmp_path).items():
        monkeypatch.setenv(name, value)
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    fakes = {region: FakeAlexaApi(regional_tls) for region in API_HOSTS}
    ports = {API_HOSTS[r]: urlsplit(fake.api_endpoint).port for r, fake in fakes.items()}
    resolve = socket.getaddrinfo

    def only_the_fakes(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in ports:  # the host Alexa named, on 443: its fake on loopback
            return resolve("127.0.0.1", ports[host], *args, **kwargs)
        if host in LOOPBACK:
            return resolve(host, port, *args, **kwargs)
        raise socket.gaierror(f"{host} is not resolved in this test: nothing leaves the machine")

    monkeypatch.setattr(socket, "getaddrinfo", only_the_fakes)
    for fake in fakes.values():
        fake.start()
    try:
        yield fakes
    finally:
        for fake in fakes.values():
            fake.stop()


def play_every_alexa_api(api_endpoint: str) -> None:
    """A launch (its hold goes out as progressive responses) and a reminder set with the
    person's time zone (the Settings API, then the Reminders API)."""
    skill = BackStretchSkill(SkillConfig(), api=HttpsAlexaApi(), store=InMemoryProgressStore())
    alexa = AlexaConversation(api_endpoint=api_endpoint, now=TUESDAY, granted={REMINDERS})
    alexa.carry(skill.handle_payload(alexa.launch()))
    alexa.carry(
        skill.handle_payload(alexa.intent("SetReminderIntent", days="every weekday", time="15:00"))
    )
    alexa.carry(skill.handle_payload(alexa.intent("AMAZON.YesIntent")))


@pytest.mark.parametrize("region", ["EU", "FE", "NA"])
def test_every_call_to_alexas_apis_goes_to_the_host_the_request_names(
    regional_apis: dict[str, FakeAlexaApi], region: str
) -> None:
    host = API_HOSTS[region]

    play_every_alexa_api(f"https://{host}")

    called = regional_apis[region].requests
    kinds = {(r.method, r.path.split("/")[1], r.path.split("/")[2]) for r in called}
    assert ("POST", "v1", "directives") in kinds, "the hold went out as progressive responses"
    assert ("GET", "v2", "devices") in kinds, "the person's time zone was asked for"
    assert ("POST", "v1", "alerts") in kinds, "the reminder was set"
    assert {r.header("Host") for r in called} == {host}
    others = {name: fake.requests for name, fake in regional_apis.items() if name != region}
    assert others == {name: [] for name in others}, "a call went to another region's host"
    assert len(regional_apis[region].reminders) == 1


def test_no_other_host_is_reached(regional_apis: dict[str, FakeAlexaApi]) -> None:
    """The resolver above is what keeps these tests off the network: a name it does not know
    fails, and the turn is answered all the same."""
    play_every_alexa_api("https://api.example.invalid")

    assert all(fake.requests == [] for fake in regional_apis.values())
