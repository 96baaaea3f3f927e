"""The conversation's answers, in the order of its rules: each takes the moment a rule matched
and says what to do, in a `Turn`."""

from __future__ import annotations

from dataclasses import replace

from backstretch.routine.content import Routine, Stretch
from backstretch.routine.moment import Elicit, EventKind, HoldCut, Moment, Outcome, Turn
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
from backstretch.speech.plan import HoldCount, Pause, SpeechPlan, say

# Body parts the content's advice names (`Stretch.ease_off_for`): ids, as the interaction
# models resolve them in every language, not words.
KNEE = "knee"
BACK = "back"


# --- at any moment ----------------------------------------------------------------------------


def session_ended(m: Moment) -> Turn:
    return Turn(m.state, SpeechPlan(), None, True, Outcome.SESSION_ENDED)


def stop(m: Moment) -> Turn:
    return Turn(m.state, say(m.lines.stopped, m.lines.goodbye), None, True, Outcome.STOPPED)


def goodbye(m: Moment) -> Turn:
    """ "No", "stop" or "done" to a question about today: goodbye, nothing stopped."""
    done = m.with_(question=Question.NONE, topic=Topic.NOTHING).state
    return Turn(done, say(m.lines.goodbye), None, True, Outcome.ANSWERED)


def warning(m: Moment) -> Turn:
    """A warning sign: stop for today, say to have it checked, offer nothing gentler. What
    was held is kept, and the next launch asks how they are before anything else."""
    state, lines = m.state, m.lines
    plan = say(lines.warning_stop if state.in_progress else "", lines.warning_advice)
    done = state.with_(question=Question.NONE, topic=Topic.NOTHING)
    return Turn(done, plan + say(lines.warning_finish), None, True, Outcome.WARNING_STOP)


def summary(m: Moment) -> Turn:
    """How the week went; then back to the routine, or an offer to start one."""
    state, lines, recalled = m.state, m.lines, m.recalled
    if recalled.summary is None or recalled.today is None:
        plan = say(lines.summary_unavailable)
    else:
        plan = summary_speech(recalled.summary, recalled.today, m.routine)
    if state.phase is Phase.FINISHED:  # the routine is done: the week, and goodbye
        done = state.with_(question=Question.NONE, topic=Topic.NOTHING)
        return Turn(done, plan + say(lines.goodbye), None, True, Outcome.ANSWERED)
    if state.in_progress and state.question is Question.NONE:
        return _prompt_next(state.with_(topic=Topic.NOTHING), m.routine, plan)
    if state.question is not Question.NONE:
        reprompt = say(_carry_on(state, m.routine))
        return Turn(
            state.with_(topic=Topic.NOTHING), plan + reprompt, reprompt, False, Outcome.ANSWERED
        )
    asking = state.with_(question=Question.START_ROUTINE, topic=Topic.QUESTION)
    reprompt = say(lines.start_offer_reprompt)
    return Turn(asking, plan + say(lines.start_offer), reprompt, False, Outcome.ANSWERED)


def pain(m: Moment) -> Turn:
    """Stop, ease off (as this stretch and the part that hurts need), and offer gentler,
    skip, or finish. A second pain on the same stretch skips it."""
    state, lines = m.state, m.lines
    if not state.in_progress:
        reprompt = say(_carry_on(state, m.routine))
        plan = say(lines.pain_general) + reprompt
        return Turn(state.with_(topic=Topic.NOTHING), plan, reprompt, False, Outcome.ANSWERED)
    index = step_ref(m.routine, state.step).stretch
    stretch = m.routine.stretches[index]
    advice = stretch.ease_off_for.get(part_named(m.event.body_part), stretch.ease_off)
    if state.pained & (1 << index):
        return _leave_stretch(m, say(lines.pain_stop, *advice, lines.pain_again))
    asking = state.with_(
        question=Question.PAIN, topic=Topic.QUESTION, pained=state.pained | (1 << index)
    )
    plan = say(lines.pain_stop, *advice, lines.pain_check, lines.pain_offer)
    return Turn(asking, plan, say(lines.pain_reprompt), False, Outcome.ANSWERED)


def _leave_stretch(m: Moment, lead: SpeechPlan) -> Turn:
    """Leave the stretch under way for today: wait at the next one's first side, with what
    it needs said (no set-up straight after pain), or finish after the last."""
    state, routine = m.state, m.routine
    following = step_ref(routine, state.step).stretch + 1
    if following >= len(routine.stretches):
        ending = finish_early(m)
        return replace(ending, speech=lead + ending.speech)
    stretch = routine.stretches[following]
    target = step_number(routine, StepRef(following, 0))
    waiting = state.with_(step=target, question=Question.NONE, topic=Topic.NOTHING)
    prompt = routine.lines.next_stretch_prompt.format(
        stretch=stretch.name, needs=stretch.needs.text
    )
    reprompt = say(routine.lines.next_reprompt)
    return Turn(waiting, lead + say(prompt), reprompt, False, Outcome.ANSWERED)


def part_named(said: str | None) -> str:
    """The body part as the content's advice names it: "my lower back" is the back."""
    words = (said or "").replace("_", " ").split()  # a resolved id ("lower_back") or words
    if any(word.startswith(KNEE) for word in words):
        return KNEE
    return BACK if BACK in words else said or ""


def kneeling_now(m: Moment) -> bool:
    """A routine is under way, and its side (or the one about to start) is done kneeling."""
    state, routine = m.state, m.routine
    if not state.in_progress:
        return False
    upcoming = next_step(state, routine)
    return _stretch_of(routine, state.step if upcoming is None else upcoming).kneels


def knee(m: Moment) -> Turn:
    """A knee that hurts or can't kneel: more padding and try again, or skip the stretch."""
    state, routine, lines = m.state, m.routine, m.lines
    index = step_ref(routine, state.step).stretch
    following = routine.stretches[index + 1].name if index + 1 < len(routine.stretches) else ""
    advice = routine.stretches[index].ease_off_for.get(KNEE, ())
    stop = say(lines.pain_stop, *advice) if m.kind is EventKind.PAIN else SpeechPlan()
    offer = lines.knee_offer.format(next=following or lines.finish_early)
    asking = state.with_(question=Question.KNEE, topic=Topic.QUESTION)
    return Turn(asking, stop + say(offer), say(lines.knee_reprompt), False, Outcome.ANSWERED)


def padded(m: Moment) -> Turn:
    """More padding: the same side again, from its set-up."""
    return _coach(m, m.state.step, say(m.lines.knee_padded))


def pause(m: Moment) -> Turn:
    """Wait for the person; a pending question stays pending."""
    state, lines = m.state, m.lines
    if state.question is not Question.NONE or not state.in_progress:
        reprompt = say(_carry_on(state, m.routine))
        waiting = state.with_(topic=Topic.NOTHING)
        return Turn(
            waiting, say(lines.take_your_time) + reprompt, reprompt, False, Outcome.ANSWERED
        )
    cut = m.cut if m.cut is not None and not m.cut.before_count else None
    paused = state.with_(
        phase=Phase.PAUSED,
        topic=Topic.NOTHING,
        hold_paused=None if cut is None else cut.held,
        hold_paused_of=0 if cut is None else cut.seconds,
    )
    mid_hold = (
        lines.paused_mid_hold.format(held=m.routine.words.count(cut.held, "second"))
        if cut is not None
        else ""
    )
    plan = say(mid_hold, lines.paused)
    return Turn(paused, plan, say(lines.paused_reprompt), False, Outcome.PAUSED)


def aside_in_hold(m: Moment) -> Turn:
    """A question or remark said into a hold: a few words, and the count carries on for the
    seconds that remain; the side is credited for all it was held."""
    assert m.cut is not None  # the rule asks for one
    return _carry_on_hold(m, _aside(m, m.cut), m.cut)


def aside_in_setup(m: Moment) -> Turn:
    """A question or remark said into a side's set-up: a few words, and the set-up again."""
    assert m.cut is not None  # the rule asks for one
    return _coach(m, m.cut.step, _aside(m, m.cut))


def _aside(m: Moment, cut: HoldCut) -> SpeechPlan:
    """The few words that answer an aside in a hold or its set-up."""
    lines, routine, kind = m.lines, m.routine, m.kind
    ref = step_ref(routine, cut.step)
    stretch = routine.stretches[ref.stretch]
    left = lines.time_left.format(left=routine.words.count(cut.seconds - cut.held, "second"))
    if cut.before_count:
        left = ""
    if kind is EventKind.TIME_LEFT:
        return say(
            left or lines.hold_now.format(seconds=routine.words.count(cut.seconds, "second"))
        )
    if kind is EventKind.WHERE:
        return say(lines.where_on_short.format(**_place(routine, cut.step)), left)
    if kind in (EventKind.FORM_CHECK, EventKind.REPEAT):
        return say(stretch.form.format(side=stretch.sides[ref.side].name))
    if kind is EventKind.REMARK:
        return say(lines.remark)
    if kind is EventKind.HOLD_LENGTH:
        return say(lines.hold_now.format(seconds=routine.words.count(cut.seconds, "second")), left)
    if kind is EventKind.WHY:
        return say(stretch.why_short)
    if kind is EventKind.HELP:
        return say(lines.hold_help)
    return say(_variant(lines.fallback_hold, m.state.said))


def hold_length(m: Moment) -> Turn:
    """How long the holds are, the article's range, and how to change them."""
    state, routine, lines = m.state, m.routine, m.lines
    now = lines.hold_now.format(seconds=routine.words.count(hold_seconds(state, routine), "second"))
    span = lines.hold_range.format(min=routine.min_hold_seconds, max=routine.max_hold_seconds)
    reprompt = say(_carry_on(state, routine))
    plan = say(now, span, lines.hold_change) + reprompt
    return Turn(state.with_(topic=Topic.NOTHING), plan, reprompt, False, Outcome.ANSWERED)


def repeats_words(m: Moment) -> bool:
    """ "Repeat that" with words to repeat: after anything but a side's set-up (after a side,
    the words after its hold)."""
    state = m.state
    side_said = state.topic is not Topic.STEP or (m.cut is None and state.is_done(state.step))
    return m.kind is EventKind.REPEAT and bool(state.said) and side_said


def say_again(m: Moment) -> Turn:
    """ "Repeat that": the same words; nothing else changes."""
    reprompt = say(_carry_on(m.state, m.routine))
    return Turn(m.state, say(*m.state.said), reprompt, False, Outcome.ANSWERED)


# --- opening a session with a place to pick up ------------------------------------------------


def offer_resume(m: Moment) -> Turn:
    step, lines = m.recalled.resume_step, m.lines
    assert step is not None  # the rule asks for one
    asking = CoachState(
        hold_seconds=m.state.hold_seconds,
        newcomer=m.state.newcomer,
        question=Question.RESUME,
        topic=Topic.QUESTION,
        resume_step=step,
    )
    offer = lines.resume_offer.format(**_place(m.routine, step))
    reprompt = say(lines.resume_offer_reprompt)
    return Turn(asking, say(lines.welcome_back, offer), reprompt, False, Outcome.ANSWERED)


def check_in(m: Moment) -> Turn:
    """The last routine stopped for a warning sign: ask how they are before anything else."""
    lines = m.lines
    asking = m.state.with_(question=Question.CHECK_IN, topic=Topic.QUESTION)
    plan = say(lines.welcome_back, lines.checkin_ask)
    return Turn(asking, plan, say(lines.checkin_reprompt), False, Outcome.ANSWERED)


def checked_in(m: Moment) -> Turn:
    """It has settled: gently on, to the place to pick up if there is one."""
    state, lines = m.state.with_(question=Question.NONE), m.lines
    if m.recalled.resume_step is not None or state.resume_step is not None:
        step = state.resume_step if state.resume_step is not None else m.recalled.resume_step
        assert step is not None
        asking = state.with_(question=Question.RESUME, topic=Topic.QUESTION, resume_step=step)
        offer = lines.resume_offer.format(**_place(m.routine, step))
        reprompt = say(lines.resume_offer_reprompt)
        return Turn(asking, say(lines.checkin_ok, offer), reprompt, False, Outcome.ANSWERED)
    return _begin(m.with_(question=Question.NONE), say(lines.checkin_ok))


def not_settled(m: Moment) -> Turn:
    done = m.with_(question=Question.NONE, topic=Topic.NOTHING).state
    return Turn(done, say(m.lines.checkin_not_ok), None, True, Outcome.ANSWERED)


def ask_again(m: Moment) -> Turn:
    """Help, or not understood, with a question pending: the question again, in one line."""
    question = _offer_reprompt(m.state, m.routine)
    asking = m.with_(topic=Topic.QUESTION).state
    return Turn(asking, say(question), say(question), False, Outcome.ANSWERED)


def fresh_or_stop(m: Moment) -> Turn:
    """ "No" to picking up: start fresh, or stop for now? (The place stays kept.)"""
    lines = m.lines
    asking = m.with_(question=Question.FRESH_OR_STOP, topic=Topic.QUESTION).state
    plan, reprompt = say(lines.fresh_or_stop), say(lines.fresh_or_stop_reprompt)
    return Turn(asking, plan, reprompt, False, Outcome.ANSWERED)


def resume_recalled(m: Moment) -> Turn:
    """ "Ask my back stretches to pick up where I left off": straight there."""
    assert m.recalled.resume_step is not None  # the rule asks for one
    return _resume_at(m, m.recalled.resume_step)


# --- the pain question: gentler, skip, or finish for today? -----------------------------------


def gentler(m: Moment) -> Turn:
    """The same side again, leaning less, with the shortest hold the article gives."""
    if not m.state.in_progress:
        return fallback(m)
    return _coach(
        m.with_(reminded=False),
        m.state.step,
        say(m.lines.gentler_lead),
        seconds=m.routine.min_hold_seconds,
        manner=_stretch_of(m.routine, m.state.step).gentler,
    )


def pain_asked_again(m: Moment) -> Turn:
    """Help, "no", or something not understood: the pain question, again."""
    lines = m.lines
    asking = m.with_(topic=Topic.QUESTION).state
    reprompt = say(lines.pain_reprompt)
    if m.kind is EventKind.HELP:
        plan = reprompt + say(lines.help_summary, lines.help_safety)
    else:  # not understood: the question again is the one short sentence that fits
        plan = say(lines.no_answer if m.kind is EventKind.NO else "") + reprompt
    return Turn(asking, plan, reprompt, False, Outcome.ANSWERED)


# --- the offers: pick up where you left off? stretch now? -------------------------------------


def accept_resume(m: Moment) -> Turn:
    assert m.state.resume_step is not None  # the rule asks for one
    return _resume_at(m, m.state.resume_step)


def lets_go(m: Moment) -> Turn:
    return _begin(m, say(m.lines.lets_go))


def decline_offer(m: Moment) -> Turn:
    done = m.with_(question=Question.NONE, topic=Topic.NOTHING).state
    return Turn(done, say(m.lines.goodbye), None, True, Outcome.ANSWERED)


def offer_help(m: Moment) -> Turn:
    lines, reprompt = m.lines, _offer_reprompt(m.state, m.routine)
    plan = say(reprompt, lines.help_summary, lines.help_safety)
    return Turn(m.with_(topic=Topic.QUESTION).state, plan, say(reprompt), False, Outcome.ANSWERED)


def offer_not_caught(m: Moment) -> Turn:
    """Not understood with an offer pending: the offer's question again, in one sentence."""
    reprompt = _offer_reprompt(m.state, m.routine)
    plan = say(reprompt)
    return Turn(m.with_(topic=Topic.QUESTION).state, plan, say(reprompt), False, Outcome.ANSWERED)


# --- asides: before, during or after a routine ------------------------------------------------


def finish_early(m: Moment, lead: str = "") -> Turn:
    """ "I'm done for today": what was held is kept (storage saves it as for a stop)."""
    state, lines = m.state, m.lines
    if not state.in_progress:
        return Turn(state, say(lead, lines.goodbye), None, True, Outcome.ANSWERED)
    done = state.with_(question=Question.NONE, topic=Topic.NOTHING)
    return Turn(done, say(lead, lines.finish_early, lines.goodbye), None, True, Outcome.STOPPED)


def form_check(m: Moment) -> Turn:
    """ "Is this right?" outside a hold: the form of the side under way, or coming up."""
    state, routine = m.state, m.routine
    if not state.in_progress:
        return fallback(m)
    upcoming = next_step(state, routine)
    step = state.step if upcoming is None else upcoming
    ref = step_ref(routine, step)
    stretch = routine.stretches[ref.stretch]
    answer = say(stretch.form.format(side=stretch.sides[ref.side].name))
    return _prompt_next(state.with_(topic=Topic.NOTHING), routine, answer)


def remark(m: Moment) -> Turn:
    """ "That feels good": glad to hear it, and on."""
    return _prompt_next(m.with_(topic=Topic.NOTHING).state, m.routine, say(m.lines.remark))


def where(m: Moment) -> Turn:
    """Where the person is, and how much is left."""
    state, routine, lines, words = m.state, m.routine, m.lines, m.routine.words
    total = routine.step_count
    answered = state.with_(topic=Topic.NOTHING)
    if not state.in_progress:
        return _prompt_next(answered, routine, say(lines.where_not_started))
    target = next_step(state, routine)
    if target is None:
        return _prompt_next(
            answered, routine, say(lines.where_all_done.format(total=words.count(total, "side")))
        )
    if target != state.step:  # the prompt to carry on names what comes next
        here = lines.where_next.format(
            done=words.count(state.sides_completed, "side"),
            left=words.count(total - target, "side"),
        )
        return _prompt_next(answered, routine, say(here))
    here = lines.where_on.format(**_place(routine, target), number=target + 1, total=total)
    left = total - target - 1
    after = lines.where_left.format(left=words.count(left, "side")) if left else ""
    return _prompt_next(answered, routine, say(here, after))


def help_(m: Moment) -> Turn:
    """What can be said now, the weekly summary, and what to say if it hurts."""
    state, lines = m.state, m.lines
    if state.question is not Question.NONE:
        now = _carry_on(state, m.routine)
    elif state.phase is Phase.COACHING:
        now = lines.help_coaching
    elif state.phase is Phase.PAUSED:
        now = lines.help_paused
    else:
        now = lines.help_not_started
    helped = state.with_(topic=Topic.HELP)
    plan = say(now, lines.help_summary, lines.help_safety)
    return Turn(helped, plan, say(lines.help_reprompt), False, Outcome.ANSWERED)


def why(m: Moment) -> Turn:
    """Why the stretch the person is on, or about to do, helps."""
    state, routine = m.state, m.routine
    if state.question is Question.RESUME and state.resume_step is not None:
        step = state.resume_step
    elif state.in_progress:
        upcoming = next_step(state, routine)
        step = state.step if upcoming is None else upcoming
    else:
        step = 0
    stretch = _stretch_of(routine, step)
    answered = state.with_(topic=Topic.WHY)
    reprompt = say(_offer_reprompt(state, routine) or routine.lines.why_reprompt)
    return Turn(answered, say(*stretch.why) + reprompt, reprompt, False, Outcome.ANSWERED)


def set_hold(m: Moment) -> Turn:
    state, routine, lines, seconds = m.state, m.routine, m.lines, m.event.seconds
    low, high = routine.min_hold_seconds, routine.max_hold_seconds
    if seconds is None or not low <= seconds <= high:
        template = lines.hold_missing if seconds is None else lines.hold_out_of_range
        question = say(template.format(min=low, max=high))
        asking = state.with_(question=Question.HOLD_LENGTH, topic=Topic.QUESTION)
        return Turn(asking, question, question, False, Outcome.ANSWERED)
    offer = _offer_reprompt(state, routine)
    pending = state.question if offer else Question.NONE
    changed = state.with_(hold_seconds=seconds, question=pending, topic=Topic.HOLD_SET)
    held = routine.words.count(seconds, "second")
    plan = say(lines.hold_set.format(seconds=held), lines.hold_range.format(min=low, max=high))
    if offer:
        return Turn(changed, plan + say(offer), say(offer), False, Outcome.HOLD_CHANGED)
    return _prompt_next(changed, routine, plan, outcome=Outcome.HOLD_CHANGED)


def go_to(m: Moment) -> Turn:
    """ "Skip to the lat stretch", "go back to the hip flexor": its first side."""
    state, routine = m.state, m.routine
    index = next((i for i, s in enumerate(routine.stretches) if s.id == m.event.stretch), None)
    if index is None:
        question = say(routine.lines.which_stretch)
        asking = state.with_(topic=Topic.NOTHING)
        which = Elicit("GoToStretchIntent", "stretch")
        return Turn(asking, question, question, False, Outcome.ANSWERED, elicit=which)
    target = step_number(routine, StepRef(index, 0))
    if not state.in_progress:
        return _begin(m, _welcome(m), step=target)
    name = routine.lines.go_to_stretch.format(stretch=routine.stretches[index].name)
    return _coach(m.with_(question=Question.NONE), target, named=name)


# --- beginning a routine ----------------------------------------------------------------------


def welcome(m: Moment) -> Turn:
    return _begin(m, _welcome(m))


def start_over(m: Moment) -> Turn:
    return _begin(m, say(m.lines.start_over))


def no_hold_given(m: Moment) -> Turn:
    """ "No" to "how many seconds?": carry on as before."""
    return _prompt_next(m.with_(question=Question.NONE).state, m.routine, say())


# --- moving through a routine under way -------------------------------------------------------


def next_side(m: Moment) -> Turn:
    """Carry on: to the next side once this one is done (or the person cut it short to move
    on), else to this side."""
    state = m.state
    moving_on = m.cut_short or state.is_done(state.step)
    target = state.step + 1 if moving_on else state.step
    if target >= m.routine.step_count:
        return finish_early(m)
    # Waiting at a stretch's first side, not yet begun: name it on the way in.
    fresh = step_ref(m.routine, target).side == 0 and not state.is_done(target)
    named = _arriving(m, target) or (_first_side(m.routine, target) if fresh else None)
    # The prompt after a stretch's last side (or the one that left a stretch for today)
    # named what the next one needs.
    needs = _stretch_of(m.routine, target).needs.text
    heard_prompt = not m.cut_short and (state.is_done(state.step) or needs in " ".join(state.said))
    return _coach(m, target, named=named, needs_said=heard_prompt)


def resume(m: Moment) -> Turn:
    """Carry on after a pause: back into a paused hold with one cue, counting what remains;
    else the side to come."""
    state, lines = m.state, m.lines
    held, of = state.hold_paused, state.hold_paused_of
    if held is not None and of > held and not state.is_done(state.step):
        stretch = _stretch_of(m.routine, state.step)
        cue = say(lines.back_into_it, stretch.back_in)
        return _carry_on_hold(m, cue, HoldCut(state.step, held, of))
    step = next_step(state, m.routine)
    target = step if step is not None else state.step
    lead = say(lines.resumed)
    return _coach(m, target, lead, named=_first_side(m.routine, target))


def previous(m: Moment) -> Turn:
    state, routine = m.state, m.routine
    if state.step == 0:
        return _prompt_next(state, routine, say(m.lines.at_first_step))
    target = state.step - 1
    crossing = step_ref(routine, target).stretch != step_ref(routine, state.step).stretch
    named = m.lines.back_to_stretch.format(**_place(routine, target)) if crossing else None
    return _coach(m, target, named=named, needs_said=True)


def redo(m: Moment) -> Turn:
    return _coach(m, m.state.step, say(m.lines.redo_lead))


def skip_stretch(m: Moment, lead: SpeechPlan | None = None) -> Turn:
    """The first side of the next stretch; after the last stretch, finish for today."""
    state, routine = m.state, m.routine
    following = step_ref(routine, state.step).stretch + 1
    if following >= len(routine.stretches):
        ending = finish_early(m, routine.lines.last_stretch)
        return replace(ending, speech=(lead or SpeechPlan()) + ending.speech)
    target = step_number(routine, StepRef(following, 0))
    name = routine.lines.go_to_stretch.format(stretch=routine.stretches[following].name)
    # Waiting for that stretch, the prompt already named what it needs.
    heard_prompt = state.is_done(state.step) and state.step == target - 1
    return _coach(m, target, lead, named=name, needs_said=heard_prompt)


def repeat_step(m: Moment) -> Turn:
    """The side's instructions again, without a count: repeating words is not holding."""
    state, routine, lines = m.state, m.routine, m.lines
    if not state.in_progress:
        return _prompt_next(state, routine, say())
    ref = step_ref(routine, state.step)
    plan = SpeechPlan()
    for instruction in routine.stretches[ref.stretch].sides[ref.side].setup:
        plan += say(instruction.text) + _silence(min(instruction.then, 1.5))
    close = lines.repeat_done_close if state.is_done(state.step) else lines.repeat_undone_close
    return Turn(state, plan + say(close), say(close), False, Outcome.ANSWERED)


def no_answer(m: Moment) -> Turn:
    return _prompt_next(m.state, m.routine, say(m.lines.no_answer))


def fallback(m: Moment) -> Turn:
    """Not understood: one short sentence saying what can be said now (never the same one
    twice in a row); the person's place is kept."""
    state, lines = m.state, m.lines
    options = {
        Phase.COACHING: lines.fallback_between,
        Phase.PAUSED: lines.fallback_paused,
        Phase.FINISHED: lines.fallback_finished,
    }.get(state.phase, lines.fallback_not_started)
    answered = state.with_(topic=Topic.NOTHING)
    line = say(_variant(options, state.said))
    reprompt = say(_carry_on(answered, m.routine))
    return Turn(answered, line, reprompt, False, Outcome.ANSWERED)


def _variant(options: tuple[str, ...], said: tuple[str, ...]) -> str:
    """The first way of saying it that was not just said."""
    return next((option for option in options if option not in said), options[0])


# --- coaching a side --------------------------------------------------------------------------


def hold_seconds(state: CoachState, routine: Routine) -> int:
    return state.hold_seconds or routine.default_hold_seconds


def _new_routine(m: Moment) -> CoachState:
    """A routine begun in this session: what the session keeps, and when it began."""
    state = m.state
    return CoachState(
        hold_seconds=state.hold_seconds,
        newcomer=state.newcomer,
        first_routine=state.newcomer,
        reminded=state.reminded or state.newcomer,
        started_at=m.event.at or None,
    )


def _begin(m: Moment, lead: SpeechPlan, step: int = 0) -> Turn:
    """Coach a first side. Mid-routine it is the same routine again (what was done still
    counts); otherwise a new routine. A newcomer hears the safety note first."""
    state, lines = m.state, m.lines
    if state.in_progress:
        fresh = state.with_(question=Question.NONE, resume_step=None)
    else:
        fresh = _new_routine(m)
    template = lines.first_stretch if step == 0 else lines.go_to_stretch
    named = template.format(stretch=_stretch_of(m.routine, step).name)
    return _coach(replace(m, state=fresh), step, lead + _safety_if_owed(m), named=named)


def _resume_at(m: Moment, step: int) -> Turn:
    """Pick a stopped routine up at its step, as a new routine of this session."""
    lead = m.lines.resume_picked_up.format(**_place(m.routine, step))
    # The lead names the stretch; a first side still says what it needs.
    plan = say(lead) + _safety_if_owed(m)
    if step_ref(m.routine, step).side == 0:
        needs = _stretch_of(m.routine, step).needs
        plan += say(needs.text) + _silence(needs.then)
    return _coach(replace(m, state=_new_routine(m)), step, plan)


def _coach(
    m: Moment,
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
    state, routine, lines = m.state, m.routine, m.lines
    ref = step_ref(routine, step)
    stretch = routine.stretches[ref.stretch]
    side = stretch.sides[ref.side]
    seconds = seconds or hold_seconds(state, routine)
    state = state.with_(hold_paused=None, hold_paused_of=0)
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
    coached = state.with_(
        started_at=state.started_at or m.event.at or None,
        newcomer=False,  # a newcomer hears the safety note before their first side
        reminded=True,
    )
    return _count(coached, routine, step, plan, HoldCount(seconds))


def _carry_on_hold(m: Moment, lead: SpeechPlan, cut: HoldCut) -> Turn:
    """The rest of a hold after an interruption: `lead`, then the count from where it was."""
    return _count(m.state, m.routine, cut.step, lead, HoldCount(cut.seconds, begun=cut.held))


def _count(
    state: CoachState, routine: Routine, step: int, plan: SpeechPlan, count: HoldCount
) -> Turn:
    """Count a side's hold after `plan`, and say what comes next: the next side's prompt, or,
    after the last side, that the routine is done and a short closing question (the session
    stays open, so a cut into the last hold still reaches the skill)."""
    lines = routine.lines
    ref = step_ref(routine, step)
    stretch = routine.stretches[ref.stretch]
    counted = state.with_(
        phase=Phase.COACHING,
        step=step,
        topic=Topic.STEP,
        question=Question.NONE,
        sides_done=state.sides_done | (1 << step),
        seconds_held=state.seconds_held + count.remaining,
        hold_step=step,
        hold_counted=count.remaining,
        hold_begun=count.begun,
        hold_marked_done=not state.is_done(step),
        hold_paused=None,
        hold_paused_of=0,
    )
    plan += SpeechPlan((count,))
    if step == routine.step_count - 1:
        finished = counted.with_(phase=Phase.FINISHED, question=Question.WEEK)
        plan += say(lines.after_stretch.format(stretch=stretch.name), lines.finished)
        plan += say(lines.week_offer)
        reprompt = say(lines.week_offer_reprompt)
        return Turn(finished, plan, reprompt, False, Outcome.STEP_COACHED)
    return _prompt_next(counted, routine, plan, after_step=True, outcome=Outcome.STEP_COACHED)


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


# --- what to say --------------------------------------------------------------------------------


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


def _carry_on(state: CoachState, routine: Routine) -> str:
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


def _offer_reprompt(state: CoachState, routine: Routine) -> str:
    """The pending offer's question, or '' when none is pending."""
    if state.question is Question.RESUME:
        return routine.lines.resume_offer_reprompt
    if state.question is Question.START_ROUTINE:
        return routine.lines.start_offer_reprompt
    return {
        Question.PAIN: routine.lines.pain_reprompt,
        Question.KNEE: routine.lines.knee_reprompt,
        Question.WEEK: routine.lines.week_offer_reprompt,
        Question.FRESH_OR_STOP: routine.lines.fresh_or_stop_reprompt,
        Question.CHECK_IN: routine.lines.checkin_reprompt,
    }.get(state.question, "")


def _welcome(m: Moment) -> SpeechPlan:
    return say(m.lines.welcome if m.state.newcomer else m.lines.welcome_back)


def _safety_if_owed(m: Moment) -> SpeechPlan:
    return say(m.lines.safety) if m.state.newcomer else SpeechPlan()


def _arriving(m: Moment, target: int) -> str | None:
    """The line naming the stretch of `target` when the person arrives at it from another."""
    routine, state = m.routine, m.state
    same = step_ref(routine, target).stretch == step_ref(routine, state.step).stretch
    return None if same and state.in_progress else _first_side(routine, target)


def _first_side(routine: Routine, step: int) -> str | None:
    """The line naming a stretch, when a step is its first side."""
    if step_ref(routine, step).side != 0:
        return None
    return routine.lines.now_stretch.format(stretch=_stretch_of(routine, step).name)


def _stretch_of(routine: Routine, step: int) -> Stretch:
    return routine.stretches[step_ref(routine, step).stretch]


def _place(routine: Routine, step: int) -> dict[str, str]:
    """A step's stretch and side, by name, for the lines that name both."""
    ref = step_ref(routine, step)
    stretch = routine.stretches[ref.stretch]
    return {"stretch": stretch.name, "side": stretch.sides[ref.side].name}


def _silence(seconds: float) -> SpeechPlan:
    return SpeechPlan((Pause(seconds),)) if seconds > 0 else SpeechPlan()
