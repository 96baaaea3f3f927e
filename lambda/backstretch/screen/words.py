"""What a screen says in words, per locale: each side's instruction in a few words, where the
stretch is felt, the buttons, the week's labels. Read once per locale the skill speaks, as its
language's file with the locale's overlay (backstretch.language.catalog)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from backstretch.language.catalog import read_catalog
from backstretch.language.locales import LOCALES
from backstretch.routine.content import content_locale


@dataclass(frozen=True)
class SideWords:
    side: str  # "Left side"
    instruction: str  # the set-up in a few words
    feel: str  # where the stretch is felt


@dataclass(frozen=True)
class StretchWords:
    title: str
    pose: str  # the name of the drawing in the step document's graphics
    sides: tuple[SideWords, ...]


@dataclass(frozen=True)
class ScreenWords:
    locale: str
    direction: str  # "LTR", or "RTL" where the language is written right to left
    stretches: dict[str, StretchWords]  # by stretch id
    labels: dict[str, str]  # the step screen's words
    days: tuple[str, ...]  # the week chart's day names, Monday first: CLDR's abbreviated
    week: dict[str, str]  # the week screen's words


def screen_words(locale: str | None) -> ScreenWords:
    """The screen's words for a locale (en-US's for one the skill does not speak).

    >>> screen_words("en-GB").stretches["lat"].sides[0].feel
    'Along your left side, near the armpit'
    """
    return _parsed(content_locale(locale))


@cache
def _parsed(tag: str) -> ScreenWords:
    data: dict[str, Any] = read_catalog("backstretch.screen", LOCALES[tag])
    stretches = {
        stretch_id: StretchWords(
            title=str(stretch["title"]),
            pose=str(stretch["pose"]),
            sides=tuple(
                SideWords(str(s["side"]), str(s["instruction"]), str(s["feel"]))
                for s in stretch["sides"]
            ),
        )
        for stretch_id, stretch in data["stretches"].items()
    }
    labels = {key: str(value) for key, value in data["labels"].items()}
    week = {key: str(value) for key, value in data["week"].items()}
    days = tuple(str(day) for day in data["days"])
    return ScreenWords(tag, LOCALES[tag].layout_direction, stretches, labels, days, week)
