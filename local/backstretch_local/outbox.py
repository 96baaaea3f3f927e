"""The outbox on a laptop: the template's queues on moto's SQS, and a loop that feeds their
messages to the consumer as Lambda's SQS event source does.

The embedded moto server of `backstretch serve` answers SQS as well as DynamoDB. The queue
is made from infra/template.yaml's ``OutboxQueue`` (and its dead-letter queue), and
``OutboxPoller`` plays Lambda's part: receive a batch, hand it to
``lambda_function.outbox_handler``'s consumer as an SQS event, delete what was written, and
leave what was not for a later try. One difference, for a laptop: a message that failed
comes back after a few seconds rather than the queue's visibility timeout.

    poller = OutboxPoller(client, queue_url, OutboxConsumer(store))
    poller.start()  # ... poller.stop()
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

import botocore.session
from botocore.config import Config

from backstretch.skill.outbox_consumer import OutboxConsumer
from backstretch_local.table import load_template

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5  # a failed write is tried again this soon on a laptop
POLL_WAIT_SECONDS = 1  # long polling: an empty queue is asked once a second
_BATCH = 10  # Lambda's default batch size for SQS, and ReceiveMessage's limit


def create_outbox_from_template(client: Any, queue_name: str) -> str:
    """Create ``queue_name`` and its dead-letter queue as infra/template.yaml declares them;
    the queue's URL."""
    resources = load_template()["Resources"]
    queue = resources["OutboxQueue"]["Properties"]
    dead = resources["OutboxDeadLetterQueue"]["Properties"]
    dead_url = client.create_queue(
        QueueName=f"{queue_name}-dlq",
        Attributes={"MessageRetentionPeriod": str(dead["MessageRetentionPeriod"])},
    )["QueueUrl"]
    dead_arn = queue_arn(client, dead_url)
    tries = queue["RedrivePolicy"]["maxReceiveCount"]
    redrive = json.dumps({"deadLetterTargetArn": dead_arn, "maxReceiveCount": str(tries)})
    url: str = client.create_queue(
        QueueName=queue_name,
        Attributes={
            "VisibilityTimeout": str(queue["VisibilityTimeout"]),
            "MessageRetentionPeriod": str(queue["MessageRetentionPeriod"]),
            "SqsManagedSseEnabled": str(queue["SqsManagedSseEnabled"]).lower(),
            "RedrivePolicy": redrive,
        },
    )["QueueUrl"]
    return url


def queue_arn(client: Any, queue_url: str) -> str:
    """The queue's ARN, as Lambda's event source names it."""
    arn: str = client.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    return arn


def sqs_event(messages: list[dict[str, Any]], queue_arn: str, region: str) -> dict[str, Any]:
    """ReceiveMessage's messages as Lambda's SQS event source hands them to a function."""
    return {
        "Records": [
            {
                "messageId": message["MessageId"],
                "receiptHandle": message["ReceiptHandle"],
                "body": message["Body"],
                "attributes": message.get("Attributes", {}),
                "messageAttributes": {},
                "md5OfBody": message["MD5OfBody"],
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": region,
            }
            for message in messages
        ]
    }


class OutboxPoller:
    """Lambda's SQS event source, for one queue and one consumer, on a background thread."""

    def __init__(
        self, client: Any, queue_url: str, consumer: OutboxConsumer, region: str = "us-east-1"
    ) -> None:
        self._client = client
        self._queue_url = queue_url
        self._consumer = consumer
        self._region = region
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._queue_arn = queue_arn(client, queue_url)

    @classmethod
    def on(
        cls, endpoint: str | None, region: str, queue_url: str, consumer: OutboxConsumer
    ) -> OutboxPoller:
        """A poller with a client of its own: a long poll waits longer than the skill's
        sends may."""
        config = Config(connect_timeout=1, read_timeout=POLL_WAIT_SECONDS + 5)
        session = botocore.session.get_session()
        client = session.create_client(
            "sqs", endpoint_url=endpoint, region_name=region, config=config
        )
        return cls(client, queue_url, consumer, region)

    def poll_once(self, wait_seconds: int = 0) -> int:
        """One batch: receive, consume, delete what was written; how many were written."""
        answer = self._client.receive_message(
            QueueUrl=self._queue_url,
            MaxNumberOfMessages=_BATCH,
            WaitTimeSeconds=wait_seconds,
            AttributeNames=["All"],
        )
        messages = answer.get("Messages", [])
        if not messages:
            return 0
        result = self._consumer.handle_batch(sqs_event(messages, self._queue_arn, self._region))
        failed = {failure["itemIdentifier"] for failure in result["batchItemFailures"]}
        for message in messages:
            if message["MessageId"] in failed:
                self._client.change_message_visibility(
                    QueueUrl=self._queue_url,
                    ReceiptHandle=message["ReceiptHandle"],
                    VisibilityTimeout=RETRY_AFTER_SECONDS,
                )
            else:
                self._client.delete_message(
                    QueueUrl=self._queue_url, ReceiptHandle=message["ReceiptHandle"]
                )
        return len(messages) - len(failed)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="outbox-poller", daemon=True)
        self._thread.start()
        logger.info("outbox consumer polling %s", self._queue_url)

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.poll_once(wait_seconds=POLL_WAIT_SECONDS)
            except Exception:  # the loop outlives any one failure, as Lambda's poller does
                logger.exception("outbox poll failed")
                self._stopping.wait(RETRY_AFTER_SECONDS)
