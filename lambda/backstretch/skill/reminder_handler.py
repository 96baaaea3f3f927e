"""The ask-sdk handler for stretch reminders: set, list, change, cancel, and the permission.

Thin: the request becomes a `ReminderAsk`; `backstretch.reminders` (imported only when a
reminder turn needs it) decides and calls the Reminders API; the reply becomes a response.
The coaching conversation's session attributes are kept as they are: a reminder asked for
mid-routine does not lose the person's place.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Intent, IntentConfirmationStatus, IntentRequest, Response, Slot
from ask_sdk_model.dialog import ElicitSlotDirective
from ask_sdk_model.interfaces.connections import ConnectionsResponse, SendRequestDirective
from ask_sdk_model.ui import AskForPermissionsConsentCard, SsmlOutputSpeech

from backstretch.routine.content import load_routine
from backstretch.routine.state import CoachState
from backstretch.skill.events import resolved_id
from backstretch.skill.request import read_request
from backstretch.skill.turn_record import turn_record
from backstretch.speech.ssml import speak
from backstretch.turn.context import TurnServices
from backstretch.turn.session import SessionAttributes

if TYPE_CHECKING:
    from backstretch.reminders.dialog import ReminderAsk

REMINDER_INTENTS = {
    "SetReminderIntent": "set",
    "ChangeReminderIntent": "change",
    "ListRemindersIntent": "list",
    "CancelReminderIntent": "cancel",
}
_ANSWERS = {"AMAZON.YesIntent": "yes", "AMAZON.NoIntent": "no"}
# The reminder intents whose time the dialog model elicits (skill-package's dialog.intents).
_ELICITED = frozenset({"SetReminderIntent", "ChangeReminderIntent"})


class ReminderHandler(AbstractRequestHandler):
    """Reminder intents, the answer to a reminder question, and Alexa's permission answer."""

    def __init__(self, services: TurnServices) -> None:
        self._services = services

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request = handler_input.request_envelope.request
        if isinstance(request, ConnectionsResponse):
            return request.name == "AskFor"
        if not isinstance(request, IntentRequest) or request.intent is None:
            return False
        name = request.intent.name or ""
        if name in REMINDER_INTENTS:
            return True
        session = handler_input.request_envelope.session
        waiting = SessionAttributes.reminder_waiting(session.attributes) if session else False
        return name in _ANSWERS and waiting

    def handle(self, handler_input: HandlerInput) -> Response:
        from backstretch.reminders.dialog import Pending  # only when a reminder turn needs it
        from backstretch.reminders.lines import reminder_lines
        from backstretch.reminders.turn import REMINDERS_SCOPE, take_reminder_turn

        envelope = handler_input.request_envelope
        request = read_request(envelope, handler_input.context)
        carried = request.attributes
        pending = Pending.from_attribute(carried.reminder)
        reply = take_reminder_turn(request, _asked(envelope.request), pending, self._services)
        coaching = CoachState.from_attributes(carried.coach, load_routine(request.locale))
        if coaching.in_progress and reply.reprompt is None and not reply.ask_permission_for:
            # Asked mid-routine: the person's place is kept, and the routine waits for them.
            carry_on = reminder_lines(request.locale).carry_on
            reply = replace(reply, speech=f"{reply.speech} {carry_on}", reprompt=carry_on)

        record = turn_record(handler_input)
        record.outcome, record.storage_errors = reply.outcome, reply.storage_errors
        if request.in_session:
            waiting = reply.pending.to_attribute() if reply.pending is not None else None
            kept = replace(carried, reminder=waiting)
            handler_input.attributes_manager.session_attributes = kept.to_attributes()
        builder = handler_input.response_builder
        if reply.ask_permission_for is not None:
            # Alexa asks the person itself, then sends a Connections.Response; the session
            # carries on from there, so nothing is said and the session is not ended here.
            builder.add_directive(_ask_for_permission(reply.ask_permission_for))
            return builder.response
        if reply.speech:
            builder.response.output_speech = SsmlOutputSpeech(ssml=speak([escape(reply.speech)]))
        if reply.consent_card:
            builder.set_card(AskForPermissionsConsentCard(permissions=[REMINDERS_SCOPE]))
        if reply.reprompt:
            builder.ask(speak([escape(reply.reprompt)]))
        builder.set_should_end_session(reply.reprompt is None)
        days = reply.pending.days if reply.pending is not None else None
        elicit = _elicit(envelope.request, reply.elicits, days)
        if elicit is not None and reply.reprompt:
            builder.add_directive(elicit)  # a dialog directive keeps the session open
        return builder.response


def _asked(request: Any) -> ReminderAsk:
    from backstretch.reminders.dialog import Ask, ReminderAsk

    if isinstance(request, ConnectionsResponse):
        payload = request.payload or {}
        status = payload.get("status") if isinstance(payload, dict) else None
        return ReminderAsk(Ask.PERMISSION, permission=str(status or ""), token=request.token)
    name = request.intent.name or ""
    slots = request.intent.slots or {}

    def slot(key: str) -> str | None:
        """The slot's resolved id when Alexa resolved it (days in any language), else what
        was said."""
        held = slots.get(key)
        value = (resolved_id(held) or held.value) if held is not None else None
        return value if isinstance(value, str) and value.strip() else None

    ask = Ask(REMINDER_INTENTS.get(name) or _ANSWERS[name])
    return ReminderAsk(ask, days=slot("days"), time=slot("time"), at_this_time=bool(slot("now")))


def _elicit(request: Any, slot: str | None, days: str | None) -> ElicitSlotDirective | None:
    """``Dialog.ElicitSlot`` for the slot the reminder question asks for: Alexa then hears
    that slot's own samples ("3 pm", "at 7 in the morning"), which no intent takes as a
    request at any other moment. Only an IntentRequest of an intent in the dialog model can
    carry it; the updated intent holds the slots known so far (the days)."""
    if slot is None or not isinstance(request, IntentRequest) or request.intent is None:
        return None
    name = request.intent.name or ""
    if name not in _ELICITED:
        return None
    said = request.intent.slots or {}
    slots = {
        key: Slot(name=key, value=None if key == slot else held.value)
        for key, held in said.items()
        if held is not None
    }
    if days and not (slots.get("days") and slots["days"].value):
        slots["days"] = Slot(name="days", value=days)
    slots.setdefault(slot, Slot(name=slot))
    updated = Intent(name=name, confirmation_status=IntentConfirmationStatus.NONE, slots=slots)
    return ElicitSlotDirective(updated_intent=updated, slot_to_elicit=slot)


def _ask_for_permission(token: str) -> SendRequestDirective:
    from backstretch.reminders.turn import REMINDERS_SCOPE

    return SendRequestDirective(
        name="AskFor",
        payload={
            "@type": "AskForPermissionsConsentRequest",
            "@version": "2",
            "permissionScopes": [{"permissionScope": REMINDERS_SCOPE, "consentLevel": "ACCOUNT"}],
        },
        token=token,
    )
