"""The terminal as the chat's `Keyboard`: lines typed at any moment, on the real clock.

A thread reads standard input line by line, so a line typed while Alexa is still talking is
there at once for the chat to cut in with; a line from a pipe is echoed, since nobody saw it
typed.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from datetime import UTC, datetime
from typing import TextIO

from backstretch_local.listener import Playback, Typed


class TerminalKeyboard:
    """Standard input and the wall clock."""

    def __init__(self, stream: TextIO | None = None, out: TextIO | None = None) -> None:
        self._stream = stream or sys.stdin
        self._out = out or sys.stdout
        self._echo = not self._stream.isatty()
        self._lines: queue.Queue[str | None] = queue.Queue()  # None: the input has ended
        self._reader: threading.Thread | None = None

    def now(self) -> datetime:
        return datetime.now(UTC)

    def read_line(self, prompt: str) -> str:
        self._out.write(prompt)
        self._out.flush()
        line = self._next(timeout=None)
        if line is None:
            raise EOFError
        if self._echo:
            self._out.write(line + "\n")
        return line

    def wait(self, seconds: float, *, listening: bool) -> Typed | None:
        if not listening:
            time.sleep(seconds)
            return None
        started = time.monotonic()
        try:
            line = self._next(timeout=seconds)
        except queue.Empty:
            return None
        if line is None:  # the input ended: nobody is left to cut in
            time.sleep(max(seconds - (time.monotonic() - started), 0.0))
            return None
        return Typed(line, time.monotonic() - started)

    def hearing(self, playback: Playback) -> None:
        """A person hears it; nothing to decide."""

    def _next(self, timeout: float | None) -> str | None:
        if self._reader is None:
            self._reader = threading.Thread(target=self._read, name="chat-stdin", daemon=True)
            self._reader.start()
        line = self._lines.get(timeout=timeout)
        if line is None:
            self._lines.put(None)  # and for every later read
        return line

    def _read(self) -> None:
        for line in self._stream:
            self._lines.put(line.rstrip("\r\n"))
        self._lines.put(None)
