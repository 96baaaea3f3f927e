"""Pytest fixtures for progress storage: a moto DynamoDB table built from infra/template.yaml.

The table is created from the template's own ``ProgressTable`` declaration, so the tests and
the deployed infrastructure cannot drift apart.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from botocore.awsrequest import AWSResponse, HTTPHeaders

from backstretch.progress.dynamodb import DynamoProgressStore
from backstretch.skill.config import SkillConfig
from backstretch_local.dynamodb import CallCounter, EmbeddedDynamoDB
from backstretch_local.table import create_table_from_template

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
# The skill's default table name, so a skill built from a plain SkillConfig finds it.
TABLE_NAME = SkillConfig.table_name


@pytest.fixture(scope="session")
def embedded_dynamodb() -> Iterator[EmbeddedDynamoDB]:
    """The local tools' embedded DynamoDB (moto's server on a loopback port), for the session.

    Real HTTP rather than moto's in-process patching: a fault injected in botocore's
    ``before-send`` then really stops the request, as it would with DynamoDB.
    """
    dynamodb = EmbeddedDynamoDB()
    dynamodb.start()
    yield dynamodb
    dynamodb.stop()


@pytest.fixture(scope="session")
def moto_endpoint(embedded_dynamodb: EmbeddedDynamoDB) -> str:
    return embedded_dynamodb.endpoint


@pytest.fixture
def dynamodb_client(
    embedded_dynamodb: EmbeddedDynamoDB, monkeypatch: pytest.MonkeyPatch
) -> DynamoDBClient:
    """The production client configuration (timeouts, 2 attempts), on an emptied moto.

    DYNAMODB_ENDPOINT is set too, so a skill configured from the environment uses it.
    """
    embedded_dynamodb.reset()
    monkeypatch.setenv("DYNAMODB_ENDPOINT", embedded_dynamodb.endpoint)
    monkeypatch.setenv("PROGRESS_TABLE", TABLE_NAME)
    return embedded_dynamodb.client()


@pytest.fixture
def progress_store(dynamodb_client: DynamoDBClient) -> DynamoProgressStore:
    """A DynamoProgressStore on a fresh table declared by infra/template.yaml."""
    create_table_from_template(dynamodb_client, TABLE_NAME)
    return DynamoProgressStore(TABLE_NAME, dynamodb_client)


@pytest.fixture
def dynamodb_calls(dynamodb_client: DynamoDBClient) -> Iterator[Counter[str]]:
    """API calls made through ``dynamodb_client``, by operation name (one per call, not per
    retry). Call ``.clear()`` before the part of a test being measured."""
    counter = CallCounter()
    counter.attach(dynamodb_client)
    yield counter.calls
    counter.detach(dynamodb_client)


# --- faults, injected before the request is sent so botocore's real retry path runs ---


class _Body:
    """A response body botocore can stream."""

    def __init__(self, payload: bytes) -> None:
        self._payload = payload

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._payload


def throttled_response(request: Any) -> AWSResponse:
    """What DynamoDB answers when it throttles: botocore retries it like the real thing."""
    body = json.dumps(
        {
            "__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException",
            "message": "Rate exceeded",
        }
    ).encode()
    headers = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-RequestId": "throttled"}
    return AWSResponse(request.url, 400, HTTPHeaders.from_dict(headers), _Body(body))


@pytest.fixture
def no_retry_waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Skip botocore's backoff between attempts (it sleeps in botocore.endpoint)."""
    waits: list[float] = []
    monkeypatch.setattr("botocore.endpoint.time.sleep", waits.append)
    return waits
