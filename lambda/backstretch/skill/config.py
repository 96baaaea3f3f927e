"""The skill's settings, read once from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class SkillConfig:
    """Settings shared by the Lambda handler and the local endpoint.

    >>> SkillConfig.from_env({"SKILL_ID": "amzn1.ask.skill.x"}).skill_id
    'amzn1.ask.skill.x'
    >>> SkillConfig.from_env({}).screens, SkillConfig.from_env({"SCREENS": "off"}).screens
    (True, False)
    """

    skill_id: str | None = None
    # Outbound calls to Alexa's APIs must all fit in this, well under Alexa's ~8 s.
    alexa_api_budget_seconds: float = 3.0
    log_level: str = "INFO"
    table_name: str = "backstretch-progress"
    dynamodb_endpoint: str | None = None  # None: AWS's own endpoint for the region
    region: str = "us-east-1"
    # Where a write owed when a session ends is left (an SQS queue's URL); None: nowhere.
    outbox_queue_url: str | None = None
    sqs_endpoint: str | None = None  # None: AWS's own endpoint for the region
    on_lambda: bool = False  # JSON logs, and CloudWatch metrics as EMF on stdout
    metrics_namespace: str = "BackStretchCoach"
    service_name: str = "back-stretch-coach"
    # What a screen shows (APL) beside the speech; off (SCREENS=off) only to rule screens out
    # when a device misbehaves: a speaker gets the same responses either way.
    screens: bool = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SkillConfig:
        env = os.environ if environ is None else environ
        return cls(
            skill_id=env.get("SKILL_ID") or None,
            alexa_api_budget_seconds=float(env.get("ALEXA_API_BUDGET_SECONDS", "3.0")),
            log_level=env.get("LOG_LEVEL", "INFO").upper(),
            table_name=env.get("PROGRESS_TABLE", cls.table_name),
            dynamodb_endpoint=env.get("DYNAMODB_ENDPOINT") or None,
            outbox_queue_url=env.get("OUTBOX_QUEUE_URL") or None,
            sqs_endpoint=env.get("SQS_ENDPOINT") or None,
            region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or cls.region,
            on_lambda=bool(env.get("AWS_LAMBDA_FUNCTION_NAME")),
            metrics_namespace=env.get("METRICS_NAMESPACE", cls.metrics_namespace),
            service_name=env.get("SERVICE_NAME", cls.service_name),
            screens=env.get("SCREENS", "on").strip().lower() not in ("off", "0", "false", "no"),
        )
