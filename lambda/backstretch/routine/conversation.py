"""The conversation as a pure state machine: its rules, in order, and `respond`, which settles
the last hold and answers an event by the first rule that applies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from backstretch.routine import answers
from backstretch.routine.content import Routine
from backstretch.routine.moment import Event, EventKind, Moment, Outcome, Recalled, Turn
from backstretch.routine.state import CoachState, Phase, Question, Topic
from backstretch.speech.plan import Say
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
    the first of `RULES` that applies answers.

    >>> from backstretch.routine.content import load_routine
    >>> turn = respond(CoachState(), Event(EventKind.LAUNCH), load_routine())
    >>> turn.state.phase, turn.speech.hold
    (<Phase.COACHING: 'coaching'>, HoldCount(seconds=30))
    """
    settled, cut_short = settle_hold(state, event.at)
    turn = _answer(Moment(settled, event, routine, recalled, cut_short))
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


def _repeats_words(m: Moment) -> bool:
    return m.kind is EventKind.REPEAT and bool(m.state.said) and m.state.topic is not Topic.STEP


def _opening(kind: EventKind) -> Callable[[Moment], bool]:
    """`kind` opens a session, and storage recalled a fresh place to pick up."""
    return lambda m: (
        m.kind is kind and m.recalled.resume_step is not None and m.state.phase is Phase.NOT_STARTED
    )


def _resuming(m: Moment) -> bool:
    return m.state.question is Question.RESUME and m.state.resume_step is not None


def _accepts_resume(m: Moment) -> bool:
    return m.kind in _ACCEPTS and _resuming(m)


def _starts_over_instead(m: Moment) -> bool:
    offered = m.state.question in _OFFERS
    return offered and (m.kind is EventKind.START_OVER or (m.kind is EventKind.NO and _resuming(m)))


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

# Read top to bottom: the first rule that applies answers.
RULES: tuple[Rule, ...] = (
    # At any moment, the same answer; a question pending stays pending.
    Rule("the session ended", said(K.SESSION_ENDED), answers.session_ended),
    Rule("stop", said(K.STOP), answers.stop),
    Rule("how did my week go?", said(K.SUMMARY), answers.summary),
    Rule("that hurts", said(K.PAIN), answers.pain),
    Rule("pause", said(K.PAUSE), answers.pause),
    Rule("how long should I hold?", said(K.HOLD_LENGTH), answers.hold_length),
    Rule("repeat that, after anything but a side", _repeats_words, answers.say_again),
    # Opening a session, with a stopped routine still fresh.
    Rule("open: offer to pick up", _opening(K.LAUNCH), answers.offer_resume),
    Rule("open: pick up where I left off", _opening(K.RESUME), answers.resume_recalled),
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
    # "Pick up where you left off?", "Stretch now?"
    Rule("yes to picking up", _accepts_resume, answers.accept_resume),
    Rule("yes to stretching now", said(*_ACCEPTS, asked=_OFFERS), answers.lets_go),
    Rule("start over, or no to picking up", _starts_over_instead, answers.start_over),
    Rule("no, or done for today", said(K.NO, K.DONE, asked=_OFFERS), answers.decline_offer),
    Rule("go to a stretch instead", said(K.GO_TO, asked=_OFFERS), _as_if_unasked),
    Rule("help with the offer", said(K.HELP, asked=_OFFERS), answers.offer_help),
    # Asides, before, during or after a routine; an offer pending stays pending.
    Rule("done for today", said(K.DONE), answers.finish_early),
    Rule("where am I?", said(K.WHERE), answers.where),
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
    Rule("repeat that: the side's set-up", said(K.REPEAT), answers.repeat_step),
    Rule("no", said(K.NO), answers.no_answer),
    Rule("anything else: not understood", _always, answers.fallback),
)


def _answer(moment: Moment) -> Turn:
    return next(rule for rule in RULES if rule.applies(moment)).answer(moment)


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
    now, asked_at = _instant(at), _instant(state.hold_asked_at)
    if now is None or asked_at is None:
        return settled, False
    since = (now - asked_at).total_seconds()
    if since < MIN_REPLY_SECONDS or since >= state.speech_lasts:
        return settled, False
    held = min(max(int(since - state.hold_starts_after), 0), state.hold_counted)
    if held >= state.hold_counted - HOLD_END_MARGIN_SECONDS:
        return settled, False  # at the hold's end or after it: it was heard out
    step_bit = 1 << state.hold_step
    done = settled.sides_done & ~step_bit if state.hold_marked_done else settled.sides_done
    seconds = settled.seconds_held - (state.hold_counted - held)
    return settled.with_(sides_done=done, seconds_held=max(seconds, 0)), True


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
