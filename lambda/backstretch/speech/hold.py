"""The words of a counted hold, as each locale's content gives them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HoldLines:
    """What is said within a counted hold; `{elapsed}` is seconds since it began."""

    start: str
    carry_on: str  # opens a hold that carries on after an interruption, from where it was
    mark: str
    countdown: tuple[str, ...]  # the last seconds, one word a second
    release: str
