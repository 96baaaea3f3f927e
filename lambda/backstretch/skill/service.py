"""The skill as one callable: an Alexa request envelope in, a response envelope out."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ask_sdk_core.exceptions import AskSdkException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_model import RequestEnvelope, ResponseEnvelope

from backstretch.alexa_api.client import HttpsAlexaApi
from backstretch.alexa_api.port import AlexaApi
from backstretch.observability import TurnObserver, TurnRecord
from backstretch.progress.dynamodb import DynamoProgressStore, progress_client
from backstretch.progress.outbox import Outbox
from backstretch.progress.outbox_sqs import SqsOutbox, outbox_client
from backstretch.progress.store import ProgressStore
from backstretch.routine.content import load_routine
from backstretch.skill.config import SkillConfig
from backstretch.skill.envelope import (
    SPOKEN_REQUEST_TYPES,
    MalformedRequest,
    envelope_skill_ids,
    is_known_request_type,
    parse_envelope,
)
from backstretch.skill.handlers import (
    ApologyExceptionHandler,
    ConversationHandler,
    EventNotProcessed,
    EventNotProcessedHandler,
    SilentRequestHandler,
    SkillDisabledHandler,
)
from backstretch.skill.reminder_handler import ReminderHandler
from backstretch.skill.turn_record import LogTurnRecord, OpenTurnRecord
from backstretch.speech.plan import say
from backstretch.speech.ssml import render
from backstretch.turn.context import TurnServices

logger = logging.getLogger(__name__)


def empty_response() -> dict[str, Any]:
    """A response with nothing to say; a new dict each time, since callers may change it."""
    return {"version": "1.0", "response": {}}


class Outcome(Enum):
    """What became of a payload at the skill's front door."""

    ANSWERED = "answered"  # a response envelope, possibly empty
    MALFORMED = "malformed"  # not an Alexa request envelope
    WRONG_SKILL = "wrong_skill"  # addressed to another skill id than the one configured
    NOT_PROCESSED = "not_processed"  # a skill event whose work failed: Alexa must redeliver


@dataclass(frozen=True)
class Answer:
    """The skill's answer to one payload: what happened, and the response when it answered.

    Lambda and the local endpoint each say this their own way (a spoken apology or an HTTP
    400, an exception or a 503); the skill only says what happened.
    """

    outcome: Outcome
    body: dict[str, Any] | None = None  # the response envelope, when ANSWERED
    reason: str = ""  # why it did not answer, for a log line or an error body


class BackStretchSkill:
    """Build the ask-sdk skill once; `answer` is the one way in, for Lambda and the local
    endpoint alike."""

    def __init__(
        self,
        config: SkillConfig,
        api: AlexaApi | None = None,
        store: ProgressStore | None = None,
        outbox: Outbox | None = None,
    ) -> None:
        self.config = config
        self._serializer = DefaultSerializer()
        self._observer = TurnObserver(
            emit_metrics=config.on_lambda,
            namespace=config.metrics_namespace,
            service=config.service_name,
        )
        if store is None:
            client = progress_client(config.dynamodb_endpoint, config.region)
            store = DynamoProgressStore(config.table_name, client)
        if outbox is None and config.outbox_queue_url:
            sqs = outbox_client(config.sqs_endpoint, config.region)
            outbox = SqsOutbox(config.outbox_queue_url, sqs)
        self._skill = self._build(api or HttpsAlexaApi(), store, outbox)

    def _build(self, api: AlexaApi, store: ProgressStore, outbox: Outbox | None) -> CustomSkill:
        builder = SkillBuilder()
        builder.skill_id = self.config.skill_id  # type: ignore[assignment]
        services = TurnServices(store, api, self.config.alexa_api_budget_seconds, outbox=outbox)
        builder.add_global_request_interceptor(OpenTurnRecord())
        builder.add_request_handler(ReminderHandler(services))  # before the catch-all below
        builder.add_request_handler(ConversationHandler(services, screens=self.config.screens))
        builder.add_request_handler(SkillDisabledHandler(store, services.runner))
        builder.add_request_handler(SilentRequestHandler())
        builder.add_global_response_interceptor(LogTurnRecord(self._observer))
        builder.add_exception_handler(EventNotProcessedHandler(self._observer))
        builder.add_exception_handler(ApologyExceptionHandler(self._observer))
        return builder.create()

    def answer(self, payload: Any, lambda_context: Any = None) -> Answer:
        """The one way in: whatever arrives (JSON text or a parsed dict), what became of it.

        Never raises. Every request the skill dispatches is logged by its handlers; the
        ones it cannot dispatch are logged here.
        """
        try:
            envelope = parse_envelope(payload)
        except MalformedRequest as exc:
            logger.warning("malformed request: %s", exc)
            return Answer(Outcome.MALFORMED, reason=str(exc))
        expected = self.config.skill_id
        # Every place the request names a skill (context and session) must name this one.
        if expected and any(found != expected for found in envelope_skill_ids(envelope)):
            logger.warning("request for another skill id refused")
            return Answer(Outcome.WRONG_SKILL, reason="request is for another skill")
        try:
            return Answer(Outcome.ANSWERED, self._invoke(envelope, lambda_context))
        except EventNotProcessed as exc:
            return Answer(Outcome.NOT_PROCESSED, reason=f"event not processed: {exc}")

    def handle_payload(self, payload: Any, lambda_context: Any = None) -> dict[str, Any]:
        """Lambda's terms for `answer`: a malformed payload gets a spoken apology, a request
        for another skill an empty response, and an event not processed raises
        `EventNotProcessed`, so that Lambda reports a failure and Alexa delivers it again."""
        answer = self.answer(payload, lambda_context)
        if answer.outcome is Outcome.MALFORMED:
            return self._apology(None)
        if answer.outcome is Outcome.NOT_PROCESSED:
            raise EventNotProcessed(answer.reason)
        return answer.body if answer.body is not None else empty_response()

    def _invoke(self, envelope: dict[str, Any], lambda_context: Any) -> dict[str, Any]:
        """Answer a shape-checked envelope; raises only `EventNotProcessed`."""
        started = time.perf_counter()
        kind = envelope["request"]["type"]
        try:
            if not is_known_request_type(kind):
                self._log_undispatched(envelope, "unknown_request_type", started)
                return empty_response()
            request_envelope = self._serializer.deserialize(json.dumps(envelope), RequestEnvelope)
            response_envelope: ResponseEnvelope = self._skill.invoke(
                request_envelope, lambda_context
            )
            result = self._serializer.serialize(response_envelope)
            return result if isinstance(result, dict) else empty_response()
        except EventNotProcessed:
            raise
        except Exception as exc:
            if isinstance(exc, AskSdkException):
                logger.warning("ask-sdk refused the request: %s", exc)
            else:
                logger.exception("unexpected failure answering %s", kind)
            self._log_undispatched(envelope, "error", started)
            return self._apology(envelope) if kind in SPOKEN_REQUEST_TYPES else empty_response()

    def _log_undispatched(self, envelope: dict[str, Any], outcome: str, started: float) -> None:
        request = envelope["request"]
        intent = request.get("intent")
        self._observer.observe(
            TurnRecord(
                request_id=request.get("requestId"),
                request_type=request["type"],
                intent=intent.get("name") if isinstance(intent, dict) else None,
                outcome=outcome,
                latency_ms=(time.perf_counter() - started) * 1000,
            )
        )

    def _apology(self, envelope: dict[str, Any] | None) -> dict[str, Any]:
        locale = ((envelope or {}).get("request") or {}).get("locale")
        routine = load_routine(locale if isinstance(locale, str) else None)
        ssml = render(say(routine.lines.request_refused), routine.hold)
        return {
            "version": "1.0",
            "response": {
                "outputSpeech": {"type": "SSML", "ssml": ssml},
                "shouldEndSession": True,
            },
        }
