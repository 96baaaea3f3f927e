"""Fixtures for tests of request verification: the local package's Alexa PKI, once a session."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from backstretch_local.alexa_signing import AlexaPKI, AlexaSigner

__all__ = ["AlexaPKI", "AlexaSigner", "alexa_body", "alexa_pki", "alexa_signer"]


def alexa_timestamp(moment: datetime) -> str:
    """The request.timestamp format Alexa sends, e.g. "2026-11-25T14:00:00Z"."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def alexa_body(moment: datetime, request_type: str = "LaunchRequest", **request: Any) -> bytes:
    """A minimal request envelope with the given request type and timestamp."""
    envelope = {
        "version": "1.0",
        "request": {
            "type": request_type,
            "requestId": "amzn1.echo-api.request.test",
            "timestamp": alexa_timestamp(moment),
            "locale": "en-US",
            **request,
        },
    }
    return json.dumps(envelope).encode("utf-8")


@pytest.fixture(scope="session")
def alexa_pki() -> AlexaPKI:
    """The session's PKI; call `.signer(...)`, `.expired_signer()`, `.signer_without_san()`,
    `.untrusted_signer()` for signers with good or bad certificates."""
    return AlexaPKI()


@pytest.fixture
def alexa_signer(alexa_pki: AlexaPKI) -> AlexaSigner:
    """A fresh signer (fetch_count 0) with a good certificate, trusted by its `root_pem`."""
    return alexa_pki.signer()
