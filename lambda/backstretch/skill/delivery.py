"""Delivering a turn's speech: progressive responses first, the rest in the full response."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ask_sdk_model import IntentRequest, LaunchRequest, RequestEnvelope

from backstretch.alexa_api.budget import TurnBudget
from backstretch.alexa_api.client import AlexaApi
from backstretch.speech.ssml import SpokenTurn

logger = logging.getLogger(__name__)

MIN_SECONDS_TO_SEND = 0.5


@dataclass(frozen=True)
class Delivery:
    """What reached Alexa as progressive responses, and what the full response must say."""

    final_ssml: str
    sent: int
    planned: int
    failed: bool = False  # a call to the directive API was tried and failed


def deliver(
    spoken: SpokenTurn, envelope: RequestEnvelope, api: AlexaApi, budget: TurnBudget
) -> Delivery:
    """Send the progressive parts in order until one fails; the full response says the rest.

    Progressive responses are only allowed for launch and intent requests, and need the
    request's API token; without them everything goes into the full response.
    """
    planned = len(spoken.parts)
    system = envelope.context.system if envelope.context else None
    token = system.api_access_token if system else None
    endpoint = system.api_endpoint if system else None
    request = envelope.request
    allowed = isinstance(request, LaunchRequest | IntentRequest)
    request_id = request.request_id if request is not None else None
    if not planned or not allowed or not token or not endpoint or not request_id:
        if planned:
            logger.info("progressive responses unavailable (no token or endpoint): all in full")
        return Delivery(spoken.final_ssml(0), 0, planned)
    sent = 0
    for ssml in spoken.progressive_ssml():
        if budget.remaining() < MIN_SECONDS_TO_SEND:
            # Too little time to know whether Alexa took it: say the rest in full instead,
            # rather than risk it being heard twice.
            logger.warning(
                "turn budget nearly spent: progressive %d of %d in full", sent + 1, planned
            )
            return Delivery(spoken.final_ssml(sent), sent, planned, failed=True)
        if not api.send_speech(endpoint, token, request_id, ssml, budget):
            logger.warning("progressive response %d of %d failed: rest in full", sent + 1, planned)
            return Delivery(spoken.final_ssml(sent), sent, planned, failed=True)
        sent += 1
    return Delivery(spoken.final_ssml(sent), sent, planned)
