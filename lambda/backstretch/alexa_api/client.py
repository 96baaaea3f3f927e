"""Alexa's APIs over HTTPS, each call bounded by the turn's budget."""

from __future__ import annotations

import math
import time
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from backstretch.alexa_api.port import AlexaApi, ApiAnswer, warn_failed
from backstretch.budget import TurnBudget
from backstretch.deadline import CallRunner, DeadlinePassed

if TYPE_CHECKING:
    import requests


@dataclass(frozen=True)
class AlexaApiConfig:
    """Per-call ceilings; the turn's remaining budget can only shorten them.

    >>> AlexaApiConfig(read_timeout_seconds=0.3).connect_timeout_seconds
    0.5
    """

    connect_timeout_seconds: float = 0.5
    read_timeout_seconds: float = 1.0

    def __post_init__(self) -> None:
        for name in ("connect_timeout_seconds", "read_timeout_seconds"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a positive number of seconds, got {value!r}")


class HttpsAlexaApi(AlexaApi):
    """Alexa's APIs over HTTPS from one process: a pooled session, per-call timeouts, and
    the runner that holds each whole call to the turn's budget.

    >>> api = HttpsAlexaApi(AlexaApiConfig(read_timeout_seconds=0.3))
    >>> api.send_speech("http://api.example", "token", "req-1", "<speak>1</speak>",
    ...                 TurnBudget(5.0))
    False
    """

    def __init__(
        self,
        config: AlexaApiConfig = AlexaApiConfig(),  # frozen, so one shared default is safe
        session: requests.Session | None = None,
        runner: CallRunner | None = None,
    ) -> None:
        self._config = config
        self._pooled = session
        self._runner = runner or CallRunner()

    @property
    def _session(self) -> requests.Session:
        """One session per process keeps the TLS connection to Alexa alive between turns.

        Made on the first call, not at start-up: `requests` is ~40 ms of a cold start's
        imports, which turns that call no Alexa API (most of them) need not pay.
        """
        if self._pooled is None:
            import requests

            self._pooled = requests.Session()
        return self._pooled

    def close(self) -> None:
        """Close pooled connections."""
        if self._pooled is not None:
            self._pooled.close()

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
        """Make one bounded request to one of Alexa's APIs; never raises.

        Anything but a 2xx is logged (operation, status or error class, timing only).
        """
        started = time.monotonic()
        if not _is_https(api_endpoint):
            return _failed(operation, "endpoint is not https", started)
        if not access_token:
            return _failed(operation, "no access token", started)
        remaining = budget.remaining()
        if remaining <= 0.0:
            return _failed(operation, "turn budget spent", started)
        connect = min(self._config.connect_timeout_seconds, remaining)
        read = min(self._config.read_timeout_seconds, remaining)
        headers = {"Authorization": f"Bearer {access_token}", "Accept": "application/json"}
        if json_body is not None:
            headers["Content-Type"] = "application/json"
        session = self._session
        try:
            # The timeouts bound each socket operation; the runner bounds the whole call, so
            # a server that drips its answer cannot stretch the turn.
            response = self._runner.call(
                min(connect + read, remaining),
                lambda: session.request(
                    method,
                    api_endpoint.rstrip("/") + path,
                    headers=headers,
                    json=json_body,
                    timeout=(connect, read),
                    # A redirect would spend the budget twice; Alexa's APIs do not redirect.
                    allow_redirects=False,
                ),
            )
        except DeadlinePassed as error:
            return _failed(operation, f"no answer in time ({error})", started)
        except Exception as error:  # never raise: the turn must still be answered in full
            return _failed(operation, type(error).__name__, started)
        answer = ApiAnswer(response.status_code, _json_or_none(response))
        if not answer.ok:
            warn_failed(operation, f"HTTP {response.status_code}", started)
        return answer


def _json_or_none(response: requests.Response) -> Any:
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        return None


def _failed(operation: str, reason: str, started: float) -> ApiAnswer:
    warn_failed(operation, reason, started)
    return ApiAnswer(None)


def _is_https(api_endpoint: str) -> bool:
    try:
        parts = urllib.parse.urlsplit(api_endpoint)
        return parts.scheme.lower() == "https" and bool(parts.hostname)
    except ValueError:
        return False
