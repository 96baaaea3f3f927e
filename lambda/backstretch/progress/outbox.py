"""The outbox port: somewhere durable to leave a write the table could not take in time.

A write owed when a session ends cannot wait for another turn of it: it is handed to the
outbox (Amazon SQS on AWS, ``backstretch.progress.outbox_sqs``), and a consumer makes it once
the table answers again. The message is opaque text here; what it means is the coaching
layer's (``backstretch.coaching.outbox``).
"""

from __future__ import annotations

from typing import Protocol


class OutboxUnavailable(Exception):
    """The outbox did not take the message: unreachable, refused, throttled or too slow.

    Nothing was kept: the person must not be told their progress will be saved.
    """


class Outbox(Protocol):
    """A durable queue of writes still to make. ``send`` returns once the message is kept."""

    # The longest one send can take, failing slowly: a turn starts one only if this much
    # time is left before its deadline.
    worst_call_seconds: float

    def send(self, body: str) -> None:
        """Keep ``body`` until a consumer has made the write it describes.

        Raises ``OutboxUnavailable`` when it was not kept.
        """
        ...


class InMemoryOutbox:
    """``Outbox`` in a list, for tests of turns: ``down`` refuses every send.

    >>> outbox = InMemoryOutbox()
    >>> outbox.send('{"v": 1}')
    >>> outbox.messages
    ['{"v": 1}']
    """

    worst_call_seconds = 0.0

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.down = False

    def send(self, body: str) -> None:
        if self.down:
            raise OutboxUnavailable("the in-memory outbox is down")
        self.messages.append(body)
