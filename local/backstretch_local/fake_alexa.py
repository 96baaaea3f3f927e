"""A local HTTPS fake of Alexa's directive, settings and reminders APIs, for local use and
the tests.

Real TLS over loopback: production code reaches it through ``requests`` exactly as it would
reach Alexa, trusting the fake's CA (`backstretch_local.tls`). ``LocalAlexaApi`` runs one
for a process (``backstretch chat``, ``backstretch serve --no-verify``); the tests' fixture
``fake_alexa_api`` (tests/fake_alexa_api.py) runs one per test.

    with LocalAlexaApi() as fake:                 # CA made now, trusted in this process
        fake.directive_status = 500               # or 204, 403, 429, ...
        fake.directive_hang = True                # answer only at release() or stop()
        fake.fail_after(2)                        # 204, 204, then 500 for every directive
        fake.time_zone = "Europe/Berlin"          # any JSON value
        fake.time_zone_status = 403
        ... fake.api_endpoint ...                 # "https://127.0.0.1:PORT"
        fake.speech_texts()                       # directive.speech strings, in order
        fake.add_listener(print)                  # each directive body as it arrives
        fake.reminders                            # alert token -> the reminder as set
        fake.reminders_status = 401               # or 403, 400, 429, 500: refuse them all
        fake.reminders_hang = True                # reminders calls answer only at release()
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import ssl
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from backstretch_local.tls import TlsFiles, make_tls_files, trusted

_DIRECTIVES_PATH = "/v1/directives"
_TIME_ZONE_PATH = re.compile(r"^/v2/devices/[^/?#]+/settings/System\.timeZone$")
_REMINDERS_PATH = re.compile(r"^/v1/alerts/reminders(?:/(?P<token>[^/?#]+))?$")
# Bounds only a broken teardown; release() and teardown end every hang long before this.
_HANG_SAFETY_SECONDS = 60.0
_JOIN_SECONDS = 5.0
# A long-running local server keeps only the latest requests and errors.
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


class FakeAlexaApi:
    """Alexa's ``/v1/directives`` and ``System.timeZone`` APIs on https://127.0.0.1:PORT."""

    def __init__(self, tls: TlsFiles, max_recorded: int = DEFAULT_MAX_RECORDED) -> None:
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
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(tls.cert_file, tls.key_file)
        self._server = _Server(self, context, max_recorded)
        self._serve_thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-alexa-api",
            daemon=True,
        )

    # --- behaviour -------------------------------------------------------------------------

    def fail_after(self, n: int) -> None:
        """Answer 204 to the first ``n`` directives, then 500 to every later one."""
        with self._lock:
            self._fail_after = n

    def release(self) -> None:
        """Let hung directive requests (and any later ones) answer now."""
        self._released.set()

    def add_listener(self, listener: DirectiveListener) -> None:
        """Call ``listener(body)`` with each directive the fake takes (2xx), in its handler
        thread, just before answering it."""
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: DirectiveListener) -> None:
        with self._lock:
            self._listeners.remove(listener)

    # --- what was received ---------------------------------------------------------------

    @property
    def api_endpoint(self) -> str:
        return f"https://127.0.0.1:{self._server.server_address[1]}"

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
        return [
            speech
            for body in accepted
            if (speech := directive_speech(body)) is not None
            and (request_id is None or directive_request_id(body) == request_id)
        ]

    def speech_texts(self, request_id: str | None = None) -> list[str]:
        """``directive.speech`` of every directive (for one request, if given), in order."""
        return [
            speech
            for body in self.directives
            if (speech := directive_speech(body)) is not None
            and (request_id is None or directive_request_id(body) == request_id)
        ]

    @property
    def server_errors(self) -> list[BaseException]:
        """Errors raised while serving (failed handshakes, clients gone mid-answer)."""
        return self._server.errors()

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        self._serve_thread.start()

    def stop(self) -> None:
        """Release hung handlers, close every connection and wait for every thread."""
        self._released.set()
        self._server.shutdown()
        self._server.server_close()
        self._server.close_connections()
        stuck = self._server.join_handlers(_JOIN_SECONDS)
        self._serve_thread.join(_JOIN_SECONDS)
        if stuck or self._serve_thread.is_alive():
            raise RuntimeError(
                f"fake Alexa API did not shut down: {stuck} handler(s) still running"
            )

    # --- serving (handler threads) -------------------------------------------------------

    def _serve(self, handler: _Handler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length > 0 else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        path = handler.path
        record = RecordedRequest(
            method=handler.command,
            path=path,
            headers=dict(handler.headers.items()),
            body=body,
            client_address=(str(handler.client_address[0]), int(handler.client_address[1])),
        )
        with self._lock:
            self._requests.append(record)
            is_directive = handler.command == "POST" and path == _DIRECTIVES_PATH
            if is_directive:
                index = self._directive_count
                self._directive_count += 1
                if self._fail_after is not None:
                    status = 204 if index < self._fail_after else 500
                else:
                    status = self.directive_status
                hang = self.directive_hang
            time_zone, time_zone_status = self.time_zone, self.time_zone_status
            listeners = list(self._listeners) if is_directive else []

        if is_directive:
            if hang:
                self._released.wait(_HANG_SAFETY_SECONDS)
            if 200 <= status < 300:  # taken: a device would play it now
                with self._lock:
                    self._accepted.append(body)
                for listener in listeners:
                    listener(body)
            _answer(handler, status, None if 200 <= status < 300 else _error_body(status))
        elif handler.command == "GET" and _TIME_ZONE_PATH.match(path):
            value = time_zone if time_zone_status == 200 else _error_body(time_zone_status)
            _answer(handler, time_zone_status, value)
        elif (reminder := _REMINDERS_PATH.match(path)) is not None:
            if self.reminders_hang:
                self._released.wait(_HANG_SAFETY_SECONDS)
            status, answer = self._reminders_call(handler.command, reminder["token"], body)
            _answer(handler, status, answer)
        else:
            _answer(handler, 404, _error_body(404))

    def _reminders_call(self, method: str, token: str | None, body: Any) -> tuple[int, Any]:
        """The Reminders API on ``self.reminders``: create, read, list, replace, delete."""
        with self._lock:
            if self.reminders_status is not None:
                return self.reminders_status, _error_body(self.reminders_status)
            if token is None and method == "POST":
                if not isinstance(body, dict) or "trigger" not in body:
                    return 400, _error_body(400)
                self._reminder_count += 1
                token = f"fake-alert-{self._reminder_count}"
                self.reminders[token] = body
                return 201, {"alertToken": token, "status": "ON", **body}
            if token is None and method == "GET":
                alerts = [{"alertToken": t, **r} for t, r in self.reminders.items()]
                return 200, {"totalCount": str(len(alerts)), "alerts": alerts}
            if token is None or token not in self.reminders:
                return 404, _error_body(404)
            if method == "GET":
                return 200, {"alertToken": token, **self.reminders[token]}
            if method == "PUT" and isinstance(body, dict):
                self.reminders[token] = body
                return 200, {"alertToken": token, "status": "ON", **body}
            if method == "DELETE":
                del self.reminders[token]
                return 200, None
            return 400, _error_body(400)


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


def _error_body(status: int) -> dict[str, str]:
    return {"code": f"HTTP_{status}", "message": "fake Alexa API error"}


def _answer(handler: _Handler, status: int, body: Any) -> None:
    payload = b"" if body is None else json.dumps(body).encode()
    handler.send_response(status)
    if payload:
        handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(payload)))
    handler.end_headers()
    handler.wfile.write(payload)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Alexa's endpoint offers
    timeout = 10  # an idle keep-alive connection ends on its own
    server: _Server

    def setup(self) -> None:
        # The handshake runs here, in the handler's thread, so a slow or failing client
        # cannot stall the accept loop; and before the base class opens its file objects,
        # which a failed handshake would otherwise leave unclosed.
        tls = self.request
        assert isinstance(tls, ssl.SSLSocket)
        tls.settimeout(self.timeout)
        tls.do_handshake()
        super().setup()

    def do_POST(self) -> None:
        self.server.fake._serve(self)

    def do_GET(self) -> None:
        self.server.fake._serve(self)

    def do_PUT(self) -> None:
        self.server.fake._serve(self)

    def do_DELETE(self) -> None:
        self.server.fake._serve(self)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # requests are recorded; stderr stays quiet


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeAlexaApi, context: ssl.SSLContext, max_recorded: int) -> None:
        self.fake = fake
        self._context = context
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._handler_threads: list[threading.Thread] = []
        self._errors: deque[BaseException] = deque(maxlen=max_recorded)
        super().__init__(("127.0.0.1", 0), _Handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, address = self.socket.accept()
        # Answers go out as headers then body: without this, the body waits ~40 ms for the
        # client's delayed ACK (Nagle), which would show up as Alexa API latency.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        tls = self._context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return tls, address

    def process_request(self, request: Any, client_address: Any) -> None:
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            name="fake-alexa-api-handler",
            daemon=True,
        )
        with self._lock:
            self._connections.add(request)
            self._handler_threads = [t for t in self._handler_threads if t.is_alive()]
            self._handler_threads.append(thread)
        thread.start()

    def shutdown_request(self, request: Any) -> None:
        with self._lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients that time out and hang up are expected here; keep the error for tests.
        error = sys.exc_info()[1]
        if error is not None:
            with self._lock:
                self._errors.append(error)

    def errors(self) -> list[BaseException]:
        with self._lock:
            return list(self._errors)

    def close_connections(self) -> None:
        """Wake handlers blocked reading a keep-alive connection."""
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            # The plain-socket shutdown wakes a blocked reader without touching the TLS
            # state its thread owns; OSError means that thread already closed it.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(connection, socket.SHUT_RDWR)

    def join_handlers(self, seconds: float) -> int:
        """Wait for every handler thread; the number still running afterwards."""
        with self._lock:
            threads = list(self._handler_threads)
        for thread in threads:
            thread.join(seconds)
        return sum(thread.is_alive() for thread in threads)


class LocalAlexaApi:
    """A fake Alexa API for this process: a CA made at start-up and trusted (`tls.trusted`:
    added to the operator's own bundle, loopback kept away from any proxy). Everything is
    undone on exit.

    >>> with LocalAlexaApi() as fake:
    ...     conversation = AlexaConversation(api_endpoint=fake.api_endpoint)
    """

    def __init__(self, max_recorded: int = DEFAULT_MAX_RECORDED) -> None:
        self._max_recorded = max_recorded
        self._resources = ExitStack()

    def __enter__(self) -> FakeAlexaApi:
        with ExitStack() as resources:
            directory = resources.enter_context(
                tempfile.TemporaryDirectory(prefix="backstretch-alexa-api-")
            )
            tls = make_tls_files(Path(directory))
            resources.enter_context(trusted(tls.ca_file.read_bytes()))
            fake = FakeAlexaApi(tls, self._max_recorded)
            fake.start()
            resources.callback(fake.stop)
            self._resources = resources.pop_all()
        return fake

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._resources.close()
