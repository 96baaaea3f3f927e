"""Lists said the way a language joins them: "Montag, Mittwoch und heute"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ListPattern:
    """CLDR's list patterns ({0} and {1} are the two parts each joins): `two` for a pair;
    for longer lists `start` joins the first item, `end` the last, `middle` the rest.

    >>> german = ListPattern("{0} und {1}", "{0}, {1}", "{0}, {1}", "{0} und {1}")
    >>> german.join(["Montag", "Mittwoch", "heute"])
    'Montag, Mittwoch und heute'
    """

    two: str
    start: str
    middle: str
    end: str

    @classmethod
    def from_content(cls, data: Mapping[str, str]) -> ListPattern:
        return cls(data["two"], data["start"], data["middle"], data["end"])

    def join(self, items: Sequence[str]) -> str:
        if len(items) <= 1:
            return "".join(items)
        if len(items) == 2:
            return self.two.format(items[0], items[1])
        joined = self.end.format(items[-2], items[-1])
        for item in reversed(items[1:-2]):
            joined = self.middle.format(item, joined)
        return self.start.format(items[0], joined)
