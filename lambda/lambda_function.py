"""AWS Lambda entry point (the ASK CLI convention): `lambda_function.lambda_handler`."""

from __future__ import annotations

import logging
from typing import Any

from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill

_skill: BackStretchSkill | None = None


def skill() -> BackStretchSkill:
    """The skill, built once per Lambda container on first use (nothing happens at import)."""
    global _skill  # one skill per process, by design
    if _skill is None:
        config = SkillConfig.from_env()
        logging.getLogger().setLevel(config.log_level)
        _skill = BackStretchSkill(config)
    return _skill


def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    """Answer one Alexa request; never raises, whatever the payload."""
    return skill().handle_payload(event, context)
