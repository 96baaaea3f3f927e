"""What a person in each written locale says, and what they must hear back: one module per
locale (`de_de.py`, `it_it.py`, ...), each defining `SPOKEN`. The language tests
(tests/unit/test_languages.py, tests/integration/test_languages.py,
tests/e2e/test_languages.py) run once per module found here, so a locale's tests are its
module: add one beside these for a new locale."""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass

# Words that would give English away in an answer in another language (none has them).
ENGLISH = re.compile(
    r"\b(the|you|your|and|say|seconds?|minutes?|days?|today|stretch|hurts|next|please|sorry)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Week:
    """What the person says over a week (Monday: a whole routine, the week declined;
    Tuesday: pain in the knee, a skip, a warning sign; Wednesday: how was my week), for the
    record; the intents are the same in every language."""

    time_zone: str
    launch: str
    reopen: str
    next: str
    yes: str
    no: str
    knee: str
    knee_slot: str  # the body part as said ("knie"), resolved to the id "knee"
    skip: str
    warning: str
    summary: str
    reminder: str  # "remind me to stretch at 3 PM", in the locale's words
    weekdays: str  # "every weekday" as said in it, resolved to the id "weekdays"


@dataclass(frozen=True)
class Spoken:
    """One locale's expected words: each a line (or a part of one) its content says."""

    locale: str
    week: Week
    # A newcomer's launch
    welcome: str  # how the launch begins
    disclaimer: tuple[str, ...]  # the safety note's words
    first_stretch: str
    needs: str  # set-up advice, said before the first instruction
    first_instruction: str
    hold_start: str
    ten_seconds: str
    twenty_seconds: str
    three: str
    release: str
    after_first_side: str
    # The rest of the routine
    switch: str  # leaving the first stretch's first side
    next_stretch: str
    lat_setup: str
    both_sides_done: str
    finished: str
    week_offer_end: str  # how the finished routine's question ends
    goodbye: str
    declined: str  # the week declined after a routine: the whole answer
    # Into a hold
    time_left_18: str
    one_second: str
    # Pain, the knee, a warning sign
    knee_ease: str
    knee_offer: tuple[str, ...]
    padded: str
    back_start: str
    back_advice: tuple[str, ...]
    pain_offer_end: str
    gentler: str
    gentler_word: str  # the gentler offer, never made after a warning sign
    warning: tuple[str, ...]
    # The week (Monday, Tuesday, Wednesday, 23-25 November 2026)
    summaries: tuple[str, str, str]  # three days, one day, none yet (see the unit test)
    start_offer: str
    welcome_back: str
    skipped: str
    two_days: str  # Wednesday's week, after Monday's routine and Tuesday's start
    two_days_work: str
    # Reminders: at 15:00 (every day), said back, then set; every weekday; a schedule each way
    reminder_asked: str
    reminder_set: str
    weekdays_at_three_pm: str
    reminder_text: str  # what Alexa says when the reminder goes off
    mondays_and_thursdays_at_six_pm: str
    wednesday_2_december_at_7_30: str
    every_day_at_noon: str
    # The interaction model: phrases people there say, each with the intent it must reach
    # through the local resolver (pain and warning signs included), and the words that do not
    # make a sample say anything by themselves (a sample of those and slots is a catch-all).
    understood: tuple[tuple[str, str], ...]
    function_words: frozenset[str]
    model_written: bool  # False: a stand-in model, short of en-US's intents' shape and samples
    # `backstretch chat --locale`: launch, why, stop
    chat_input: tuple[str, str, str]
    why_heard: str
    stopped: str


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one string: "a al alla" -> {"a", "al", "alla"}."""
    return frozenset(words.split())


def _load() -> dict[str, Spoken]:
    found: dict[str, Spoken] = {}
    for module in pkgutil.iter_modules(__path__):
        spoken: Spoken = importlib.import_module(f"{__name__}.{module.name}").SPOKEN
        found[spoken.locale] = spoken
    return dict(sorted(found.items()))


SPOKEN: dict[str, Spoken] = _load()
