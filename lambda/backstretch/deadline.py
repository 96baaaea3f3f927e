"""A real deadline for one blocking outbound call, which no peer can stretch.

`requests` and botocore time out per socket operation, not per call: a server that sends one
byte every 0.3 s keeps a call with a 1 s read timeout alive for as long as it likes. So the
call runs on a worker thread and the turn waits for it only until the deadline. A call left
behind (a straggler) finishes (or fails) on its own; its result is dropped.

Stragglers are counted apart from the calls turns are waiting for: a slow spell leaves
stragglers dripping for as long as the peer likes, and if they held the workers new calls
need, the skill would stay cut off after the peer had recovered. So a call is refused only
when as many calls as there are workers are being waited for, or when the bounded number of
stragglers is reached (a peer that never lets go must not grow threads and sockets without
end). A refused call fails at once and never starts later, after the turn has given up on it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

MAX_CALLS_IN_FLIGHT = 8  # calls turns are waiting for, at once
# Calls given up on and still running: room for several slow spells' worth of turns, each
# a thread and a socket at most, beside the workers that new calls always keep.
MAX_STRAGGLERS = 32


class DeadlinePassed(Exception):
    """The call did not answer before its deadline (it may still complete, unobserved)."""


class NoWorkerFree(DeadlinePassed):
    """Every worker is busy, or too many calls left behind still run: this one was not started."""


class CallRunner:
    """Runs blocking calls on worker threads, each awaited only until its deadline.

    Workers are daemon threads, so a call left behind never holds up the process's exit.

    >>> CallRunner().call(1.0, lambda: 42)
    42
    """

    def __init__(
        self, workers: int = MAX_CALLS_IN_FLIGHT, stragglers: int = MAX_STRAGGLERS
    ) -> None:
        self._workers = workers
        self._max_stragglers = stragglers
        self._lock = threading.Lock()
        self._awaited = 0
        self._stragglers = 0

    @property
    def stragglers(self) -> int:
        """Calls given up on that are still running."""
        return self._stragglers

    def call(self, seconds: float, function: Callable[[], T]) -> T:
        """``function()``'s result, or DeadlinePassed once ``seconds`` have gone by.

        Whatever ``function`` raises is raised here.
        """
        if seconds <= 0:
            raise DeadlinePassed("no time left to start the call")
        with self._lock:
            if self._awaited >= self._workers:
                raise NoWorkerFree(f"all {self._workers} workers are busy")
            if self._stragglers >= self._max_stragglers:
                raise NoWorkerFree(f"{self._stragglers} calls left behind are still running")
            self._awaited += 1
        outcome: dict[str, Any] = {}
        done = threading.Event()
        state = {"abandoned": False}

        def run() -> None:
            try:
                outcome["value"] = function()
            except BaseException as error:  # handed to the waiting turn, or dropped
                outcome["error"] = error
            finally:
                with self._lock:
                    done.set()
                    if state["abandoned"]:
                        self._stragglers -= 1

        threading.Thread(target=run, name="outbound-call", daemon=True).start()
        done.wait(seconds)
        with self._lock:
            self._awaited -= 1
            gave_up = not done.is_set()
            if gave_up:
                state["abandoned"] = True  # from now on it is a straggler, not a worker
                self._stragglers += 1
        if gave_up:
            raise DeadlinePassed(f"no answer within {seconds:.2f} s")
        if "error" in outcome:
            raise outcome["error"]
        value: T = outcome["value"]
        return value
