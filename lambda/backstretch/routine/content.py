"""The routine as data: stretches, sides, set-up steps and every spoken line, per locale."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from backstretch.language.catalog import read_catalog
from backstretch.language.lists import ListPattern
from backstretch.language.locales import DEFAULT_LOCALE, LOCALES, Locale, spoken_locale
from backstretch.language.plurals import OTHER, plural_category
from backstretch.speech.hold import HoldLines
from backstretch.speech.ssml import MARK_EVERY_SECONDS

MAX_PAUSE_SECONDS = 10  # Alexa's limit for one <break>


@dataclass(frozen=True)
class Instruction:
    """One action to take, and the seconds of silence a body needs to take it."""

    text: str
    then: float = 0.0


@dataclass(frozen=True)
class Side:
    name: str
    switch: tuple[Instruction, ...]  # said only when coming straight from the other side
    setup: tuple[Instruction, ...]


@dataclass(frozen=True)
class Stretch:
    id: str
    name: str
    why_short: str  # said to people in their first routine
    why: tuple[str, ...]
    needs: Instruction  # what to fetch before the first side (a towel, a counter)
    ease_off: tuple[str, ...]  # what to do when it hurts
    ease_off_for: Mapping[str, tuple[str, ...]]  # when a named part hurts ("knee", "back")
    gentler: tuple[str, ...]  # how a gentler try differs
    sides: tuple[Side, ...]
    kneels: bool = False  # done kneeling: a bad knee is offered padding, or to skip it
    form: str = ""  # "is this right?": the form, and where it is felt ({side})
    back_in: str = ""  # the one cue that takes a person back into the stretch after a pause
    said_as: tuple[str, ...] = ()  # words naming it, for a slot value Alexa did not resolve


@dataclass(frozen=True)
class Lines:
    """Every other spoken line; placeholders in braces are filled by the conversation."""

    welcome: str
    welcome_back: str
    safety: str
    safety_reminder: str
    first_stretch: str
    now_stretch: str
    go_to_stretch: str
    same_side_prompt: str
    repeat_done_close: str
    repeat_undone_close: str
    redo_lead: str
    paused_mid_hold: str
    take_your_time: str
    finish_early: str
    last_stretch: str
    pain_stop: str
    pain_offer: str
    pain_reprompt: str
    pain_general: str
    gentler_lead: str
    where_on: str
    where_on_short: str
    where_left: str
    where_next: str
    where_all_done: str
    where_not_started: str
    which_stretch: str
    hold_range: str
    hold_now: str
    hold_change: str
    help_coaching: str
    help_paused: str
    help_not_started: str
    help_summary: str
    help_safety: str
    fallback_hold: tuple[str, ...]  # not understood, by moment: each a few ways to say it,
    fallback_between: tuple[str, ...]  # so the same sentence is never said twice in a row
    fallback_paused: tuple[str, ...]
    fallback_not_started: tuple[str, ...]
    fallback_finished: tuple[str, ...]
    pain_check: str
    pain_again: str
    warning_stop: str
    warning_advice: str
    warning_finish: str
    checkin_ask: str
    checkin_reprompt: str
    checkin_ok: str
    checkin_not_ok: str
    knee_offer: str
    knee_reprompt: str
    knee_padded: str
    time_left: str
    remark: str
    hold_help: str
    back_into_it: str
    week_offer: str
    week_offer_reprompt: str
    fresh_or_stop: str
    fresh_or_stop_reprompt: str
    back_to_stretch: str
    after_side: str
    after_stretch: str
    next_side_prompt: str
    next_stretch_prompt: str
    next_reprompt: str
    finished: str
    goodbye: str
    stopped: str
    paused: str
    paused_reprompt: str
    resumed: str
    start_over: str
    at_first_step: str
    not_started_prompt: str
    hold_set: str
    hold_out_of_range: str
    hold_missing: str
    help_reprompt: str
    why_reprompt: str
    no_answer: str
    error: str
    request_refused: str
    resume_offer: str
    resume_offer_reprompt: str
    resume_picked_up: str
    lets_go: str
    start_offer: str
    start_offer_reprompt: str
    progress_save_pending: str
    progress_save_unsure: str
    progress_save_later: str
    progress_check_later: str
    progress_not_kept: str
    progress_not_confirmed: str
    progress_saved_now: str
    progress_not_read: str
    summary_unavailable: str
    summary_none: str
    summary_none_last_week: str
    summary_none_encourage: str
    summary_days: str
    summary_one_day: str
    summary_work: str
    summary_work_no_routine: str
    summary_streak: str
    summary_more_than_last_week: str
    summary_same_as_last_week: str
    summary_fewer_than_last_week: str
    finish_streak: str
    summary_offer: str
    today: str
    yesterday: str
    on_day: str


# The units the code counts in; content gives each a form per plural category, with {n}
# where the language puts the number ("{n} Tage", "{n}日間", or none: "يومان").
UNITS = ("day", "days_in_a_row", "routine", "minute", "minute_and_a_half", "second", "side")


@dataclass(frozen=True)
class Words:
    """Words that change with a number or a date: plural forms, weekday names, lists."""

    language: str  # whose plural rules pick a form
    weekdays: tuple[str, ...]  # Monday first
    units: Mapping[str, Mapping[str, str]]  # unit -> plural category -> form
    listing: ListPattern

    def count(self, number: int, unit: str) -> str:
        """The unit's form for `number`, with the number where the language puts it.

        >>> english = ListPattern("{0} and {1}", "{0}, {1}", "{0}, {1}", "{0} and {1}")
        >>> days = {"day": {"one": "{n} day", "other": "{n} days"}}
        >>> Words("en", (), days, english).count(3, "day")
        '3 days'
        """
        forms = self.units[unit]
        form = forms.get(plural_category(self.language, number)) or forms[OTHER]
        return form.format(n=number)

    def listed(self, items: Sequence[str]) -> str:
        """'Monday', 'Monday and today', 'Monday, Wednesday and today' (as the language joins)."""
        return self.listing.join(items)

    def duration(self, seconds: int) -> str:
        """Seconds under a minute, else minutes to the nearest half: '40 seconds',
        'a minute and a half', '2 and a half minutes', '4 minutes'."""
        if seconds < 60:
            return self.count(seconds, "second")
        minutes, half = divmod(round(seconds / 30), 2)
        return self.count(minutes, "minute_and_a_half" if half else "minute")


@dataclass(frozen=True)
class Routine:
    locale: str
    default_hold_seconds: int
    min_hold_seconds: int
    max_hold_seconds: int
    stretches: tuple[Stretch, ...]
    hold: HoldLines
    lines: Lines
    words: Words

    @property
    def step_count(self) -> int:
        return sum(len(stretch.sides) for stretch in self.stretches)


class ContentError(ValueError):
    """The content file is missing a field or has one of the wrong shape."""


def content_locale(locale: str | None) -> str:
    """The locale whose content answers `locale`: itself when written, else en-US."""
    return spoken_locale(locale).tag


def load_routine(locale: str | None = DEFAULT_LOCALE) -> Routine:
    """The routine for a locale, loaded once per locale the skill speaks (never once per
    locale string: a request's locale is input, and a cache keyed on input grows without
    bound).

    >>> load_routine("en-GB").stretches[0].id
    'kneeling_hip_flexor'
    >>> load_routine("de-DE").words.count(3, "days_in_a_row")
    '3 Tage in Folge'
    """
    return _load_content(content_locale(locale))


@cache
def _load_content(tag: str) -> Routine:
    locale = LOCALES[tag]
    return parse_routine(read_catalog("backstretch.routine", locale), locale)


def parse_routine(data: dict[str, Any], locale: Locale | None = None) -> Routine:
    """Build a Routine from a locale's content (its language's file with its overlay),
    failing loudly on anything missing."""
    locale = locale or LOCALES[DEFAULT_LOCALE]
    try:
        stretches = tuple(
            Stretch(
                id=s["id"],
                name=s["name"],
                why_short=s["why_short"],
                why=tuple(s["why"]),
                needs=_instruction(s["needs"]),
                ease_off=tuple(s["ease_off"]),
                ease_off_for={part: tuple(said) for part, said in s["ease_off_for"].items()},
                gentler=tuple(s["gentler"]),
                sides=tuple(
                    Side(
                        name=d["name"],
                        switch=tuple(_instruction(i) for i in d.get("switch", ())),
                        setup=tuple(_instruction(i) for i in d["setup"]),
                    )
                    for d in s["sides"]
                ),
                kneels=bool(s["kneels"]),
                form=s["form"],
                back_in=s["back_in"],
                said_as=tuple(word.lower() for word in s["said_as"]),
            )
            for s in data["stretches"]
        )
        words = Words(
            language=locale.language,
            weekdays=tuple(data["weekdays"]),
            units={unit: _forms(data["units"][unit]) for unit in UNITS},
            listing=ListPattern.from_content(data["list"]),
        )
        hold = data["hold"]
        longest = int(data["max_hold_seconds"])
        routine = Routine(
            locale=locale.tag,
            default_hold_seconds=int(data["default_hold_seconds"]),
            min_hold_seconds=int(data["min_hold_seconds"]),
            max_hold_seconds=int(data["max_hold_seconds"]),
            stretches=stretches,
            hold=HoldLines(
                start=hold["start"],
                carry_on=hold["carry_on"],
                mark=hold["mark"],
                countdown=tuple(hold["countdown"]),
                release=hold["release"],
                marks=tuple(
                    (at, hold["mark"].format(elapsed=words.count(at, "second")))
                    for at in range(MARK_EVERY_SECONDS, longest + 1, MARK_EVERY_SECONDS)
                ),
            ),
            lines=Lines(**{f.name: _line(data[f.name]) for f in fields(Lines)}),
            words=words,
        )
    except (KeyError, TypeError) as exc:
        raise ContentError(f"content file is incomplete: {exc!r}") from exc
    if len(routine.words.weekdays) != 7:
        raise ContentError("content file needs the seven weekday names, Monday first")
    if not routine.stretches or any(not s.sides for s in routine.stretches):
        raise ContentError("content file needs at least one stretch, each with a side")
    pauses = [s.needs.then for s in stretches] + [
        i.then for s in stretches for d in s.sides for i in (*d.switch, *d.setup)
    ]
    if any(not 0 <= pause <= MAX_PAUSE_SECONDS for pause in pauses):
        raise ContentError(f"a pause must last 0 to {MAX_PAUSE_SECONDS} seconds")
    if not (routine.min_hold_seconds <= routine.default_hold_seconds <= routine.max_hold_seconds):
        raise ContentError("default hold must lie between the minimum and maximum")
    return routine


def _line(value: Any) -> Any:
    """A line as written, or a line's variants (a list in the file) as a tuple."""
    if isinstance(value, list):
        if not value or not all(isinstance(v, str) and v for v in value):
            raise ContentError("a line's variants must be non-empty text")
        return tuple(value)
    if not isinstance(value, str):
        raise ContentError(f"a line must be text, not {type(value).__name__}")
    return value


def _forms(value: Any) -> dict[str, str]:
    """A unit's forms by plural category; 'other' is always there."""
    if not isinstance(value, dict) or OTHER not in value:
        raise ContentError("a unit needs its forms by plural category, 'other' among them")
    return {str(category): str(form) for category, form in value.items()}


def _instruction(data: dict[str, Any]) -> Instruction:
    return Instruction(text=data["say"], then=float(data.get("then", 0)))
