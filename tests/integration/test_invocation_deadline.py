"""A turn ends by its invocation's deadline (`Lambda-Runtime-Deadline-Ms`, read through the
context's `get_remaining_time_in_millis`), not only by the skill's own 6.5 s: an invocation
with less time left (it waited, or the function was given a shorter timeout) is still
answered before Lambda ends it, against peers that drip their answers."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import pytest

from backstretch.alexa_api.client import HttpsAlexaApi
from backstretch.progress.dynamodb import DynamoProgressStore, progress_client
from backstretch.progress.memory import InMemoryProgressStore
from backstretch.skill.config import SkillConfig
from backstretch.skill.handlers import EventNotProcessed
from backstretch.skill.service import BackStretchSkill
from tests.support.envelopes import AlexaConversation, speech_of
from tests.support.fault_servers import fault_server, http_answer

SECONDS_LEFT = 2.5
# Less than one call to Alexa's APIs may take by itself (0.5 s to connect, 1 s to read).
SECONDS_LEFT_FOR_ALEXA = 1.3


@dataclass
class LambdaContext:
    """What Lambda's runtime client hands the handler, as far as the deadline goes."""

    seconds_left: float
    deadline: float = field(init=False)

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.seconds_left

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.deadline - time.monotonic()) * 1000))


@pytest.fixture(autouse=True)
def _no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """botocore's retry backoff is real time; the deadline is what is under test."""
    monkeypatch.setattr("botocore.endpoint.time.sleep", lambda _: None)


def test_a_dripping_directive_api_cannot_hold_a_launch_past_its_invocations_deadline(
    tls_server_context: Any,
) -> None:
    dripping = http_answer("204 No Content", b"", "application/json")
    skill = BackStretchSkill(SkillConfig(), api=HttpsAlexaApi(), store=InMemoryProgressStore())
    with fault_server(dripping, every=0.3, tls=tls_server_context) as api:
        alexa = AlexaConversation(api_endpoint=api.url)
        context = LambdaContext(SECONDS_LEFT_FOR_ALEXA)
        response = skill.handle_payload(alexa.launch(), context)
        left = context.get_remaining_time_in_millis()

    assert left > 0, "Lambda would have ended the invocation before it answered"
    assert "hip flexor" in speech_of(response)  # the hold is said in full instead


def test_a_deletion_on_a_dripping_table_gives_up_before_the_invocation_ends() -> None:
    dripping = http_answer("200 OK", b"{}", "application/x-amz-json-1.0")
    event = {"type": "AlexaSkillEvent.SkillDisabled", "body": {}}
    with fault_server(dripping, every=0.2) as table:
        store = DynamoProgressStore("progress", progress_client(table.url, "us-east-1"))
        skill = BackStretchSkill(SkillConfig(), api=HttpsAlexaApi(), store=store)
        context = LambdaContext(SECONDS_LEFT)
        with pytest.raises(EventNotProcessed):
            skill.handle_payload(AlexaConversation().envelope(event, with_session=False), context)
        left = context.get_remaining_time_in_millis()

    assert left > 0, "Lambda would have ended the invocation: no failure reported to Alexa"
