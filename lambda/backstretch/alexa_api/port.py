"""Alexa's APIs as a turn sees them: one bounded exchange, and the calls made of it.

The HTTPS client (`client.py`) is one implementation; a local fake can be another, in process.
"""

from __future__ import annotations

import logging
import time
import urllib.parse
import zoneinfo
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from backstretch.budget import TurnBudget

logger = logging.getLogger(__name__)

_SEND_SPEECH = "send_speech"
_TIME_ZONE = "time_zone"


@dataclass(frozen=True)
class ApiAnswer:
    """What one call to Alexa's APIs came back with.

    >>> ApiAnswer(204).ok, ApiAnswer(None).ok
    (True, False)
    """

    status: int | None  # None: no HTTP answer (not sent, network error, no answer in time)
    body: Any = None  # the JSON answer, or None when there was none or it was not JSON

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class AlexaApi(ABC):
    """Alexa's APIs for one skill; never raises, never outlives the turn's budget.

    Every failure (refused endpoint, spent budget, network error, timeout, non-2xx answer,
    unreadable body) becomes ``False`` or ``None`` plus one WARNING log line, because the
    skill must still answer in full when a progressive response or a setting is missing.
    """

    @abstractmethod
    def exchange(
        self,
        operation: str,
        method: str,
        api_endpoint: str,
        path: str,
        access_token: str,
        budget: TurnBudget,
        json_body: dict[str, Any] | None = None,
    ) -> ApiAnswer:
        """Make one bounded request to one of Alexa's APIs; never raises."""

    def close(self) -> None:  # noqa: B027 (optional: only some implementations hold anything)
        """Release whatever the implementation holds (pooled connections)."""

    def send_speech(
        self,
        api_endpoint: str,
        access_token: str,
        request_id: str,
        ssml: str,
        budget: TurnBudget,
    ) -> bool:
        """Post a ``VoicePlayer.Speak`` progressive response; True only if Alexa took it (2xx)."""
        body: dict[str, Any] = {
            "header": {"requestId": request_id},
            "directive": {"type": "VoicePlayer.Speak", "speech": ssml},
        }
        answer = self.exchange(
            _SEND_SPEECH, "POST", api_endpoint, "/v1/directives", access_token, budget, body
        )
        return answer.ok

    def time_zone(
        self,
        api_endpoint: str,
        access_token: str,
        device_id: str,
        budget: TurnBudget,
    ) -> str | None:
        """The device's time zone (e.g. ``"Europe/Berlin"``), or None if unknown or invalid."""
        started = time.monotonic()
        if not device_id:
            warn_failed(_TIME_ZONE, "no device id", started)
            return None
        path = f"/v2/devices/{urllib.parse.quote(device_id, safe='')}/settings/System.timeZone"
        answer = self.exchange(_TIME_ZONE, "GET", api_endpoint, path, access_token, budget)
        if not answer.ok:
            return None
        if answer.status != 200:  # a value comes only with 200
            warn_failed(_TIME_ZONE, f"HTTP {answer.status} without a value", started)
            return None
        value = answer.body
        if not isinstance(value, str) or not _is_zone_key(value):
            warn_failed(_TIME_ZONE, f"invalid time zone {str(value)[:64]!r}", started)
            return None
        return value


def warn_failed(operation: str, reason: str, started: float) -> None:
    """One WARNING line for a failed call: only the operation, a status or error class, and
    timing; never the token, headers or URL."""
    elapsed_ms = round((time.monotonic() - started) * 1000)
    logger.warning("Alexa API %s failed: %s after %d ms", operation, reason, elapsed_ms)


def _is_zone_key(value: str) -> bool:
    try:
        zoneinfo.ZoneInfo(value)
    except (ValueError, KeyError, OSError):  # malformed, unknown, or not a zone file
        return False
    return True
