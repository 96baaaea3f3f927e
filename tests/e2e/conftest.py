"""The end-to-end tier's fixtures: the local Alexa PKI (to sign requests to a real `serve`
process), moto's DynamoDB (the table the Lambda bundle is played against) and the bundle,
built once for the session."""

from tests.support.alexa_signing import alexa_pki, alexa_signer
from tests.support.bundle import bundle
from tests.support.dynamodb import dynamodb_client, embedded_dynamodb, moto_endpoint, progress_store

__all__ = [
    "alexa_pki",
    "alexa_signer",
    "bundle",
    "dynamodb_client",
    "embedded_dynamodb",
    "moto_endpoint",
    "progress_store",
]
