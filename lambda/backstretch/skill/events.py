"""Translating Alexa requests into conversation events."""

from __future__ import annotations

from ask_sdk_model import IntentRequest, LaunchRequest, RequestEnvelope, SessionEndedRequest

from backstretch.routine.conversation import Event, EventKind

INTENT_EVENTS: dict[str, EventKind] = {
    "StartRoutineIntent": EventKind.START,
    "WhyIntent": EventKind.WHY,
    "SetHoldIntent": EventKind.SET_HOLD,
    "WeeklySummaryIntent": EventKind.SUMMARY,
    "AMAZON.NextIntent": EventKind.NEXT,
    "AMAZON.PreviousIntent": EventKind.PREVIOUS,
    "AMAZON.RepeatIntent": EventKind.REPEAT,
    "AMAZON.PauseIntent": EventKind.PAUSE,
    "AMAZON.ResumeIntent": EventKind.RESUME,
    "AMAZON.StartOverIntent": EventKind.START_OVER,
    "AMAZON.YesIntent": EventKind.YES,
    "AMAZON.NoIntent": EventKind.NO,
    "AMAZON.HelpIntent": EventKind.HELP,
    "AMAZON.StopIntent": EventKind.STOP,
    "AMAZON.CancelIntent": EventKind.STOP,
    "AMAZON.NavigateHomeIntent": EventKind.STOP,
    "AMAZON.FallbackIntent": EventKind.FALLBACK,
}


def event_for(envelope: RequestEnvelope) -> Event:
    """The conversation event a request stands for; unknown intents are a fallback."""
    request = envelope.request
    at = request.timestamp.isoformat() if request is not None and request.timestamp else ""
    if isinstance(request, LaunchRequest):
        return Event(EventKind.LAUNCH, at=at)
    if isinstance(request, SessionEndedRequest):
        return Event(EventKind.SESSION_ENDED, at=at)
    if isinstance(request, IntentRequest) and request.intent is not None:
        kind = INTENT_EVENTS.get(request.intent.name or "", EventKind.FALLBACK)
        seconds = _slot_number(request, "seconds") if kind is EventKind.SET_HOLD else None
        return Event(kind, at=at, seconds=seconds)
    return Event(EventKind.FALLBACK, at=at)


def _slot_number(request: IntentRequest, name: str) -> int | None:
    slots = (request.intent.slots if request.intent else None) or {}
    slot = slots.get(name)
    if slot is None or slot.value is None:
        return None
    try:
        return int(float(slot.value))
    except ValueError:
        return None
