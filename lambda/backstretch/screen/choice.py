"""Which screen a turn calls for: the step with its hold counting, the step waiting, the
countdown paused where it stands, the week, or nothing new.

Pure: it reads the conversation's turn, never changes it, so a screen cannot change what is
said (tests/integration/test_screen_speakers.py holds that).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backstretch.routine.content import Routine
from backstretch.routine.moment import Outcome, Recalled, Turn
from backstretch.routine.state import CoachState, Phase, next_step
from backstretch.screen.documents import STEP_TOKEN, WEEK_TOKEN
from backstretch.screen.moments import HoldClock, step_data, week_data
from backstretch.screen.words import ScreenWords


@dataclass(frozen=True)
class Show:
    """A document to render, and its one datasource (named as its template's parameter)."""

    token: str
    datasource: str
    data: dict[str, Any]


@dataclass(frozen=True)
class PauseCountdown:
    """Stop the countdown of the step already on screen, where it stands."""

    token: str = STEP_TOKEN


ScreenUpdate = Show | PauseCountdown


@dataclass(frozen=True)
class TurnSeen:
    """What a screen needs to know of one turn."""

    turn: Turn
    before: CoachState  # the state the turn started from: did the last response count a hold?
    recalled: Recalled
    end_session: bool
    now: datetime  # the request's time: the hold's clock starts from it
    reminder: str | None = None  # the reminder on record, as said ("every weekday at 3 PM")


def screen_for(seen: TurnSeen, routine: Routine, words: ScreenWords) -> ScreenUpdate | None:
    """The screen a turn calls for; None leaves the screen as it is.

    >>> from datetime import UTC
    >>> from backstretch.routine.content import load_routine
    >>> from backstretch.routine.conversation import Event, EventKind, respond
    >>> from backstretch.screen.words import screen_words
    >>> routine = load_routine()
    >>> turn = respond(CoachState(), Event(EventKind.LAUNCH), routine)
    >>> now = datetime(2026, 12, 1, 18, tzinfo=UTC)
    >>> shown = screen_for(TurnSeen(turn, CoachState(), Recalled(), False, now), routine,
    ...                    screen_words("en-US"))
    >>> shown.token, shown.data["step"]["side"], shown.data["hold"]["seconds"]
    ('step', 'Left side', 30)
    """
    turn, state = seen.turn, seen.turn.state
    summary, today = seen.recalled.summary, seen.recalled.today
    if summary is not None and today is not None:
        data = week_data(summary, today, words, routine.words, seen.reminder)
        return Show(WEEK_TOKEN, "week", data)
    if turn.speech.hold is not None:
        step = state.hold_step if state.hold_step is not None else state.step
        clock = HoldClock.of(turn.speech, routine.hold, seen.now)
        return Show(STEP_TOKEN, "screen", step_data(routine, words, step, clock))
    if turn.outcome is Outcome.PAUSED and seen.before.hold_step is not None:
        return PauseCountdown()  # the step counting on screen stops where it is
    if not state.in_progress or seen.end_session:
        return None
    upcoming = next_step(state, routine)
    if upcoming is None:
        return None
    paused = state.phase is Phase.PAUSED
    return Show(
        STEP_TOKEN, "screen", step_data(routine, words, upcoming, paused=paused, now=seen.now)
    )
