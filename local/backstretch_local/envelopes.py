"""Alexa request envelopes, built the way Alexa sends them, one session at a time.

The terminal chat, the browser simulator and the tests all build their requests here, so
there is one idea of what Alexa sends.

    >>> alexa = AlexaConversation(api_endpoint="https://127.0.0.1:8443")
    >>> alexa.launch()["request"]["type"]
    'LaunchRequest'
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from backstretch.turn.session import SessionAttributes

LOCAL_SKILL_ID = "amzn1.ask.skill.00000000-local-back-stretch"
LOCAL_USER_ID = "amzn1.ask.account.LOCAL-USER"
LOCAL_DEVICE_ID = "amzn1.ask.device.LOCAL-DEVICE"
LOCAL_API_TOKEN = "local-api-token"  # noqa: S105 - a placeholder the local fake accepts
_ids = itertools.count(1)


DialogState = Literal["STARTED", "IN_PROGRESS", "COMPLETED"]


@dataclass(frozen=True)
class SlotResolution:
    """Entity resolution of a custom slot's value: the listed value's id and name when what
    was said is a value or synonym of the type (ER_SUCCESS_MATCH), none when it is not
    (ER_SUCCESS_NO_MATCH)."""

    slot_type: str
    id: str | None = None
    name: str | None = None

    def to_json(self, skill_id: str) -> dict[str, Any]:
        authority: dict[str, Any] = {
            "authority": f"amzn1.er-authority.echo-sdk.{skill_id}.{self.slot_type}",
            "status": {"code": "ER_SUCCESS_MATCH" if self.id else "ER_SUCCESS_NO_MATCH"},
        }
        if self.id:
            authority["values"] = [{"value": {"name": self.name or self.id, "id": self.id}}]
        return {"resolutionsPerAuthority": [authority]}


@dataclass(frozen=True)
class HeardSlot:
    """A slot as Alexa sends it: what was heard (None: declared but not filled), and for a
    custom slot type its resolution."""

    value: str | None = None
    resolution: SlotResolution | None = None


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
        return self.heard_intent(name, {key: HeardSlot(value) for key, value in slots.items()})

    def heard_intent(
        self,
        name: str,
        slots: Mapping[str, HeardSlot],
        dialog_state: DialogState = "COMPLETED",
    ) -> dict[str, Any]:
        """An IntentRequest with its slots as Alexa fills them (custom slots resolved), and
        where a dialog stands: STARTED for an intent of the dialog model, IN_PROGRESS for
        the answer to the skill's Dialog.ElicitSlot."""
        intent: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
        if slots:
            intent["slots"] = {key: self._slot(key, slot) for key, slot in slots.items()}
        return self.envelope(
            {"type": "IntentRequest", "dialogState": dialog_state, "intent": intent}
        )

    def _slot(self, key: str, slot: HeardSlot) -> dict[str, Any]:
        heard: dict[str, Any] = {"name": key, "confirmationStatus": "NONE"}
        if slot.value is not None:
            heard["value"] = slot.value
            if slot.resolution is not None:
                heard["resolutions"] = slot.resolution.to_json(self.skill_id)
        return heard

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


def elicited_slot(response: dict[str, Any]) -> tuple[str, str, dict[str, str | None]] | None:
    """The slot a response's ``Dialog.ElicitSlot`` asks for: (intent, slot, the values of
    the updated intent's slots so far); None when the response asks for none."""
    for directive in response.get("response", {}).get("directives") or ():
        if not isinstance(directive, dict) or directive.get("type") != "Dialog.ElicitSlot":
            continue
        intent = directive.get("updatedIntent") or {}
        slot, name = directive.get("slotToElicit"), intent.get("name")
        if isinstance(slot, str) and isinstance(name, str):
            known = {
                str(key): held.get("value") if isinstance(held, dict) else None
                for key, held in (intent.get("slots") or {}).items()
            }
            return name, slot, known
    return None


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
