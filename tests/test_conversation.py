"""The conversation as a pure state machine, played like the person would play it."""

from __future__ import annotations

from typing import Any

import pytest

from backstretch.routine.content import Routine, load_routine
from backstretch.routine.conversation import Event, EventKind, Outcome, Turn, respond
from backstretch.routine.state import CoachState, Phase, Question
from backstretch.speech.plan import HoldCount, Say, SpeechPlan, say


@pytest.fixture
def routine() -> Routine:
    return load_routine("en-US")


def words(plan: SpeechPlan | None) -> str:
    return " ".join(s.text for s in (plan.segments if plan else ()) if isinstance(s, Say))


class Person:
    """Talks to the coach one event at a time and remembers the state between turns."""

    def __init__(self, routine: Routine) -> None:
        self.routine = routine
        self.state = CoachState()
        self.turns: list[Turn] = []

    def says(self, kind: EventKind, **fields: Any) -> Turn:
        event = Event(kind, at="2026-11-25T10:00:00+00:00", **fields)
        turn = respond(self.state, event, self.routine)
        self.state = turn.state
        self.turns.append(turn)
        return turn


def test_launch_welcomes_warns_once_and_starts_the_first_stretch_without_a_menu(routine):
    turn = Person(routine).says(EventKind.LAUNCH)
    spoken = words(turn.speech)
    assert spoken.startswith(routine.lines.welcome)
    assert routine.lines.safety in spoken
    assert "hip flexor" in spoken
    assert turn.speech.hold == HoldCount(routine.default_hold_seconds)
    assert "?" not in spoken.split("hip flexor")[0]  # no menu before the first stretch
    assert not turn.end_session


def test_returning_person_is_welcomed_back_without_the_safety_note(routine):
    person = Person(routine)
    person.state = CoachState(newcomer=False)
    turn = person.says(EventKind.LAUNCH)
    assert routine.lines.welcome_back in words(turn.speech)
    assert routine.lines.safety not in words(turn.speech)


def test_whole_routine_hears_both_stretches_both_sides_four_holds_and_a_closing(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    for _ in range(3):
        person.says(EventKind.NEXT)
    holds = [t.speech.hold for t in person.turns]
    assert holds == [HoldCount(30)] * 4
    heard = " ".join(words(t.speech) for t in person.turns)
    for stretch in routine.stretches:
        assert stretch.intro in heard
        for side in stretch.sides:
            assert side.setup[0] in heard
    last = person.turns[-1]
    assert routine.lines.finished in words(last.speech)
    assert last.end_session and last.outcome is Outcome.ROUTINE_FINISHED
    assert person.state.phase is Phase.FINISHED
    assert person.state.sides_completed == 4
    assert person.state.seconds_held == 120


def test_each_side_ends_by_saying_what_comes_next(routine):
    person = Person(routine)
    first = person.says(EventKind.LAUNCH)
    assert "right side" in words(first.speech).split("And release")[-1]
    second = person.says(EventKind.NEXT)
    assert "lat stretch" in words(second.speech).split(routine.hold.release)[-1]
    assert second.reprompt is not None


def test_repeat_repeats_the_current_step_and_does_not_advance(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    person.says(EventKind.NEXT)
    again = person.says(EventKind.REPEAT)
    assert person.state.step == 1
    side = routine.stretches[0].sides[1]
    assert side.setup[0] in words(again.speech)
    assert again.speech.hold == HoldCount(30)


def test_repeat_after_why_repeats_the_why_not_the_step(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    why = person.says(EventKind.WHY)
    again = person.says(EventKind.REPEAT)
    assert words(again.speech) == words(why.speech)
    assert again.speech.hold is None
    assert person.state.step == 0


def test_why_explains_the_current_stretch(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    person.says(EventKind.NEXT)
    person.says(EventKind.NEXT)  # now on the lat stretch
    why = person.says(EventKind.WHY)
    assert words(why.speech) == " ".join([*routine.stretches[1].why, routine.lines.why_reprompt])
    assert not why.end_session


def test_next_moves_on_and_go_back_goes_back_a_side(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    person.says(EventKind.NEXT)
    person.says(EventKind.NEXT)
    assert person.state.step == 2
    back = person.says(EventKind.PREVIOUS)
    assert person.state.step == 1
    assert routine.stretches[0].sides[1].setup[0] in words(back.speech)


def test_go_back_at_the_first_step_says_so_and_stays(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    back = person.says(EventKind.PREVIOUS)
    assert routine.lines.at_first_step in words(back.speech)
    assert person.state.step == 0


def test_pause_then_resume_carries_on_with_the_next_side(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    person.says(EventKind.NEXT)
    paused = person.says(EventKind.PAUSE)
    assert paused.state.phase is Phase.PAUSED
    assert paused.speech.hold is None and not paused.end_session
    assert "Alexa, open my back stretches" in words(paused.speech)
    resumed = person.says(EventKind.RESUME)
    assert resumed.state.phase is Phase.COACHING and resumed.state.step == 2
    assert words(resumed.speech).startswith(routine.lines.resumed)


def test_pause_before_any_side_resumes_at_the_first(routine):
    person = Person(routine)
    person.state = CoachState(newcomer=False)
    person.says(EventKind.PAUSE)
    resumed = person.says(EventKind.RESUME)
    assert resumed.state.step == 0 and resumed.speech.hold is not None


def test_yes_while_paused_resumes_and_yes_while_coaching_moves_on(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    person.says(EventKind.YES)
    assert person.state.step == 1
    person.says(EventKind.PAUSE)
    person.says(EventKind.YES)
    assert person.state.step == 2
    assert person.state.phase == Phase.COACHING


def test_no_keeps_the_place_and_keeps_listening(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    turn = person.says(EventKind.NO)
    assert routine.lines.no_answer in words(turn.speech)
    assert person.state.step == 0 and not turn.end_session


def test_start_over_goes_back_to_the_first_side_and_keeps_what_was_done(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    person.says(EventKind.NEXT)
    person.says(EventKind.NEXT)
    started_at = person.state.started_at
    turn = person.says(EventKind.START_OVER)
    assert person.state.step == 0
    assert person.state.sides_completed == 3  # the sides already held still count
    assert person.state.seconds_held == 120
    assert person.state.started_at == started_at  # the same routine, from the top
    assert words(turn.speech).startswith(routine.lines.start_over)
    assert routine.lines.safety not in words(turn.speech)


@pytest.mark.parametrize("seconds", [20, 25, 30])
def test_hold_length_can_be_chosen_between_20_and_30_seconds(routine, seconds):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    changed = person.says(EventKind.SET_HOLD, seconds=seconds)
    assert changed.outcome is Outcome.HOLD_CHANGED
    assert str(seconds) in words(changed.speech)
    assert person.says(EventKind.NEXT).speech.hold == HoldCount(seconds)


@pytest.mark.parametrize("seconds", [5, 19, 31, 120, None])
def test_hold_outside_the_range_or_missing_is_asked_again(routine, seconds):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    turn = person.says(EventKind.SET_HOLD, seconds=seconds)
    assert person.state.hold_seconds is None
    assert person.state.question is Question.HOLD_LENGTH
    assert "20" in words(turn.speech) and "30" in words(turn.speech)
    assert turn.reprompt is not None and not turn.end_session


def test_help_explains_and_keeps_the_place(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    turn = person.says(EventKind.HELP)
    assert "next" in words(turn.speech) and "repeat" in words(turn.speech)
    assert person.state.step == 0 and not turn.end_session


def test_fallback_says_what_can_be_said_and_keeps_the_place(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    person.says(EventKind.NEXT)
    turn = person.says(EventKind.FALLBACK)
    assert routine.lines.fallback in words(turn.speech)
    assert person.state.step == 1 and turn.speech.hold is None


def test_stop_ends_the_session_with_a_goodbye(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    turn = person.says(EventKind.STOP)
    assert turn.end_session and turn.outcome is Outcome.STOPPED
    assert routine.lines.goodbye in words(turn.speech)
    assert person.state.step == 0  # where they were is kept, to resume later


def test_session_ended_says_nothing(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    turn = person.says(EventKind.SESSION_ENDED)
    assert turn.speech.is_empty and turn.outcome is Outcome.SESSION_ENDED


@pytest.mark.parametrize("kind", [EventKind.START, EventKind.NEXT, EventKind.RESUME, EventKind.YES])
def test_a_one_shot_request_in_a_new_session_begins_the_routine(routine, kind):
    turn = Person(routine).says(kind)
    assert routine.lines.welcome in words(turn.speech)
    assert turn.speech.hold == HoldCount(30)


def test_lets_go_inside_a_routine_carries_on_and_only_start_over_restarts(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    person.says(EventKind.START)
    assert person.state.step == 1
    person.says(EventKind.START_OVER)
    assert person.state.step == 0


def test_state_survives_session_attributes_and_garbage_starts_fresh(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    person.says(EventKind.NEXT)
    person.says(EventKind.SET_HOLD, seconds=20)
    attributes = person.state.to_attributes()
    assert CoachState.from_attributes(attributes, routine) == person.state
    assert CoachState.from_attributes({"phase": "dancing"}, routine) == CoachState()
    assert CoachState.from_attributes({"step": 99}, routine) == CoachState()
    assert CoachState.from_attributes(["not", "a", "dict"], routine) == CoachState()


def test_a_note_goes_just_before_the_closing_sentence(routine):
    turn = Person(routine).says(EventKind.LAUNCH)
    noted = turn.with_note(say("Progress could not be saved."))
    sentences = [s.text for s in noted.speech.segments if isinstance(s, Say)]
    assert sentences[-1].startswith("Say next")
    assert sentences[-2] == "Progress could not be saved."


def test_no_while_coaching_says_the_prompt_once(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    turn = person.says(EventKind.NO)
    assert words(turn.speech) == "No problem. Say next when you're ready for the right side."


def test_a_newcomer_starting_from_the_summary_offer_hears_the_safety_note(routine):
    person = Person(routine)
    person.says(EventKind.SUMMARY)
    assert person.state.question is Question.START_ROUTINE
    turn = person.says(EventKind.YES)
    assert routine.lines.lets_go in words(turn.speech)
    assert routine.lines.safety in words(turn.speech)
    assert not turn.state.newcomer


def test_a_returning_person_opening_with_a_question_hears_no_safety_note(routine):
    person = Person(routine)
    person.state = CoachState(newcomer=False)
    person.says(EventKind.WHY)
    turn = person.says(EventKind.NEXT)
    assert routine.lines.safety not in words(turn.speech)
    assert routine.lines.welcome_back in words(turn.speech)


def resume_offered(routine: Routine) -> Person:
    person = Person(routine)
    person.state = CoachState(newcomer=False)
    person.says(EventKind.LAUNCH, resume_step=2)
    assert person.state.question is Question.RESUME
    return person


def test_lets_go_to_the_resume_offer_resumes(routine):
    person = resume_offered(routine)
    turn = person.says(EventKind.START)
    assert turn.state.step == 2
    assert "picking up with the lat stretch, right side" in words(turn.speech)


def test_why_during_the_resume_offer_explains_that_stretch_and_asks_again(routine):
    person = resume_offered(routine)
    turn = person.says(EventKind.WHY)
    assert routine.stretches[1].why[0] in words(turn.speech)
    assert words(turn.speech).endswith(routine.lines.resume_offer_reprompt)
    assert person.says(EventKind.YES).state.step == 2


def test_a_hold_length_during_the_resume_offer_is_set_and_the_offer_stands(routine):
    person = resume_offered(routine)
    turn = person.says(EventKind.SET_HOLD, seconds=20)
    assert turn.state.hold_seconds == 20 and turn.outcome is Outcome.HOLD_CHANGED
    assert words(turn.speech).endswith(routine.lines.resume_offer_reprompt)
    assert person.says(EventKind.YES).speech.hold == HoldCount(20)


def test_the_summary_during_the_resume_offer_keeps_the_offer(routine):
    person = resume_offered(routine)
    turn = person.says(EventKind.SUMMARY)
    assert turn.state.question is Question.RESUME
    assert person.says(EventKind.YES).state.step == 2


def test_repeat_during_the_resume_offer_repeats_the_offer(routine):
    person = resume_offered(routine)
    turn = person.says(EventKind.REPEAT)
    assert "Last time you stopped at the lat stretch, right side" in words(turn.speech)


def test_something_else_during_an_offer_is_not_answered_with_a_list_of_commands(routine):
    person = resume_offered(routine)
    turn = person.says(EventKind.FALLBACK)
    assert words(turn.speech) == (
        f"{routine.lines.didnt_catch} {routine.lines.resume_offer_reprompt}"
    )


def test_repeat_after_a_new_hold_length_says_it_again_without_recounting(routine):
    person = Person(routine)
    person.says(EventKind.LAUNCH)
    person.says(EventKind.SET_HOLD, seconds=25)
    again = person.says(EventKind.REPEAT)
    assert "Holds are now 25 seconds" in words(again.speech)
    assert again.speech.hold is None and again.outcome is Outcome.ANSWERED


def test_repeat_after_why_before_starting_repeats_the_why(routine):
    person = Person(routine)
    why = person.says(EventKind.WHY)
    again = person.says(EventKind.REPEAT)
    assert words(again.speech) == words(why.speech)
    assert again.state.phase is Phase.NOT_STARTED


def test_a_resume_request_opening_a_session_goes_straight_to_the_saved_side(routine):
    person = Person(routine)
    person.state = CoachState(newcomer=False)
    turn = person.says(EventKind.RESUME, resume_step=3)
    assert turn.state.step == 3
    assert "picking up with the lat stretch, left side" in words(turn.speech)
