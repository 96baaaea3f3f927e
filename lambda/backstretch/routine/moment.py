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
    TIME_LEFT = "time_left"  # "how much longer?"
    FORM_CHECK = "form_check"  # "is this right?", "where should I feel it?"
    REMARK = "remark"  # "that feels good", "wow, I'm tight"
    WARNING = "warning"  # a warning sign: sharp or shooting pain, tingling, numbness, dizziness
    KNEE = "knee"  # "I can't kneel", "kneeling hurts my knees"


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
    warned: bool = False  # opening a session: the last routine stopped for a warning sign


class Outcome(StrEnum):
    """What a turn did, for storage, logs and metrics.

    STOPPED is also a routine finished early ("I'm done for today"): storage keeps what was
    held, as for any stop.
    """

    STEP_COACHED = "step_coached"
    ROUTINE_FINISHED = "routine_finished"
    STOPPED = "stopped"
    WARNING_STOP = "warning_stop"  # stopped for a warning sign: remembered till next time
    PAUSED = "paused"
    HOLD_CHANGED = "hold_changed"
    ANSWERED = "answered"
    SESSION_ENDED = "session_ended"


@dataclass(frozen=True)
class Elicit:
    """Ask Alexa to hear the answer as one slot of one intent (the dialog model's slot
    samples), so "the lat stretch" answers "which one?" without a catch-all sample."""

    intent: str
    slot: str


@dataclass(frozen=True)
class Turn:
    state: CoachState
    speech: SpeechPlan
    reprompt: SpeechPlan | None
    end_session: bool
    outcome: Outcome
    # A routine whose last hold was heard out before this turn: finished now, as it ended.
    finished: CoachState | None = None
    elicit: Elicit | None = None

    def with_opening(self, note: SpeechPlan) -> Turn:
        """Say a note (say, that progress could not be read) before anything else."""
        return replace(self, speech=note + self.speech)


@dataclass(frozen=True)
class HoldCut:
    """A counted hold the person cut into: its side, the seconds held of the whole hold
    (parts held before an earlier interruption included), and the whole hold's length."""

    step: int
    held: int
    seconds: int

    @property
    def before_count(self) -> bool:
        """Cut during the side's set-up, before the count began."""
        return self.held == 0


@dataclass(frozen=True)
class Moment:
    """One event meeting the conversation: the state (its last hold settled), what was said,
    the routine, what storage recalled, and the hold the event cut into, if any."""

    state: CoachState
    event: Event
    routine: Routine
    recalled: Recalled = field(default_factory=Recalled)
    cut: HoldCut | None = None

    @property
    def cut_short(self) -> bool:
        return self.cut is not None

    @property
    def kind(self) -> EventKind:
        return self.event.kind

    @property
    def lines(self) -> Lines:
        return self.routine.lines

    def with_(self, **changes: Any) -> Moment:
        """The same moment, with the state changed."""
        return replace(self, state=self.state.with_(**changes))
