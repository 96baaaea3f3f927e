"""What Spanish and Portuguese share in the resolver's words: accents folded, numbers said in
words ("veinticinco", "vinte e cinco"), and a time said aloud ("a las siete de la tarde",
"às sete e meia da noite", "cuarto para las ocho", "às 19h").

Each language gives its own words (`NumberWords`, `ClockSpeech`); the reading is one. (Not
in lexicons/: every module there is a language.)
Everything here works on normalised phrases (lowercase, no punctuation: "7:30" arrives as
"7 30", "meio-dia" as "meio dia") and folds accents before reading, because people type
"dieciseis" as often as "dieciséis".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from backstretch_local.lexicon import clock_time, without_accents


def fold(text: str) -> str:
    """Without accents, cedillas or tildes (`lexicon.without_accents`).

    >>> fold("dímelo más rápido, señor"), fold("não está doendo o braço")
    ('dimelo mas rapido, senor', 'nao esta doendo o braco')
    """
    return without_accents(text)


def with_folded(words: Iterable[str]) -> tuple[str, ...]:
    """Each word, and its folded form where that differs: the words a pattern accepts."""
    out: dict[str, None] = {}
    for word in words:
        out[word] = None
        out[fold(word)] = None
    return tuple(out)


def with_folded_keys(words: Mapping[str, str]) -> dict[str, str]:
    """A table of word forms with each form also as typed without its accents."""
    return {**{fold(form): base for form, base in words.items()}, **words}


def as_stems(forms: Mapping[str, str], stem: Callable[[str], str]) -> dict[str, str]:
    """Word forms with their base stemmed, as the resolver compares it: "duele" and "doler"
    both meet as "dol"."""
    return {form: stem(base) for form, base in forms.items()}


def with_stems(words: Iterable[str], stem: Callable[[str], str]) -> frozenset[str]:
    """Words as said and as their stems: light words are weighed after stemming."""
    said = list(words)
    return frozenset(said) | {stem(word) for word in said}


def listed(text: str) -> tuple[str, ...]:
    """Phrases written one after another, "|" between them.

    >>> listed("para|ya basta")
    ('para', 'ya basta')
    """
    return tuple(text.split("|"))


def table(text: str) -> dict[str, str]:
    """A table written "word=what it stands for", "|" between entries.

    >>> table("pra=para|tô=estou")
    {'pra': 'para', 'tô': 'estou'}
    """
    return dict(entry.split("=", 1) for entry in listed(text))


@dataclass(frozen=True)
class NumberWords:
    """A language's words for whole numbers: each up to 29 (Spanish writes 16..29 as one
    word), the tens, the hundreds, the word for a thousand and the word that joins ("y",
    "e"). `lone_article` are the words for one that are also the article ("un", "una"):
    alone they are no number, as AMAZON.NUMBER does not hear "a second" as 1."""

    units: Mapping[str, int]
    tens: Mapping[str, int]
    hundreds: Mapping[str, int]
    thousand: str
    joiner: str
    lone_article: frozenset[str] = frozenset()
    joins_after_hundreds: bool = False  # Portuguese: "cento e cinco"
    _table: dict[str, tuple[str, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        table: dict[str, tuple[str, int]] = {}
        for kind, words in (("unit", self.units), ("ten", self.tens), ("hundred", self.hundreds)):
            for word, value in words.items():
                table[fold(word)] = (kind, value)
        object.__setattr__(self, "_table", table)

    @property
    def words(self) -> tuple[str, ...]:
        """Every number word, as written and folded."""
        return with_folded([*self.units, *self.tens, *self.hundreds, self.thousand])

    def parse(self, text: str) -> int | None:
        """A whole number said in digits or words, as AMAZON.NUMBER hears it (None if not)."""
        words = fold(text).split()
        if len(words) == 1 and words[0].isdigit():
            return int(words[0])
        if not words or words[0] == self.joiner or words[-1] == self.joiner:
            return None
        if len(words) == 1 and words[0] in self.lone_article:
            return None
        return self._read(words)

    def _read(self, words: Sequence[str]) -> int | None:
        total = group = 0
        last: str | None = None  # the kind of the group's last part
        joined = False
        for word in words:
            if word == self.joiner:
                after = last or ("hundred" if total else None)  # "mil e quinhentos"
                if joined or after not in ("ten", "hundred"):
                    return None
                if after == "hundred" and not self.joins_after_hundreds:
                    return None
                joined = True
                continue
            if word == fold(self.thousand):
                if joined or total:
                    return None
                total, group, last = (group or 1) * 1000, 0, None
                continue
            kind, value = self._table.get(word, ("", 0))
            if not kind or not self._may_follow(kind, value, last, joined):
                return None
            group += value
            last, joined = kind, False
        if joined:
            return None
        return total + group

    def _may_follow(self, kind: str, value: int, last: str | None, joined: bool) -> bool:
        if kind == "hundred":  # first, or after a thousand ("mil e quinhentos")
            return last is None and (not joined or self.joins_after_hundreds)
        if kind == "ten":
            return last is None or (last == "hundred" and joined == self.joins_after_hundreds)
        if last == "ten":
            return joined and value < 10
        if last == "hundred":
            return joined == self.joins_after_hundreds or (not joined and value < 30)
        return last is None and not joined


@dataclass(frozen=True)
class ClockSpeech:
    """How a language says a time of day aloud. Every phrase is folded first, so the words
    here are written folded ("manana", "mediodia", "as").

    - `lead_ins`: said before the time and dropped ("a las", "como a las", "lá pelas").
    - `hour_marks`: said after the hour and dropped ("horas", "en punto", "h").
    - `half`, `quarter`, `minus`, `before` ("para"): "y media", "menos cuarto", "cuarto
      para las ocho".
    - `periods`: said after a time, with how they move its hour: "am" (12 is 0), "pm"
      (before 12 add 12), "night" (12 is 0, 1..4 stay, else add 12), "noon" (1..4 add 12).
    - `parts_of_day`: said without a time, as AMAZON.TIME gives them ("MO", "AF", "EV",
      "NI").
    - `noon`, `midnight`: the words for 12:00 and 00:00.
    """

    numbers: NumberWords
    lead_ins: tuple[str, ...]
    hour_marks: tuple[str, ...]
    half: tuple[str, ...]
    quarter: tuple[str, ...]
    minus: tuple[str, ...]
    before: tuple[str, ...]
    periods: Mapping[str, str]
    parts_of_day: Mapping[str, str]
    noon: tuple[str, ...]
    midnight: tuple[str, ...]
    articles: tuple[str, ...] = ()  # after "para" ("cuarto para las ocho")

    def parse(self, text: str) -> str | None:
        """A time said aloud, as AMAZON.TIME gives it: "19:30", or "MO" for the morning."""
        said = " ".join(fold(text).replace(":", " ").split())  # "19:30" as typed, or "19 30"
        if said in self.parts_of_day:
            return self.parts_of_day[said]
        bare = said
        said = _strip_all(said, self.lead_ins, at_start=True)
        if said in self.parts_of_day:
            return self.parts_of_day[said]
        if said == bare and said in self.numbers.lone_article:
            return None  # "un", "uma" alone are an article; "a la una", "à uma" a time
        said = re.sub(r"\b(\d{1,2})h(\d{2})?\b", r"\1 \2", said).strip()
        period = ""
        for words, kind in sorted(self.periods.items(), key=lambda p: -len(p[0])):
            if said.endswith(" " + words):
                said, period = said[: -len(words) - 1], kind
                break
        said = _strip_all(said, self.hour_marks, at_start=False)
        for word, hour in [*((w, 12) for w in self.noon), *((w, 0) for w in self.midnight)]:
            if said == word or said.startswith(word + " "):
                minute = self._after_hour(said[len(word) :].split())
                if minute is None or period not in ("", "noon", "pm", "am"):
                    return None
                return _on_the_clock(hour, minute, "")
        read = self._read(said.split())
        if read is None:
            return None
        hour, minute = read
        return _on_the_clock(hour, minute, period)

    def _read(self, words: Sequence[str]) -> tuple[int, int] | None:
        """(hour, minutes from it), minutes possibly negative ("menos cuarto")."""
        for i, word in enumerate(words):
            if word in self.before and i > 0:
                ahead = self._minutes(words[:i])
                rest = list(words[i + 1 :])
                if rest and rest[0] in self.articles:
                    rest = rest[1:]
                hour = self._hour(rest)
                if ahead is None or hour is None or ahead <= 0:
                    return None
                return hour, -ahead
        for end in range(len(words), 0, -1):
            hour = self._hour(words[:end])
            if hour is None:
                continue
            minute = self._after_hour(words[end:])
            if minute is not None:
                return hour, minute
        return None

    def _hour(self, words: Sequence[str]) -> int | None:
        if not words:
            return None
        if len(words) == 1 and words[0] in ("una", "uma", "un", "um"):
            return 1
        hour = self.numbers.parse(" ".join(words))
        return hour if hour is not None and 0 <= hour <= 24 else None

    def _after_hour(self, words: Sequence[str]) -> int | None:
        if not words:
            return 0
        joiner = self.numbers.joiner
        if words[0] == joiner:
            rest = words[1:]
            if len(rest) == 1 and rest[0] in self.half:
                return 30
            if len(rest) == 1 and rest[0] in self.quarter:
                return 15
            return self._minutes(rest)
        if words[0] in self.minus:
            minutes = self._minutes(words[1:])
            return -minutes if minutes else None
        return self._minutes(words)

    def _minutes(self, words: Sequence[str]) -> int | None:
        if len(words) == 1 and words[0] in self.quarter:
            return 15
        if len(words) == 1 and words[0] in self.half:
            return 30
        minutes = self.numbers.parse(" ".join(words)) if words else None
        return minutes if minutes is not None and 0 <= minutes < 60 else None

    def shape(self, periods_said: Iterable[str], parts_said: Iterable[str]) -> str:
        """A regex of what a spoken time can look like (as written and folded), so a slot
        sample "a las {time} {days}" ends the time where the days begin."""
        number = rf"(?:\d{{1,2}}|{_any(self.numbers.words)})"
        amount = rf"{number}(?: {self.numbers.joiner} {number})?"
        joiner = self.numbers.joiner
        half_or_quarter = _any(with_folded([*self.half, *self.quarter]))
        before = _any(with_folded(self.before))
        articles = _any(with_folded(self.articles))
        minus = _any(with_folded(self.minus))
        marks = _any(with_folded(self.hour_marks))
        periods = _any(with_folded([*periods_said, "am", "pm", "a m", "p m"]))
        whole = _any(with_folded([*self.noon, *self.midnight, *parts_said]))
        return (
            rf"(?:(?:(?:{half_or_quarter}|{amount}) {before} (?:{articles} )?)?"
            rf"(?:\d{{1,2}}h(?:\d{{2}})?|{amount})"
            rf"(?: {joiner} (?:{half_or_quarter}|{amount})| {minus} (?:{half_or_quarter}|{amount})"
            rf"| {amount})?(?: {marks})?(?: {periods})?"
            rf"|{whole}(?: {periods})?)"
        )


def _any(words: Iterable[str]) -> str:
    listed = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in listed) + ")"


def _strip_all(said: str, parts: Sequence[str], *, at_start: bool) -> str:
    """`said` without any of `parts` at its start (or end), as often as they stand there."""
    ordered = sorted(parts, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for part in ordered:
            if at_start and said.startswith(part + " "):
                said, changed = said[len(part) + 1 :], True
            elif not at_start and said.endswith(" " + part):
                said, changed = said[: -len(part) - 1], True
            if changed:
                break
    return said


def _on_the_clock(hour: int, minute: int, period: str) -> str | None:
    if hour == 24 and not period:
        hour = 0
    if hour > 23 or (period and hour > 12 and period not in ("pm",)):
        return None
    if period == "am" and hour == 12:
        hour = 0
    elif period == "pm" and hour < 12:
        hour += 12
    elif period == "night":
        hour = 0 if hour == 12 else hour if hour < 5 else hour + 12
    elif period == "noon" and hour < 5:
        hour += 12
    return clock_time(hour, minute)
