"""The outbox's consumer: Lambda hands it a batch of SQS messages, it makes each write.

Each message is a write a session could not make before it ended (``backstretch.coaching
.outbox``). A write made is a message done; one the table still cannot take is reported
in ``batchItemFailures`` (the event source's ``ReportBatchItemFailures``), so SQS hands it
back after its visibility timeout, and after too many tries to the dead-letter queue.
"""

from __future__ import annotations

import logging
from enum import Enum
from typing import Any

from backstretch.coaching.outbox import OwedWrite, make_owed_write
from backstretch.progress.dynamodb import DynamoProgressStore, progress_client
from backstretch.progress.errors import ProfileConflict, ProgressUnavailable
from backstretch.progress.store import ProgressStore
from backstretch.skill.config import SkillConfig

logger = logging.getLogger(__name__)


class Made(Enum):
    """What became of one message."""

    WRITTEN = "written"  # done: SQS deletes it
    AGAIN = "again"  # back to the queue
    TABLE_DOWN = "table_down"  # back to the queue, and the rest of the batch with it
    DROPPED = "dropped"  # done without writing: the person's data was deleted since


class OutboxConsumer:
    """Makes the writes of one batch, in order, and says which messages must come back.

    >>> OutboxConsumer(store=None).handle_batch({"Records": []})  # type: ignore[arg-type]
    {'batchItemFailures': []}
    """

    def __init__(self, store: ProgressStore) -> None:
        self._store = store

    @classmethod
    def from_config(cls, config: SkillConfig) -> OutboxConsumer:
        client = progress_client(config.dynamodb_endpoint, config.region)
        return cls(DynamoProgressStore(config.table_name, client))

    def handle_batch(self, event: Any) -> dict[str, list[dict[str, str]]]:
        """Lambda's SQS event in, the messages to hand back out (none when all were made)."""
        records = event.get("Records") if isinstance(event, dict) else None
        failed: list[str] = []
        made = Made.WRITTEN
        for record in records if isinstance(records, list) else []:
            message_id = record.get("messageId") if isinstance(record, dict) else None
            if not isinstance(message_id, str):
                continue  # nothing to name it by: SQS would not have sent it
            # Once the table failed, the rest of the batch waits too: each try would cost
            # seconds of the consumer's time for the same answer.
            if made is not Made.TABLE_DOWN:
                made = self._make(message_id, record.get("body"))
            if made in (Made.AGAIN, Made.TABLE_DOWN):
                failed.append(message_id)
        return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failed]}

    def _make(self, message_id: str, body: Any) -> Made:
        owed = OwedWrite.from_message(body) if isinstance(body, str) else None
        if owed is None:
            # Not ours, or from a version that no longer reads: after its tries it rests in
            # the dead-letter queue, where someone can look at it.
            logger.error("outbox message %s unreadable", message_id)
            return Made.AGAIN
        try:
            if self._store.was_deleted(owed.user_id):
                # They disabled the skill after this was queued: it must not come back.
                logger.info("outbox message %s dropped: the person's data was deleted", message_id)
                return Made.DROPPED
            make_owed_write(self._store, owed)
        except ProfileConflict as error:
            logger.warning("outbox message %s lost the version check twice: %s", message_id, error)
            return Made.AGAIN
        except ProgressUnavailable as error:
            logger.warning("outbox message %s not written yet: %s", message_id, error)
            return Made.TABLE_DOWN
        logger.info("outbox message %s written (%s)", message_id, owed.save.kind)
        return Made.WRITTEN
