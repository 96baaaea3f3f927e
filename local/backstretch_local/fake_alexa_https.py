"""The fake Alexa API (`fake_alexa.FakeAlexa`) served over real TLS on loopback, for where the
skill's own HTTPS client is the point (`backstretch chat`, `backstretch serve --no-verify`,
the client's and the network's tests, e2e). The skill reaches it through ``requests`` exactly
as it would reach Alexa, trusting the fake's CA (`backstretch_local.tls`).

    with trusted_fake_alexa() as fake:        # CA made now, trusted in this process
        ... fake.api_endpoint ...             # "https://127.0.0.1:PORT"
        ... fake.server_errors ...            # failed handshakes, clients gone mid-answer
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import ExitStack
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from backstretch_local.fake_alexa import DEFAULT_MAX_RECORDED, FakeAlexa, error_body
from backstretch_local.tls import TlsFiles, make_tls_files, trusted

# Bounds only a broken teardown; release() and stop() end every hang long before this.
_HANG_SAFETY_SECONDS = 60.0
_JOIN_SECONDS = 5.0


class FakeAlexaServer(FakeAlexa):
    """The same fake, answering on https://127.0.0.1:PORT between `start()` and `stop()`."""

    def __init__(self, tls: TlsFiles, max_recorded: int = DEFAULT_MAX_RECORDED) -> None:
        super().__init__(max_recorded)
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

    @property
    def api_endpoint(self) -> str:
        return f"https://127.0.0.1:{self._server.server_address[1]}"

    @property
    def server_errors(self) -> list[BaseException]:
        """Errors raised while serving (failed handshakes, clients gone mid-answer)."""
        return self._server.errors()

    def start(self) -> None:
        self._serve_thread.start()

    def stop(self) -> None:
        """Release hung handlers, close every connection and wait for every thread."""
        self.release()
        self._server.shutdown()
        self._server.server_close()
        self._server.close_connections()
        stuck = self._server.join_handlers(_JOIN_SECONDS)
        self._serve_thread.join(_JOIN_SECONDS)
        if stuck or self._serve_thread.is_alive():
            raise RuntimeError(
                f"fake Alexa API did not shut down: {stuck} handler(s) still running"
            )

    def serve_http(self, handler: _Handler) -> None:
        """Answer one HTTP request (in its handler thread) with the fake's behaviour."""
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length > 0 else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        client = (str(handler.client_address[0]), int(handler.client_address[1]))
        headers = dict(handler.headers.items())
        status, answer = self.answer(
            handler.command, handler.path, headers, body, client, _HANG_SAFETY_SECONDS
        )
        if status is None:  # only a broken teardown gets here
            status, answer = 504, error_body(504)
        payload = b"" if answer is None else json.dumps(answer).encode()
        handler.send_response(status)
        if payload:
            handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)


@contextlib.contextmanager
def trusted_fake_alexa(max_recorded: int = DEFAULT_MAX_RECORDED) -> Iterator[FakeAlexaServer]:
    """A served fake for this process: a CA made at start-up and trusted (`tls.trusted`:
    added to the operator's own bundle, loopback kept away from any proxy). Everything is
    undone on exit."""
    with ExitStack() as resources:
        directory = resources.enter_context(
            tempfile.TemporaryDirectory(prefix="backstretch-alexa-api-")
        )
        tls = make_tls_files(Path(directory))
        resources.enter_context(trusted(tls.ca_file.read_bytes()))
        fake = FakeAlexaServer(tls, max_recorded)
        fake.start()
        resources.callback(fake.stop)
        yield fake


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
        self.server.fake.serve_http(self)

    do_GET = do_PUT = do_DELETE = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        pass  # requests are recorded; stderr stays quiet


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeAlexaServer, context: ssl.SSLContext, max_recorded: int) -> None:
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
