"""The conversation as a pure state machine: (state, event) -> (new state, what to say)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from backstretch.progress.model import WeeklySummary
from backstretch.routine.content import Routine, Stretch
from backstretch.routine.state import CoachState, Phase, Question, Topic, step_ref
from backstretch.routine.summary_speech import summary_speech
from backstretch.speech.plan import HoldCount, Pause, Say, SpeechPlan, say

SETUP_PAUSE_SECONDS = 1.5
GET_INTO_POSITION_SECONDS = 3.0


class EventKind(StrEnum):
    LAUNCH = "launch"
    START = "start"
    NEXT = "next"
    PREVIOUS = "previous"
    REPEAT = "repeat"
    PAUSE = "pause"
    RESUME = "resume"
    START_OVER = "start_over"
    WHY = "why"
    SET_HOLD = "set_hold"
    HELP = "help"
    YES = "yes"
    NO = "no"
    STOP = "stop"
    FALLBACK = "fallback"
    SESSION_ENDED = "session_ended"
    SUMMARY = "summary"


@dataclass(frozen=True)
class Event:
    kind: EventKind
    at: str = ""  # the request's timestamp, ISO 8601
    seconds: int | None = None  # for SET_HOLD; None when the person gave no number
    first_time: bool = True  # at the start of a session: has this person never used the skill?
    resume_step: int | None = None  # for LAUNCH: a stopped routine's step, still fresh
    summary: WeeklySummary | None = None  # for SUMMARY; None when progress can't be read
    today: date | None = None  # for SUMMARY: the person's local date


class Outcome(StrEnum):
    """What a turn did, for storage, logs and metrics."""

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

    def with_note(self, note: SpeechPlan) -> Turn:
        """Add a note (say, about saved progress) just before the turn's closing sentence."""
        segments = self.speech.segments
        last_say = max((i for i, s in enumerate(segments) if isinstance(s, Say)), default=None)
        if last_say is None:
            return replace(self, speech=self.speech + note)
        merged = segments[:last_say] + note.segments + segments[last_say:]
        return replace(self, speech=SpeechPlan(merged))


# Events that, before a routine has begun (or after it ended), simply begin it.
_BEGINS_ROUTINE = frozenset(
    {
        EventKind.START,
        EventKind.NEXT,
        EventKind.RESUME,
        EventKind.START_OVER,
        EventKind.REPEAT,
        EventKind.PREVIOUS,
    }
)


def respond(state: CoachState, event: Event, routine: Routine) -> Turn:
    """Decide the next state and what to say, for one event.

    >>> from backstretch.routine.content import load_routine
    >>> turn = respond(CoachState(), Event(EventKind.LAUNCH), load_routine())
    >>> turn.state.phase, turn.speech.hold
    (<Phase.COACHING: 'coaching'>, HoldCount(seconds=30))
    """
    kind = event.kind
    if kind is EventKind.SESSION_ENDED:
        return Turn(state, SpeechPlan(), None, True, Outcome.SESSION_ENDED)
    if kind is EventKind.STOP:
        return _stop(state, routine)
    if kind is EventKind.SUMMARY:
        return _summary(state, event, routine)
    if kind is EventKind.LAUNCH and event.resume_step is not None:
        return _offer_resume(state, event.resume_step, routine)
    if state.question in (Question.RESUME, Question.START_ROUTINE):
        return _answer_offer(state, event, routine)
    if kind is EventKind.YES:
        kind = EventKind.RESUME if state.phase is Phase.PAUSED else EventKind.NEXT
    if kind is EventKind.LAUNCH or (state.phase is Phase.NOT_STARTED and kind in _BEGINS_ROUTINE):
        return _begin(state, routine, event, _welcome(routine, event.first_time))
    if kind in (EventKind.START, EventKind.START_OVER) or (
        state.phase is Phase.FINISHED and kind in _BEGINS_ROUTINE
    ):
        return _begin(state, routine, event, say(routine.lines.start_over))
    if kind is EventKind.SET_HOLD:
        return _set_hold(state, routine, event.seconds)
    if state.question is Question.HOLD_LENGTH and kind is EventKind.NO:
        return _prompt_next(state.with_(question=Question.NONE), routine, say())
    state = state.with_(question=Question.NONE)
    if kind is EventKind.NEXT:
        if state.step + 1 >= routine.step_count:
            return _coach(state, routine, event, state.step)
        return _coach(state, routine, event, state.step + 1)
    if kind is EventKind.PREVIOUS:
        if state.step == 0:
            return _coach(state, routine, event, 0, lead=say(routine.lines.at_first_step))
        return _coach(state, routine, event, state.step - 1)
    if kind is EventKind.RESUME:
        return _coach(state, routine, event, state.step, lead=say(routine.lines.resumed))
    if kind is EventKind.PAUSE:
        paused = state.with_(phase=Phase.PAUSED)
        lines = routine.lines
        return Turn(paused, say(lines.paused), say(lines.paused_reprompt), False, Outcome.PAUSED)
    if kind is EventKind.REPEAT:
        return _repeat(state, routine, event)
    if kind is EventKind.WHY:
        return _why(state, routine)
    if kind is EventKind.HELP:
        lines = routine.lines
        helped = state.with_(topic=Topic.HELP)
        return Turn(helped, say(lines.help), say(lines.help_reprompt), False, Outcome.ANSWERED)
    if kind is EventKind.NO:
        return _prompt_next(state, routine, say(routine.lines.no_answer))
    return _prompt_next(state, routine, say(routine.lines.fallback))


def hold_seconds(state: CoachState, routine: Routine) -> int:
    return state.hold_seconds or routine.default_hold_seconds


def _welcome(routine: Routine, first_time: bool) -> SpeechPlan:
    lines = routine.lines
    return say(lines.welcome, lines.safety) if first_time else say(lines.welcome_back)


def _begin(state: CoachState, routine: Routine, event: Event, welcome: SpeechPlan) -> Turn:
    fresh = CoachState(hold_seconds=state.hold_seconds, started_at=event.at or None)
    return _coach(fresh, routine, event, 0, lead=welcome)


def _coach(
    state: CoachState, routine: Routine, event: Event, step: int, lead: SpeechPlan | None = None
) -> Turn:
    """Talk the person through one side of one stretch, count its hold, and say what's next."""
    ref = step_ref(routine, step)
    stretch = routine.stretches[ref.stretch]
    side = stretch.sides[ref.side]
    seconds = hold_seconds(state, routine)
    plan = lead or SpeechPlan()
    if ref.side == 0:
        plan += say(stretch.intro, stretch.why_short)
    for number, line in enumerate(side.setup):
        plan += say(line)
        if number < len(side.setup) - 1:
            plan += SpeechPlan((Pause(SETUP_PAUSE_SECONDS),))
    plan += say(routine.lines.get_into_position)
    plan += SpeechPlan((Pause(GET_INTO_POSITION_SECONDS), HoldCount(seconds)))
    coached = state.with_(
        phase=Phase.COACHING,
        step=step,
        topic=Topic.STEP,
        question=Question.NONE,
        sides_done=state.sides_done | (1 << step),
        seconds_held=state.seconds_held + seconds,
        started_at=state.started_at or event.at or None,
    )
    if step == routine.step_count - 1:
        lines = routine.lines
        finished = coached.with_(phase=Phase.FINISHED, topic=Topic.NOTHING)
        plan += say(lines.after_stretch.format(stretch=stretch.name), lines.finished, lines.goodbye)
        return Turn(finished, plan, None, True, Outcome.ROUTINE_FINISHED)
    return _prompt_next(coached, routine, plan, after_step=True, outcome=Outcome.STEP_COACHED)


def _prompt_next(
    state: CoachState,
    routine: Routine,
    plan: SpeechPlan,
    *,
    after_step: bool = False,
    outcome: Outcome = Outcome.ANSWERED,
) -> Turn:
    """End a turn by saying what comes next, and keep listening."""
    lines = routine.lines
    if state.phase is Phase.NOT_STARTED or state.phase is Phase.FINISHED:
        waiting = say(lines.not_started_prompt)
        return Turn(state, plan + waiting, waiting, False, outcome)
    if state.phase is Phase.PAUSED:
        waiting = say(lines.paused_reprompt)
        return Turn(state, plan + waiting, waiting, False, outcome)
    ref = step_ref(routine, state.step)
    stretch = routine.stretches[ref.stretch]
    if ref.side + 1 < len(stretch.sides):
        done = lines.after_side.format(side=stretch.sides[ref.side].name)
        prompt = lines.next_side_prompt.format(side=stretch.sides[ref.side + 1].name)
    elif state.step + 1 < routine.step_count:
        done = lines.after_stretch.format(stretch=stretch.name)
        following = routine.stretches[ref.stretch + 1]
        prompt = lines.next_stretch_prompt.format(stretch=following.name)
    else:  # the last side, coached again after the routine was otherwise finished
        done, prompt = (
            lines.after_side.format(side=stretch.sides[ref.side].name),
            lines.next_reprompt,
        )
    plan += say(done, prompt) if after_step else say(prompt)
    return Turn(state, plan, say(lines.next_reprompt), False, outcome)


def _repeat(state: CoachState, routine: Routine, event: Event) -> Turn:
    if state.topic is Topic.WHY:
        return _why(state, routine)
    if state.topic is Topic.HELP:
        return respond(state, Event(EventKind.HELP, at=event.at), routine)
    if state.topic is Topic.QUESTION and state.question is Question.HOLD_LENGTH:
        return _set_hold(state, routine, None)
    return _coach(state, routine, event, state.step)


def _why(state: CoachState, routine: Routine) -> Turn:
    stretch: Stretch = routine.stretches[step_ref(routine, state.step).stretch]
    answered = state.with_(topic=Topic.WHY)
    lines = routine.lines
    reprompt = say(lines.why_reprompt)
    return Turn(answered, say(*stretch.why) + reprompt, reprompt, False, Outcome.ANSWERED)


def _set_hold(state: CoachState, routine: Routine, seconds: int | None) -> Turn:
    lines = routine.lines
    low, high = routine.min_hold_seconds, routine.max_hold_seconds
    if seconds is None or not low <= seconds <= high:
        template = lines.hold_missing if seconds is None else lines.hold_out_of_range
        question = say(template.format(min=low, max=high))
        asking = state.with_(question=Question.HOLD_LENGTH, topic=Topic.QUESTION)
        return Turn(asking, question, question, False, Outcome.ANSWERED)
    changed = state.with_(hold_seconds=seconds, question=Question.NONE, topic=Topic.NOTHING)
    plan = say(lines.hold_set.format(seconds=seconds))
    return _prompt_next(changed, routine, plan, outcome=Outcome.HOLD_CHANGED)


def _stop(state: CoachState, routine: Routine) -> Turn:
    lines = routine.lines
    return Turn(state, say(lines.stopped, lines.goodbye), None, True, Outcome.STOPPED)


# Answers to "pick up where you left off?" and "stretch now?"
_ACCEPTS = frozenset({EventKind.YES, EventKind.NEXT, EventKind.RESUME})
_DECLINES = frozenset({EventKind.NO})
_STARTS_FRESH = frozenset({EventKind.START, EventKind.START_OVER})


def _offer_resume(state: CoachState, step: int, routine: Routine) -> Turn:
    ref = step_ref(routine, step)
    stretch = routine.stretches[ref.stretch]
    lines = routine.lines
    offer = lines.resume_offer.format(stretch=stretch.name, side=stretch.sides[ref.side].name)
    asking = CoachState(
        hold_seconds=state.hold_seconds,
        question=Question.RESUME,
        topic=Topic.QUESTION,
        resume_step=step,
    )
    reprompt = say(lines.resume_offer_reprompt)
    return Turn(asking, say(lines.welcome_back, offer), reprompt, False, Outcome.ANSWERED)


def _answer_offer(state: CoachState, event: Event, routine: Routine) -> Turn:
    """The person answers "pick up where you left off?" or "stretch now?"."""
    lines, kind = routine.lines, event.kind
    resuming = state.question is Question.RESUME and state.resume_step is not None
    if kind in _ACCEPTS and resuming and state.resume_step is not None:
        ref = step_ref(routine, state.resume_step)
        stretch = routine.stretches[ref.stretch]
        lead = lines.resume_picked_up.format(
            stretch=stretch.name, side=stretch.sides[ref.side].name
        )
        fresh = CoachState(hold_seconds=state.hold_seconds, started_at=event.at or None)
        return _coach(fresh, routine, event, state.resume_step, lead=say(lead))
    if kind in _ACCEPTS:
        return _begin(state, routine, event, say(lines.lets_go))
    if kind in _STARTS_FRESH or (kind in _DECLINES and resuming):
        return _begin(state, routine, event, say(lines.start_over))
    if kind in _DECLINES:
        done = state.with_(question=Question.NONE, topic=Topic.NOTHING)
        return Turn(done, say(lines.goodbye), None, True, Outcome.ANSWERED)
    if kind is EventKind.WHY:
        return _why(state, routine)
    reprompt = lines.resume_offer_reprompt if resuming else lines.start_offer_reprompt
    opening = lines.help if kind is EventKind.HELP else lines.fallback
    if kind is EventKind.REPEAT:
        opening = ""
    asked = state.with_(topic=Topic.QUESTION)
    return Turn(asked, say(opening, reprompt), say(reprompt), False, Outcome.ANSWERED)


def _summary(state: CoachState, event: Event, routine: Routine) -> Turn:
    """How the week went; then back to the routine, or an offer to start one."""
    lines = routine.lines
    if event.summary is None or event.today is None:
        plan = say(lines.summary_unavailable)
    else:
        plan = summary_speech(event.summary, event.today, routine)
    if state.in_progress:
        return _prompt_next(state.with_(topic=Topic.NOTHING), routine, plan)
    asking = state.with_(question=Question.START_ROUTINE, topic=Topic.QUESTION)
    reprompt = say(lines.start_offer_reprompt)
    return Turn(asking, plan + say(lines.start_offer), reprompt, False, Outcome.ANSWERED)
