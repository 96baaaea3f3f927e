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

import importlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from backstretch.progress.memory import InMemoryProgressStore
from backstretch.progress.model import RoutineRecord
from backstretch.routine.content import Routine, load_routine
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch.speech.hold import HoldLines
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


class _Resolver(UtteranceResolver):
    """The local resolver, keeping what it heard each phrase as (the report shows it)."""

    def __init__(self, model: InteractionModel) -> None:
        super().__init__(model)
        self.heard: list[Utterance] = []

    def resolve(self, *args: Any, **kwargs: Any) -> Utterance:
        utterance = super().resolve(*args, **kwargs)
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
        self._resolver = _Resolver(InteractionModel.load(locale))
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

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def corpus_figure(locale: str = "en-US") -> CorpusFigure | None:
    """HOOK (issue 16, part 1): how much of the phrase corpus resolves right, from the corpus
    work's `backstretch_local.corpus.resolution_report`. None until that module is here.

    Expected shape (from its brief): ``resolution_report(load_corpus(locale))`` returning a
    report with ``right`` and ``total`` counts; adjust this one call when it lands.
    """
    try:
        corpus: Any = importlib.import_module("backstretch_local.corpus")
    except ModuleNotFoundError:
        return None
    report = corpus.resolution_report(corpus.load_corpus(locale))
    return CorpusFigure(int(report.right), int(report.total))
