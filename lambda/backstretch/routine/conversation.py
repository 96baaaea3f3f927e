"""The conversation as a pure state machine: its rules, in order, and `respond`, which settles
the last hold and answers an event by the first rule that applies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from backstretch.routine import answers
from backstretch.routine.content import Routine
from backstretch.routine.moment import (
    Event,
    EventKind,
    HoldCut,
    Moment,
    Outcome,
    Recalled,
    Turn,
)
from backstretch.routine.state import CoachState, Phase, Question, Topic
from backstretch.speech.plan import HoldCount, Say
from backstretch.speech.ssml import plan_timing

__all__ = [
    "RULES",
    "Event",
    "EventKind",
    "Moment",
    "Outcome",
    "Recalled",
    "Rule",
    "Turn",
    "finishes_routine",
    "respond",
    "settle_hold",
]

# A request this soon after the one before it is not a person cutting into its speech: to
# hear the answer begin, then say "Alexa" and a command, takes longer. Only a test rig or a
# replay with a frozen clock answers that fast.
MIN_REPLY_SECONDS = 3.0
# Where a hold ends is an estimate: a voice 10-20 % faster than 150 words a minute ends the
# ~40 s of words before it 4-8 s early. A request in a hold's last seconds is someone who
# heard it out and answered promptly, more likely than someone cutting it short.
HOLD_END_MARGIN_SECONDS = 3

NOTHING_RECALLED = Recalled()


def respond(
    state: CoachState, event: Event, routine: Routine, recalled: Recalled = NOTHING_RECALLED
) -> Turn:
    """Decide the next state and what to say, for one event.

    First the hold the last response counted is settled: a request that arrives before that
    response's speech could have ended cut it short, and only the seconds held count. Then
    the first of `RULES` that applies answers. A routine whose last hold was heard out is
    finished by whatever comes next (the session's end included): the turn carries it, as
    it ended, in `Turn.finished`, so a cut into the last hold never counts as finished.

    >>> from backstretch.routine.content import load_routine
    >>> turn = respond(CoachState(), Event(EventKind.LAUNCH), load_routine())
    >>> turn.state.phase, turn.speech.hold
    (<Phase.COACHING: 'coaching'>, HoldCount(seconds=30, begun=0))
    """
    settled, cut = settle_hold(state, event.at)
    turn = _answer(Moment(settled, event, routine, recalled, cut))
    if finishes_routine(state, cut):
        keeps = turn.outcome in (Outcome.ANSWERED, Outcome.SESSION_ENDED, Outcome.STOPPED)
        outcome = Outcome.ROUTINE_FINISHED if keeps else turn.outcome
        turn = replace(turn, outcome=outcome, finished=settled)
    return _remember(turn, event, routine)


@dataclass(frozen=True)
class Rule:
    name: str  # what was said, and when, as the conversation would put it
    applies: Callable[[Moment], bool]
    answer: Callable[[Moment], Turn]


def said(
    *kinds: EventKind, asked: Question | tuple[Question, ...] = ()
) -> Callable[[Moment], bool]:
    """The event is one of `kinds`, and the question pending one of `asked`, when given."""
    questions = (asked,) if isinstance(asked, Question) else asked
    return lambda m: m.kind in kinds and (not questions or m.state.question in questions)


def asked(*questions: Question) -> Callable[[Moment], bool]:
    """Whatever was said, with one of `questions` pending."""
    return lambda m: m.state.question in questions


def _opening(kind: EventKind) -> Callable[[Moment], bool]:
    """`kind` opens a session, and storage recalled a fresh place to pick up."""
    return lambda m: (
        m.kind is kind and m.recalled.resume_step is not None and m.state.phase is Phase.NOT_STARTED
    )


def _resuming(m: Moment) -> bool:
    return m.state.question is Question.RESUME and m.state.resume_step is not None


def _accepts_resume(m: Moment) -> bool:
    return m.kind in _ACCEPTS and _resuming(m)


def _begins_new(m: Moment) -> bool:
    begins = m.state.phase is Phase.NOT_STARTED and m.kind in _BEGINS_ROUTINE
    return m.kind is EventKind.LAUNCH or begins


def _begins_again(m: Moment) -> bool:
    begins = m.state.phase is Phase.FINISHED and m.kind in _BEGINS_ROUTINE
    return m.kind is EventKind.START_OVER or begins


def _carries_on(m: Moment) -> bool:
    """ "Next"; "yes" and "let's go" carry on too (only "start over" goes back to the top)."""
    agrees = m.kind in (EventKind.YES, EventKind.START) and m.state.phase is not Phase.PAUSED
    return m.kind is EventKind.NEXT or agrees


def _resumes(m: Moment) -> bool:
    agrees = m.kind in (EventKind.YES, EventKind.START) and m.state.phase is Phase.PAUSED
    return m.kind is EventKind.RESUME or agrees


def _always(m: Moment) -> bool:
    return True


def _answered(answer: Callable[[Moment], Turn]) -> Callable[[Moment], Turn]:
    """`answer`, with the question it answers no longer pending."""
    return lambda m: answer(m.with_(question=Question.NONE))


def _as_if_unasked(m: Moment) -> Turn:
    """A question the event does not answer lapses: the event is answered as if none were
    asked (no rule above this one applies to it, asked or not)."""
    return _answer(m.with_(question=Question.NONE))


K, Q = EventKind, Question
_OFFERS = (Q.RESUME, Q.START_ROUTINE)
_ACCEPTS = (K.YES, K.NEXT, K.RESUME, K.START)
# Events that, before a routine has begun (or after it ended), simply begin it.
_BEGINS_ROUTINE = frozenset(
    {K.START, K.NEXT, K.RESUME, K.START_OVER, K.REPEAT, K.PREVIOUS, K.REDO, K.SKIP_STRETCH, K.YES}
)
# Said into a hold (or its set-up), these are answered in a few words and the count goes on.
_ASIDES = frozenset(
    {K.TIME_LEFT, K.FORM_CHECK, K.REMARK, K.WHERE, K.HOLD_LENGTH, K.WHY, K.HELP, K.REPEAT}
    | {K.FALLBACK, K.YES, K.NO}
)


def _in_hold(m: Moment) -> bool:
    """An aside said into a counted hold: answered, and the count goes on."""
    return m.kind in _ASIDES and m.cut is not None and not m.cut.before_count


def _in_setup(m: Moment) -> bool:
    """An aside said into a side's set-up, before its count began."""
    return m.kind in _ASIDES and m.cut is not None and m.cut.before_count


def _knee(m: Moment) -> bool:
    """A knee that hurts, or can't kneel, on a stretch done kneeling (or about to be)."""
    knee = m.kind is K.KNEE or (
        m.kind is K.PAIN and answers.part_named(m.event.body_part) == answers.KNEE
    )
    return knee and answers.kneeling_now(m)


def _warned_opening(m: Moment) -> bool:
    return m.kind is K.LAUNCH and m.recalled.warned and m.state.phase is Phase.NOT_STARTED


# Read top to bottom: the first rule that applies answers.
RULES: tuple[Rule, ...] = (
    # At any moment, the same answer; a question pending stays pending.
    Rule("the session ended", said(K.SESSION_ENDED), answers.session_ended),
    Rule("a warning sign: stop for today", said(K.WARNING), answers.warning),
    Rule("stop", said(K.STOP, asked=(Q.NONE, Q.PAIN, Q.KNEE, Q.HOLD_LENGTH)), answers.stop),
    Rule("stop, to a question about today", said(K.STOP), answers.goodbye),
    Rule("a knee that can't kneel", _knee, answers.knee),
    Rule("that hurts", said(K.PAIN), answers.pain),
    Rule("pause", said(K.PAUSE), answers.pause),
    Rule("a question or remark into a hold: the count goes on", _in_hold, answers.aside_in_hold),
    Rule("a question or remark into a set-up", _in_setup, answers.aside_in_setup),
    Rule("how did my week go?", said(K.SUMMARY), answers.summary),
    Rule("how long should I hold?", said(K.HOLD_LENGTH), answers.hold_length),
    Rule("repeat that, after anything but a set-up", answers.repeats_words, answers.say_again),
    # Opening a session: after a warning sign, how are they; a stopped routine still fresh.
    Rule("open after a warning sign: ask first", _warned_opening, answers.check_in),
    Rule("open: offer to pick up", _opening(K.LAUNCH), answers.offer_resume),
    Rule("open: pick up where I left off", _opening(K.RESUME), answers.resume_recalled),
    # "Has that settled down?"
    Rule(
        "settled: carry on",
        said(K.YES, K.REMARK, K.NEXT, K.START, K.RESUME, asked=Q.CHECK_IN),
        answers.checked_in,
    ),
    Rule("not settled", said(K.NO, K.PAIN, K.DONE, asked=Q.CHECK_IN), answers.not_settled),
    Rule("anything else: ask again", asked(Q.CHECK_IN), answers.ask_again),
    # "Gentler, skip it, or finish for today?"
    Rule("gentler, or yes", said(K.GENTLER, K.YES, asked=Q.PAIN), _answered(answers.gentler)),
    Rule(
        "skip it, or next",
        said(K.SKIP_STRETCH, K.NEXT, asked=Q.PAIN),
        _answered(answers.skip_stretch),
    ),
    Rule("finish for today", said(K.DONE, asked=Q.PAIN), _answered(answers.finish_early)),
    Rule(
        "help, no, or not understood: ask again",
        said(K.HELP, K.NO, K.FALLBACK, asked=Q.PAIN),
        answers.pain_asked_again,
    ),
    Rule("anything else: the pain question lapses", asked(Q.PAIN), _as_if_unasked),
    # "More padding, or skip?"
    Rule(
        "more padding: the side again",
        said(K.YES, K.REDO, K.GENTLER, K.NEXT, K.RESUME, K.START, K.REPEAT, asked=Q.KNEE),
        _answered(answers.padded),
    ),
    Rule(
        "skip, or no",
        said(K.SKIP_STRETCH, K.NO, K.GO_TO, asked=Q.KNEE),
        _answered(answers.skip_stretch),
    ),
    Rule(
        "finish for today, to the knee", said(K.DONE, asked=Q.KNEE), _answered(answers.finish_early)
    ),
    Rule(
        "help, or not understood: ask again",
        said(K.HELP, K.FALLBACK, asked=Q.KNEE),
        answers.ask_again,
    ),
    Rule("anything else: the knee question lapses", asked(Q.KNEE), _as_if_unasked),
    # "Want to hear how your week is going?" (the routine is done)
    Rule("yes: the week", said(K.YES, asked=Q.WEEK), answers.summary),
    Rule("no, or done: goodbye", said(K.NO, K.DONE, K.NEXT, asked=Q.WEEK), answers.goodbye),
    Rule(
        "help, or not understood, to the week",
        said(K.HELP, K.FALLBACK, asked=Q.WEEK),
        answers.ask_again,
    ),
    Rule("anything else: the week question lapses", asked(Q.WEEK), _as_if_unasked),
    # "Start fresh, or stop for now?" (not picking up)
    Rule(
        "start fresh",
        said(K.START_OVER, K.START, K.YES, K.NEXT, asked=Q.FRESH_OR_STOP),
        answers.start_over,
    ),
    Rule("pick up after all", said(K.RESUME, asked=Q.FRESH_OR_STOP), answers.accept_resume),
    Rule("stop for now", said(K.NO, K.DONE, asked=Q.FRESH_OR_STOP), answers.goodbye),
    Rule(
        "anything else: ask again, fresh or stop",
        said(K.HELP, K.FALLBACK, K.REPEAT, asked=Q.FRESH_OR_STOP),
        answers.ask_again,
    ),
    Rule(
        "anything else: the fresh-or-stop question lapses", asked(Q.FRESH_OR_STOP), _as_if_unasked
    ),
    # "Pick up where you left off?", "Stretch now?"
    Rule("yes to picking up", _accepts_resume, answers.accept_resume),
    Rule("yes to stretching now", said(*_ACCEPTS, asked=_OFFERS), answers.lets_go),
    Rule("no to picking up: fresh, or stop?", said(K.NO, asked=Q.RESUME), answers.fresh_or_stop),
    Rule("start over instead", said(K.START_OVER, asked=_OFFERS), answers.start_over),
    Rule("no, or done for today", said(K.NO, K.DONE, asked=_OFFERS), answers.decline_offer),
    Rule("go to a stretch instead", said(K.GO_TO, asked=_OFFERS), _as_if_unasked),
    Rule("help with the offer", said(K.HELP, asked=_OFFERS), answers.offer_help),
    # Asides, before, during or after a routine; an offer pending stays pending.
    Rule("done for today", said(K.DONE), answers.finish_early),
    Rule("where am I? how much longer?", said(K.WHERE, K.TIME_LEFT), answers.where),
    Rule("is this right?", said(K.FORM_CHECK), answers.form_check),
    Rule("that feels good", said(K.REMARK), answers.remark),
    Rule("help", said(K.HELP), answers.help_),
    Rule("why?", said(K.WHY), answers.why),
    Rule("hold for N seconds", said(K.SET_HOLD), answers.set_hold),
    Rule("go to a stretch", said(K.GO_TO), answers.go_to),
    Rule("anything else, to an offer: ask again", asked(*_OFFERS), answers.offer_not_caught),
    # Beginning a routine.
    Rule("launch, or begin before a routine", _begins_new, answers.welcome),
    Rule("start over, or begin after a routine", _begins_again, answers.start_over),
    Rule("no, to how many seconds?", said(K.NO, asked=Q.HOLD_LENGTH), answers.no_hold_given),
    Rule("anything else: the hold question lapses", asked(Q.HOLD_LENGTH), _as_if_unasked),
    # Moving through a routine under way (begun by now: the rules above begin one).
    Rule("next; yes, or let's go", _carries_on, answers.next_side),
    Rule("resume; yes, or let's go, while paused", _resumes, answers.resume),
    Rule("previous", said(K.PREVIOUS), answers.previous),
    Rule("do that side again", said(K.REDO), answers.redo),
    Rule("gentler", said(K.GENTLER), answers.gentler),
    Rule("skip this stretch", said(K.SKIP_STRETCH), answers.skip_stretch),
    Rule("a knee, on a stretch done standing", said(K.KNEE), answers.pain),
    Rule("repeat that: the side's set-up", said(K.REPEAT), answers.repeat_step),
    Rule("no", said(K.NO), answers.no_answer),
    Rule("anything else: not understood", _always, answers.fallback),
)


def _answer(moment: Moment) -> Turn:
    return next(rule for rule in RULES if rule.applies(moment)).answer(moment)


def finishes_routine(state: CoachState, cut: HoldCut | None) -> bool:
    """Whether settling `state`'s last hold (`cut`, from `settle_hold`) finishes its routine:
    the routine's last hold was counted and heard out."""
    return state.phase is Phase.FINISHED and state.hold_step is not None and cut is None


def settle_hold(state: CoachState, at: str) -> tuple[CoachState, HoldCut | None]:
    """The state once the last counted hold is known heard out, or cut short at `at`.

    A hold cut short keeps only the seconds actually held, and its side is not done (unless
    an earlier hold had done it); a routine whose last hold was cut is not finished. Returns
    the state and the cut, None when the hold was heard out (or there was none).
    """
    if state.hold_step is None:
        return state, None
    settled = state.with_(
        hold_step=None,
        hold_counted=0,
        hold_marked_done=False,
        hold_asked_at=None,
        hold_starts_after=0.0,
        speech_lasts=0.0,
        hold_begun=0,
    )
    now, asked_at = _instant(at), _instant(state.hold_asked_at)
    if now is None or asked_at is None:
        return settled, None
    since = (now - asked_at).total_seconds()
    if since < MIN_REPLY_SECONDS or since >= state.speech_lasts:
        return settled, None
    held = min(max(int(since - state.hold_starts_after), 0), state.hold_counted)
    if held >= state.hold_counted - HOLD_END_MARGIN_SECONDS:
        return settled, None  # at the hold's end or after it: it was heard out
    step_bit = 1 << state.hold_step
    done = settled.sides_done & ~step_bit if state.hold_marked_done else settled.sides_done
    seconds = max(settled.seconds_held - (state.hold_counted - held), 0)
    cut = settled.with_(sides_done=done, seconds_held=seconds)
    if state.phase is Phase.FINISHED:  # the last hold, cut: the routine is not finished
        cut = cut.with_(phase=Phase.COACHING, question=Question.NONE, topic=Topic.STEP)
    whole = state.hold_begun + state.hold_counted
    return cut, HoldCut(state.hold_step, state.hold_begun + held, whole)


def _remember(turn: Turn, event: Event, routine: Routine) -> Turn:
    """Keep what "repeat that" needs, and when a counted hold's speech would end."""
    state = turn.state
    if turn.speech.hold is not None:
        timing = plan_timing(turn.speech, routine.hold)
        segments = turn.speech.segments
        after = segments[next(i for i, s in enumerate(segments) if isinstance(s, HoldCount)) :]
        state = state.with_(
            said=tuple(s.text for s in after if isinstance(s, Say)),
            hold_asked_at=event.at or None,
            hold_starts_after=round(timing.hold_start or 0.0, 2),
            speech_lasts=round(timing.total, 2),
        )
    elif event.kind is not EventKind.REPEAT:
        said_now = tuple(s.text for s in turn.speech.segments if isinstance(s, Say))
        topic = Topic.NOTHING if state.topic is Topic.STEP else state.topic
        state = state.with_(said=said_now, topic=topic)
    return replace(turn, state=state)


def _instant(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
