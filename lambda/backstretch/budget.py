"""The time one skill turn may spend on outbound calls: Alexa's APIs and storage alike."""

from __future__ import annotations

import math
import time
from collections.abc import Callable


class TurnBudget:
    """A monotonic deadline for one skill turn's outbound calls.

    Alexa gives a turn about 8 seconds in all, so every outbound call takes its timeout
    from what is left of one shared deadline rather than from a fixed number. A part of the
    turn (the calls to Alexa's APIs) can have a shorter allowance inside it, `within`.

    >>> budget = TurnBudget(2.0, clock=lambda: 100.0)
    >>> budget.remaining()
    2.0
    >>> budget.within(0.5).remaining()
    0.5
    >>> budget.allows(2.5)
    False
    """

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        if not math.isfinite(seconds):
            raise ValueError(f"a turn budget needs a finite number of seconds, got {seconds!r}")
        self._clock = clock
        self._started = clock()
        self._deadline = self._started + seconds

    def within(self, seconds: float) -> TurnBudget:
        """A budget of `seconds` from now, ending no later than this one."""
        inner = TurnBudget(seconds, self._clock)
        inner._deadline = min(inner._deadline, self._deadline)
        return inner

    def remaining(self) -> float:
        """Seconds left before the deadline; 0.0 once it has passed, never negative."""
        return max(0.0, self._deadline - self._clock())

    def elapsed(self) -> float:
        """Seconds since the budget began."""
        return self._clock() - self._started

    def allows(self, seconds: float) -> bool:
        """Whether something that may take `seconds` can still end before the deadline."""
        return seconds <= self.remaining()

    @property
    def expired(self) -> bool:
        """True once no time is left."""
        return self.remaining() <= 0.0
