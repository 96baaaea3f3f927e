"""What POST /alexa answers for a body that passed verification: the skill's public surface,
an envelope in and a status with JSON out. The Flask endpoint, the simulator page and the
chat all reach the skill through here, as Alexa would."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from backstretch.skill.envelope import MalformedRequest, parse_envelope
from backstretch.skill.handlers import EventNotProcessed
from backstretch.skill.service import BackStretchSkill, WrongSkill

logger = logging.getLogger(__name__)

# The endpoint's answer to one envelope: HTTP status and JSON body, as POST /alexa gives them.
EnvelopeAnswer = Callable[[dict[str, Any]], tuple[int, dict[str, Any]]]


def answer_envelope(skill: BackStretchSkill, body: bytes | str) -> tuple[int, dict[str, Any]]:
    """What POST /alexa answers for a body that passed verification: status and JSON."""
    try:
        envelope = parse_envelope(body)
        skill.check_skill_id(envelope)
    except (MalformedRequest, WrongSkill) as exc:
        return refusal(400, str(exc))
    try:
        return 200, skill.handle(envelope)
    except EventNotProcessed:
        return refusal(503, "event not processed; please deliver it again")


def envelope_answer(skill: BackStretchSkill) -> EnvelopeAnswer:
    """POST /alexa's own answer, for an envelope built locally (the simulator, the chat)."""

    def answer(envelope: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        return answer_envelope(skill, json.dumps(envelope))

    return answer


def refusal(status: int, reason: str) -> tuple[int, dict[str, Any]]:
    logger.warning("answered %d: %s", status, reason)
    return status, {"error": reason}
