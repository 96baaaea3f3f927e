"""Delivering a turn's speech: progressive responses first, the rest in the full response."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from backstretch.alexa_api.port import AlexaApi
from backstretch.budget import TurnBudget
from backstretch.speech.ssml import SpokenTurn
from backstretch.turn.request import TurnRequest

logger = logging.getLogger(__name__)

MIN_SECONDS_TO_SEND = 0.5


@dataclass(frozen=True)
class Delivery:
    """How many of the turn's progressive parts reached Alexa; the full response says the rest."""

    sent: int
    planned: int
    failed: bool = False  # a call to the directive API was tried and failed


def deliver(
    spoken: SpokenTurn, request: TurnRequest, api: AlexaApi, budget: TurnBudget
) -> Delivery:
    """Send the progressive parts in order until one fails; the full response says the rest.

    Progressive responses are only allowed for launch and intent requests, and need the
    request's API token; without them everything goes into the full response.
    """
    planned = len(spoken.parts)
    if not planned:
        return Delivery(0, 0)
    if not request.can_speak_early or not request.request_id:
        logger.info("progressive responses unavailable (no token or endpoint): all in full")
        return Delivery(0, planned)
    endpoint, token = request.api_endpoint or "", request.api_token or ""
    sent = 0
    for ssml in spoken.progressive_ssml():
        if budget.remaining() < MIN_SECONDS_TO_SEND:
            # Too little time to know whether Alexa took it: say the rest in full instead,
            # rather than risk it being heard twice.
            logger.warning(
                "turn budget nearly spent: progressive %d of %d in full", sent + 1, planned
            )
            return Delivery(sent, planned, failed=True)
        if not api.send_speech(endpoint, token, request.request_id, ssml, budget):
            logger.warning("progressive response %d of %d failed: rest in full", sent + 1, planned)
            return Delivery(sent, planned, failed=True)
        sent += 1
    return Delivery(sent, planned)
