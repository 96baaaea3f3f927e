"""Where a person is in the routine: the state carried between turns."""

from __future__ import annotations

import logging
import math
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from backstretch.routine.content import Routine

logger = logging.getLogger(__name__)


class Phase(StrEnum):
    NOT_STARTED = "not_started"
    COACHING = "coaching"  # a step has been coached; waiting for "next"
    PAUSED = "paused"
    FINISHED = "finished"


class Topic(StrEnum):
    """What was last said, so "repeat that" repeats exactly that."""

    NOTHING = "nothing"
    STEP = "step"
    WHY = "why"
    HELP = "help"
    HOLD_SET = "hold_set"
    QUESTION = "question"  # the pending question


class Question(StrEnum):
    """A question the skill asked and is waiting on."""

    NONE = "none"
    HOLD_LENGTH = "hold_length"
    RESUME = "resume"  # pick up where you left off?
    START_ROUTINE = "start_routine"  # do your stretches now?
    PAIN = "pain"  # it hurts: gentler, skip, or finish for today?
    KNEE = "knee"  # a knee that can't kneel: more padding, or skip?
    WEEK = "week"  # the routine is done: hear how the week is going?
    FRESH_OR_STOP = "fresh_or_stop"  # not picking up: start fresh, or stop for now?
    CHECK_IN = "check_in"  # stopped last time for a warning sign: has it settled?


@dataclass(frozen=True)
class StepRef:
    stretch: int
    side: int


@dataclass(frozen=True)
class CoachState:
    """Everything the conversation needs between turns; plain values only."""

    phase: Phase = Phase.NOT_STARTED
    step: int = 0
    hold_seconds: int | None = None
    topic: Topic = Topic.NOTHING
    question: Question = Question.NONE
    sides_done: int = 0  # bit per step that has had its hold counted
    seconds_held: int = 0
    started_at: str | None = None  # when this routine began (request timestamp, ISO 8601)
    resume_step: int | None = None  # a saved step offered on launch
    newcomer: bool = True  # never stretched with the skill: the safety note is still owed
    first_routine: bool = False  # a newcomer's first routine: each stretch says why it helps
    reminded: bool = False  # this session has said to speak up if anything hurts
    said: tuple[str, ...] = ()  # the last answer's sentences, for "repeat that"
    # The hold the last response counted, until the next request shows whether it was heard
    # out: its step, the seconds counted for it, whether it marked its side done, and when
    # (request time, then seconds after it) its count began and the response's speech ended.
    hold_step: int | None = None
    hold_counted: int = 0
    hold_marked_done: bool = False
    hold_asked_at: str | None = None
    hold_starts_after: float = 0.0
    speech_lasts: float = 0.0
    hold_begun: int = 0  # seconds of that hold held before an interruption it carries on from
    hold_paused: int | None = None  # paused mid-hold: the seconds held, to carry on from,
    hold_paused_of: int = 0  # of a hold this long
    pained: int = 0  # bit per stretch that has hurt in this routine

    def with_(self, **changes: Any) -> CoachState:
        return replace(self, **changes)

    @property
    def in_progress(self) -> bool:
        return self.phase in (Phase.COACHING, Phase.PAUSED)

    @property
    def sides_completed(self) -> int:
        return bin(self.sides_done).count("1")

    def is_done(self, step: int) -> bool:
        """Whether a step's side has had its hold counted in full."""
        return bool(self.sides_done & (1 << step))

    def to_attributes(self) -> dict[str, Any]:
        """The state as JSON-friendly session attributes."""
        return {
            key: (str(v) if isinstance(v, StrEnum) else list(v) if isinstance(v, tuple) else v)
            for key, v in asdict(self).items()
        }

    @classmethod
    def from_attributes(cls, attributes: Any, routine: Routine) -> CoachState:
        """Read state back from session attributes; anything unreadable starts fresh."""
        if not attributes:
            return cls()
        try:
            state = cls(
                phase=Phase(attributes.get("phase", Phase.NOT_STARTED)),
                step=int(attributes.get("step", 0)),
                hold_seconds=_optional_int(attributes.get("hold_seconds")),
                topic=Topic(attributes.get("topic", Topic.NOTHING)),
                question=Question(attributes.get("question", Question.NONE)),
                sides_done=int(attributes.get("sides_done", 0)),
                seconds_held=int(attributes.get("seconds_held", 0)),
                started_at=_optional_str(attributes.get("started_at")),
                resume_step=_optional_int(attributes.get("resume_step")),
                newcomer=bool(attributes.get("newcomer", True)),
                first_routine=bool(attributes.get("first_routine", False)),
                reminded=bool(attributes.get("reminded", False)),
                said=tuple(str(line) for line in attributes.get("said") or ()),
                hold_step=_optional_int(attributes.get("hold_step")),
                hold_counted=int(attributes.get("hold_counted", 0)),
                hold_marked_done=bool(attributes.get("hold_marked_done", False)),
                hold_asked_at=_optional_str(attributes.get("hold_asked_at")),
                hold_starts_after=float(attributes.get("hold_starts_after", 0.0)),
                speech_lasts=float(attributes.get("speech_lasts", 0.0)),
                hold_begun=int(attributes.get("hold_begun", 0)),
                hold_paused=_optional_int(attributes.get("hold_paused")),
                hold_paused_of=int(attributes.get("hold_paused_of", 0)),
                pained=int(attributes.get("pained", 0)),
            )
        except (AttributeError, TypeError, ValueError, OverflowError) as exc:
            logger.warning("unreadable session attributes, starting fresh: %r", exc)
            return cls()
        if not 0 <= state.step < routine.step_count:
            logger.warning("session step %d out of range, starting fresh", state.step)
            return cls()
        return _within_bounds(state, routine)


# Session attributes come back from the device: anything out of these bounds was not written
# by us, and is treated as absent rather than counted, spoken or stored.
MAX_SECONDS_IN_A_ROUTINE = 3600
MAX_SPEECH_SECONDS = 600.0
EARLIEST_YEAR, LATEST_YEAR = 2000, 2200


def _within_bounds(state: CoachState, routine: Routine) -> CoachState:
    steps = routine.step_count
    low, high = routine.min_hold_seconds, routine.max_hold_seconds
    return state.with_(
        hold_seconds=_between(state.hold_seconds, low, high),
        resume_step=_between(state.resume_step, 0, steps - 1),
        hold_step=_between(state.hold_step, 0, steps - 1),
        sides_done=state.sides_done & ((1 << steps) - 1) if state.sides_done >= 0 else 0,
        seconds_held=_between(state.seconds_held, 0, MAX_SECONDS_IN_A_ROUTINE) or 0,
        hold_counted=_between(state.hold_counted, 0, high) or 0,
        started_at=_plausible_time(state.started_at),
        hold_asked_at=_plausible_time(state.hold_asked_at),
        hold_starts_after=_seconds(state.hold_starts_after),
        speech_lasts=_seconds(state.speech_lasts),
        hold_begun=_between(state.hold_begun, 0, high) or 0,
        hold_paused=_between(state.hold_paused, 0, high),
        hold_paused_of=_between(state.hold_paused_of, 0, high) or 0,
        pained=state.pained & ((1 << len(routine.stretches)) - 1) if state.pained >= 0 else 0,
    )


def _between(value: int | None, low: int, high: int) -> int | None:
    return value if value is not None and low <= value <= high else None


def _seconds(value: float) -> float:
    return value if math.isfinite(value) and 0.0 <= value <= MAX_SPEECH_SECONDS else 0.0


def _plausible_time(value: str | None) -> str | None:
    """An ISO time from a year the skill could have written, else None."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return value if EARLIEST_YEAR <= moment.year <= LATEST_YEAR else None


def next_step(state: CoachState, routine: Routine) -> int | None:
    """Where to carry on from: after the current step once its hold was counted (a side is
    done once it has been coached), else the current step; None past the last step."""
    step = state.step + 1 if state.sides_done & (1 << state.step) else state.step
    return step if step < routine.step_count else None


def step_ref(routine: Routine, step: int) -> StepRef:
    """The stretch and side of a step number (steps count every side of every stretch)."""
    remaining = step
    for stretch_index, stretch in enumerate(routine.stretches):
        if remaining < len(stretch.sides):
            return StepRef(stretch_index, remaining)
        remaining -= len(stretch.sides)
    raise IndexError(f"step {step} is past the routine's {routine.step_count} steps")


def step_number(routine: Routine, ref: StepRef) -> int:
    """The step number of a stretch and side."""
    return sum(len(s.sides) for s in routine.stretches[: ref.stretch]) + ref.side


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)
