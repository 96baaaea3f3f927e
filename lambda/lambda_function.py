"""AWS Lambda entry points: `lambda_function.lambda_handler` (the ASK CLI convention) answers
Alexa; `lambda_function.outbox_handler` makes the writes left in the outbox queue."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backstretch.observability import configure_logging
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill

if TYPE_CHECKING:  # the skill's own function never loads the consumer's code
    from backstretch.skill.outbox_consumer import OutboxConsumer

_skill: BackStretchSkill | None = None
_consumer: OutboxConsumer | None = None


def _config() -> SkillConfig:
    """The function's configuration, with logging set up for Lambda's log stream."""
    config = SkillConfig.from_env()
    if config.on_lambda:
        configure_logging(config.log_level, as_json=True)
    return config


def skill() -> BackStretchSkill:
    """The skill, built once per Lambda container on first use (nothing happens at import)."""
    global _skill  # one skill per process, by design
    if _skill is None:
        _skill = BackStretchSkill(_config())
    return _skill


def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    """Answer one Alexa request, whatever the payload.

    The one exception raised on purpose is `EventNotProcessed`, when a person's data could not
    be deleted after they disabled the skill: Lambda reports the failure and Alexa retries.
    """
    return skill().handle_payload(event, context)


def consumer() -> OutboxConsumer:
    """The outbox's consumer, built once per Lambda container on first use."""
    global _consumer  # one consumer per process, by design
    if _consumer is None:
        from backstretch.skill.outbox_consumer import OutboxConsumer

        _consumer = OutboxConsumer.from_config(_config())
    return _consumer


def outbox_handler(event: Any, context: Any) -> dict[str, Any]:
    """Make the writes of one SQS batch; the messages that must come back are named in
    ``batchItemFailures`` (the event source reports batch item failures)."""
    return consumer().handle_batch(event)
