"""Translating Alexa requests into conversation events."""

from __future__ import annotations

import math
from datetime import datetime

from ask_sdk_model import IntentRequest, LaunchRequest, RequestEnvelope, SessionEndedRequest, Slot

from backstretch.routine.content import Routine, load_routine
from backstretch.routine.conversation import Event, EventKind

SLOT_NUMBER_LIMIT = 1_000_000  # far beyond any hold; bounds what a slot can make us count

INTENT_EVENTS: dict[str, EventKind] = {
    "StartRoutineIntent": EventKind.START,
    "WhyIntent": EventKind.WHY,
    "SetHoldIntent": EventKind.SET_HOLD,
    "HoldLengthIntent": EventKind.HOLD_LENGTH,
    "WeeklySummaryIntent": EventKind.SUMMARY,
    "PainIntent": EventKind.PAIN,
    "GentlerIntent": EventKind.GENTLER,
    "RedoSideIntent": EventKind.REDO,
    "SkipStretchIntent": EventKind.SKIP_STRETCH,
    "GoToStretchIntent": EventKind.GO_TO,
    "DoneForTodayIntent": EventKind.DONE,
    "WhereAmIIntent": EventKind.WHERE,
    "TimeLeftIntent": EventKind.TIME_LEFT,
    "FormCheckIntent": EventKind.FORM_CHECK,
    "RemarkIntent": EventKind.REMARK,
    "WarningSignIntent": EventKind.WARNING,
    "KneeIntent": EventKind.KNEE,
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


def event_for(envelope: RequestEnvelope, now: datetime, routine: Routine | None = None) -> Event:
    """The conversation event a request stands for, at `now` (`TurnRequest.now`, the one time
    of the request storage dates records by); unknown intents are a fallback. `routine` (by
    default the request locale's) names the stretches in the person's language."""
    request = envelope.request
    at = now.isoformat()
    if isinstance(request, LaunchRequest):
        return Event(EventKind.LAUNCH, at=at)
    if isinstance(request, SessionEndedRequest):
        return Event(EventKind.SESSION_ENDED, at=at)
    if isinstance(request, IntentRequest) and request.intent is not None:
        kind = INTENT_EVENTS.get(request.intent.name or "", EventKind.FALLBACK)
        seconds = _slot_number(request, "seconds") if kind is EventKind.SET_HOLD else None
        routine = routine or load_routine(getattr(request, "locale", None))
        stretch = _stretch(request, routine) if kind is EventKind.GO_TO else None
        part = _body_part(request) if kind is EventKind.PAIN else None
        return Event(kind, at=at, seconds=seconds, stretch=stretch, body_part=part)
    return Event(EventKind.FALLBACK, at=at)


def _stretch(request: IntentRequest, routine: Routine) -> str | None:
    """The stretch id a `stretch` slot names: Alexa's resolved id, else a word of it that the
    routine's content says names a stretch (in the person's language)."""
    resolved, said = _heard(request, "stretch")
    if resolved is not None or not said:
        return resolved
    named = (s.id for s in routine.stretches for w in said.split() if w in s.said_as)
    return next(named, None)


def _body_part(request: IntentRequest) -> str | None:
    """The part a `bodyPart` slot names: Alexa's resolved id ("left knee" and "kneecap" are
    the knee), else "knee" for "my knees", else the part as said; None when none was named."""
    resolved, said = _heard(request, "bodyPart")
    if resolved is not None or not said:
        return resolved
    return "knee" if said.startswith("knee") else said


def _heard(request: IntentRequest, name: str) -> tuple[str | None, str]:
    """A slot as heard: the id Alexa resolved it to (None if none), and what was said
    (lowercased; empty when the slot was not filled)."""
    slot = _slot(request, name)
    if slot is None:
        return None, ""
    return resolved_id(slot), (slot.value or "").lower().strip()


def resolved_id(slot: Slot) -> str | None:
    """The id of the value Alexa resolved a custom slot to (ER_SUCCESS_MATCH), if any: how the
    code reads a slot in every language ("lunes a viernes" and "weekdays" are `weekdays`)."""
    for authority in getattr(slot.resolutions, "resolutions_per_authority", None) or ():
        for match in authority.values or ():
            if match.value is not None and match.value.id:
                return str(match.value.id)
    return None


def _slot(request: IntentRequest, name: str) -> Slot | None:
    slots = (request.intent.slots if request.intent else None) or {}
    return slots.get(name)


def _slot_number(request: IntentRequest, name: str) -> int | None:
    slot = _slot(request, name)
    if slot is None or slot.value is None:
        return None
    try:
        number = float(slot.value)
    except ValueError:
        return None
    if math.isnan(number):
        return None
    # "1e400", "inf" or forty digits are numbers, just not hold lengths: kept out of range
    # (not overflowing), so the person hears the range they can choose from.
    return int(max(-1.0, min(number, float(SLOT_NUMBER_LIMIT))))
