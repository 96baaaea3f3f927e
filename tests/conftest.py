"""Shared test set-up: fake AWS credentials, and no traffic beyond this machine."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import pytest

from backstretch_local.dynamodb import local_aws_environment

pytest_plugins = [
    "tests.fake_alexa_api",
    "tests.alexa_signing",
    "tests.dynamodb",
]


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
    for name, value in local_aws_environment().items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
