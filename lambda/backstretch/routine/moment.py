"""The conversation's values: what was said, what storage recalled, the moment they meet in,
and the turn that answers it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from backstretch.progress.model import WeeklySummary
from backstretch.routine.content import Lines, Routine
from backstretch.routine.state import CoachState
from backstretch.speech.plan import SpeechPlan


class EventKind(StrEnum):
    LAUNCH = "launch"
    START = "start"
    NEXT = "next"
    PREVIOUS = "previous"
    REPEAT = "repeat"
    REDO = "redo"  # "do that side again": a new hold, counted as held
    PAUSE = "pause"
    RESUME = "resume"
    START_OVER = "start_over"
    SKIP_STRETCH = "skip_stretch"
    GO_TO = "go_to"  # "skip to the lat stretch", with Event.stretch
    DONE = "done"  # "I'm done for today": finish early, progress kept
    WHERE = "where"  # "where am I", "how much is left"
    PAIN = "pain"  # "that hurts", with Event.body_part when one was named
    GENTLER = "gentler"
    WHY = "why"
    SET_HOLD = "set_hold"
    HOLD_LENGTH = "hold_length"  # "how long should I hold?"
    HELP = "help"
    YES = "yes"
    NO = "no"
    STOP = "stop"
    FALLBACK = "fallback"
    SESSION_ENDED = "session_ended"
    SUMMARY = "summary"


@dataclass(frozen=True)
class Event:
    """What the person said, and when."""

    kind: EventKind
    at: str = ""  # the request's time (`TurnRequest.now`), ISO 8601
    seconds: int | None = None  # for SET_HOLD; None when the person gave no number
    stretch: str | None = None  # for GO_TO: a stretch id; None when it was not understood
    body_part: str | None = None  # for PAIN: "knee", "back", ... when one was named


@dataclass(frozen=True)
class Recalled:
    """What storage remembered for this turn; each fact None when not read or not there."""

    resume_step: int | None = None  # opening a session: a stopped routine's step, still fresh
    summary: WeeklySummary | None = None  # for SUMMARY; None when progress can't be read
    today: date | None = None  # for SUMMARY: the person's local date


class Outcome(StrEnum):
    """What a turn did, for storage, logs and metrics.

    STOPPED is also a routine finished early ("I'm done for today"): storage keeps what was
    held, as for any stop.
    """

    STEP_COACHED = "step_coached"
    ROUTINE_FINISHED = "routine_finished"
    STOPPED = "stopped"
    PAUSED = "paused"
    HOLD_CHANGED = "hold_changed"
    ANSWERED = "answered"
    SESSION_ENDED = "session_ended"


@dataclass(frozen=True)
class Turn:
    state: CoachState
    speech: SpeechPlan
    reprompt: SpeechPlan | None
    end_session: bool
    outcome: Outcome

    def with_opening(self, note: SpeechPlan) -> Turn:
        """Say a note (say, that progress could not be read) before anything else."""
        return replace(self, speech=note + self.speech)


@dataclass(frozen=True)
class Moment:
    """One event meeting the conversation: the state (its last hold settled), what was said,
    the routine, what storage recalled, and whether the last hold was cut short."""

    state: CoachState
    event: Event
    routine: Routine
    recalled: Recalled = field(default_factory=Recalled)
    cut_short: bool = False

    @property
    def kind(self) -> EventKind:
        return self.event.kind

    @property
    def lines(self) -> Lines:
        return self.routine.lines

    def with_(self, **changes: Any) -> Moment:
        """The same moment, with the state changed."""
        return replace(self, state=self.state.with_(**changes))
