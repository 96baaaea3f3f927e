"""What a person says in a language, and the lines they must hear: one `Language` per
written locale other than English (in this package's modules), read by the unit tier (which
runs without the `local` extra) and by the week played through the skill."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that would give English away in an answer in another language (none of them has any).
ENGLISH = re.compile(
    r"\b(the|you|your|and|say|seconds?|minutes?|days?|today|stretch|hurts|next|please|sorry)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Says:
    """What the person says at each point of the week, as they would say it (for the record:
    the intent it resolves to is given beside it)."""

    launch: str
    next: str
    no: str
    open: str
    knee: str
    knee_slot: str  # the body part as said, for the slot's value
    skip: str
    warning: str
    summary: str
    reminder: str
    yes: str
    weekdays: str  # Monday to Friday, as said for the reminder's days
    chat: tuple[str, ...]  # typed into `backstretch chat`: start, why, stop


@dataclass(frozen=True)
class Hears:
    """Lines the person must hear, in their language (whole sentences where possible)."""

    welcome: str
    welcome_back: str
    not_advice: str  # part of the safety note, said to a newcomer only
    that_hurts: str  # the words the safety note teaches
    first_stretch: str
    needs: str  # the padding, said before the first step
    first_step: str
    hold: tuple[str, ...]  # start, the 10 s and 20 s marks, the first of the countdown, release
    after_first_side: str
    switch_side: str
    next_stretch: str
    lat_first_step: str
    lat_done: str
    finished: str
    week_offer_end: str
    goodbye: str
    eighteen_left: str
    one_second: str
    knee_ease: str
    knee_offer: tuple[str, ...]
    knee_padded: str
    back_pain_start: str
    back_pain: tuple[str, ...]
    pain_offer_end: str
    gentler: str
    gentler_word: str  # the pain offer's own word, never said after a warning sign
    warning: tuple[str, ...]
    summaries: tuple[str, str, str]  # three days, one day, none yet (WeeklySummary cases)
    start_offer: str
    week_declined: str
    skipped_to_lat: str
    week_two_days: str
    week_work: str
    reminder_asked: str
    reminder_set: str
    reminder_asked_weekdays: str  # the reminder at 3 PM on weekdays, said back
    why: str  # the first line of the hip flexor's why
    stopped: str
    english_cue: str = "Hold it there"  # never heard in the chat


@dataclass(frozen=True)
class Language:
    locale: str
    time_zone: str
    says: Says
    hears: Hears
    # Words that would give English away; None where the language's script has none to find.
    english: re.Pattern[str] | None = ENGLISH
