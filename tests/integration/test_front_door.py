"""The skill's one way in: what became of a payload, whoever carried it (Lambda, POST /alexa).

In memory: the in-memory store and the fake Alexa API in process, no socket.
"""

from __future__ import annotations

from typing import Any

import pytest

from backstretch.progress.errors import ProgressUnavailable
from backstretch.progress.memory import InMemoryProgressStore
from backstretch.skill.config import SkillConfig
from backstretch.skill.handlers import EventNotProcessed
from backstretch.skill.service import BackStretchSkill, Outcome
from backstretch_local.fake_alexa import FakeAlexa
from tests.support.envelopes import SKILL_ID, AlexaConversation, speech_of


class UnreachableStore(InMemoryProgressStore):
    def delete_user(self, user_id: str) -> int:
        raise ProgressUnavailable("the table is unreachable")


def skill_on(store: InMemoryProgressStore) -> BackStretchSkill:
    api = FakeAlexa().in_process()
    return BackStretchSkill(SkillConfig(skill_id=SKILL_ID), api=api, store=store)


def skill_disabled() -> dict[str, Any]:
    event = {"type": "AlexaSkillEvent.SkillDisabled", "body": {}}
    return AlexaConversation().envelope(event, with_session=False)


def test_a_launch_is_answered_with_its_response() -> None:
    answer = skill_on(InMemoryProgressStore()).answer(AlexaConversation().launch())
    assert answer.outcome is Outcome.ANSWERED
    assert answer.body is not None and "Welcome to Back Stretch Coach" in speech_of(answer.body)


@pytest.mark.parametrize("payload", [b"{", "[]", {"version": "1.0", "request": {}}])
def test_what_is_not_an_envelope_is_malformed_and_says_why(payload: Any) -> None:
    answer = skill_on(InMemoryProgressStore()).answer(payload)
    assert (answer.outcome, answer.body) == (Outcome.MALFORMED, None)
    assert answer.reason


def test_a_request_for_another_skill_is_refused_unanswered() -> None:
    answer = skill_on(InMemoryProgressStore()).answer(AlexaConversation(skill_id="other").launch())
    assert (answer.outcome, answer.body) == (Outcome.WRONG_SKILL, None)


def test_a_deletion_that_failed_is_not_processed_and_lambda_raises_for_a_redelivery() -> None:
    skill = skill_on(UnreachableStore())
    assert skill.answer(skill_disabled()).outcome is Outcome.NOT_PROCESSED
    with pytest.raises(EventNotProcessed):
        skill.handle_payload(skill_disabled())
    assert skill_on(InMemoryProgressStore()).answer(skill_disabled()).outcome is Outcome.ANSWERED
