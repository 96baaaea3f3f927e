"""The conversation as a pure state machine: (state, event) -> (new state, what to say)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from backstretch.progress.model import WeeklySummary
from backstretch.routine.content import Routine, Stretch
from backstretch.routine.state import (
    CoachState,
    Phase,
    Question,
    StepRef,
    Topic,
    next_step,
    step_number,
    step_ref,
)
from backstretch.routine.summary_speech import summary_speech
from backstretch.speech.plan import HoldCount, Pause, Say, SpeechPlan, say
from backstretch.speech.ssml import plan_timing

# A request this soon after the one before it is not a person cutting into its speech: to
# hear the answer begin, then say "Alexa" and a command, takes longer. Only a test rig or a
# replay with a frozen clock answers that fast.
MIN_REPLY_SECONDS = 3.0
# Where a hold ends is an estimate: a voice 10-20 % faster than 150 words a minute ends the
# ~40 s of words before it 4-8 s early. A request in a hold's last seconds is someone who
# heard it out and answered promptly, more likely than someone cutting it short.
HOLD_END_MARGIN_SECONDS = 3
KNEE = "knee"


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
    kind: EventKind
    at: str = ""  # the request's timestamp, ISO 8601
    seconds: int | None = None  # for SET_HOLD; None when the person gave no number
    resume_step: int | None = None  # opening a session: a stopped routine's step, still fresh
    summary: WeeklySummary | None = None  # for SUMMARY; None when progress can't be read
    today: date | None = None  # for SUMMARY: the person's local date
    stretch: str | None = None  # for GO_TO: a stretch id; None when it was not understood
    body_part: str | None = None  # for PAIN: "knee", "back", ... when one was named


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
        EventKind.REDO,
        EventKind.SKIP_STRETCH,
    }
)


def respond(state: CoachState, event: Event, routine: Routine) -> Turn:
    """Decide the next state and what to say, for one event.

    First the hold the last response counted is settled: a request that arrives before that
    response's speech could have ended cut it short, and only the seconds held count.

    >>> from backstretch.routine.content import load_routine
    >>> turn = respond(CoachState(), Event(EventKind.LAUNCH), load_routine())
    >>> turn.state.phase, turn.speech.hold
    (<Phase.COACHING: 'coaching'>, HoldCount(seconds=30))
    """
    settled, cut_short = settle_hold(state, event.at)
    turn = _answer(settled, event, routine, cut_short)
    return _remember(turn, event, routine)


def settle_hold(state: CoachState, at: str) -> tuple[CoachState, bool]:
    """The state once the last counted hold is known heard out, or cut short at `at`.

    A hold cut short keeps only the seconds actually held, and its side is not done (unless
    an earlier hold had done it). Returns the state and whether the hold was cut short.
    """
    if state.hold_step is None:
        return state, False
    settled = state.with_(
        hold_step=None,
        hold_counted=0,
        hold_marked_done=False,
        hold_asked_at=None,
        hold_starts_after=0.0,
        speech_lasts=0.0,
    )
    now, asked = _moment(at), _moment(state.hold_asked_at)
    if now is None or asked is None:
        return settled, False
    since = (now - asked).total_seconds()
    if since < MIN_REPLY_SECONDS or since >= state.speech_lasts:
        return settled, False
    held = min(max(int(since - state.hold_starts_after), 0), state.hold_counted)
    if held >= state.hold_counted - HOLD_END_MARGIN_SECONDS:
        return settled, False  # at the hold's end or after it: it was heard out
    step_bit = 1 << state.hold_step
    done = settled.sides_done & ~step_bit if state.hold_marked_done else settled.sides_done
    seconds = settled.seconds_held - (state.hold_counted - held)
    return settled.with_(sides_done=done, seconds_held=max(seconds, 0)), True


def hold_seconds(state: CoachState, routine: Routine) -> int:
    return state.hold_seconds or routine.default_hold_seconds


def _answer(state: CoachState, event: Event, routine: Routine, cut_short: bool) -> Turn:
    """Which rule answers: the tables below, tried in this order, say what wins."""
    kind = event.kind
    if kind in _AT_ANY_MOMENT:
        return _AT_ANY_MOMENT[kind](state, event, routine, cut_short)
    if kind is EventKind.REPEAT and state.said and state.topic is not Topic.STEP:
        return _say_again(state, routine)
    if event.resume_step is not None and state.phase is Phase.NOT_STARTED:
        if kind is EventKind.LAUNCH:
            return _offer_resume(state, event.resume_step, routine)
        if kind is EventKind.RESUME:  # "ask my back stretches to pick up where I left off"
            return _resume_at(state, event.resume_step, routine, event)
    if state.question is Question.PAIN:
        answered = _answer_pain(state, event, routine)
        if answered is not None:
            return answered
        state = state.with_(question=Question.NONE)
    if state.question in (Question.RESUME, Question.START_ROUTINE):
        return _answer_offer(state, event, routine)
    if kind in _ASIDES:
        return _ASIDES[kind](state, event, routine, cut_short)
    if kind is EventKind.YES or (kind is EventKind.START and state.in_progress):
        # "yes" and "let's go" carry on; only "start over" goes back to the top.
        kind = EventKind.RESUME if state.phase is Phase.PAUSED else EventKind.NEXT
    if kind is EventKind.LAUNCH or (state.phase is Phase.NOT_STARTED and kind in _BEGINS_ROUTINE):
        return _begin(state, routine, event, _welcome(routine, state.newcomer))
    if kind is EventKind.START_OVER or (state.phase is Phase.FINISHED and kind in _BEGINS_ROUTINE):
        return _begin(state, routine, event, say(routine.lines.start_over))
    if state.question is Question.HOLD_LENGTH and kind is EventKind.NO:
        return _prompt_next(state.with_(question=Question.NONE), routine, say())
    move = _MOVES.get(kind, _fallback_move)
    return move(state.with_(question=Question.NONE), event, routine, cut_short)


Answer = Callable[[CoachState, Event, Routine, bool], Turn]  # (state, event, routine, cut short)

# Answered the same way at any moment; a question pending stays pending.
_AT_ANY_MOMENT: dict[EventKind, Answer] = {
    EventKind.SESSION_ENDED: lambda s, e, r, c: Turn(
        s, SpeechPlan(), None, True, Outcome.SESSION_ENDED
    ),
    EventKind.STOP: lambda s, e, r, c: _stop(s, r),
    EventKind.SUMMARY: lambda s, e, r, c: _summary(s, e, r),
    EventKind.PAIN: lambda s, e, r, c: _pain(s, e, r),
    EventKind.PAUSE: lambda s, e, r, c: _pause(s, r, c),
    EventKind.HOLD_LENGTH: lambda s, e, r, c: _hold_length(s, r),
}

# Asides, once no offer is pending: before, during or after a routine.
_ASIDES: dict[EventKind, Answer] = {
    EventKind.DONE: lambda s, e, r, c: _finish_early(s, r, say()),
    EventKind.WHERE: lambda s, e, r, c: _where(s, r),
    EventKind.HELP: lambda s, e, r, c: _help(s, r),
    EventKind.WHY: lambda s, e, r, c: _why(s, r),
    EventKind.SET_HOLD: lambda s, e, r, c: _set_hold(s, r, e.seconds),
    EventKind.GO_TO: lambda s, e, r, c: _go_to(s, r, e),
}


def _previous(state: CoachState, event: Event, routine: Routine, cut_short: bool) -> Turn:
    if state.step == 0:
        return _prompt_next(state, routine, say(routine.lines.at_first_step))
    return _coach(state, routine, event, state.step - 1)


def _resume(state: CoachState, event: Event, routine: Routine, cut_short: bool) -> Turn:
    step = next_step(state, routine)
    target = step if step is not None else state.step
    lead = say(routine.lines.resumed)
    return _coach(state, routine, event, target, lead, named=_first_side(routine, target))


def _fallback_move(state: CoachState, event: Event, routine: Routine, cut_short: bool) -> Turn:
    return _fallback(state, routine)


# Moving through a routine under way (begun by now: the rules above begin one).
_MOVES: dict[EventKind, Answer] = {
    EventKind.NEXT: lambda s, e, r, c: _next(s, r, e, c),
    EventKind.PREVIOUS: _previous,
    EventKind.RESUME: _resume,
    EventKind.REDO: lambda s, e, r, c: _coach(s, r, e, s.step, say(r.lines.redo_lead)),
    EventKind.GENTLER: lambda s, e, r, c: _gentler(s, r, e),
    EventKind.SKIP_STRETCH: lambda s, e, r, c: _skip_stretch(s, r, e),
    EventKind.REPEAT: lambda s, e, r, c: _repeat_step(s, r),
    EventKind.NO: lambda s, e, r, c: _prompt_next(s, r, say(r.lines.no_answer)),
}


def _remember(turn: Turn, event: Event, routine: Routine) -> Turn:
    """Keep what "repeat that" needs, and when a counted hold's speech would end."""
    state = turn.state
    if turn.speech.hold is not None:
        timing = plan_timing(turn.speech, routine.hold)
        state = state.with_(
            said=(),
            hold_asked_at=event.at or None,
            hold_starts_after=round(timing.hold_start or 0.0, 2),
            speech_lasts=round(timing.total, 2),
        )
    elif event.kind is not EventKind.REPEAT:
        said = tuple(s.text for s in turn.speech.segments if isinstance(s, Say))
        topic = Topic.NOTHING if state.topic is Topic.STEP else state.topic
        state = state.with_(said=said, topic=topic)
    return replace(turn, state=state)


def _moment(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _welcome(routine: Routine, newcomer: bool) -> SpeechPlan:
    lines = routine.lines
    return say(lines.welcome) if newcomer else say(lines.welcome_back)


def _first_side(routine: Routine, step: int) -> str | None:
    """The line naming a stretch, when a step is its first side."""
    ref = step_ref(routine, step)
    if ref.side != 0:
        return None
    return routine.lines.now_stretch.format(stretch=routine.stretches[ref.stretch].name)


def _begin(
    state: CoachState, routine: Routine, event: Event, lead: SpeechPlan, step: int = 0
) -> Turn:
    """Coach a first side. Mid-routine it is the same routine again (what was done still
    counts); otherwise a new routine. A newcomer hears the safety note first."""
    if state.in_progress:
        fresh = state.with_(question=Question.NONE, resume_step=None)
    else:
        fresh = CoachState(
            hold_seconds=state.hold_seconds,
            newcomer=state.newcomer,
            first_routine=state.newcomer,
            reminded=state.reminded or state.newcomer,
            started_at=event.at or None,
        )
    name = routine.stretches[step_ref(routine, step).stretch].name
    template = routine.lines.first_stretch if step == 0 else routine.lines.go_to_stretch
    lead = lead + _safety_if_owed(state, routine)
    return _coach(fresh, routine, event, step, lead, named=template.format(stretch=name))


def _safety_if_owed(state: CoachState, routine: Routine) -> SpeechPlan:
    return say(routine.lines.safety) if state.newcomer else SpeechPlan()


def _coach(
    state: CoachState,
    routine: Routine,
    event: Event,
    step: int,
    lead: SpeechPlan | None = None,
    *,
    named: str | None = None,
    needs_said: bool = False,
    seconds: int | None = None,
    manner: tuple[str, ...] = (),
) -> Turn:
    """Talk the person through one side of one stretch, count its hold, and say what's next.

    `named` introduces the stretch (a first side reached from elsewhere): its name, why it
    helps in a first routine, and what it needs, unless the last prompt said that already.
    """
    ref = step_ref(routine, step)
    stretch = routine.stretches[ref.stretch]
    side = stretch.sides[ref.side]
    seconds = seconds or hold_seconds(state, routine)
    lines = routine.lines
    plan = lead or SpeechPlan()
    if named:
        plan += say(named, stretch.why_short if state.first_routine else "")
        if not needs_said:
            plan += say(stretch.needs.text) + _silence(stretch.needs.then)
    if not state.reminded:
        plan += say(lines.safety_reminder)
    plan += say(*manner)
    from_other_side = state.in_progress and state.step == step - 1 and ref.side > 0
    for instruction in (*side.switch, *side.setup) if from_other_side else side.setup:
        plan += say(instruction.text) + _silence(instruction.then)
    plan += SpeechPlan((HoldCount(seconds),))
    already_done = state.is_done(step)
    coached = state.with_(
        phase=Phase.COACHING,
        step=step,
        topic=Topic.STEP,
        question=Question.NONE,
        sides_done=state.sides_done | (1 << step),
        seconds_held=state.seconds_held + seconds,
        started_at=state.started_at or event.at or None,
        newcomer=False,  # a newcomer hears the safety note before their first side
        reminded=True,
        hold_step=step,
        hold_counted=seconds,
        hold_marked_done=not already_done,
    )
    if step == routine.step_count - 1:
        finished = coached.with_(phase=Phase.FINISHED, topic=Topic.NOTHING)
        plan += say(lines.after_stretch.format(stretch=stretch.name), lines.finished, lines.goodbye)
        return Turn(finished, plan, None, True, Outcome.ROUTINE_FINISHED)
    return _prompt_next(coached, routine, plan, after_step=True, outcome=Outcome.STEP_COACHED)


def _silence(seconds: float) -> SpeechPlan:
    return SpeechPlan((Pause(seconds),)) if seconds > 0 else SpeechPlan()


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
    if not state.in_progress:
        waiting = say(lines.not_started_prompt)
        return Turn(state, plan + waiting, waiting, False, outcome)
    if state.phase is Phase.PAUSED:
        waiting = say(lines.paused_reprompt)
        return Turn(state, plan + waiting, waiting, False, outcome)
    ref = step_ref(routine, state.step)
    stretch = routine.stretches[ref.stretch]
    done = ""
    if after_step:
        last_side = ref.side + 1 == len(stretch.sides)
        template = lines.after_stretch if last_side else lines.after_side
        done = template.format(stretch=stretch.name, side=stretch.sides[ref.side].name)
    plan += say(done, _next_prompt(state, routine))
    return Turn(state, plan, say(lines.next_reprompt), False, outcome)


def _next_prompt(state: CoachState, routine: Routine) -> str:
    """What to say to carry on from here: the side, or the next stretch and what it needs."""
    lines = routine.lines
    target = next_step(state, routine)
    if target is None:
        return lines.next_reprompt
    ref, here = step_ref(routine, target), step_ref(routine, state.step)
    stretch = routine.stretches[ref.stretch]
    if target == state.step:
        return lines.same_side_prompt.format(side=stretch.sides[ref.side].name)
    if ref.stretch == here.stretch:
        return lines.next_side_prompt.format(side=stretch.sides[ref.side].name)
    return lines.next_stretch_prompt.format(stretch=stretch.name, needs=stretch.needs.text)


def _next(state: CoachState, routine: Routine, event: Event, cut_short: bool) -> Turn:
    """Carry on: to the next side once this one is done (or the person cut it short to move
    on), else to this side."""
    moving_on = cut_short or state.is_done(state.step)
    target = state.step + 1 if moving_on else state.step
    if target >= routine.step_count:
        return _finish_early(state, routine, say())
    # The prompt after a stretch's last side named what the next one needs.
    heard_prompt = not cut_short and state.is_done(state.step)
    return _coach(
        state,
        routine,
        event,
        target,
        named=_arriving(state, routine, target),
        needs_said=heard_prompt,
    )


def _arriving(state: CoachState, routine: Routine, target: int) -> str | None:
    """The line naming the stretch of `target` when the person arrives at it from another."""
    same = step_ref(routine, target).stretch == step_ref(routine, state.step).stretch
    return None if same and state.in_progress else _first_side(routine, target)


def _go_to(state: CoachState, routine: Routine, event: Event) -> Turn:
    """ "Skip to the lat stretch", "go back to the hip flexor": its first side."""
    index = next((i for i, s in enumerate(routine.stretches) if s.id == event.stretch), None)
    if index is None:
        question = say(routine.lines.which_stretch)
        return Turn(state.with_(topic=Topic.NOTHING), question, question, False, Outcome.ANSWERED)
    target = step_number(routine, StepRef(index, 0))
    if not state.in_progress:
        return _begin(state, routine, event, _welcome(routine, state.newcomer), step=target)
    name = routine.lines.go_to_stretch.format(stretch=routine.stretches[index].name)
    return _coach(state.with_(question=Question.NONE), routine, event, target, named=name)


def _skip_stretch(state: CoachState, routine: Routine, event: Event) -> Turn:
    """The first side of the next stretch; after the last stretch, finish for today."""
    following = step_ref(routine, state.step).stretch + 1
    if following >= len(routine.stretches):
        return _finish_early(state, routine, say(routine.lines.last_stretch))
    target = step_number(routine, StepRef(following, 0))
    name = routine.lines.go_to_stretch.format(stretch=routine.stretches[following].name)
    # Waiting for that stretch, the prompt already named what it needs.
    heard_prompt = state.is_done(state.step) and state.step == target - 1
    return _coach(state, routine, event, target, named=name, needs_said=heard_prompt)


def _finish_early(state: CoachState, routine: Routine, lead: SpeechPlan) -> Turn:
    """ "I'm done for today": what was held is kept (storage saves it as for a stop)."""
    lines = routine.lines
    if not state.in_progress:
        return Turn(state, lead + say(lines.goodbye), None, True, Outcome.ANSWERED)
    done = state.with_(question=Question.NONE, topic=Topic.NOTHING)
    return Turn(done, lead + say(lines.finish_early, lines.goodbye), None, True, Outcome.STOPPED)


def _pause(state: CoachState, routine: Routine, cut_short: bool) -> Turn:
    """Wait for the person; a pending question stays pending."""
    lines = routine.lines
    if state.question is not Question.NONE or not state.in_progress:
        reprompt = say(_moment_prompt(state, routine))
        waiting = state.with_(topic=Topic.NOTHING)
        return Turn(
            waiting, say(lines.take_your_time) + reprompt, reprompt, False, Outcome.ANSWERED
        )
    paused = state.with_(phase=Phase.PAUSED, topic=Topic.NOTHING)
    plan = say(lines.paused_mid_hold if cut_short else "", lines.paused)
    return Turn(paused, plan, say(lines.paused_reprompt), False, Outcome.PAUSED)


def _repeat_step(state: CoachState, routine: Routine) -> Turn:
    """The side's instructions again, without a count: repeating words is not holding."""
    if not state.in_progress:
        return _prompt_next(state, routine, say())
    lines = routine.lines
    ref = step_ref(routine, state.step)
    plan = SpeechPlan()
    for instruction in routine.stretches[ref.stretch].sides[ref.side].setup:
        plan += say(instruction.text) + _silence(min(instruction.then, 1.5))
    close = lines.repeat_done_close if state.is_done(state.step) else lines.repeat_undone_close
    return Turn(state, plan + say(close), say(close), False, Outcome.ANSWERED)


def _say_again(state: CoachState, routine: Routine) -> Turn:
    """ "Repeat that" after anything but a side: the same words; nothing else changes."""
    reprompt = say(_moment_prompt(state, routine))
    return Turn(state, say(*state.said), reprompt, False, Outcome.ANSWERED)


def _moment_prompt(state: CoachState, routine: Routine) -> str:
    """What a person can say to carry on from here, in one sentence."""
    lines = routine.lines
    offer = _offer_reprompt(state, routine)
    if offer:
        return offer
    if state.question is Question.HOLD_LENGTH:
        return lines.hold_missing.format(min=routine.min_hold_seconds, max=routine.max_hold_seconds)
    if state.phase is Phase.PAUSED:
        return lines.paused_reprompt
    if state.phase is Phase.COACHING:
        return _next_prompt(state, routine)
    return lines.not_started_prompt


def _pain(state: CoachState, event: Event, routine: Routine) -> Turn:
    """Stop, ease off (as this stretch needs), and offer gentler, skip, or finish."""
    lines = routine.lines
    if not state.in_progress:
        reprompt = say(_moment_prompt(state, routine))
        plan = say(lines.pain_general) + reprompt
        return Turn(state.with_(topic=Topic.NOTHING), plan, reprompt, False, Outcome.ANSWERED)
    stretch = routine.stretches[step_ref(routine, state.step).stretch]
    knee = event.body_part == KNEE and stretch.knee_ease_off
    advice = stretch.knee_ease_off if knee else stretch.ease_off
    asking = state.with_(question=Question.PAIN, topic=Topic.QUESTION)
    plan = say(lines.pain_stop, *advice, lines.pain_offer)
    return Turn(asking, plan, say(lines.pain_reprompt), False, Outcome.ANSWERED)


def _answer_pain(state: CoachState, event: Event, routine: Routine) -> Turn | None:
    """The answer to gentler, skip or finish; None for a request that is not an answer."""
    lines, kind = routine.lines, event.kind
    state = state.with_(question=Question.NONE)
    if kind in (EventKind.GENTLER, EventKind.YES):
        return _gentler(state, routine, event)
    if kind in (EventKind.SKIP_STRETCH, EventKind.NEXT):
        return _skip_stretch(state, routine, event)
    if kind is EventKind.DONE:
        return _finish_early(state, routine, say())
    if kind in (EventKind.HELP, EventKind.FALLBACK, EventKind.NO):
        asking = state.with_(question=Question.PAIN, topic=Topic.QUESTION)
        reprompt = say(lines.pain_reprompt)
        if kind is EventKind.HELP:
            plan = reprompt + say(lines.help_summary, lines.help_safety)
        else:
            plan = say(lines.no_answer if kind is EventKind.NO else lines.didnt_catch) + reprompt
        return Turn(asking, plan, reprompt, False, Outcome.ANSWERED)
    return None


def _gentler(state: CoachState, routine: Routine, event: Event) -> Turn:
    """The same side again, leaning less, with the shortest hold the article gives."""
    if not state.in_progress:
        return _fallback(state, routine)
    stretch = routine.stretches[step_ref(routine, state.step).stretch]
    lines = routine.lines
    return _coach(
        state.with_(reminded=False),
        routine,
        event,
        state.step,
        say(lines.gentler_lead),
        seconds=routine.min_hold_seconds,
        manner=stretch.gentler,
    )


def _where(state: CoachState, routine: Routine) -> Turn:
    """Where the person is, and how much is left."""
    lines, words = routine.lines, routine.words
    total = routine.step_count
    if not state.in_progress:
        plan = say(lines.where_not_started)
        return _prompt_next(state.with_(topic=Topic.NOTHING), routine, plan)
    target = next_step(state, routine)
    if target is None:
        plan = say(lines.where_all_done.format(total=total))
        return _prompt_next(state.with_(topic=Topic.NOTHING), routine, plan)
    ref = step_ref(routine, target)
    stretch = routine.stretches[ref.stretch]
    side = stretch.sides[ref.side].name
    if target != state.step:  # the prompt to carry on names what comes next
        here = lines.where_next.format(
            done=state.sides_completed, total=total, left=words.count(total - target, "side")
        )
        return _prompt_next(state.with_(topic=Topic.NOTHING), routine, say(here))
    here = lines.where_on.format(stretch=stretch.name, side=side, number=target + 1, total=total)
    left = total - target - 1
    after = lines.where_left.format(left=words.count(left, "side")) if left else ""
    return _prompt_next(state.with_(topic=Topic.NOTHING), routine, say(here, after))


def _help(state: CoachState, routine: Routine) -> Turn:
    """What can be said now, the weekly summary, and what to say if it hurts."""
    lines = routine.lines
    if state.question is not Question.NONE:
        now = _moment_prompt(state, routine)
    elif state.phase is Phase.COACHING:
        now = lines.help_coaching
    elif state.phase is Phase.PAUSED:
        now = lines.help_paused
    else:
        now = lines.help_not_started
    helped = state.with_(topic=Topic.HELP)
    plan = say(now, lines.help_summary, lines.help_safety)
    return Turn(helped, plan, say(lines.help_reprompt), False, Outcome.ANSWERED)


def _fallback(state: CoachState, routine: Routine) -> Turn:
    """Not understood: say so, and offer what fits the moment."""
    lines = routine.lines
    if state.phase is Phase.COACHING:
        options = lines.fallback_coaching
    elif state.phase is Phase.PAUSED:
        options = lines.fallback_paused
    else:
        options = ""
    return _prompt_next(state.with_(topic=Topic.NOTHING), routine, say(lines.didnt_catch, options))


def _why(state: CoachState, routine: Routine) -> Turn:
    """Why the stretch the person is on, or about to do, helps."""
    if state.question is Question.RESUME and state.resume_step is not None:
        step = state.resume_step
    elif state.in_progress:
        upcoming = next_step(state, routine)
        step = state.step if upcoming is None else upcoming
    else:
        step = 0
    stretch: Stretch = routine.stretches[step_ref(routine, step).stretch]
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
    plan = say(lines.hold_set.format(seconds=seconds), lines.hold_range.format(min=low, max=high))
    if offer:
        return Turn(changed, plan + say(offer), say(offer), False, Outcome.HOLD_CHANGED)
    return _prompt_next(changed, routine, plan, outcome=Outcome.HOLD_CHANGED)


def _hold_length(state: CoachState, routine: Routine) -> Turn:
    """How long the holds are, the article's range, and how to change them."""
    lines = routine.lines
    now = lines.hold_now.format(seconds=hold_seconds(state, routine))
    span = lines.hold_range.format(min=routine.min_hold_seconds, max=routine.max_hold_seconds)
    reprompt = say(_moment_prompt(state, routine))
    plan = say(now, span, lines.hold_change) + reprompt
    return Turn(state.with_(topic=Topic.NOTHING), plan, reprompt, False, Outcome.ANSWERED)


def _stop(state: CoachState, routine: Routine) -> Turn:
    lines = routine.lines
    return Turn(state, say(lines.stopped, lines.goodbye), None, True, Outcome.STOPPED)


# Answers to "pick up where you left off?" and "stretch now?"
_ACCEPTS = frozenset({EventKind.YES, EventKind.NEXT, EventKind.RESUME, EventKind.START})
_DECLINES = frozenset({EventKind.NO, EventKind.DONE})


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
        hold_seconds=state.hold_seconds,
        newcomer=state.newcomer,
        first_routine=state.newcomer,
        reminded=state.reminded or state.newcomer,
        started_at=event.at or None,
    )
    # The lead names the stretch; a first side still says what it needs.
    plan = say(lead) + _safety_if_owed(state, routine)
    if ref.side == 0:
        plan += say(stretch.needs.text) + _silence(stretch.needs.then)
    return _coach(fresh, routine, event, step, plan)


def _offer_reprompt(state: CoachState, routine: Routine) -> str:
    """The pending offer's question, or '' when none is pending."""
    if state.question is Question.RESUME:
        return routine.lines.resume_offer_reprompt
    if state.question is Question.START_ROUTINE:
        return routine.lines.start_offer_reprompt
    if state.question is Question.PAIN:
        return routine.lines.pain_reprompt
    return ""


def _answer_offer(state: CoachState, event: Event, routine: Routine) -> Turn:
    """The person answers "pick up where you left off?" or "stretch now?"."""
    lines, kind = routine.lines, event.kind
    resuming = state.question is Question.RESUME and state.resume_step is not None
    if kind in _ACCEPTS and resuming and state.resume_step is not None:
        return _resume_at(state, state.resume_step, routine, event)
    if kind in _ACCEPTS:
        return _begin(state, routine, event, say(lines.lets_go))
    if kind is EventKind.START_OVER or (kind is EventKind.NO and resuming):
        return _begin(state, routine, event, say(lines.start_over))
    if kind in _DECLINES:
        done = state.with_(question=Question.NONE, topic=Topic.NOTHING)
        return Turn(done, say(lines.goodbye), None, True, Outcome.ANSWERED)
    if kind is EventKind.WHY:
        return _why(state, routine)
    if kind is EventKind.SET_HOLD:
        return _set_hold(state, routine, event.seconds)
    if kind is EventKind.GO_TO:
        return _go_to(state.with_(question=Question.NONE), routine, event)
    if kind is EventKind.WHERE:
        return _where(state, routine)
    reprompt = _offer_reprompt(state, routine)
    asked = state.with_(topic=Topic.QUESTION)
    if kind is EventKind.HELP:
        plan = say(reprompt, lines.help_summary, lines.help_safety)
        return Turn(asked, plan, say(reprompt), False, Outcome.ANSWERED)
    return Turn(asked, say(lines.didnt_catch, reprompt), say(reprompt), False, Outcome.ANSWERED)


def _summary(state: CoachState, event: Event, routine: Routine) -> Turn:
    """How the week went; then back to the routine, or an offer to start one."""
    lines = routine.lines
    if event.summary is None or event.today is None:
        plan = say(lines.summary_unavailable)
    else:
        plan = summary_speech(event.summary, event.today, routine)
    if state.in_progress and state.question is Question.NONE:
        return _prompt_next(state.with_(topic=Topic.NOTHING), routine, plan)
    if state.question is not Question.NONE:
        reprompt = say(_moment_prompt(state, routine))
        return Turn(
            state.with_(topic=Topic.NOTHING), plan + reprompt, reprompt, False, Outcome.ANSWERED
        )
    asking = state.with_(question=Question.START_ROUTINE, topic=Topic.QUESTION)
    reprompt = say(lines.start_offer_reprompt)
    return Turn(asking, plan + say(lines.start_offer), reprompt, False, Outcome.ANSWERED)
