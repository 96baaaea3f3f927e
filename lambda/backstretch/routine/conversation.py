"""The conversation as a pure state machine: (state, event) -> (new state, what to say)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from backstretch.progress.model import WeeklySummary
from backstretch.routine.content import Routine, Stretch
from backstretch.routine.state import CoachState, Phase, Question, Topic, next_step, step_ref
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
    resume_step: int | None = None  # opening a session: a stopped routine's step, still fresh
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

    def with_opening(self, note: SpeechPlan) -> Turn:
        """Say a note (say, that progress could not be read) before anything else."""
        return replace(self, speech=note + self.speech)


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
    if event.resume_step is not None and state.phase is Phase.NOT_STARTED:
        if kind is EventKind.LAUNCH:
            return _offer_resume(state, event.resume_step, routine)
        if kind is EventKind.RESUME:  # "ask my back stretches to pick up where I left off"
            return _resume_at(state, event.resume_step, routine, event)
    if state.question in (Question.RESUME, Question.START_ROUTINE):
        return _answer_offer(state, event, routine)
    if kind is EventKind.REPEAT and state.topic in _SAID_ASIDE:
        return _repeat(state, routine, event)
    if kind is EventKind.YES or (kind is EventKind.START and state.in_progress):
        # "yes" and "let's go" carry on; only "start over" goes back to the top.
        kind = EventKind.RESUME if state.phase is Phase.PAUSED else EventKind.NEXT
    if kind is EventKind.LAUNCH or (state.phase is Phase.NOT_STARTED and kind in _BEGINS_ROUTINE):
        return _begin(state, routine, event, _welcome(routine, state.newcomer))
    if kind is EventKind.START_OVER or (state.phase is Phase.FINISHED and kind in _BEGINS_ROUTINE):
        return _begin(state, routine, event, say(routine.lines.start_over))
    if kind is EventKind.SET_HOLD:
        return _set_hold(state, routine, event.seconds)
    if state.question is Question.HOLD_LENGTH and kind is EventKind.NO:
        return _prompt_next(state.with_(question=Question.NONE), routine, say())
    state = state.with_(question=Question.NONE)
    if kind is EventKind.NEXT:
        return _coach(state, routine, event, min(state.step + 1, routine.step_count - 1))
    if kind is EventKind.PREVIOUS:
        if state.step == 0:
            return _coach(state, routine, event, 0, lead=say(routine.lines.at_first_step))
        return _coach(state, routine, event, state.step - 1)
    if kind is EventKind.RESUME:
        step = next_step(state, routine)
        lead = say(routine.lines.resumed)
        return _coach(state, routine, event, step if step is not None else state.step, lead=lead)
    if kind is EventKind.PAUSE:
        paused = state.with_(phase=Phase.PAUSED, topic=Topic.NOTHING)
        lines = routine.lines
        return Turn(paused, say(lines.paused), say(lines.paused_reprompt), False, Outcome.PAUSED)
    if kind is EventKind.REPEAT:
        return _repeat(state, routine, event)
    if kind is EventKind.WHY:
        return _why(state, routine)
    if kind is EventKind.HELP:
        return _help(state, routine)
    if kind is EventKind.NO:
        return _prompt_next(state, routine, say(routine.lines.no_answer))
    return _prompt_next(state, routine, say(routine.lines.fallback))


# What "repeat that" repeats instead of the step: the last thing said aside from it.
_SAID_ASIDE = frozenset({Topic.WHY, Topic.HELP, Topic.QUESTION, Topic.HOLD_SET})


def hold_seconds(state: CoachState, routine: Routine) -> int:
    return state.hold_seconds or routine.default_hold_seconds


def _welcome(routine: Routine, newcomer: bool) -> SpeechPlan:
    lines = routine.lines
    return say(lines.welcome) if newcomer else say(lines.welcome_back)


def _begin(state: CoachState, routine: Routine, event: Event, lead: SpeechPlan) -> Turn:
    """Coach the first side. Mid-routine it is the same routine again from the top (what was
    done still counts); otherwise a new routine. A newcomer hears the safety note first."""
    if state.in_progress:
        fresh = state.with_(question=Question.NONE, resume_step=None)
    else:
        fresh = CoachState(
            hold_seconds=state.hold_seconds,
            newcomer=state.newcomer,
            started_at=event.at or None,
        )
    return _coach(fresh, routine, event, 0, lead=lead + _safety_if_owed(state, routine))


def _safety_if_owed(state: CoachState, routine: Routine) -> SpeechPlan:
    return say(routine.lines.safety) if state.newcomer else SpeechPlan()


def _help(state: CoachState, routine: Routine) -> Turn:
    lines = routine.lines
    helped = state.with_(topic=Topic.HELP)
    return Turn(helped, say(lines.help), say(lines.help_reprompt), False, Outcome.ANSWERED)


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
        newcomer=False,  # a newcomer hears the safety note before their first side
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
        return _help(state, routine)
    if state.topic is Topic.HOLD_SET and state.hold_seconds is not None:
        said_again = _set_hold(state, routine, state.hold_seconds)
        return replace(said_again, outcome=Outcome.ANSWERED)  # nothing new to store
    if state.topic is Topic.QUESTION and state.question is Question.HOLD_LENGTH:
        return _set_hold(state, routine, None)
    if state.phase is Phase.NOT_STARTED:
        return _prompt_next(state, routine, say())
    return _coach(state, routine, event, state.step)


def _why(state: CoachState, routine: Routine) -> Turn:
    """Why the current stretch helps (while a resume is offered: the one it would resume)."""
    step = state.resume_step if state.question is Question.RESUME else None
    stretch: Stretch = routine.stretches[step_ref(routine, step or state.step).stretch]
    answered = state.with_(topic=Topic.WHY)
    reprompt = say(_offer_reprompt(state, routine) or routine.lines.why_reprompt)
    return Turn(answered, say(*stretch.why) + reprompt, reprompt, False, Outcome.ANSWERED)


def _set_hold(state: CoachState, routine: Routine, seconds: int | None) -> Turn:
    lines = routine.lines
    low, high = routine.min_hold_seconds, routine.max_hold_seconds
    if seconds is None or not low <= seconds <= high:
        template = lines.hold_missing if seconds is None else lines.hold_out_of_range
        question = say(template.format(min=low, max=high))
        asking = state.with_(question=Question.HOLD_LENGTH, topic=Topic.QUESTION)
        return Turn(asking, question, question, False, Outcome.ANSWERED)
    offer = _offer_reprompt(state, routine)
    pending = state.question if offer else Question.NONE
    changed = state.with_(hold_seconds=seconds, question=pending, topic=Topic.HOLD_SET)
    plan = say(lines.hold_set.format(seconds=seconds))
    if offer:
        return Turn(changed, plan + say(offer), say(offer), False, Outcome.HOLD_CHANGED)
    return _prompt_next(changed, routine, plan, outcome=Outcome.HOLD_CHANGED)


def _stop(state: CoachState, routine: Routine) -> Turn:
    lines = routine.lines
    return Turn(state, say(lines.stopped, lines.goodbye), None, True, Outcome.STOPPED)


# Answers to "pick up where you left off?" and "stretch now?"
_ACCEPTS = frozenset({EventKind.YES, EventKind.NEXT, EventKind.RESUME, EventKind.START})
_DECLINES = frozenset({EventKind.NO})


def _offer_resume(state: CoachState, step: int, routine: Routine) -> Turn:
    asking = CoachState(
        hold_seconds=state.hold_seconds,
        newcomer=state.newcomer,
        question=Question.RESUME,
        topic=Topic.QUESTION,
        resume_step=step,
    )
    offer = _resume_offer_line(step, routine)
    reprompt = say(routine.lines.resume_offer_reprompt)
    return Turn(asking, say(routine.lines.welcome_back, offer), reprompt, False, Outcome.ANSWERED)


def _resume_offer_line(step: int, routine: Routine) -> str:
    ref = step_ref(routine, step)
    stretch = routine.stretches[ref.stretch]
    side = stretch.sides[ref.side].name
    return routine.lines.resume_offer.format(stretch=stretch.name, side=side)


def _resume_at(state: CoachState, step: int, routine: Routine, event: Event) -> Turn:
    """Pick a stopped routine up at its step, as a new routine of this session."""
    ref = step_ref(routine, step)
    stretch = routine.stretches[ref.stretch]
    lead = routine.lines.resume_picked_up.format(
        stretch=stretch.name, side=stretch.sides[ref.side].name
    )
    fresh = CoachState(
        hold_seconds=state.hold_seconds, newcomer=state.newcomer, started_at=event.at or None
    )
    return _coach(fresh, routine, event, step, lead=say(lead) + _safety_if_owed(state, routine))


def _offer_reprompt(state: CoachState, routine: Routine) -> str:
    """The pending offer's question, or '' when none is pending."""
    if state.question is Question.RESUME:
        return routine.lines.resume_offer_reprompt
    if state.question is Question.START_ROUTINE:
        return routine.lines.start_offer_reprompt
    return ""


def _answer_offer(state: CoachState, event: Event, routine: Routine) -> Turn:
    """The person answers "pick up where you left off?" or "stretch now?"."""
    lines, kind = routine.lines, event.kind
    resuming = state.question is Question.RESUME and state.resume_step is not None
    if kind in _ACCEPTS and resuming and state.resume_step is not None:
        return _resume_at(state, state.resume_step, routine, event)
    if kind in _ACCEPTS:
        return _begin(state, routine, event, say(lines.lets_go))
    if kind is EventKind.START_OVER or (kind in _DECLINES and resuming):
        return _begin(state, routine, event, say(lines.start_over))
    if kind in _DECLINES:
        done = state.with_(question=Question.NONE, topic=Topic.NOTHING)
        return Turn(done, say(lines.goodbye), None, True, Outcome.ANSWERED)
    if kind is EventKind.WHY or (kind is EventKind.REPEAT and state.topic is Topic.WHY):
        return _why(state, routine)
    if kind is EventKind.SET_HOLD:
        return _set_hold(state, routine, event.seconds)
    reprompt = _offer_reprompt(state, routine)
    asked = state.with_(topic=Topic.QUESTION)
    if kind is EventKind.REPEAT:
        question = (
            _resume_offer_line(state.resume_step, routine)
            if resuming and state.resume_step is not None
            else lines.start_offer
        )
        return Turn(asked, say(question), say(reprompt), False, Outcome.ANSWERED)
    opening = lines.help if kind is EventKind.HELP else lines.didnt_catch
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
    if state.question is Question.RESUME:
        reprompt = say(lines.resume_offer_reprompt)
        return Turn(state, plan + reprompt, reprompt, False, Outcome.ANSWERED)
    asking = state.with_(question=Question.START_ROUTINE, topic=Topic.QUESTION)
    reprompt = say(lines.start_offer_reprompt)
    return Turn(asking, plan + say(lines.start_offer), reprompt, False, Outcome.ANSWERED)
