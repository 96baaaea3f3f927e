"""The HTTP servers `backstretch serve` runs the Flask app with.

With verification on (what goes behind a public tunnel) it is waitress, a production WSGI
server: a bounded pool of worker threads, a bounded number of connections, and connections
that sit idle or stop half-way through a request closed after ``channel_timeout_seconds``.
Waitress reads a whole request before a worker sees it, so a slow client holds a connection,
never a worker. With ``--no-verify`` (one's own machine only) it is werkzeug's threaded
development server, as `make run` has always been.

    serve_verified(app, "127.0.0.1", 8080, ServerSettings())
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from importlib.metadata import version
from typing import TYPE_CHECKING

from flask import Flask
from waitress.server import BaseWSGIServer, create_server

from backstretch.observability import TextLogFormatter
from backstretch_local.cli import CHANNEL_TIMEOUT_SECONDS
from backstretch_local.web.app import MAX_BODY_BYTES

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

logger = logging.getLogger("backstretch")


@dataclass(frozen=True)
class ServerSettings:
    """How much the verifying server takes on at once, and how long it waits for a client."""

    threads: int = 8  # requests handled at once; more wait, read, in waitress's queue
    connection_limit: int = 100  # open connections; beyond it, new ones wait in the backlog
    channel_timeout_seconds: int = CHANNEL_TIMEOUT_SECONDS  # idle or half-sent: then closed

    def describe(self) -> str:
        return (
            f"waitress {version('waitress')}: {self.threads} threads, "
            f"{self.connection_limit} connections, idle or half-sent requests closed after "
            f"{self.channel_timeout_seconds} s, bodies up to {MAX_BODY_BYTES // 1024} KB"
        )


def verified_server(
    app: WSGIApplication, host: str, port: int, settings: ServerSettings
) -> BaseWSGIServer:
    """Waitress, bound to host:port (0: any free port, see ``.getsockname()``), not yet
    running: ``.run()`` serves until interrupted."""
    _quiet_but_failures_logged()
    server = create_server(
        app,
        host=host,
        port=port,
        threads=settings.threads,
        connection_limit=settings.connection_limit,
        channel_timeout=settings.channel_timeout_seconds,
        # How often idle connections are looked for: every second, so none outlives the
        # timeout by more than a second (waitress's default looks every 30 s).
        cleanup_interval=1,
        max_request_body_size=MAX_BODY_BYTES,
        ident="",  # no Server header naming the software
        asyncore_use_poll=True,  # poll(), not select(): no limit at 1,024 descriptors
    )
    assert isinstance(server, BaseWSGIServer)  # one host: one socket, not several
    return server


def serve_verified(app: Flask, host: str, port: int, settings: ServerSettings) -> None:
    """Serve `app` with waitress until interrupted (Ctrl-C; `serve` turns SIGTERM into it)."""
    server = verified_server(app, host, port, settings)
    logger.info("served by %s", settings.describe())
    server.run()  # on KeyboardInterrupt it closes every connection and its threads, and returns


def serve_unverified(app: Flask, host: str, port: int) -> None:
    """Serve `app` with werkzeug's development server: for `--no-verify`, one's own machine."""
    logger.info("served by werkzeug's development server (local use only)")
    app.run(host=host, port=port, threaded=True)


class _WaitressLogHandler(logging.Handler):
    """The handler `_quiet_but_failures_logged` installs (so it installs it once): writes to
    whatever `sys.stderr` is when it logs, not what it was when installed."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:
            self.handleError(record)


def _quiet_but_failures_logged() -> None:
    """Waitress's failures (an exception while serving, the connection limit reached) in the
    skill's log format, on stderr; not its routine lines. It warns each time a request waits
    for a thread ("Task queue depth"): noise here, so that logger only reports errors."""
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    waitress_logger = logging.getLogger("waitress")
    waitress_logger.setLevel(logging.WARNING)
    if not any(isinstance(h, _WaitressLogHandler) for h in waitress_logger.handlers):
        handler = _WaitressLogHandler()
        handler.setFormatter(TextLogFormatter())
        waitress_logger.addHandler(handler)
