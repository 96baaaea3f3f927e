"""The log record of one dispatched request, kept in ask-sdk's request attributes.

An interceptor opens it, handlers fill it in, and the response interceptor (or an exception
handler, where ask-sdk skips response interceptors) logs it.
"""

from __future__ import annotations

import time

from ask_sdk_core.dispatch_components import (
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response

from backstretch.observability import TurnObserver, TurnRecord

_RECORD = "turn_record"
_STARTED = "turn_started"


def turn_record(handler_input: HandlerInput) -> TurnRecord:
    """This request's record, opened on first use."""
    attributes = handler_input.attributes_manager.request_attributes
    record = attributes.get(_RECORD)
    if not isinstance(record, TurnRecord):
        request = handler_input.request_envelope.request
        intent = request.intent if isinstance(request, IntentRequest) else None
        record = attributes[_RECORD] = TurnRecord(
            request_id=request.request_id if request is not None else None,
            request_type=request.object_type if request is not None else None,
            intent=intent.name if intent is not None else None,
        )
        attributes[_STARTED] = time.perf_counter()
    return record


class OpenTurnRecord(AbstractRequestInterceptor):
    """Start the request's record (and its clock) before any handler runs."""

    def process(self, handler_input: HandlerInput) -> None:
        turn_record(handler_input)


class LogTurnRecord(AbstractResponseInterceptor):
    """Log the request's record, with its latency, once a handler has answered."""

    def __init__(self, observer: TurnObserver) -> None:
        self._observer = observer

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        log_turn(handler_input, self._observer)


def log_turn(handler_input: HandlerInput, observer: TurnObserver) -> None:
    record = turn_record(handler_input)
    started = handler_input.attributes_manager.request_attributes.get(_STARTED)
    if isinstance(started, float):
        record.latency_ms = (time.perf_counter() - started) * 1000
    observer.observe(record)
