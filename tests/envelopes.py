"""Real Alexa request envelopes for tests, built the way Alexa sends them."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

SKILL_ID = "amzn1.ask.skill.00000000-test-back-stretch"
USER_ID = "amzn1.ask.account.TESTUSER"
DEVICE_ID = "amzn1.ask.device.TESTDEVICE"
_ids = itertools.count(1)


def timestamp(moment: datetime | None = None) -> str:
    return (moment or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class AlexaConversation:
    """Builds the envelopes of one session, carrying session attributes between turns."""

    api_endpoint: str | None = None
    api_access_token: str | None = "test-api-token"
    locale: str = "en-US"
    user_id: str = USER_ID
    skill_id: str = SKILL_ID
    session_id: str = field(default_factory=lambda: f"amzn1.echo-api.session.{next(_ids)}")
    attributes: dict[str, Any] = field(default_factory=dict)
    new: bool = True
    now: datetime | None = None

    def envelope(self, request: dict[str, Any], *, with_session: bool = True) -> dict[str, Any]:
        system: dict[str, Any] = {
            "application": {"applicationId": self.skill_id},
            "user": {"userId": self.user_id},
            "device": {"deviceId": DEVICE_ID, "supportedInterfaces": {}},
        }
        if self.api_endpoint:
            system["apiEndpoint"] = self.api_endpoint
        if self.api_access_token:
            system["apiAccessToken"] = self.api_access_token
        body: dict[str, Any] = {
            "version": "1.0",
            "context": {"System": system},
            "request": {
                "requestId": f"amzn1.echo-api.request.{next(_ids)}",
                "timestamp": timestamp(self.now),
                "locale": self.locale,
                **request,
            },
        }
        if with_session:
            body["session"] = {
                "new": self.new,
                "sessionId": self.session_id,
                "application": {"applicationId": self.skill_id},
                "user": {"userId": self.user_id},
                "attributes": dict(self.attributes),
            }
        return body

    def launch(self) -> dict[str, Any]:
        return self.envelope({"type": "LaunchRequest"})

    def intent(self, name: str, **slots: str) -> dict[str, Any]:
        intent: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
        if slots:
            intent["slots"] = {
                key: {"name": key, "value": value, "confirmationStatus": "NONE"}
                for key, value in slots.items()
            }
        return self.envelope(
            {"type": "IntentRequest", "dialogState": "COMPLETED", "intent": intent}
        )

    def session_ended(self, reason: str = "USER_INITIATED") -> dict[str, Any]:
        return self.envelope({"type": "SessionEndedRequest", "reason": reason})

    def carry(self, response: dict[str, Any]) -> dict[str, Any]:
        """Take the session attributes a response hands back, as Alexa does."""
        self.attributes = dict(response.get("sessionAttributes") or {})
        self.new = False
        return response


def speech_of(response: dict[str, Any]) -> str:
    """The SSML of a response's output speech ('' when there is none)."""
    speech = response.get("response", {}).get("outputSpeech") or {}
    return str(speech.get("ssml", ""))
