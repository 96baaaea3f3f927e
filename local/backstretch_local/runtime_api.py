"""Lambda's Runtime API on loopback: the four endpoints Lambda's own runtime client
(`awslambdaric`, what AWS's Python runtimes run) talks to, so the bundle can be run the way
Lambda runs it, with `python -m awslambdaric lambda_function.lambda_handler`.

    with RuntimeApi() as api:                       # http://127.0.0.1:PORT
        ... start the runtime with AWS_LAMBDA_RUNTIME_API=api.address ...
        result = api.invoke({"version": "1.0", ...}, seconds_left=7.0)
        result.kind, result.json()                  # "response" and the skill's answer

The contract (Lambda's runtime API, version 2018-06-01):

- ``GET /2018-06-01/runtime/invocation/next`` waits for an event and answers it with headers
  ``Lambda-Runtime-Aws-Request-Id``, ``Lambda-Runtime-Deadline-Ms`` (the invocation's end,
  Unix milliseconds), ``Lambda-Runtime-Invoked-Function-Arn`` and ``Lambda-Runtime-Trace-Id``;
- ``POST /2018-06-01/runtime/invocation/{id}/response`` and ``.../{id}/error`` end that
  invocation (202); an id that is not waiting for its answer gets 400;
- ``POST /2018-06-01/runtime/init/error``: the handler could not even be loaded (202).

One server per runtime process: a long poll left open by a runtime that was killed would
otherwise take the next event.
"""

from __future__ import annotations

import json
import queue
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PREFIX = "/2018-06-01/runtime"
DEFAULT_FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:backstretch-local-skill"
# How often a waiting long poll looks whether the server is stopping.
_POLL_SECONDS = 0.05


@dataclass(frozen=True)
class Invocation:
    """What the runtime posted back for one event: its answer, or the error it reported."""

    request_id: str
    kind: str  # "response" or "error"
    body: bytes
    headers: dict[str, str]
    handed_at: float  # time.monotonic() when the runtime took the event
    answered_at: float  # and when its answer arrived

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def seconds(self) -> float:
        """From the event taken to the answer posted: what Lambda bills as the duration."""
        return self.answered_at - self.handed_at

    @property
    def error_type(self) -> str | None:
        """For an error, its type: ``Lambda-Runtime-Function-Error-Type`` when the runtime
        sends that header, else the body's ``errorType`` (awslambdaric sends only that)."""
        if self.kind == "response":
            return None
        header = self.headers.get("lambda-runtime-function-error-type")
        if header:
            return header
        try:
            error_type = self.json().get("errorType")
        except (ValueError, AttributeError):
            return None
        return error_type if isinstance(error_type, str) else None


@dataclass
class _Pending:
    request_id: str
    body: bytes
    deadline_ms: int
    handed_at: float = 0.0
    done: threading.Event = field(default_factory=threading.Event)
    result: Invocation | None = None


class RuntimeApiTimeout(Exception):
    """The runtime did not take or answer an event in time (it may have died)."""


class RuntimeApi:
    """Lambda's runtime API for one runtime process, between `start()` and `stop()`."""

    def __init__(self, function_arn: str = DEFAULT_FUNCTION_ARN) -> None:
        self.function_arn = function_arn
        self._events: queue.Queue[_Pending] = queue.Queue()
        self._lock = threading.Lock()
        self._waiting: dict[str, _Pending] = {}  # handed to the runtime, not yet answered
        self._stopping = threading.Event()
        self._polled = threading.Condition(self._lock)
        self.polls: list[float] = []  # time.monotonic() of every GET .../next
        self.init_errors: list[Invocation] = []
        self.refused: list[str] = []  # posts for an id that was not waiting for its answer
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": _POLL_SECONDS},
            name="lambda-runtime-api",
            daemon=True,
        )

    @property
    def address(self) -> str:
        """What ``AWS_LAMBDA_RUNTIME_API`` is set to: host and port, no scheme."""
        return f"127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> RuntimeApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5.0)

    def __enter__(self) -> RuntimeApi:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def wait_for_poll(self, count: int, timeout: float) -> float:
        """Wait until the runtime has asked for its ``count``-th event; when it did."""
        with self._polled:
            if not self._polled.wait_for(lambda: len(self.polls) >= count, timeout):
                raise RuntimeApiTimeout(f"the runtime asked for {len(self.polls)} events")
            return self.polls[count - 1]

    def invoke(self, event: Any, *, seconds_left: float = 7.0, timeout: float = 30.0) -> Invocation:
        """Hand ``event`` (bytes as they are, anything else as JSON) to the runtime, with
        ``seconds_left`` before the invocation's deadline, and wait for its answer."""
        body = event if isinstance(event, bytes) else json.dumps(event).encode("utf-8")
        pending = _Pending(
            request_id=str(uuid.uuid4()),
            body=body,
            deadline_ms=int((time.time() + seconds_left) * 1000),
        )
        self._events.put(pending)
        if not pending.done.wait(timeout) or pending.result is None:
            raise RuntimeApiTimeout(f"no answer to {pending.request_id} within {timeout} s")
        return pending.result

    # --- the server's side ------------------------------------------------------------------

    def _next(self) -> _Pending | None:
        """The next event, once there is one; None when the server is stopping."""
        with self._polled:
            self.polls.append(time.monotonic())
            self._polled.notify_all()
        while not self._stopping.is_set():
            try:
                pending = self._events.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                continue
            with self._lock:
                pending.handed_at = time.monotonic()
                self._waiting[pending.request_id] = pending
            return pending
        return None

    def _answer(self, request_id: str, kind: str, body: bytes, headers: dict[str, str]) -> bool:
        with self._lock:
            pending = self._waiting.pop(request_id, None)
            if pending is None:
                self.refused.append(request_id)
                return False
        answered = time.monotonic()
        pending.result = Invocation(request_id, kind, body, headers, pending.handed_at, answered)
        pending.done.set()
        return True

    def _init_error(self, body: bytes, headers: dict[str, str]) -> None:
        with self._lock:
            now = time.monotonic()
            self.init_errors.append(Invocation("", "init_error", body, headers, now, now))


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, api: RuntimeApi) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.api = api


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the test or the benchmark reports what matters."""

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes: without this, Nagle's algorithm holds the
        # body until the runtime acknowledges the headers, which it delays by ~40 ms, and
        # every invocation would look 40 ms slower than it is.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionResetError, BrokenPipeError):
            self.close_connection = True  # the runtime ended (or was ended) mid-connection

    def do_GET(self) -> None:
        if self.path != f"{PREFIX}/invocation/next":
            self._reply(404, {"errorMessage": "unknown path", "errorType": "NotFound"})
            return
        pending = self.server.api._next()
        if pending is None:
            self._reply(500, {"errorMessage": "stopping", "errorType": "Stopping"})
            return
        self._reply(
            200,
            pending.body,
            {
                "Lambda-Runtime-Aws-Request-Id": pending.request_id,
                "Lambda-Runtime-Deadline-Ms": str(pending.deadline_ms),
                "Lambda-Runtime-Invoked-Function-Arn": self.server.api.function_arn,
                "Lambda-Runtime-Trace-Id": f"Root=1-{uuid.uuid4().hex[:8]}-{uuid.uuid4().hex[:24]}",
            },
        )

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        api = self.server.api
        if self.path == f"{PREFIX}/init/error":
            api._init_error(body, headers)
            self._reply(202, {"status": "OK"})
            return
        parts = self.path.removeprefix(f"{PREFIX}/invocation/").split("/")
        if not self.path.startswith(f"{PREFIX}/invocation/") or len(parts) != 2:
            self._reply(404, {"errorMessage": "unknown path", "errorType": "NotFound"})
            return
        request_id, kind = parts
        if kind not in ("response", "error"):
            self._reply(404, {"errorMessage": "unknown path", "errorType": "NotFound"})
        elif api._answer(request_id, kind, body, headers):
            self._reply(202, {"status": "OK"})
        else:
            refused = {"errorMessage": "invalid request id", "errorType": "InvalidRequestID"}
            self._reply(400, refused)

    def _reply(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        payload = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the runtime is gone (ended, or killed mid-poll)
