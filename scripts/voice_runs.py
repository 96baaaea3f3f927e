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
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from backstretch.progress.memory import InMemoryProgressStore
from backstretch.progress.model import RoutineRecord
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
    left_one_out: float = 0.0  # resolved right with each phrase left out of the samples
    wrong: tuple[str, ...] = ()  # "moment: phrase => meaning (why)", for a reader

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


# How each moment of the corpus is reached: the sittings before it (each a list of cues, a
# new session each), and the cue that says the phrase in the last one ("{}" is the phrase).
_LAUNCH, _NEXT = Cue("start my back stretches"), Cue("next")
_WHOLE = [_LAUNCH, _NEXT, _NEXT, _NEXT, Cue("no")]


def _reach(moment: str, phrase: str, hold: str) -> list[list[Cue]]:
    first_instruction = "Kneel down on your left knee."
    said_into = {
        "setup": [_LAUNCH, Cue(phrase, first_instruction, CUT_INTO_SETUP_SECONDS)],
        "mid_hold": [_LAUNCH, Cue(phrase, hold, CUT_INTO_HOLD_SECONDS)],
        "between_sides": [_LAUNCH, Cue(phrase)],
        "between_stretches": [_LAUNCH, _NEXT, Cue(phrase)],
        "final_hold": [_LAUNCH, _NEXT, _NEXT, _NEXT, Cue(phrase, hold, CUT_INTO_HOLD_SECONDS)],
        "paused": [_LAUNCH, Cue("pause"), Cue(phrase)],
        "pain_question": [_LAUNCH, Cue("that hurts", hold, 10.0), Cue(phrase)],
        "knee_question": [_LAUNCH, Cue("I can't kneel", hold, 5.0), Cue(phrase)],
        "which_stretch": [_LAUNCH, Cue("go to the shoulder stretch"), Cue(phrase)],
        "reminder_time": [Cue("remind me to stretch"), Cue(phrase)],
        "after_routine": [_LAUNCH, _NEXT, _NEXT, _NEXT, Cue(phrase)],
        "one_shot": [Cue(phrase)],
    }
    if moment in said_into:
        return [said_into[moment]]
    stopped = [_LAUNCH, _NEXT, Cue("stop")]  # a place to pick up, later that day
    return {
        "resume_offer": [stopped, [_LAUNCH, Cue(phrase)]],
        "fresh_or_stop": [stopped, [_LAUNCH, Cue("no"), Cue(phrase)]],
        "reminder_offer": [_WHOLE, [*_WHOLE, Cue(phrase)]],  # offered after a second routine
    }[moment]


def _outcome_right(meaning: str, moment: str, turn: HeardTurn, routine: Routine) -> bool:
    """Whether the answer a person heard is what the phrase's meaning calls for, there."""
    answer = turn.answer
    words = (
        " ".join(s.item.text for s in answer.sounds if isinstance(s.item, Say)) if answer else ""
    )
    low = words.lower()
    counted = answer is not None and answer.count_begins(routine.hold) is not None
    carried_on = routine.hold.carry_on in words
    open_ = answer is not None and answer.mic_open
    lines, stretches = routine.lines, routine.stretches
    in_hold = moment in ("mid_hold", "final_hold")
    answered = {
        "yes": {
            "resume_offer": counted,
            "fresh_or_stop": counted,
            # Alexa asks for the reminders permission itself: the skill says nothing yet.
            "reminder_offer": "remind" in low or (answer is not None and not words and open_),
            "pain_question": counted,
            "knee_question": counted,
            "after_routine": "week" in low or "stretched" in low,
            "between_sides": counted,
            "between_stretches": counted,
            "paused": counted,
        },
        "no": {
            "resume_offer": "fresh" in low,
            "fresh_or_stop": not open_,
            "reminder_offer": not open_,
            "pain_question": "gentler" in low,
            "knee_question": counted,
            "after_routine": not open_,
        },
    }
    if meaning in answered and moment in answered[meaning]:
        return answered[meaning][moment]
    if in_hold and meaning in {"time_left", "form_check", "remark", "where", "why", "help",
                               "hold_length", "repeat", "fallback", "yes", "no"}:  # fmt: skip
        return carried_on  # answered in a few words, and the count went on
    forms = [s.form.split(",")[0] for s in stretches]
    whys = [line for s in stretches for line in (s.why_short, *s.why)]
    checks = {
        "launch": counted or open_,
        "next": counted or not open_,
        "start": counted or open_,
        "resume": counted,
        "start_over": counted,
        "redo": counted,
        "gentler": counted or open_,
        "skip": counted or not open_,
        "go_back": counted or "first side" in low,
        "go_to": counted,
        "stretch_name": counted,
        "pause": not counted and ("paused" in low or "take your time" in low),
        "repeat": open_ and bool(words),
        "pain": not counted and ("stop there" in low or "hurt" in low),
        "knee": "padding" in low or "hurt" in low,
        "warning": "doctor" in low and not open_,
        "stop": not open_,
        "done": not open_,
        "where": "side" in low or "started" in low,
        "time_left": "to go" in low or "side" in low or "seconds" in low,
        "hold_length": "seconds" in low,
        "set_hold": "seconds" in low,
        "why": any(line in words for line in whys),
        "help": open_ and bool(words),
        "summary": "week" in low or "stretched" in low or "progress" in low,
        "form_check": any(form in words for form in forms),
        "remark": lines.remark in words or counted,
        "reminder_set": "remind" in low,
        "reminder_change": "remind" in low,
        "reminder_list": "remind" in low,
        "reminder_cancel": "remind" in low,
        "time_answer": "remind" in low,
        "yes": open_ or counted,
        "no": bool(words),
        "fallback": open_ and "didn't catch" not in low,
    }
    return checks[meaning]


@cache
def corpus_figure(locale: str = "en-US") -> CorpusFigure:
    """Every phrase of the corpus said at its moment, through the skill as a device plays it:
    right when Alexa would resolve it to its meaning AND the answer heard is what that
    meaning calls for there (a count that goes on, a stop, the pain question, ...)."""
    from backstretch_local.corpus import (
        leave_one_out_report,
        load_corpus,
        mistake,
        resolve_phrase,
    )

    routine = load_routine(locale)
    resolver = _shared_resolver(locale)
    corpus = load_corpus(locale)
    right = resolved = 0
    wrong: list[str] = []
    for phrase in corpus:
        why = mistake(phrase, resolve_phrase(resolver, phrase))
        person = Person(locale)
        sittings = _reach(phrase.moment, phrase.text, routine.hold.start)
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
    left_out = leave_one_out_report(resolver.model, corpus).share_right
    return CorpusFigure(right, len(corpus), resolved, round(left_out, 3), tuple(wrong))
