"""What every tier needs: fake AWS credentials, and no traffic beyond this machine.

Only the standard library and pytest here: tests/unit runs without the `local` extra, so the
moto, PKI and fake-Alexa fixtures live in the tiers that use them (tests/integration/conftest.py
and tests/e2e/conftest.py).
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Any

import pytest

# The local tools' fake credentials and region (backstretch_local.dynamodb's
# `local_aws_environment`, which tests/e2e/test_tiers.py holds this to): moto takes any
# credentials, and no profile, credentials file or instance metadata of this machine is read.
FAKE_AWS_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_SESSION_TOKEN": "local",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}


def _is_local(address: Any) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX paths stay on the machine
        return True
    host = address[0]
    try:
        return bool(ipaddress.ip_address(host).is_loopback)
    except ValueError:
        return host == "localhost"


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail loudly if anything tries to connect beyond the loopback interface."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if not _is_local(address):
            raise RuntimeError(f"test tried to leave the machine: connect to {address!r}")
        return real_connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> Any:
        if not _is_local(address):
            raise RuntimeError(f"test tried to leave the machine: connect to {address!r}")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)


@pytest.fixture(autouse=True)
def _fake_aws(monkeypatch: pytest.MonkeyPatch) -> None:
    """The local tools' fake credentials and region: nothing can reach AWS with real keys."""
    for name, value in FAKE_AWS_ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
