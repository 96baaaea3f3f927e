"""The voice report's played half: scripted people talk to the skill as on a device.

Each run is a fresh skill (`BackStretchSkill`) on an in-memory store, with the fake of
Alexa's APIs in process, played through the chat with cut-in on and the timed listener at the
keyboard (`backstretch_local.listener`): every request stamped on the listener's clock, every
answer heard at 150 words a minute plus its breaks until the next line cuts in. Phrases are
resolved by the local interaction-model resolver, as the chat and the simulator resolve them.

    talk_before_count()   # seconds of talk before the count: newcomer, returning, resumes
    by_moment()           # pain and warning signs at set-up, mid-hold, between sides, final hold
    corpus_figure()       # the phrase corpus resolved right (a hook until it is merged)
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from backstretch.progress.memory import InMemoryProgressStore
from backstretch.progress.model import RoutineRecord
from backstretch.reminders.lines import reminder_lines
from backstretch.routine.content import Routine, load_routine
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch.speech.hold import HoldLines
from backstretch.speech.plan import Say
from backstretch_local.chat import Chat, ChatSettings
from backstretch_local.device import Device, DeviceSettings
from backstretch_local.fake_alexa import FakeAlexa
from backstretch_local.listener import Cue, HeardTurn, TimedListener
from backstretch_local.utterances import InteractionModel, Utterance, UtteranceResolver

MONDAY_5PM = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
USER_ID = "amzn1.ask.account.VOICE-REPORT"
CUT_INTO_HOLD_SECONDS = 12.0  # "that hurts" 12 s into a hold, as in the voice runs
CUT_INTO_SETUP_SECONDS = 2.0  # ... or 2 s into the first instruction of a side
PAUSED_SECONDS = 20.0  # how long a pause lasts before "resume"
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


@cache
def _shared_resolver(locale: str) -> UtteranceResolver:
    """One resolver per locale for every scripted person (building one reads the whole model)."""
    return UtteranceResolver(InteractionModel.load(locale))


class _Resolver(UtteranceResolver):
    """A built resolver that also keeps what it heard each phrase as (the report shows it)."""

    def __init__(self, built: UtteranceResolver) -> None:  # resolving is `built`'s
        self.model = built.model
        self._built = built
        self.heard: list[Utterance] = []

    def resolve(self, *args: Any, **kwargs: Any) -> Utterance:
        utterance = self._built.resolve(*args, **kwargs)
        self.heard.append(utterance)
        return utterance


@dataclass(frozen=True)
class Run:
    """One scripted person's sessions: what they said and heard, what Alexa heard them say
    (the intent, per line), and the routines stored."""

    turns: tuple[HeardTurn, ...]
    intents: tuple[str, ...]
    routines: tuple[RoutineRecord, ...]


class Person:
    """One person with their own skill, store and device, talking on the listener's clock."""

    def __init__(self, locale: str = "en-US") -> None:
        self.store = InMemoryProgressStore()
        self._alexa = FakeAlexa()
        self._skill = BackStretchSkill(
            SkillConfig(), api=self._alexa.in_process(), store=self.store
        )
        self._resolver = _Resolver(_shared_resolver(locale))
        self._settings = DeviceSettings(locale, user_id=USER_ID)

    def plays(self, cues: Sequence[Cue], start: datetime = MONDAY_5PM) -> Run:
        """Say `cues` in one sitting from `start`, then walk away (the session, if still
        open, ends as Alexa ends it)."""
        listener = TimedListener(start, cues)
        heard_before = len(self._resolver.heard)
        device = Device(self._skill, self._alexa, self._resolver, self._settings)
        Chat(device, io.StringIO(), ChatSettings(cut_in=True), listener).run()
        intents = [u.intent or u.request_type for u in self._resolver.heard[heard_before:]]
        progress = self.store.load_progress(
            USER_ID, start - timedelta(days=7), start + timedelta(days=1), start
        )
        return Run(listener.transcript, tuple(intents), progress.routines)


# -- talk before the count --------------------------------------------------------------


@dataclass(frozen=True)
class TalkBeforeCount:
    """The answer in which a count begins: seconds of words, then of silence, before it."""

    case: str
    talk_seconds: float | None  # None: no count began in that answer
    silence_seconds: float | None
    first_words: str

    @property
    def seconds(self) -> float | None:
        if self.talk_seconds is None or self.silence_seconds is None:
            return None
        return round(self.talk_seconds + self.silence_seconds, 1)


def talk_before_count(routine: Routine | None = None) -> list[TalkBeforeCount]:
    """A newcomer's and a returning person's first side, and the side after "resume"
    following a pause mid-hold and a pause between sides."""
    routine = routine or load_routine()
    hold = routine.hold.start
    launch = Cue("start my back stretches")
    returning = Person()
    returning.plays([launch, Cue("next"), Cue("next"), Cue("next")], MONDAY_5PM - timedelta(2))
    cases = {
        "newcomer": (Person(), [launch], 0),
        "returning": (returning, [launch], 0),
        "resume after a pause mid-hold": (
            Person(),
            [
                launch,
                Cue("pause", hold, CUT_INTO_HOLD_SECONDS),
                Cue("resume", None, PAUSED_SECONDS),
            ],
            2,
        ),
        "resume after a pause between sides": (
            Person(),
            [launch, Cue("pause"), Cue("resume", None, PAUSED_SECONDS)],
            2,
        ),
    }
    rows = []
    for case, (person, cues, measured) in cases.items():
        turn = person.plays(cues).turns[measured]
        rows.append(_talk(case, turn, routine.hold))
    return rows


def _talk(case: str, turn: HeardTurn, hold: HoldLines) -> TalkBeforeCount:
    answer = turn.answer
    count = answer.count_begins(hold) if answer is not None else None
    if answer is None or count is None:
        return TalkBeforeCount(case, None, None, _first_sentence(turn))
    talk = answer.talk_before(count)
    return TalkBeforeCount(case, round(talk, 1), round(count - talk, 1), _first_sentence(turn))


# -- pain and warning signs, by moment ----------------------------------------------------

PAIN, WARNING = "that hurts", "my leg is tingling"
MOMENTS = ("set-up", "mid-hold", "between sides", "final hold")


@dataclass(frozen=True)
class ByMoment:
    """What a person met saying `said` at a moment of a newcomer's routine."""

    said: str
    moment: str
    when: str  # when it was said, as the cue put it
    cut_in: bool  # said while the answer still played (set-up, mid-hold, final hold)
    intent: str  # what Alexa heard it as
    heard: str  # the first sentence of the answer
    answer: str  # all of the answer
    stayed_open: bool  # said in the routine's session, and the answer kept it open
    held_seconds: float  # the holds as heard, in all (the listener's count)
    credited_seconds: int | None  # what the store credits the routine with (None: nothing)
    finished: bool | None  # whether it stored the routine as finished (None: nothing)
    last_hold_cut: bool  # the routine's last hold was cut short


def by_moment(routine: Routine | None = None) -> list[ByMoment]:
    """Pain and a warning sign said at every moment of a routine, the final hold included."""
    routine = routine or load_routine()
    return [_by_moment(said, moment, routine) for said in (PAIN, WARNING) for moment in MOMENTS]


def _by_moment(said: str, moment: str, routine: Routine) -> ByMoment:
    hold = routine.hold.start
    first_instruction = routine.stretches[0].sides[0].setup[0].text
    launch, nexts = Cue("start my back stretches"), [Cue("next")] * 3
    cues = {
        "set-up": [launch, Cue(said, first_instruction, CUT_INTO_SETUP_SECONDS)],
        "mid-hold": [launch, Cue(said, hold, CUT_INTO_HOLD_SECONDS)],
        "between sides": [launch, Cue(said)],
        "final hold": [launch, *nexts, Cue(said, hold, CUT_INTO_HOLD_SECONDS)],
    }[moment]
    run = Person().plays(cues)
    before, turn = run.turns[-2:]
    stored = max(run.routines, key=lambda r: r.started_at, default=None)
    holds = _holds_heard(run.turns, routine)
    return ByMoment(
        said=said,
        moment=moment,
        when=_when(cues[-1]),
        cut_in=turn.cut_in,
        intent=run.intents[len(cues) - 1],
        heard=_first_sentence(turn),
        answer=turn.words,
        stayed_open=all(t.answer is not None and t.answer.mic_open for t in (before, turn)),
        held_seconds=round(sum(seconds for seconds, _ in holds), 1),
        credited_seconds=None if stored is None else stored.seconds_held,
        finished=None if stored is None else stored.completed,
        last_hold_cut=len(holds) == routine.step_count and holds[-1][1],
    )


def _holds_heard(turns: Sequence[HeardTurn], routine: Routine) -> list[tuple[float, bool]]:
    """Each counted hold the listener heard, in order: its seconds (as far as heard), and
    whether it was cut short."""
    holds = []
    for index, turn in enumerate(turns):
        after = turns[index + 1] if index + 1 < len(turns) else None
        until = after.at - turn.at if after is not None and after.cut_in else None
        seconds = turn.answer.hold_heard(routine.hold, until) if turn.answer else None
        if seconds is not None:
            whole = turn.answer.hold_heard(routine.hold) if turn.answer else None
            holds.append((seconds, seconds != whole))
    return holds


def _when(cue: Cue) -> str:
    if cue.after is None:
        return f"{cue.seconds:g} s after the answer"
    return f"{cue.seconds:g} s after '{cue.after}' began"


def _first_sentence(turn: HeardTurn) -> str:
    return _SENTENCE_END.split(turn.words, maxsplit=1)[0] if turn.words else ""


# -- the phrase corpus --------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusFigure:
    right: int
    total: int
    resolved: int = 0  # of them, resolved to the meaning's intent (and slots)
    wrong: tuple[str, ...] = ()  # "moment: phrase => meaning (why)", for a reader

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


# How each moment of the corpus is reached: the sittings before it (each a list of cues, a
# new session each), and the cue that says the phrase in the last one. The cues are the
# corpus' own [script] (`corpus.SCRIPT`), in its language.


def _reach(
    moment: str, phrase: str, script: Mapping[str, str], routine: Routine
) -> list[list[Cue]]:
    hold, first_instruction = routine.hold.start, routine.stretches[0].sides[0].setup[0].text
    launch, next_, no = Cue(script["launch"]), Cue(script["next"]), Cue(script["no"])
    said_into = {
        "setup": [launch, Cue(phrase, first_instruction, CUT_INTO_SETUP_SECONDS)],
        "mid_hold": [launch, Cue(phrase, hold, CUT_INTO_HOLD_SECONDS)],
        "between_sides": [launch, Cue(phrase)],
        "between_stretches": [launch, next_, Cue(phrase)],
        "final_hold": [launch, next_, next_, next_, Cue(phrase, hold, CUT_INTO_HOLD_SECONDS)],
        "paused": [launch, Cue(script["pause"]), Cue(phrase)],
        "pain_question": [launch, Cue(script["pain"], hold, 10.0), Cue(phrase)],
        "knee_question": [launch, Cue(script["knee"], hold, 5.0), Cue(phrase)],
        "which_stretch": [launch, Cue(script["unknown_stretch"]), Cue(phrase)],
        "reminder_time": [Cue(script["remind"]), Cue(phrase)],
        "after_routine": [launch, next_, next_, next_, Cue(phrase)],
        "one_shot": [Cue(phrase)],
    }
    if moment in said_into:
        return [said_into[moment]]
    stopped = [launch, next_, Cue(script["stop"])]  # a place to pick up, later that day
    whole = [launch, next_, next_, next_, no]
    return {
        "resume_offer": [stopped, [launch, Cue(phrase)]],
        "fresh_or_stop": [stopped, [launch, no, Cue(phrase)]],
        "reminder_offer": [whole, [*whole, Cue(phrase)]],  # offered after a second routine
    }[moment]


_PLACEHOLDER_OR_TAG = re.compile(r"\{[^}]*\}|<[^>]+>")


def _says(words: str, *templates: str) -> bool:
    """Whether `words` has one of the lines `templates` in it: the longest run of a line's
    own words between its placeholders (and SSML tags) is there."""
    for template in templates:
        runs = [_unpunctuated(run) for run in _PLACEHOLDER_OR_TAG.split(template)]
        longest = max(runs, key=len, default="")
        if longest and longest in words:
            return True
    return False


def _unpunctuated(run: str) -> str:
    """A run of words without the spaces and punctuation at its ends, in any script."""
    start, end = 0, len(run)
    while start < end and unicodedata.category(run[start])[0] in "PZ":
        start += 1
    while end > start and unicodedata.category(run[end - 1])[0] in "PZ":
        end -= 1
    return run[start:end]


def _lines(owner: Any, *prefixes: str) -> tuple[str, ...]:
    """Every line of a catalog whose field name starts with one of `prefixes` ("where_")."""
    found: list[str] = []
    for each in fields(owner):
        if each.name.startswith(prefixes):
            value = getattr(owner, each.name)
            found.extend(value if isinstance(value, tuple) else [value])
    return tuple(line for line in found if isinstance(line, str))


def _outcome_right(meaning: str, moment: str, turn: HeardTurn, routine: Routine) -> bool:
    """Whether the answer a person heard is what the phrase's meaning calls for, there: told
    by the lines of the locale's own catalogs, so that it reads every language alike."""
    answer = turn.answer
    words = (
        " ".join(s.item.text for s in answer.sounds if isinstance(s.item, Say)) if answer else ""
    )
    counted = answer is not None and answer.count_begins(routine.hold) is not None
    carried_on = routine.hold.carry_on in words
    open_ = answer is not None and answer.mic_open
    lines, stretches = routine.lines, routine.stretches
    reminders = _lines(reminder_lines(routine.locale), "")
    week = _lines(lines, "summary_")
    in_hold = moment in ("mid_hold", "final_hold")
    answered = {
        "yes": {
            "resume_offer": counted,
            "fresh_or_stop": counted,
            # Alexa asks for the reminders permission itself: the skill says nothing yet.
            "reminder_offer": _says(words, *reminders)
            or (answer is not None and not words and open_),
            "pain_question": counted,
            "knee_question": counted,
            "after_routine": _says(words, *week),
            "between_sides": counted,
            "between_stretches": counted,
            "paused": counted,
        },
        "no": {
            "resume_offer": _says(words, lines.fresh_or_stop),
            "fresh_or_stop": not open_,
            "reminder_offer": not open_,
            "pain_question": _says(words, lines.pain_offer, lines.pain_reprompt),
            "knee_question": counted,
            "after_routine": not open_,
        },
    }
    if meaning in answered and moment in answered[meaning]:
        return answered[meaning][moment]
    if in_hold and meaning in {"time_left", "form_check", "remark", "where", "why", "help",
                               "hold_length", "repeat", "fallback", "yes", "no"}:  # fmt: skip
        return carried_on  # answered in a few words, and the count went on
    whys = [line for s in stretches for line in (s.why_short, *s.why)]
    pain = (*_lines(lines, "pain_"), *(line for s in stretches for line in s.ease_off))
    checks = {
        "launch": counted or open_,
        "next": counted or not open_,
        "start": counted or open_,
        "resume": counted,
        "start_over": counted,
        "redo": counted,
        "gentler": counted or open_,
        "skip": counted or not open_,
        "go_back": counted or _says(words, lines.at_first_step),
        "go_to": counted,
        "stretch_name": counted,
        "pause": not counted and _says(words, lines.paused, lines.take_your_time),
        "repeat": open_ and bool(words),
        "pain": not counted and _says(words, *pain),
        "knee": _says(words, *_lines(lines, "knee_"), *pain),
        "warning": _says(words, *_lines(lines, "warning_")) and not open_,
        "stop": not open_,
        "done": not open_,
        "where": _says(words, *_lines(lines, "where_")),
        "time_left": _says(words, lines.time_left, *_lines(lines, "where_")),
        "hold_length": _says(words, *_lines(lines, "hold_")),
        "set_hold": _says(words, *_lines(lines, "hold_")),
        "why": any(line in words for line in whys),
        "help": open_ and bool(words),
        "summary": _says(words, *week),
        "form_check": _says(words, *(s.form for s in stretches)),
        "remark": lines.remark in words or counted,
        "reminder_set": _says(words, *reminders),
        "reminder_change": _says(words, *reminders),
        "reminder_list": _says(words, *reminders),
        "reminder_cancel": _says(words, *reminders),
        "time_answer": _says(words, *reminders),
        "yes": open_ or counted,
        "no": bool(words),
        "fallback": open_ and bool(words),  # a sentence that fits the moment, place kept
    }
    return checks[meaning]


@cache
def corpus_figure(locale: str = "en-US") -> CorpusFigure:
    """Every phrase of the corpus said at its moment, through the skill as a device plays it:
    right when Alexa would resolve it to its meaning AND the answer heard is what that
    meaning calls for there (a count that goes on, a stop, the pain question, ...)."""
    from backstretch_local.corpus import (
        load_corpus,
        load_script,
        mistake,
        resolve_phrase,
    )

    routine = load_routine(locale)
    resolver = _shared_resolver(locale)
    corpus, script = load_corpus(locale), load_script(locale)
    right = resolved = 0
    wrong: list[str] = []
    for phrase in corpus:
        why = mistake(phrase, resolve_phrase(resolver, phrase))
        person = Person(locale)
        sittings = _reach(phrase.moment, phrase.text, script, routine)
        start = MONDAY_5PM
        for cues in sittings:
            run = person.plays(cues, start)
            start += timedelta(minutes=10)
        played_right = _outcome_right(phrase.meaning, phrase.moment, run.turns[-1], routine)
        resolved += why is None
        if why is None and played_right:
            right += 1
        else:
            wrong.append(f"{phrase.moment}: {phrase.text} => {phrase.meaning} ({why or 'answer'})")
    return CorpusFigure(right, len(corpus), resolved, tuple(wrong))
