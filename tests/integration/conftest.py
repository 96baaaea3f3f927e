"""The integration tier's fixtures: moto's DynamoDB, the fake Alexa API over HTTPS, the local
Alexa PKI. Imported here (not in tests/conftest.py) so the unit tier never loads them."""

from tests.support.alexa_signing import alexa_pki, alexa_signer
from tests.support.dynamodb import (
    dynamodb_calls,
    dynamodb_client,
    embedded_dynamodb,
    moto_endpoint,
    no_retry_waits,
    progress_store,
)
from tests.support.fake_alexa_api import fake_alexa_api, fake_alexa_tls, tls_server_context

__all__ = [
    "alexa_pki",
    "alexa_signer",
    "dynamodb_calls",
    "dynamodb_client",
    "embedded_dynamodb",
    "fake_alexa_api",
    "fake_alexa_tls",
    "moto_endpoint",
    "no_retry_waits",
    "progress_store",
    "tls_server_context",
]
