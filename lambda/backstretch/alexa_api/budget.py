"""The time budget one skill turn may spend on outbound calls."""

from __future__ import annotations

import math
import time
from collections.abc import Callable


class TurnBudget:
    """A monotonic deadline for one skill turn's outbound calls.

    Alexa gives a turn about 8 seconds in all, so every outbound call takes its timeout
    from what is left of one shared deadline rather than from a fixed number.

    >>> budget = TurnBudget(2.0, clock=lambda: 100.0)
    >>> budget.remaining()
    2.0
    >>> budget.expired
    False
    """

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        if not math.isfinite(seconds):
            raise ValueError(f"a turn budget needs a finite number of seconds, got {seconds!r}")
        self._clock = clock
        self._deadline = clock() + seconds

    def remaining(self) -> float:
        """Seconds left before the deadline; 0.0 once it has passed, never negative."""
        return max(0.0, self._deadline - self._clock())

    @property
    def expired(self) -> bool:
        """True once no time is left."""
        return self.remaining() <= 0.0
