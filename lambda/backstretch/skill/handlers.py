"""Thin ask-sdk handlers: a request becomes an event, a speech plan becomes a response."""

from __future__ import annotations

import logging
from typing import Any

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response
from ask_sdk_model.ui import SsmlOutputSpeech

from backstretch.alexa_api.budget import TurnBudget
from backstretch.alexa_api.client import AlexaApi
from backstretch.observability import TurnRecord
from backstretch.progress.errors import ProgressUnavailable
from backstretch.progress.store import ProgressStore
from backstretch.routine.content import Routine, load_routine
from backstretch.routine.conversation import Outcome, Turn, respond
from backstretch.routine.state import CoachState
from backstretch.skill.config import SkillConfig
from backstretch.skill.delivery import Delivery, deliver
from backstretch.skill.events import event_for
from backstretch.skill.progress_turn import TurnProgress
from backstretch.speech.plan import say
from backstretch.speech.ssml import render, split_for_progressive

logger = logging.getLogger(__name__)


def turn_record(handler_input: HandlerInput) -> TurnRecord:
    """The turn's record, which ask-sdk carries as the invocation context."""
    context = handler_input.context
    return context if isinstance(context, TurnRecord) else TurnRecord()


def routine_for(handler_input: HandlerInput) -> Routine:
    return load_routine(getattr(handler_input.request_envelope.request, "locale", None))


class ConversationHandler(AbstractRequestHandler):
    """Launch, intents and session end: one turn of the coaching conversation."""

    def __init__(self, api: AlexaApi, store: ProgressStore, config: SkillConfig) -> None:
        self._api = api
        self._store = store
        self._config = config

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(
            is_request_type("LaunchRequest")(handler_input)
            or is_request_type("IntentRequest")(handler_input)
            or is_request_type("SessionEndedRequest")(handler_input)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        envelope = handler_input.request_envelope
        routine = routine_for(handler_input)
        in_session = envelope.session is not None
        attributes = handler_input.attributes_manager
        state = CoachState.from_attributes(
            attributes.session_attributes if in_session else None, routine
        )
        budget = TurnBudget(self._config.alexa_api_budget_seconds)
        progress = TurnProgress(self._store, self._api, envelope, budget)
        state, event, read_failed = progress.prepare(state, event_for(envelope), routine)
        turn = respond(state, event, routine)
        if read_failed:
            turn = turn.with_opening(say(routine.lines.progress_not_read))
        # The hold's count goes out first, so a slow table never delays it; what storage
        # adds (a streak, "couldn't save") falls after the hold, in the full response.
        delivery = deliver(
            split_for_progressive(turn.speech, routine.hold), envelope, self._api, budget
        )
        turn = progress.record(state, turn, routine)
        if in_session:
            attributes.session_attributes = turn.state.to_attributes()
        _note_turn(turn_record(handler_input), state, turn, progress.storage_errors, delivery)
        builder = handler_input.response_builder
        if not turn.speech.is_empty:
            final = split_for_progressive(turn.speech, routine.hold).final_ssml(delivery.sent)
            builder.response.output_speech = SsmlOutputSpeech(ssml=final)
        if turn.reprompt is not None:
            builder.ask(render(turn.reprompt, routine.hold))
        if is_request_type("SessionEndedRequest")(handler_input):
            return builder.response  # Alexa accepts no speech after the session ended
        builder.set_should_end_session(turn.end_session)
        return builder.response


def _note_turn(
    record: TurnRecord, before: CoachState, turn: Turn, storage_errors: int, delivery: Delivery
) -> None:
    """What the turn did, for its log line and metrics."""
    record.outcome = str(turn.outcome)
    record.storage_errors = storage_errors
    record.holds_counted = int(turn.speech.hold is not None)
    record.routines_started = int(turn.state.started_at != before.started_at)
    record.routines_completed = int(turn.outcome is Outcome.ROUTINE_FINISHED)
    record.progressive_sent, record.progressive_planned = delivery.sent, delivery.planned
    record.progressive_failures = int(delivery.failed)


class EventNotProcessed(Exception):
    """A skill event whose work failed; Alexa should deliver it again later."""


class SkillDisabledHandler(AbstractRequestHandler):
    """The person disabled the skill: forget everything stored about them."""

    def __init__(self, store: ProgressStore) -> None:
        self._store = store

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("AlexaSkillEvent.SkillDisabled")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        context = handler_input.request_envelope.context
        system = context.system if context else None
        user_id = system.user.user_id if system and system.user else None
        record = turn_record(handler_input)
        if not user_id:
            record.outcome = "no_user"
            return handler_input.response_builder.response
        try:
            removed = self._store.delete_user(user_id)
        except ProgressUnavailable as exc:
            record.outcome = "deletion_failed"
            record.storage_errors += 1
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


class ApologyExceptionHandler(AbstractExceptionHandler):
    """Anything unexpected: say sorry, keep the session open, log what happened."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return not isinstance(exception, EventNotProcessed)

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Any:
        logger.exception("turn failed", exc_info=exception)
        turn_record(handler_input).outcome = "error"
        routine = routine_for(handler_input)
        sorry = render(say(routine.lines.error), routine.hold)
        return handler_input.response_builder.speak(sorry).ask(sorry).response
