"""A real deadline for one blocking outbound call, which no peer can stretch.

`requests` and botocore time out per socket operation, not per call: a server that sends one
byte every 0.3 s keeps a call with a 1 s read timeout alive for as long as it likes. So the
call runs on a worker thread and the turn waits for it only until the deadline. A call left
behind finishes (or fails) on its own; its result is dropped. Workers are few and never
queued for: when all are busy with calls left behind, a new call fails at once instead of
waiting behind them, and never starts later, after the turn has given up on it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

MAX_CALLS_IN_FLIGHT = 8


class DeadlinePassed(Exception):
    """The call did not answer before its deadline (it may still complete, unobserved)."""


class NoWorkerFree(DeadlinePassed):
    """Every worker is still busy with calls left behind: this one was not started."""


class CallRunner:
    """Runs blocking calls on worker threads, each awaited only until its deadline.

    Workers are daemon threads, so a call left behind never holds up the process's exit.

    >>> CallRunner().call(1.0, lambda: 42)
    42
    """

    def __init__(self, workers: int = MAX_CALLS_IN_FLIGHT) -> None:
        self._workers = workers
        self._free = threading.BoundedSemaphore(workers)

    def call(self, seconds: float, function: Callable[[], T]) -> T:
        """``function()``'s result, or DeadlinePassed once ``seconds`` have gone by.

        Whatever ``function`` raises is raised here.
        """
        if seconds <= 0:
            raise DeadlinePassed("no time left to start the call")
        if not self._free.acquire(blocking=False):
            raise NoWorkerFree(f"all {self._workers} workers are busy with calls left behind")
        outcome: dict[str, Any] = {}
        done = threading.Event()

        def run() -> None:
            try:
                outcome["value"] = function()
            except BaseException as error:  # handed to the waiting turn, or dropped
                outcome["error"] = error
            finally:
                done.set()
                self._free.release()

        threading.Thread(target=run, name="outbound-call", daemon=True).start()
        if not done.wait(seconds):
            raise DeadlinePassed(f"no answer within {seconds:.2f} s")
        if "error" in outcome:
            raise outcome["error"]
        value: T = outcome["value"]
        return value
