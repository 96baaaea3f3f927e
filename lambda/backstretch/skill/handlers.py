"""Thin ask-sdk handlers: a request becomes a turn, a turn becomes a response."""

from __future__ import annotations

import logging
from typing import Any

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import IntentRequest, Response
from ask_sdk_model.ui import SsmlOutputSpeech

from backstretch.coaching.turn import TurnResult, take_turn
from backstretch.deadline import CallRunner, DeadlinePassed
from backstretch.observability import TurnObserver, TurnRecord
from backstretch.progress.errors import ProgressUnavailable
from backstretch.progress.store import ProgressStore
from backstretch.routine.content import Routine, load_routine
from backstretch.routine.conversation import Outcome
from backstretch.routine.state import CoachState
from backstretch.screen.choice import TurnSeen
from backstretch.skill.dialog import elicit_directive
from backstretch.skill.events import event_for
from backstretch.skill.request import read_request
from backstretch.skill.screen import has_screen, reminder_said, screen_directives
from backstretch.skill.touch import USER_EVENT, as_spoken
from backstretch.skill.turn_record import log_turn, turn_record
from backstretch.speech.plan import say
from backstretch.speech.ssml import render
from backstretch.turn.context import TurnServices, turn_deadline
from backstretch.turn.request import TurnRequest
from backstretch.turn.session import SessionAttributes

logger = logging.getLogger(__name__)


def routine_for(handler_input: HandlerInput) -> Routine:
    return load_routine(getattr(handler_input.request_envelope.request, "locale", None))


class ConversationHandler(AbstractRequestHandler):
    """Launch, intents, a touch on the screen and session end: one turn of the coaching
    conversation. A touch is read as the intent its button names (`skill/touch.py`)."""

    def __init__(self, services: TurnServices, *, screens: bool = True) -> None:
        self._services = services
        self._screens = screens  # False: no screen code runs at all (SkillConfig.screens)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(
            is_request_type("LaunchRequest")(handler_input)
            or is_request_type("IntentRequest")(handler_input)
            or is_request_type("SessionEndedRequest")(handler_input)
            or is_request_type(USER_EVENT)(handler_input)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        request = read_request(handler_input.request_envelope, handler_input.context)
        routine = load_routine(request.locale)
        state = CoachState.from_attributes(request.attributes.coach, routine)
        event = event_for(as_spoken(handler_input.request_envelope), request.now, routine)
        result = take_turn(request, state, event, routine, self._services)
        if request.in_session:
            carried = SessionAttributes(
                result.turn.state.to_attributes(), result.reminder_offer, result.unsaved
            )
            handler_input.attributes_manager.session_attributes = carried.to_attributes()
        _note_turn(turn_record(handler_input), result)
        builder = handler_input.response_builder
        if result.speech_ssml is not None:
            builder.response.output_speech = SsmlOutputSpeech(ssml=result.speech_ssml)
        if result.reprompt_ssml is not None:
            builder.ask(result.reprompt_ssml)
        elicit = result.turn.elicit
        if elicit is not None and isinstance(handler_input.request_envelope.request, IntentRequest):
            builder.add_directive(elicit_directive(elicit.intent, elicit.slot))
        if self._screens and not request.session_ended and has_screen(handler_input):
            for directive in screen_directives(_seen(result, request), routine, request.locale):
                builder.add_directive(directive)
        if request.session_ended:
            return builder.response  # Alexa accepts no speech after the session ended
        builder.set_should_end_session(result.end_session)
        return builder.response


def _seen(result: TurnResult, request: TurnRequest) -> TurnSeen:
    """What a screen needs of the turn: it reads the turn, never changes it."""
    reminder = reminder_said(result.reminder_schedule, request.locale)
    return TurnSeen(
        result.turn, result.before, result.recalled, result.end_session, request.now, reminder
    )


def _note_turn(record: TurnRecord, result: TurnResult) -> None:
    """What the turn did, for its log line and metrics."""
    turn, delivery = result.turn, result.delivery
    record.outcome = str(turn.outcome)
    record.storage_errors = result.storage_errors
    record.holds_counted = int(turn.speech.hold is not None)
    record.routines_started = int(turn.state.started_at != result.before.started_at)
    record.routines_completed = int(turn.outcome is Outcome.ROUTINE_FINISHED)
    record.progressive_sent, record.progressive_planned = delivery.sent, delivery.planned
    record.progressive_failures = int(delivery.failed)


class EventNotProcessed(Exception):
    """A skill event whose work failed; Alexa should deliver it again later."""


class SkillDisabledHandler(AbstractRequestHandler):
    """The person disabled the skill: forget everything stored about them, on the turn's
    deadline like any other request (a dripping table would otherwise hold Alexa's delivery
    open far past what it waits). Deletion that fails or is not done by then is reported as
    not processed, so that Alexa delivers the event again; deleting twice is harmless."""

    def __init__(self, store: ProgressStore, runner: CallRunner | None = None) -> None:
        self._store = store
        self._runner = runner or CallRunner()

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("AlexaSkillEvent.SkillDisabled")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        request = read_request(handler_input.request_envelope, handler_input.context)
        user_id = request.user_id
        record = turn_record(handler_input)
        if not user_id:
            record.outcome = "no_user"
            return handler_input.response_builder.response
        try:
            removed = self._runner.call(
                turn_deadline(request.time_left), lambda: self._store.delete_user(user_id)
            )
        except (ProgressUnavailable, DeadlinePassed) as exc:
            logger.warning(
                "skill disabled: data not deleted (%s: %s); Alexa will deliver it again",
                type(exc).__name__,
                exc,
            )
            raise EventNotProcessed("could not delete the user's data") from exc
        record.outcome = "user_deleted"
        logger.info("skill disabled: deleted %d stored items", removed)
        return handler_input.response_builder.response


class SilentRequestHandler(AbstractRequestHandler):
    """Every other request type (skill events, system notices): an empty response."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        kind = request.object_type if request is not None else None
        logger.info("no speech for request type %s", kind)
        return handler_input.response_builder.response


class EventNotProcessedHandler(AbstractExceptionHandler):
    """A skill event that failed: log it, and let it reach Alexa as a failure."""

    def __init__(self, observer: TurnObserver) -> None:
        self._observer = observer

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return isinstance(exception, EventNotProcessed)

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Any:
        record = turn_record(handler_input)
        record.outcome = "deletion_failed"
        record.storage_errors += 1
        log_turn(handler_input, self._observer)
        raise exception


class ApologyExceptionHandler(AbstractExceptionHandler):
    """Anything unexpected: say sorry, keep the session open, log what happened."""

    def __init__(self, observer: TurnObserver) -> None:
        self._observer = observer

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Any:
        logger.exception("turn failed", exc_info=exception)
        turn_record(handler_input).outcome = "error"
        log_turn(handler_input, self._observer)
        routine = routine_for(handler_input)
        sorry = render(say(routine.lines.error), routine.hold)
        return handler_input.response_builder.speak(sorry).ask(sorry).response
