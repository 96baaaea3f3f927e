"""A fake of Alexa's directive, settings and reminders APIs: what they answer, and what they
were sent. The skill reaches it in process through `in_process()`, an `AlexaApi` (no socket),
or over real TLS when `fake_alexa_https.FakeAlexaServer` serves the same behaviour.

    fake = FakeAlexa()                        # BackStretchSkill(config, api=fake.in_process())
    fake.directive_status = 500               # or 204, 403, 429, ...
    fake.directive_hang = True                # answer only at release() (in process: or the budget)
    fake.fail_after(2)                        # 204, 204, then 500 for every directive
    fake.time_zone = "Europe/Berlin"          # any JSON value
    fake.time_zone_status = 403
    fake.speech_texts()                       # directive.speech strings, in order
    fake.add_listener(print)                  # each directive body as it is taken
    fake.reminders                            # alert token -> the reminder as set
    fake.reminders_status = 401               # or 403, 400, 429, 500: refuse them all
    fake.reminders_hang = True                # reminders calls answer only at release()
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from backstretch.alexa_api.port import AlexaApi, ApiAnswer, warn_failed
from backstretch.budget import TurnBudget

_DIRECTIVES_PATH = "/v1/directives"
_TIME_ZONE_PATH = re.compile(r"^/v2/devices/[^/?#]+/settings/System\.timeZone$")
_REMINDERS_PATH = re.compile(r"^/v1/alerts/reminders(?:/(?P<token>[^/?#]+))?$")
# Where envelopes say the API is when the skill calls the fake in process (never dialled).
IN_PROCESS_ENDPOINT = "https://alexa-api.in-process.invalid"
# A long-running local server keeps only the latest requests.
DEFAULT_MAX_RECORDED = 10_000

DirectiveListener = Callable[[Any], None]


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any  # parsed JSON, or None when there was no body or it was not JSON
    client_address: tuple[str, int]

    def header(self, name: str) -> str | None:
        """A header's value, looked up without regard to case."""
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)


class FakeAlexa:
    """Alexa's APIs in memory: ``/v1/directives``, ``System.timeZone``, the Reminders API."""

    def __init__(self, max_recorded: int = DEFAULT_MAX_RECORDED) -> None:
        self.directive_status = 204
        self.directive_hang = False
        self.time_zone: Any = "America/Los_Angeles"
        self.time_zone_status = 200
        # The Reminders API: what is set, by alert token; a status other than None refuses
        # every reminders call with it.
        self.reminders: dict[str, Any] = {}
        self.reminders_status: int | None = None
        self.reminders_hang = False
        self._reminder_count = 0
        self._fail_after: int | None = None
        self._lock = threading.Lock()
        self._requests: deque[RecordedRequest] = deque(maxlen=max_recorded)
        self._accepted: deque[Any] = deque(maxlen=max_recorded)
        self._listeners: list[DirectiveListener] = []
        self._directive_count = 0
        self._released = threading.Event()

    @property
    def api_endpoint(self) -> str:
        """What an envelope's ``apiEndpoint`` says to reach this fake."""
        return IN_PROCESS_ENDPOINT

    def fail_after(self, n: int) -> None:
        """Answer 204 to the first ``n`` directives, then 500 to every later one."""
        with self._lock:
            self._fail_after = n

    def release(self) -> None:
        """Let hung requests (and any later ones) answer now."""
        self._released.set()

    def add_listener(self, listener: DirectiveListener) -> None:
        """Call ``listener(body)`` with each directive the fake takes (2xx), in the thread
        that sent it, just before answering it."""
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: DirectiveListener) -> None:
        with self._lock:
            self._listeners.remove(listener)

    # --- what was received ---------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    @property
    def directives(self) -> list[Any]:
        """The bodies of every directive POST, in the order received."""
        return [r.body for r in self.requests if r.method == "POST" and r.path == _DIRECTIVES_PATH]

    def accepted_speech(self, request_id: str | None = None) -> list[str]:
        """``directive.speech`` of the directives answered 2xx (those a device would play),
        for one request if given, in the order answered."""
        with self._lock:
            accepted = list(self._accepted)
        return _speech(accepted, request_id)

    def speech_texts(self, request_id: str | None = None) -> list[str]:
        """``directive.speech`` of every directive (for one request, if given), in order."""
        return _speech(self.directives, request_id)

    def in_process(self) -> AlexaApi:
        """Alexa's APIs as the skill sees them, answered by this fake in the caller's thread."""
        return _InProcess(self)

    def answer(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        body: Any,
        client_address: tuple[str, int],
        patience: float,
    ) -> tuple[int | None, Any]:
        """Status and JSON body for one request; no status when a hang outlasts `patience`."""

        is_directive = method == "POST" and path == _DIRECTIVES_PATH
        with self._lock:
            self._requests.append(RecordedRequest(method, path, headers, body, client_address))
            if is_directive:
                index, self._directive_count = self._directive_count, self._directive_count + 1
                status = self.directive_status
                if self._fail_after is not None:
                    status = 204 if index < self._fail_after else 500
                hang, listeners = self.directive_hang, list(self._listeners)
            time_zone, time_zone_status = self.time_zone, self.time_zone_status
        if is_directive:
            if hang and not self._released.wait(patience):
                return None, None
            if not 200 <= status < 300:
                return status, error_body(status)
            with self._lock:  # taken: a device would play it now
                self._accepted.append(body)
            for listener in listeners:
                listener(body)
            return status, None
        if method == "GET" and _TIME_ZONE_PATH.match(path):
            ok = time_zone_status == 200
            return time_zone_status, time_zone if ok else error_body(time_zone_status)
        if (reminder := _REMINDERS_PATH.match(path)) is not None:
            if self.reminders_hang and not self._released.wait(patience):
                return None, None
            return self._reminders_call(method, reminder["token"], body)
        return 404, error_body(404)

    def _reminders_call(self, method: str, token: str | None, body: Any) -> tuple[int, Any]:
        """The Reminders API on ``self.reminders``: create, read, list, replace, delete."""
        with self._lock:
            if self.reminders_status is not None:
                return self.reminders_status, error_body(self.reminders_status)
            if token is None and method == "POST":
                if not isinstance(body, dict) or "trigger" not in body:
                    return 400, error_body(400)
                self._reminder_count += 1
                token = f"fake-alert-{self._reminder_count}"
                self.reminders[token] = body
                return 201, {"alertToken": token, "status": "ON", **body}
            if token is None and method == "GET":
                alerts = [{"alertToken": t, **r} for t, r in self.reminders.items()]
                return 200, {"totalCount": str(len(alerts)), "alerts": alerts}
            if token is None or token not in self.reminders:
                return 404, error_body(404)
            if method == "GET":
                return 200, {"alertToken": token, **self.reminders[token]}
            if method == "PUT" and isinstance(body, dict):
                self.reminders[token] = body
                return 200, {"alertToken": token, "status": "ON", **body}
            if method == "DELETE":
                del self.reminders[token]
                return 200, None
            return 400, error_body(400)


class _InProcess(AlexaApi):
    """A fake's behaviour behind the port: a hang lasts until `release()` or the budget's end."""

    def __init__(self, fake: FakeAlexa) -> None:
        self._fake = fake

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
        started = time.monotonic()
        if not access_token:
            warn_failed(operation, "no access token", started)
            return ApiAnswer(None)
        headers = {"Authorization": f"Bearer {access_token}", "Accept": "application/json"}
        status, body = self._fake.answer(
            method, path, headers, json_body, ("in-process", 0), budget.remaining()
        )
        if status is None:
            warn_failed(operation, "no answer in time", started)
            return ApiAnswer(None)
        if not 200 <= status < 300:
            warn_failed(operation, f"HTTP {status}", started)
        return ApiAnswer(status, body)


def directive_speech(body: Any) -> str | None:
    """The SSML of a ``VoicePlayer.Speak`` directive body, or None for anything else."""
    if isinstance(body, dict) and isinstance(body.get("directive"), dict):
        speech = body["directive"].get("speech")
        return speech if isinstance(speech, str) else None
    return None


def directive_request_id(body: Any) -> str | None:
    """The request a directive answers (its ``header.requestId``), if it names one."""
    if isinstance(body, dict) and isinstance(body.get("header"), dict):
        request_id = body["header"].get("requestId")
        return request_id if isinstance(request_id, str) else None
    return None


def error_body(status: int) -> dict[str, str]:
    return {"code": f"HTTP_{status}", "message": "fake Alexa API error"}


def _speech(bodies: list[Any], request_id: str | None) -> list[str]:
    return [
        speech
        for body in bodies
        if (speech := directive_speech(body)) is not None
        and (request_id is None or directive_request_id(body) == request_id)
    ]
