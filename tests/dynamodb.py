"""Pytest fixtures for progress storage: a moto DynamoDB table built from infra/template.yaml.

The table is created from the template's own ``ProgressTable`` declaration, so the tests and
the deployed infrastructure cannot drift apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest
from moto import mock_aws

from backstretch.progress.dynamodb import DynamoProgressStore, progress_client
from backstretch.progress.table import create_table_from_template

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient
TABLE_NAME = "backstretch-test-progress"


@pytest.fixture
def dynamodb_client() -> Iterator[DynamoDBClient]:
    """The production client configuration (timeouts, 2 attempts), talking to moto in-process."""
    with mock_aws():
        yield progress_client(None, "us-east-1")


@pytest.fixture
def progress_store(dynamodb_client: DynamoDBClient) -> DynamoProgressStore:
    """A DynamoProgressStore on a fresh table declared by infra/template.yaml."""
    create_table_from_template(dynamodb_client, TABLE_NAME)
    return DynamoProgressStore(TABLE_NAME, dynamodb_client)


@pytest.fixture
def dynamodb_calls(dynamodb_client: DynamoDBClient) -> Iterator[Counter[str]]:
    """API calls made through ``dynamodb_client``, by operation name (one per call, not per
    retry). Call ``.clear()`` before the part of a test being measured."""
    calls: Counter[str] = Counter()

    def count(model: Any, **_: Any) -> None:
        calls[model.name] += 1

    dynamodb_client.meta.events.register("before-call.dynamodb", count)
    yield calls
    dynamodb_client.meta.events.unregister("before-call.dynamodb", count)
