"""Our own SSML read back into the speech plan's segments, in the order a listener meets them.

The inverse of `backstretch.speech.ssml`: text becomes `Say`, each ``<break>`` a `Pause`, and
the pauses of a counted hold (from ``hold.start`` to ``hold.release``, across the progressive
responses and the full response one turn is spoken in) become `HeldPause`s that say how much
of the hold's silence is left. The local tools (chat, simulator) read speech this way, so the
plan's segments are the one speech vocabulary.

>>> read_ssml('<speak>Hold it there. <break time="10000ms"/> 10 seconds.</speak>')
[Say(text='Hold it there.'), Pause(seconds=10.0), Say(text='10 seconds.')]
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass

from backstretch.speech.hold import HoldLines
from backstretch.speech.plan import Pause, Say

_TIME = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s)\s*$")


@dataclass(frozen=True)
class HeldPause:
    """A pause inside a counted hold (a `HoldCount` as said): the hold's silences in all, and
    what is left of them when this one starts. Its spoken marks take the rest of the hold."""

    pause: Pause
    total_seconds: float
    left_seconds: float


Heard = Say | Pause | HeldPause


class SsmlError(ValueError):
    """Speech that is not well-formed SSML, or a break that is not timed as ours are."""


def read_ssml(ssml: str) -> list[Say | Pause]:
    """Sentences and pauses, in the order Alexa would say them; runs of text joined."""
    try:
        root = ElementTree.fromstring(ssml)  # noqa: S314 - the skill's own SSML
    except ElementTree.ParseError as exc:
        raise SsmlError(f"not well-formed SSML: {exc}") from exc
    segments: list[Say | Pause] = []
    _walk(root, segments)
    return _merged(segments)


def mark_holds(parts: Sequence[Sequence[Say | Pause]], hold: HoldLines) -> list[list[Heard]]:
    """Mark the pauses of each counted hold, across the parts one turn is spoken in.

    A hold starts after the words that open it (``hold.start``, or ``hold.carry_on`` for one
    that carries on after an interruption) and ends at the words that
    close it (``hold.release``); it may begin in a progressive response and end in the full
    response, so the parts are read as one.
    """
    flat = [item for part in parts for item in part]
    marked: list[Heard] = []
    index = 0
    while index < len(flat):
        item = flat[index]
        marked.append(item)
        index += 1
        if isinstance(item, Say) and item.text.endswith((hold.start, hold.carry_on)):
            end = next(
                (i for i in range(index, len(flat)) if _says(flat[i], hold.release)),
                len(flat),
            )
            span = flat[index:end]
            total = sum(s.seconds for s in span if isinstance(s, Pause))
            left = total
            for inner in span:
                if isinstance(inner, Pause):
                    marked.append(HeldPause(inner, total, left))
                    left -= inner.seconds
                else:
                    marked.append(inner)
            index = end
    result: list[list[Heard]] = []
    position = 0
    for part in parts:
        result.append(marked[position : position + len(part)])
        position += len(part)
    return result


def _says(item: Say | Pause, text: str) -> bool:
    return isinstance(item, Say) and text in item.text


def _walk(element: ElementTree.Element, segments: list[Say | Pause]) -> None:
    if element.tag == "break":
        segments.append(Pause(_break_seconds(element)))
        return
    if element.text:
        segments.append(Say(element.text))
    for child in element:
        _walk(child, segments)
        if child.tail:
            segments.append(Say(child.tail))


def _break_seconds(element: ElementTree.Element) -> float:
    time = element.get("time")
    found = _TIME.match(time or "")
    if found is None:
        raise SsmlError(f"break time {time!r} is not like '500ms' or '2s'")
    value = float(found.group(1))
    return value / 1000 if found.group(2) == "ms" else value


def _merged(segments: list[Say | Pause]) -> list[Say | Pause]:
    """Runs of text joined, whitespace folded, empty text and zero pauses dropped."""
    merged: list[Say | Pause] = []
    for item in segments:
        if isinstance(item, Say):
            text = " ".join(item.text.split())
            if not text:
                continue
            if merged and isinstance(merged[-1], Say):
                merged[-1] = Say(f"{merged[-1].text} {text}")
            else:
                merged.append(Say(text))
        elif item.seconds > 0:
            merged.append(item)
    return merged
