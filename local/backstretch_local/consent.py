"""Alexa's side of a voice permission request, played locally by the chat and the simulator.

When the skill answers with a ``Connections.SendRequest`` directive named ``AskFor``, a real
device asks the person in Alexa's own words and sends the answer back as a
``Connections.Response``. Locally, the tool asks the question below, takes the person's next
phrase as the answer ("yes" allows, "no" refuses, anything else is no answer) and sends the
same request Alexa would.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backstretch_local.utterances import Utterance

QUESTION = "To do that, Back Stretch Coach needs your permission to set reminders. Do you allow it?"
ACCEPTED, DENIED, NOT_ANSWERED = "ACCEPTED", "DENIED", "NOT_ANSWERED"


@dataclass(frozen=True)
class PermissionRequest:
    """What the skill asked Alexa to ask: the scopes, and the token Alexa hands back."""

    token: str
    scopes: frozenset[str]


def permission_request(response: dict[str, Any]) -> PermissionRequest | None:
    """The voice permission request a response carries, if any."""
    for directive in response.get("response", {}).get("directives") or ():
        if directive.get("type") == "Connections.SendRequest" and directive.get("name") == "AskFor":
            payload = directive.get("payload") or {}
            scopes = frozenset(
                str(scope.get("permissionScope"))
                for scope in payload.get("permissionScopes") or ()
                if isinstance(scope, dict)
            )
            return PermissionRequest(str(directive.get("token") or ""), scopes)
    return None


def consent_status(answer: Utterance) -> str:
    """What Alexa reports for the person's answer to its question."""
    if answer.intent == "AMAZON.YesIntent":
        return ACCEPTED
    if answer.intent == "AMAZON.NoIntent":
        return DENIED
    return NOT_ANSWERED
