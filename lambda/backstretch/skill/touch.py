"""A touch on the screen, as the spoken request it stands for.

Each button of a step screen sends an `Alexa.Presentation.APL.UserEvent` whose first argument
names the intent a person would have said ("AMAZON.NextIntent"). The skill reads it as that
IntentRequest, so a touch goes through `event_for` and the conversation exactly as the words
do: one way to do a thing. A touch that names anything else is heard as not understood.
"""

from __future__ import annotations

from ask_sdk_model import (
    DialogState,
    Intent,
    IntentConfirmationStatus,
    IntentRequest,
    RequestEnvelope,
)
from ask_sdk_model.interfaces.alexa.presentation.apl import UserEvent

USER_EVENT = "Alexa.Presentation.APL.UserEvent"
# What the buttons say (tests/e2e/test_screen_documents.py checks every SendEvent against it).
TOUCH_INTENTS = frozenset(
    {
        "AMAZON.NextIntent",
        "AMAZON.PauseIntent",
        "AMAZON.ResumeIntent",
        "AMAZON.RepeatIntent",
        "AMAZON.StopIntent",
        "PainIntent",
    }
)
NOT_UNDERSTOOD = "AMAZON.FallbackIntent"


def touched_intent(event: UserEvent) -> str:
    """The intent a touch stands for.

    >>> touched_intent(UserEvent(arguments=["AMAZON.NextIntent"]))
    'AMAZON.NextIntent'
    >>> touched_intent(UserEvent(arguments=["SetHoldIntent"]))
    'AMAZON.FallbackIntent'
    """
    arguments = event.arguments or []
    first = arguments[0] if arguments else None
    return first if isinstance(first, str) and first in TOUCH_INTENTS else NOT_UNDERSTOOD


def as_spoken(envelope: RequestEnvelope) -> RequestEnvelope:
    """The envelope a touch stands for: the same session and context, with the IntentRequest
    its button names, at the same time; any other envelope as it is."""
    request = envelope.request
    if not isinstance(request, UserEvent):
        return envelope
    intent = Intent(name=touched_intent(request), confirmation_status=IntentConfirmationStatus.NONE)
    spoken = IntentRequest(
        request_id=request.request_id,
        timestamp=request.timestamp,
        locale=request.locale,
        dialog_state=DialogState.COMPLETED,
        intent=intent,
    )
    return RequestEnvelope(
        version=envelope.version,
        session=envelope.session,
        context=envelope.context,
        request=spoken,
    )
