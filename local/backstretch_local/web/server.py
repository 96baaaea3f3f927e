"""The HTTP server `backstretch serve` runs the Flask app with, verifying or not: Hypercorn.

No client, however slow, holds the server. A request's head must arrive within half of
``request_timeout_seconds`` of the connection opening (or of the previous answer on it), and its
body within the other half; a connection that misses either is closed. Connections are not
capped (each costs a socket and a few KB of the event loop, never a thread), so a crowd of slow
clients is never a reason to leave a new one waiting: the deadline sheds them. Only a request
read whole reaches one of ``threads`` worker threads, which run the Flask app.

    server = SkillServer(app, "127.0.0.1", 8080, ServerSettings())
    server.run()  # until SIGINT or SIGTERM (in the main thread), or server.stop()
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
import threading
from dataclasses import dataclass
from importlib.metadata import version
from typing import TYPE_CHECKING, Any, cast

from a2wsgi import WSGIMiddleware
from hypercorn.asyncio import serve
from hypercorn.config import Config

from backstretch_local.cli import REQUEST_TIMEOUT_SECONDS
from backstretch_local.web.app import MAX_BODY_BYTES

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication
    from hypercorn.typing import ASGIFramework

logger = logging.getLogger("backstretch")
SERVER_LOGGER = "backstretch.server"  # Hypercorn's error log
ASGIMessage = dict[str, Any]
ASGIReceive = Any  # () -> Awaitable[ASGIMessage]
ASGISend = Any  # (ASGIMessage) -> Awaitable[None]


@dataclass(frozen=True)
class ServerSettings:
    """How much the server takes on at once, and how long it waits for a client."""

    threads: int = 8  # requests handled at once; more wait, read whole, for a thread
    request_timeout_seconds: float = REQUEST_TIMEOUT_SECONDS  # head, then body, each half
    backlog: int = 1024  # connections the kernel holds until the loop accepts them

    @property
    def part_seconds(self) -> float:
        """What the head, and then the body, each get."""
        return self.request_timeout_seconds / 2

    def describe(self) -> str:
        return (
            f"hypercorn {version('hypercorn')}: {self.threads} threads, connections not capped, "
            f"a request's head and body each read within {self.part_seconds:g} s "
            f"(closed after {self.request_timeout_seconds:g} s at most), "
            f"bodies up to {MAX_BODY_BYTES // 1024} KB"
        )


class SkillServer:
    """Hypercorn serving a WSGI app on host:port (0: any free port, see ``.port``).

    ``run()`` serves until ``stop()``, or, run in the main thread, until SIGINT or SIGTERM;
    then it closes its connections (waiting up to 3 s for answers being written) and returns.
    """

    def __init__(
        self, app: WSGIApplication, host: str, port: int, settings: ServerSettings
    ) -> None:
        self.settings = settings
        self._app = _BodyReadInTime(
            # a2wsgi runs the app on its own pool of worker threads; it is handed bodies read
            # whole (below), so a thread never waits on a client.
            WSGIMiddleware(app, workers=settings.threads),  # type: ignore[arg-type]
            settings.part_seconds,
            MAX_BODY_BYTES,
        )
        listening = socket.create_server((host, port), backlog=settings.backlog)
        self.port: int = listening.getsockname()[1]
        self._config = _hypercorn_config(settings, listening.detach())  # Hypercorn's now
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._started = threading.Event()

    def run(self) -> None:
        asyncio.run(self._serve())

    def stop(self) -> None:
        """Ask a running server to stop (from any thread); ``run()`` then returns."""
        self._started.wait()
        if self._loop is not None and self._stopping is not None:
            self._loop.call_soon_threadsafe(self._stopping.set)

    async def _serve(self) -> None:
        self._loop, self._stopping = asyncio.get_running_loop(), asyncio.Event()
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._loop.add_signal_handler(signum, self._stopping.set)
        self._started.set()
        app = cast("ASGIFramework", self._app)  # an ASGI 3 app; its messages typed loosely here
        await serve(app, self._config, shutdown_trigger=self._stopping.wait, mode="asgi")


def _hypercorn_config(settings: ServerSettings, listening_fd: int) -> Config:
    config = Config()
    config.bind = [f"fd://{listening_fd}"]
    # Hypercorn's keep-alive timer runs whenever a connection has no request under way: from
    # the connection opening (or the previous answer) until a request's head is complete.
    # Bytes arriving do not restart it, so it bounds a trickled head as well as an idle
    # connection. Its per-read timeout (read_timeout) would not: a trickle resets it.
    config.keep_alive_timeout = settings.part_seconds
    config.backlog = settings.backlog
    config.h11_max_incomplete_size = 16 * 1024  # a head beyond it is refused (431)
    config.wsgi_max_body_size = MAX_BODY_BYTES
    config.include_server_header = False  # no header naming the software
    config.accesslog = None  # the app logs what it answers
    config.errorlog = _server_logger()
    return config


class _BodyReadInTime:
    """ASGI middleware: the body read whole within a deadline, then handed to ``app``.

    Hypercorn bounds the head (above) but not the body: once a request has begun, it waits
    for the body as long as bytes keep coming. Here the body must be complete within
    ``seconds`` of the head; otherwise the client gets 408 and the connection is closed
    (Hypercorn closes a connection whose request body was not read to its end).
    A body over ``max_bytes`` is passed on as far as it was read, for a 413.
    """

    def __init__(self, app: Any, seconds: float, max_bytes: int) -> None:
        self._app, self._seconds, self._max_bytes = app, seconds, max_bytes

    async def __call__(self, scope: ASGIMessage, receive: ASGIReceive, send: ASGISend) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)  # lifespan: nothing to read
            return
        messages: list[ASGIMessage] = []
        try:
            async with asyncio.timeout(self._seconds):
                read = 0
                while True:
                    message = await receive()
                    messages.append(message)
                    read += len(message.get("body", b""))
                    if not message.get("more_body") or read > self._max_bytes:
                        break
        except TimeoutError:
            await send({"type": "http.response.start", "status": 408, "headers": _CLOSE})
            await send({"type": "http.response.body", "body": b"request body too slow\n"})
            return
        replay = iter(messages)

        async def replayed() -> ASGIMessage:
            return next(replay, None) or await receive()

        await self._app(scope, replayed, send)


_CLOSE = [(b"content-type", b"text/plain"), (b"connection", b"close")]


def _server_logger() -> logging.Logger:
    """Hypercorn's failures (an exception while serving) go to the skill's log, in its format
    (a child of "backstretch"); its routine lines ("Running on ...") do not."""
    server_logger = logging.getLogger(SERVER_LOGGER)
    server_logger.setLevel(logging.WARNING)
    return server_logger


def serve_skill(app: WSGIApplication, host: str, port: int, settings: ServerSettings) -> None:
    """Serve `app` until SIGINT or SIGTERM, saying in the log what serves it."""
    server = SkillServer(app, host, port, settings)
    logger.info("served by %s", settings.describe())
    server.run()
