"""Where a person is in the routine: the state carried between turns."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, replace
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
            )
        except (AttributeError, TypeError, ValueError) as exc:
            logger.warning("unreadable session attributes, starting fresh: %r", exc)
            return cls()
        if not 0 <= state.step < routine.step_count:
            logger.warning("session step %d out of range, starting fresh", state.step)
            return cls()
        return state


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
