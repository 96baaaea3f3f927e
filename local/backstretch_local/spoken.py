"""SSML as a listener meets it: words and silences in order, with the counted holds marked.

>>> timeline('<speak>Hold it there. <break time="10000ms"/> 10 seconds.</speak>')
[Words(text='Hold it there.'), Silence(seconds=10.0, hold=None), Words(text='10 seconds.')]
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from backstretch.routine.content import HoldLines

# Alexa's pauses for <break strength=...>, in seconds; "medium" is a bare <break/>.
_STRENGTH_SECONDS = {
    "none": 0.0,
    "x-weak": 0.0,
    "weak": 0.35,
    "medium": 0.75,
    "strong": 1.0,
    "x-strong": 1.25,
}
_TIME = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*$")
# Tags that end a sentence or paragraph also leave a short silence.
_PAUSING_TAGS = {"p": _STRENGTH_SECONDS["x-strong"], "s": _STRENGTH_SECONDS["strong"]}


@dataclass(frozen=True)
class HoldMoment:
    """Where a silence falls in a counted hold: its whole length, and what is left of it."""

    total_seconds: float
    left_seconds: float


@dataclass(frozen=True)
class Words:
    text: str


@dataclass(frozen=True)
class Silence:
    seconds: float
    hold: HoldMoment | None = None


Spoken = Words | Silence


class SsmlError(ValueError):
    """Speech that is not well-formed SSML."""


def timeline(ssml: str) -> list[Spoken]:
    """Words and silences, in the order Alexa would say them."""
    try:
        root = ElementTree.fromstring(ssml)  # noqa: S314 - the skill's own SSML
    except ElementTree.ParseError as exc:
        raise SsmlError(f"not well-formed SSML: {exc}") from exc
    items: list[Spoken] = []
    _walk(root, items)
    return _merged(items)


def mark_holds(parts: Sequence[Sequence[Spoken]], hold: HoldLines) -> list[list[Spoken]]:
    """Mark the silences of each counted hold, across the parts one turn is spoken in.

    A hold starts after the words that open it (``hold.start``) and ends at the words that
    close it (``hold.release``); it may begin in a progressive response and end in the full
    response, so the parts are read as one.
    """
    flat = [item for part in parts for item in part]
    marked: list[Spoken] = []
    index = 0
    while index < len(flat):
        item = flat[index]
        marked.append(item)
        index += 1
        if isinstance(item, Words) and item.text.endswith(hold.start):
            end = next(
                (i for i in range(index, len(flat)) if _says(flat[i], hold.release)),
                len(flat),
            )
            span = flat[index:end]
            total = sum(s.seconds for s in span if isinstance(s, Silence))
            left = total
            for inner in span:
                if isinstance(inner, Silence):
                    marked.append(replace(inner, hold=HoldMoment(total, left)))
                    left -= inner.seconds
                else:
                    marked.append(inner)
            index = end
    result: list[list[Spoken]] = []
    position = 0
    for part in parts:
        result.append(marked[position : position + len(part)])
        position += len(part)
    return result


def as_text(items: Iterable[Spoken]) -> str:
    """The words alone, as one line of text."""
    return " ".join(item.text for item in items if isinstance(item, Words))


def seconds_label(seconds: float) -> str:
    """'10s', '1.5s'."""
    return f"{seconds:g}s"


def _says(item: Spoken, text: str) -> bool:
    return isinstance(item, Words) and text in item.text


def _walk(element: ElementTree.Element, items: list[Spoken]) -> None:
    tag = element.tag
    if tag == "break":
        items.append(Silence(_break_seconds(element)))
    else:
        if element.text:
            items.append(Words(element.text))
        for child in element:
            _walk(child, items)
            if child.tail:
                items.append(Words(child.tail))
        if tag in _PAUSING_TAGS:
            items.append(Silence(_PAUSING_TAGS[tag]))


def _break_seconds(element: ElementTree.Element) -> float:
    time = element.get("time")
    if time is not None:
        found = _TIME.match(time)
        if found is None:
            raise SsmlError(f"break time {time!r} is not like '500ms' or '2s'")
        value = float(found.group(1))
        return value / 1000 if found.group(2) == "ms" else value
    return _STRENGTH_SECONDS.get(element.get("strength", "medium"), _STRENGTH_SECONDS["medium"])


def _merged(items: list[Spoken]) -> list[Spoken]:
    """Runs of words joined, whitespace folded, empty words and zero silences dropped."""
    merged: list[Spoken] = []
    for item in items:
        if isinstance(item, Words):
            text = " ".join(item.text.split())
            if not text:
                continue
            if merged and isinstance(merged[-1], Words):
                merged[-1] = Words(f"{merged[-1].text} {text}")
            else:
                merged.append(Words(text))
        elif item.seconds > 0:
            merged.append(item)
    return merged
