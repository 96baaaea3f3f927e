"""The server (Hypercorn, as `backstretch serve` runs it), in this process: its log is quiet for
ordinary traffic and reports the application's failures.

The subprocess tests in tests/e2e/test_cli.py show its timeouts, limits and what it logs at start.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import requests

from backstretch_local.web.server import SERVER_LOGGER, ServerSettings, SkillServer

StartResponse = Callable[..., Any]


def failing_app(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    if environ["PATH_INFO"] == "/fail":
        raise RuntimeError("the application failed")
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"fine"]


@contextmanager
def serving(app: Any) -> Iterator[str]:
    server = SkillServer(app, "127.0.0.1", 0, ServerSettings(threads=2))
    thread = threading.Thread(target=server.run, name="server-under-test", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.stop()
        thread.join(timeout=5)
        assert not thread.is_alive()


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_a_failure_while_serving_is_logged_and_ordinary_requests_are_not() -> None:
    records = Records()
    logging.getLogger(SERVER_LOGGER).addHandler(records)
    try:
        with serving(failing_app) as url, requests.Session() as http:
            http.trust_env = False
            for _ in range(3):
                assert http.get(f"{url}/ok", timeout=5).text == "fine"
            quiet = list(records.records)
            failed = http.get(f"{url}/fail", timeout=5)
    finally:
        logging.getLogger(SERVER_LOGGER).removeHandler(records)

    assert quiet == []
    assert failed.status_code == 500
    assert "the application failed" not in failed.text  # no traceback to the client
    (logged,) = records.records
    assert logged.levelno == logging.ERROR
    assert logged.exc_info is not None
    assert "the application failed" in str(logged.exc_info[1])
