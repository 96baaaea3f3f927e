"""Checking that a payload is an Alexa request envelope before anything else reads it."""

from __future__ import annotations

import json
from typing import Any

from ask_sdk_model.request import Request

from backstretch.turn.session import nested_deeper_than

# Request types the skill answers with speech; every other known type gets an empty response.
SPOKEN_REQUEST_TYPES = frozenset(
    {"LaunchRequest", "IntentRequest", "SessionEndedRequest", "Alexa.Presentation.APL.UserEvent"}
)
# Alexa's own envelopes nest about ten levels (a slot's resolutions are the deepest), our
# session attributes a few more. Anything far deeper is not Alexa's: ask-sdk and the skill
# read envelopes recursively, and hundreds of levels end in a RecursionError mid-turn.
MAX_ENVELOPE_DEPTH = 64


class MalformedRequest(ValueError):
    """The payload is not a well-formed Alexa request; str(exc) says why."""


def parse_envelope(payload: bytes | str | Any) -> dict[str, Any]:
    """Parse and shape-check an Alexa request envelope (JSON text or an already parsed dict).

    >>> parse_envelope(b'{"version": "1.0", "request": {"type": "LaunchRequest",'
    ...     b' "requestId": "r", "timestamp": "2026-01-01T00:00:00Z"}}')["request"]["type"]
    'LaunchRequest'
    """
    if isinstance(payload, bytes | str):
        try:
            payload = json.loads(payload)
        except (UnicodeDecodeError, ValueError) as exc:
            raise MalformedRequest(f"body is not JSON: {exc}") from exc
        except RecursionError as exc:  # `json` recurses: a few thousand "[" are enough
            raise MalformedRequest("body is nested too deeply") from exc
    if not isinstance(payload, dict):
        raise MalformedRequest("body is not a JSON object")
    if nested_deeper_than(payload, MAX_ENVELOPE_DEPTH):
        raise MalformedRequest(f"body is nested more than {MAX_ENVELOPE_DEPTH} levels deep")
    request = payload.get("request")
    if not isinstance(payload.get("version"), str) or not isinstance(request, dict):
        raise MalformedRequest("not an Alexa request: needs 'version' and a 'request' object")
    for field in ("type", "requestId", "timestamp"):
        if not isinstance(request.get(field), str) or not request[field]:
            raise MalformedRequest(f"not an Alexa request: request.{field} is missing")
    for optional in ("session", "context"):
        if optional in payload and not isinstance(payload[optional], dict | None):
            raise MalformedRequest(f"'{optional}' must be an object")
    return payload


def is_known_request_type(request_type: str) -> bool:
    """Whether ask-sdk can deserialize this request type (it raises on unknown ones)."""
    return request_type in Request.discriminator_value_class_map


def request_type(envelope: dict[str, Any]) -> str:
    return str(envelope["request"]["type"])


def envelope_skill_ids(envelope: dict[str, Any]) -> list[str | None]:
    """The skill ids a request is addressed to: its context's, and its session's if it has one.

    >>> envelope_skill_ids({"context": {"System": {"application": {"applicationId": "a"}}},
    ...                     "session": {"application": {"applicationId": "b"}}})
    ['a', 'b']
    """
    holders: list[Any] = [(envelope.get("context") or {}).get("System")]
    if envelope.get("session") is not None:
        holders.append(envelope["session"])
    ids: list[str | None] = []
    for holder in holders:
        application = holder.get("application") if isinstance(holder, dict) else None
        value = application.get("applicationId") if isinstance(application, dict) else None
        ids.append(value if isinstance(value, str) else None)
    return ids
