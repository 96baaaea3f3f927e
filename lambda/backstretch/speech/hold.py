"""The words of a counted hold, as each locale's content gives them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HoldLines:
    """What is said within a counted hold.

    `marks` are the marks as said, by seconds since the hold began ("10 seconds.", or in
    Arabic a form for 10 and another for 20); a mark not among them is `mark` with
    `{elapsed}` filled by the bare number.
    """

    start: str
    carry_on: str  # opens a hold that carries on after an interruption, from where it was
    mark: str
    countdown: tuple[str, ...]  # the last seconds, one word a second
    release: str
    marks: tuple[tuple[int, str], ...] = ()

    def mark_at(self, elapsed: int) -> str:
        """The mark said `elapsed` seconds into a hold.

        >>> HoldLines("", "", "{elapsed}.", (), "", ((10, "10 seconds."),)).mark_at(10)
        '10 seconds.'
        """
        return dict(self.marks).get(elapsed) or self.mark.format(elapsed=elapsed)
