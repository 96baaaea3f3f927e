"""Outbox on one Amazon SQS queue, through a low-level botocore client.

The queue (``OutboxQueue`` in infra/template.yaml) is encrypted at rest, keeps a message for
four days and hands one that keeps failing to a dead-letter queue; the function that sends
may only ``SendMessage`` to it. A send is made inside a turn, after storage has already
failed, so its timeouts are tighter than the table's: SQS answers a send in milliseconds.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any, Final

import botocore.session
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from backstretch.progress.outbox import OutboxUnavailable

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT_SECONDS: Final = 0.3
READ_TIMEOUT_SECONDS: Final = 0.7
ATTEMPTS: Final = 2
# The longest one send can take when SQS hangs (retry backoff aside, well under 0.3 s).
WORST_CALL_SECONDS: Final = ATTEMPTS * (CONNECT_TIMEOUT_SECONDS + READ_TIMEOUT_SECONDS) + 0.3


def outbox_client(endpoint_url: str | None, region: str) -> Any:
    """An SQS client that gives up in time for the turn: ~2.3 s at worst, two attempts.

    >>> queue_url = "https://sqs.us-east-1.amazonaws.com/123456789012/backstretch-dev-outbox"
    >>> outbox = SqsOutbox(queue_url, outbox_client(None, "us-east-1"))
    """
    config = Config(
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        read_timeout=READ_TIMEOUT_SECONDS,
        retries={"mode": "standard", "total_max_attempts": ATTEMPTS},
    )
    session = botocore.session.get_session()  # botocore's own, as the table's client: no boto3
    return session.create_client(
        "sqs", endpoint_url=endpoint_url, region_name=region, config=config
    )


class SqsOutbox:
    """``Outbox`` on one queue. A send counts as kept only when SQS answered it as SQS does:
    with a message id and the MD5 of the very body sent (a proxy's page or an answer cut
    short parses as an empty success, and must not be taken for one)."""

    worst_call_seconds = WORST_CALL_SECONDS

    def __init__(self, queue_url: str, client: Any) -> None:
        self._queue_url = queue_url
        self._client = client

    def send(self, body: str) -> None:
        try:
            answer = self._client.send_message(QueueUrl=self._queue_url, MessageBody=body)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "Unknown")
            logger.warning("outbox send failed: %s", code)
            raise OutboxUnavailable(f"send failed: {code}") from error
        except BotoCoreError as error:
            logger.warning("outbox send failed: %s", type(error).__name__)
            raise OutboxUnavailable(f"send failed: {type(error).__name__}") from error
        digest = hashlib.md5(body.encode("utf-8"), usedforsecurity=False).hexdigest()
        if not answer.get("MessageId") or answer.get("MD5OfMessageBody") != digest:
            raise OutboxUnavailable("send answered without SQS's receipt of this body")
