"""Never left behind: a question mid-hold, the last hold cut short, warning signs, knees, and
the slips people met in the 2026-12-02 voice runs (issue 16), played through `respond`."""

from __future__ import annotations

import pytest

from backstretch.routine.content import Routine, load_routine
from backstretch.routine.conversation import EventKind, Outcome, Recalled, Turn
from backstretch.routine.state import Question
from backstretch.speech.plan import HoldCount
from tests.unit.test_conversation import Person, talk_before_count, words

K = EventKind
HOLD = 30  # the article: hold 20-30 seconds; the skill's holds default to its longest
LAST_STEP = 3  # two stretches, two sides each
# "In a few words": an aside answered in a hold must not hold up the count for long. Ten
# seconds is the limit for the talk before a count after a resume.
FEW_WORDS_SECONDS = 6.0
RESUME_TALK_SECONDS = 10.0


@pytest.fixture(scope="module")
def routine() -> Routine:
    return load_routine("en-US")


def at_final_hold(routine: Routine) -> Person:
    person = Person(routine)
    person.says(K.LAUNCH)
    for _ in range(LAST_STEP):
        person.says(K.NEXT)
    return person


# --- the count goes on ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    [K.TIME_LEFT, K.FORM_CHECK, K.REMARK, K.WHERE, K.WHY, K.HELP, K.HOLD_LENGTH, K.FALLBACK],
)
def test_a_question_into_a_hold_is_answered_and_the_count_goes_on(routine, kind):
    person = Person(routine)
    first = person.says(K.LAUNCH)
    answer = person.cuts_into_hold(kind, held=12)
    assert answer.speech.hold == HoldCount(HOLD, begun=12)
    assert talk_before_count(answer, routine) <= FEW_WORDS_SECONDS
    said = words(answer.speech)
    assert first.speech.segments[0] != answer.speech.segments[0]
    assert "Kneel down" not in said, "the side's set-up is not said again"
    assert person.state.step == 0 and not answer.end_session
    person.says(K.NEXT)  # heard out: the side is done, credited once, 30 s in all
    assert person.state.is_done(0)
    assert person.state.seconds_held == HOLD + HOLD


def test_how_much_longer_says_the_seconds_that_remain(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    answer = person.cuts_into_hold(K.TIME_LEFT, held=12)
    assert "18 seconds" in words(answer.speech)


def test_the_count_goes_on_through_two_questions_and_a_cut(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.cuts_into_hold(K.TIME_LEFT, held=12)
    again = person.cuts_into_hold(K.FORM_CHECK, held=6)
    assert again.speech.hold == HoldCount(HOLD, begun=18)
    person.cuts_into_hold(K.STOP, held=4)  # stops at 22 s of the 30
    assert person.state.seconds_held == 22 and not person.state.is_done(0)


def test_a_question_into_the_set_up_is_answered_and_the_set_up_goes_on(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    answer = person.says(K.FORM_CHECK, after=20)  # still hearing the set-up
    assert answer.speech.hold == HoldCount(HOLD)
    assert person.state.step == 0 and person.state.seconds_held == HOLD


def test_resume_after_a_paused_hold_talks_under_ten_seconds_before_the_count(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.cuts_into_hold(K.PAUSE, held=8)
    resumed = person.says(K.RESUME)
    assert resumed.speech.hold == HoldCount(HOLD, begun=8)
    assert talk_before_count(resumed, routine) <= RESUME_TALK_SECONDS
    person.says(K.NEXT)
    assert person.state.is_done(0) and person.state.seconds_held == HOLD + HOLD


# --- the last hold ---------------------------------------------------------------------------


def test_pain_on_the_final_hold_reaches_the_skill_and_the_routine_is_not_finished(routine):
    person = at_final_hold(routine)
    assert not person.turns[-1].end_session, "the last hold's answer keeps the session open"
    pain = person.cuts_into_hold(K.PAIN, held=12)
    lat = routine.stretches[1]
    assert lat.ease_off[0] in words(pain.speech)  # the lat stretch's advice
    assert pain.finished is None and person.state.question is Question.PAIN
    assert person.state.seconds_held == 3 * HOLD + 12
    assert not person.state.is_done(LAST_STEP)
    done = person.says(K.DONE)
    assert done.outcome is Outcome.STOPPED and done.finished is None


def test_the_last_hold_heard_out_is_finished_even_when_nobody_answers(routine):
    person = at_final_hold(routine)
    ended = person.says(K.SESSION_ENDED)
    assert ended.outcome is Outcome.ROUTINE_FINISHED
    assert ended.finished is not None and ended.finished.seconds_held == 4 * HOLD


def test_the_session_ending_inside_the_last_hold_does_not_finish_it(routine):
    person = at_final_hold(routine)
    ended = person.cuts_into_hold(K.SESSION_ENDED, held=5)
    assert ended.finished is None and ended.outcome is Outcome.SESSION_ENDED
    assert person.state.seconds_held == 3 * HOLD + 5


def test_a_question_into_the_last_hold_carries_on_and_still_closes_it(routine):
    person = at_final_hold(routine)
    answer = person.cuts_into_hold(K.TIME_LEFT, held=10)
    assert answer.speech.hold == HoldCount(HOLD, begun=10)
    assert routine.lines.finished in words(answer.speech)
    closing = person.says(K.YES, recalled=Recalled())  # yes to hearing the week
    assert closing.outcome is Outcome.ROUTINE_FINISHED and closing.end_session
    assert closing.finished is not None and closing.finished.seconds_held == 4 * HOLD


# --- warning signs -----------------------------------------------------------------------------


def _warned_at(routine: Routine, moment: str) -> Turn:
    person = Person(routine)
    if moment == "before a routine":
        return person.says(K.WARNING)
    person.says(K.LAUNCH)
    if moment == "set-up":
        return person.says(K.WARNING, after=10)
    if moment == "mid-hold":
        return person.cuts_into_hold(K.WARNING, held=10)
    if moment == "between sides":
        return person.says(K.WARNING)
    for _ in range(LAST_STEP):
        person.says(K.NEXT)
    return person.cuts_into_hold(K.WARNING, held=10)


@pytest.mark.parametrize(
    "moment", ["before a routine", "set-up", "mid-hold", "between sides", "final hold"]
)
def test_a_warning_sign_stops_for_today_and_says_to_get_it_checked(routine, moment):
    turn = _warned_at(routine, moment)
    said = words(turn.speech).lower()
    assert turn.outcome is Outcome.WARNING_STOP and turn.end_session
    assert "doctor" in said and "physical therapist" in said
    assert "gentler" not in said and turn.speech.hold is None
    assert turn.finished is None


def test_the_launch_after_a_warning_sign_asks_how_they_are_first(routine):
    person = Person(routine, newcomer=False)
    asked = person.says(K.LAUNCH, recalled=Recalled(warned=True))
    assert asked.speech.hold is None and person.state.question is Question.CHECK_IN
    better = person.says(K.YES)
    assert better.speech.hold == HoldCount(HOLD)
    worse = Person(routine, newcomer=False)
    worse.says(K.LAUNCH, recalled=Recalled(warned=True))
    still = worse.says(K.NO)
    assert still.end_session and still.speech.hold is None
    assert "doctor" in words(still.speech)


# --- pain and knees ---------------------------------------------------------------------------


@pytest.mark.parametrize("event", [(K.PAIN, {"body_part": "knee"}), (K.KNEE, {})])
def test_a_knee_is_offered_padding_or_the_lat_stretch_never_kneeling_again_at_once(routine, event):
    kind, fields = event
    person = Person(routine)
    person.says(K.LAUNCH)
    asked = person.cuts_into_hold(kind, held=5, **fields)
    said = words(asked.speech)
    assert person.state.question is Question.KNEE and asked.speech.hold is None
    assert "padding" in said and routine.stretches[1].name in said
    skipped = person.says(K.SKIP_STRETCH)
    assert person.state.step == 2 and skipped.speech.hold == HoldCount(HOLD)


def test_more_padding_tries_the_same_side_again(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.cuts_into_hold(K.KNEE, held=5)
    again = person.says(K.YES)
    assert person.state.step == 0 and again.speech.hold == HoldCount(HOLD)
    assert "padding" in words(again.speech)


def test_a_knee_in_the_gentler_try_is_not_offered_the_same_gentler_try(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.cuts_into_hold(K.PAIN, held=5)
    person.says(K.GENTLER)
    asked = person.cuts_into_hold(K.PAIN, held=5, body_part="knees")
    assert person.state.question is Question.KNEE
    assert "gentler" not in words(asked.speech)


def test_pain_in_a_routine_says_when_to_get_it_checked(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    said = words(person.cuts_into_hold(K.PAIN, held=5, body_part="lower back").speech)
    assert "doctor or physical therapist" in said
    assert "upright" in said, "a sore lower back in the hip flexor stretch: stay upright"


def test_a_second_pain_on_the_same_stretch_leaves_it_for_today(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.cuts_into_hold(K.PAIN, held=8)
    person.says(K.GENTLER)
    second = person.cuts_into_hold(K.PAIN, held=5)
    assert second.speech.hold is None and person.state.question is Question.NONE
    assert routine.stretches[1].name in words(second.speech)
    onward = person.says(K.NEXT)
    assert person.state.step == 2 and onward.speech.hold == HoldCount(HOLD)
    assert routine.stretches[1].needs.text not in words(onward.speech), "said once is enough"


# --- slips -------------------------------------------------------------------------------------


def test_no_to_picking_up_asks_fresh_or_stop_and_keeps_the_place(routine):
    person = Person(routine, newcomer=False)
    person.says(K.LAUNCH, recalled=Recalled(resume_step=2))
    asked = person.says(K.NO)
    assert asked.speech.hold is None and not asked.end_session
    assert person.state.question is Question.FRESH_OR_STOP
    stop = person.says(K.NO)
    assert stop.end_session and stop.outcome is Outcome.ANSWERED  # nothing stopped or lost
    fresh = Person(routine, newcomer=False)
    fresh.says(K.LAUNCH, recalled=Recalled(resume_step=2))
    fresh.says(K.NO)
    begun = fresh.says(K.START_OVER)
    assert fresh.state.step == 0 and begun.speech.hold == HoldCount(HOLD)


def test_not_understood_twice_is_never_the_same_sentence_and_keeps_the_place(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    first, second = person.says(K.FALLBACK), person.says(K.FALLBACK)
    assert words(first.speech) != words(second.speech)
    assert "didn't catch" not in words(first.speech) + words(second.speech)
    for turn in (first, second):
        assert words(turn.speech).count(".") == 1, "one short sentence"
    assert person.state.step == 0 and person.state.is_done(0)


def test_going_back_to_another_stretch_names_it(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.NEXT)
    person.says(K.NEXT)  # the lat stretch, left side
    back = person.says(K.PREVIOUS)
    said = words(back.speech)
    assert routine.stretches[0].name in said and "right side" in said


def test_where_after_a_skip_never_says_sides_that_do_not_add_up(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.SKIP_STRETCH)
    said = words(person.says(K.WHERE).speech)
    assert " of 4 " not in said


def test_a_slow_mover_hears_how_to_come_back_later(routine):
    person = Person(routine)
    side = person.says(K.LAUNCH)
    assert side.reprompt is not None and "open my back stretches" in words(side.reprompt)


# --- the hip flexor stretch, as the article describes it ---------------------------------------

ARTICLE = (
    "With your trunk upright, lean forward pushing out from the hip until you feel a gentle "
    "stretch on the inside of the top of your kneeling leg."
)


def test_the_hip_flexor_cue_keeps_the_trunk_upright_and_pushes_the_hips_forward(routine):
    hip, lat = routine.stretches
    for side in hip.sides:
        said = " ".join(i.text for i in side.setup).lower()
        assert "upright" in said and "hips" in said and "forward" in said
        assert not {i.text for i in side.setup} & {i.text for i in lat.sides[0].setup}, (
            "no cue copied from the lat stretch's hip hinge"
        )
        kneeling = side.name  # kneel on the left knee for the left side
        felt = side.setup[-1].text.lower()
        assert f"top of your {kneeling} thigh" in felt and "inside" in felt
    assert "upright" in ARTICLE and "inside of the top of your kneeling leg" in ARTICLE
    assert "thigh" in " ".join(hip.why), "the why names where it is felt"
