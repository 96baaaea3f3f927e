"""A speech plan: what to say, as plain segments, before it becomes SSML."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Say:
    """Plain text to speak (escaped when rendered)."""

    text: str


@dataclass(frozen=True)
class Pause:
    """Silence, in seconds (at most 10, Alexa's limit for one break)."""

    seconds: float


@dataclass(frozen=True)
class HoldCount:
    """A hold counted aloud: breaks of at most 10 s with spoken marks between them.

    `begun` seconds of it were held before an interruption: the count carries on from
    there, and lasts `seconds - begun`.
    """

    seconds: int
    begun: int = 0

    @property
    def remaining(self) -> int:
        return self.seconds - self.begun


Segment = Say | Pause | HoldCount


@dataclass(frozen=True)
class SpeechPlan:
    segments: tuple[Segment, ...] = ()

    def __add__(self, other: SpeechPlan) -> SpeechPlan:
        return SpeechPlan(self.segments + other.segments)

    @property
    def hold(self) -> HoldCount | None:
        return next((s for s in self.segments if isinstance(s, HoldCount)), None)

    @property
    def is_empty(self) -> bool:
        return not self.segments


def say(*texts: str) -> SpeechPlan:
    """A plan of sentences said one after another; empty strings are skipped."""
    return SpeechPlan(tuple(Say(text) for text in texts if text))
