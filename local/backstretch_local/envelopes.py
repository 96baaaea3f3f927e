"""Alexa request envelopes, built the way Alexa sends them, one session at a time.

The terminal chat, the browser simulator and the tests all build their requests here, so
there is one idea of what Alexa sends.

    >>> alexa = AlexaConversation(api_endpoint="https://127.0.0.1:8443")
    >>> alexa.launch()["request"]["type"]
    'LaunchRequest'
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from backstretch.turn.session import SessionAttributes

LOCAL_SKILL_ID = "amzn1.ask.skill.00000000-local-back-stretch"
LOCAL_USER_ID = "amzn1.ask.account.LOCAL-USER"
LOCAL_DEVICE_ID = "amzn1.ask.device.LOCAL-DEVICE"
LOCAL_API_TOKEN = "local-api-token"  # noqa: S105 - a placeholder the local fake accepts
_ids = itertools.count(1)


def timestamp(moment: datetime | None = None) -> str:
    """A request timestamp as Alexa writes it: UTC, to the second."""
    return (moment or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_session_id() -> str:
    return f"amzn1.echo-api.session.{next(_ids)}"


@dataclass
class AlexaConversation:
    """Builds the envelopes of one session, carrying session attributes between turns."""

    api_endpoint: str | None = None
    api_access_token: str | None = LOCAL_API_TOKEN
    locale: str = "en-US"
    user_id: str = LOCAL_USER_ID
    skill_id: str = LOCAL_SKILL_ID
    device_id: str = LOCAL_DEVICE_ID
    session_id: str = field(default_factory=new_session_id)
    attributes: dict[str, Any] = field(default_factory=dict)
    new: bool = True
    now: datetime | None = None
    granted: set[str] = field(default_factory=set)  # permission scopes the person allowed
    screen: bool = False  # an Echo Show: lists APL among its interfaces

    def envelope(self, request: dict[str, Any], *, with_session: bool = True) -> dict[str, Any]:
        user: dict[str, Any] = {"userId": self.user_id}
        if self.granted:
            user["permissions"] = {
                "scopes": {scope: {"status": "GRANTED"} for scope in sorted(self.granted)}
            }
        interfaces = {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "2024.2"}}}
        system: dict[str, Any] = {
            "application": {"applicationId": self.skill_id},
            "user": user,
            "device": {
                "deviceId": self.device_id,
                "supportedInterfaces": interfaces if self.screen else {},
            },
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

    def intent(self, name: str, **slots: str | None) -> dict[str, Any]:
        """An IntentRequest; a slot given as None was declared but not filled (no value)."""
        intent: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
        if slots:
            intent["slots"] = {
                key: {"name": key, "confirmationStatus": "NONE"}
                | ({} if value is None else {"value": value})
                for key, value in slots.items()
            }
        return self.envelope(
            {"type": "IntentRequest", "dialogState": "COMPLETED", "intent": intent}
        )

    def permission_answer(self, status: str, token: str) -> dict[str, Any]:
        """Alexa's answer to a voice permission request (``Connections.SendRequest`` AskFor):
        ACCEPTED, DENIED or NOT_ANSWERED, with the request's token handed back."""
        return self.envelope(
            {
                "type": "Connections.Response",
                "name": "AskFor",
                "status": {"code": "200", "message": "OK"},
                "payload": {"status": status, "isCardThrown": "false"},
                "token": token,
            }
        )

    def session_ended(self, reason: str = "USER_INITIATED") -> dict[str, Any]:
        return self.envelope({"type": "SessionEndedRequest", "reason": reason})

    @property
    def carried(self) -> SessionAttributes:
        """What the session carries now, read as the skill reads it."""
        return SessionAttributes.read(self.attributes)

    def carry(self, response: dict[str, Any]) -> dict[str, Any]:
        """Take the session attributes a response hands back, as Alexa does."""
        self.attributes = dict(response.get("sessionAttributes") or {})
        self.new = False
        return response


def speech_of(response: dict[str, Any]) -> str:
    """The SSML of a response's output speech ('' when there is none)."""
    speech = response.get("response", {}).get("outputSpeech") or {}
    return str(speech.get("ssml", ""))


def reprompt_of(response: dict[str, Any]) -> str:
    """The SSML of a response's reprompt ('' when there is none)."""
    reprompt = response.get("response", {}).get("reprompt") or {}
    speech = reprompt.get("outputSpeech") or {}
    return str(speech.get("ssml", ""))


def ends_session(response: dict[str, Any]) -> bool:
    """Whether Alexa closes the session after this response."""
    return bool(response.get("response", {}).get("shouldEndSession"))
