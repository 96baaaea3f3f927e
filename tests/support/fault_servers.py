"""Servers that lie: they answer every request with fixed bytes, dripped slowly or cut short.

A dripping server sends its answer one byte at a time, so every socket read succeeds within
any per-read timeout while the whole answer takes as long as the server likes: what
`requests` and botocore cannot stop by themselves. They listen on 127.0.0.1 only, and stop
sending when the test ends.
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress


class FaultServer:
    """Answers each connection's first request with ``answer``, ``chunk`` bytes per ``every``
    seconds; with ``cut_after`` it closes the connection after that many bytes."""

    def __init__(
        self,
        answer: bytes,
        *,
        every: float = 0.0,
        chunk: int = 1,
        cut_after: int | None = None,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self._answer = answer if cut_after is None else answer[:cut_after]
        self._every = every
        self._chunk = chunk
        self._tls = tls
        self._stopped = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self.connections = 0
        self._thread = threading.Thread(target=self._accept, name="fault-server", daemon=True)

    @property
    def url(self) -> str:
        return f"{'https' if self._tls else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=2)
        self._listener.close()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            threading.Thread(target=self._answer_one, args=(connection,), daemon=True).start()

    def _answer_one(self, connection: socket.socket) -> None:
        with suppress(OSError, ssl.SSLError), connection:
            connection.settimeout(2)
            peer = self._tls.wrap_socket(connection, server_side=True) if self._tls else connection
            _read_request(peer)
            for start in range(0, len(self._answer), self._chunk):
                if self._stopped.wait(self._every):
                    return
                peer.sendall(self._answer[start : start + self._chunk])


def _read_request(peer: socket.socket) -> None:
    """Read up to the end of the headers, and a body as long as Content-Length says."""
    data = b""
    while b"\r\n\r\n" not in data:
        piece = peer.recv(4096)
        if not piece:
            return
        data += piece
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip() or 0)
    while len(body) < length:
        piece = peer.recv(4096)
        if not piece:
            return
        body += piece


class SlowSpell(FaultServer):
    """A peer that drips through a slow spell, then recovers: a connection opened during the
    spell drips ``answer`` (for as long as the test runs, if the answer is long enough); one
    opened after ``recover()`` is relayed byte for byte to the healthy ``upstream``."""

    def __init__(self, answer: bytes, upstream: str, **options: object) -> None:
        super().__init__(answer, **options)  # type: ignore[arg-type]
        parts = upstream.split("//", 1)[-1].rstrip("/").rsplit(":", 1)
        self._upstream = (parts[0], int(parts[1]))
        self._recovered = threading.Event()

    def recover(self) -> None:
        self._recovered.set()

    def _answer_one(self, connection: socket.socket) -> None:
        if not self._recovered.is_set():
            super()._answer_one(connection)
            return
        with suppress(OSError), connection, socket.create_connection(self._upstream) as healthy:
            back = threading.Thread(target=_pipe, args=(healthy, connection), daemon=True)
            back.start()
            _pipe(connection, healthy)
            back.join(timeout=2)


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    with suppress(OSError):
        while piece := source.recv(65536):
            sink.sendall(piece)
    with suppress(OSError):
        sink.shutdown(socket.SHUT_WR)


@contextmanager
def slow_spell(answer: bytes, upstream: str, **options: object) -> Iterator[SlowSpell]:
    server = SlowSpell(answer, upstream, **options)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def fault_server(answer: bytes, **options: object) -> Iterator[FaultServer]:
    server = FaultServer(answer, **options)  # type: ignore[arg-type]
    server.start()
    try:
        yield server
    finally:
        server.stop()


def http_answer(status: str, body: bytes, content_type: str) -> bytes:
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode() + body
