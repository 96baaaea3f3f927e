"""Real Alexa request envelopes for tests: the package's builder, with the tests' own ids."""

from __future__ import annotations

from dataclasses import dataclass

from backstretch_local.envelopes import AlexaConversation as LocalConversation
from backstretch_local.envelopes import speech_of, timestamp

SKILL_ID = "amzn1.ask.skill.00000000-test-back-stretch"
USER_ID = "amzn1.ask.account.TESTUSER"
DEVICE_ID = "amzn1.ask.device.TESTDEVICE"

__all__ = ["DEVICE_ID", "SKILL_ID", "USER_ID", "AlexaConversation", "speech_of", "timestamp"]


@dataclass
class AlexaConversation(LocalConversation):
    """One session's envelopes, addressed to the test skill id from the test user."""

    api_access_token: str | None = "test-api-token"
    user_id: str = USER_ID
    skill_id: str = SKILL_ID
    device_id: str = DEVICE_ID
