"""The conversation as a pure state machine, played like the person would play it.

Time passes as it would for a listener: each request comes once the last answer has been
heard out (at 150 words a minute, tests/support/heard.py), unless a test says it cut in sooner.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from backstretch.progress.model import WeeklySummary
from backstretch.routine.content import Routine, load_routine
from backstretch.routine.conversation import Event, EventKind, Outcome, Recalled, Turn, respond
from backstretch.routine.state import CoachState, Phase, Question, next_step
from backstretch.speech.plan import HoldCount, Say, SpeechPlan
from backstretch.speech.ssml import render
from tests.support.heard import heard_seconds, seconds_until

K = EventKind
ARTICLE_MIN_HOLD, ARTICLE_MAX_HOLD = 20, 30  # "Hold the stretch for 20-30 seconds"
STEPS = 4  # two stretches, both sides


@pytest.fixture
def routine() -> Routine:
    return load_routine("en-US")


def words(plan: SpeechPlan | None) -> str:
    return " ".join(s.text for s in (plan.segments if plan else ()) if isinstance(s, Say))


class Person:
    """Talks to the coach one event at a time, on a clock, and remembers the state."""

    def __init__(self, routine: Routine, *, newcomer: bool = True) -> None:
        self.routine = routine
        self.state = CoachState(newcomer=newcomer)
        self.turns: list[Turn] = []
        self.clock = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
        self._heard_out = 0.0

    def says(
        self,
        kind: EventKind,
        *,
        after: float | None = None,
        recalled: Recalled | None = None,
        **fields: Any,
    ) -> Turn:
        """`after`: seconds since the last request (default: once its answer was heard);
        `recalled`: what storage told the turn."""
        self.clock += timedelta(seconds=self._heard_out + 2 if after is None else after)
        event = Event(kind, at=self.clock.isoformat(), **fields)
        turn = respond(self.state, event, self.routine, recalled or Recalled())
        self.state = turn.state
        self.turns.append(turn)
        self._heard_out = heard_seconds(render(turn.speech, self.routine.hold))
        return turn

    def cuts_into_hold(self, kind: EventKind, held: float, **fields: Any) -> Turn:
        """Say something `held` seconds into the count of the last answer's hold (into
        that answer's part of it, for a hold carried on from an interruption)."""
        start = talk_before_count(self.turns[-1], self.routine)
        return self.says(kind, after=start + held, **fields)


def talk_before_count(turn: Turn, routine: Routine) -> float:
    """Seconds heard, from the answer's first word, before its count begins."""
    count = turn.speech.hold
    assert count is not None, "this answer counts no hold"
    opening = routine.hold.carry_on if count.begun else routine.hold.start
    return seconds_until(turn.speech, routine, opening)


def holds(turns: list[Turn]) -> list[HoldCount | None]:
    return [t.speech.hold for t in turns]


# --- starting --------------------------------------------------------------------------


def test_launch_welcomes_warns_once_and_starts_the_first_stretch_without_a_menu(routine):
    turn = Person(routine).says(K.LAUNCH)
    spoken = words(turn.speech)
    assert spoken.startswith(routine.lines.welcome)
    assert "this isn't medical advice" in spoken.lower()
    assert "that hurts" in spoken  # how to tell the coach, said before the first side
    assert "hip flexor" in spoken
    assert turn.speech.hold == HoldCount(routine.default_hold_seconds)
    assert "?" not in spoken.split("hip flexor")[0]  # no menu before the first stretch
    assert not turn.end_session


def test_something_soft_for_the_knee_is_named_before_kneeling(routine):
    spoken = words(Person(routine).says(K.LAUNCH).speech)
    assert spoken.index("something soft") < spoken.index("Kneel")


def test_a_returning_person_hears_the_first_instruction_within_ten_seconds(routine):
    person = Person(routine, newcomer=False)
    turn = person.says(K.LAUNCH)
    assert routine.lines.welcome_back in words(turn.speech)
    assert routine.lines.safety not in words(turn.speech)
    first_instruction = routine.stretches[0].needs.text
    assert seconds_until(turn.speech, routine, first_instruction) <= 10


def test_a_returning_person_is_reminded_once_a_session_to_speak_up_if_it_hurts(routine):
    person = Person(routine, newcomer=False)
    person.says(K.LAUNCH)
    person.says(K.NEXT)
    heard = [words(t.speech) for t in person.turns]
    assert "If anything hurts, just say so" in heard[0]
    assert "hurts" not in heard[1]  # not a lecture every side


def test_the_whole_routine_holds_four_sides_once_each_and_closes(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    for _ in range(3):
        person.says(K.NEXT)
    assert holds(person.turns) == [HoldCount(30)] * 4
    last = person.turns[-1]
    assert routine.lines.finished in words(last.speech)
    # The last hold's answer keeps the session open, so a cut into it reaches the skill;
    # the routine is finished by what comes once it was heard out.
    assert not last.end_session and last.outcome is Outcome.STEP_COACHED
    assert last.reprompt is not None and last.finished is None
    closing = person.says(K.NO)
    assert closing.end_session and closing.outcome is Outcome.ROUTINE_FINISHED
    assert closing.finished is not None and closing.finished.phase is Phase.FINISHED
    assert closing.finished.sides_completed == STEPS
    assert closing.finished.seconds_held == 120


def test_every_stretch_goes_left_then_right(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    for _ in range(3):
        person.says(K.NEXT)
    order = [re.findall(r"(left|right) (?:knee|arm)", words(t.speech))[0] for t in person.turns]
    assert order == ["left", "right", "left", "right"]


# --- pacing ----------------------------------------------------------------------------


def test_the_lat_stretchs_surface_is_named_when_the_hip_flexor_ends(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    hip_done = person.says(K.NEXT)
    after_hold = words(hip_done.speech).split(routine.hold.release)[-1]
    assert "counter" in after_hold and "shoulder" in after_hold
    lat = person.says(K.NEXT)
    # not named again while the person is already standing at it
    assert "counter" not in words(lat.speech)
    assert seconds_until(lat.speech, routine, "Stand facing") < 15


def test_the_surface_is_named_when_the_lat_stretch_is_reached_any_other_way(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    turn = person.says(K.GO_TO, stretch="lat")
    spoken = words(turn.speech)
    assert spoken.index("counter") < spoken.index("Stand facing")


def test_getting_into_position_has_time_after_every_instruction(routine):
    """A body needs silence after each action, not a fixed 3 s at the end."""
    turn = Person(routine).says(K.LAUNCH)
    segments = turn.speech.segments
    kneel = next(i for i, s in enumerate(segments) if isinstance(s, Say) and "Kneel" in s.text)
    hold = next(i for i, s in enumerate(segments) if isinstance(s, HoldCount))
    between = segments[kneel:hold]
    instructions = [s for s in between if isinstance(s, Say)]
    pauses = [s.seconds for s in between if not isinstance(s, Say)]
    assert len(pauses) == len(instructions)  # a pause after each one
    assert pauses[-1] >= 5  # a real pause to settle into the stretch before the count
    assert sum(pauses) >= 12


# --- pain ------------------------------------------------------------------------------


def test_that_hurts_in_a_hold_stops_eases_off_and_offers_a_choice(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    turn = person.cuts_into_hold(K.PAIN, held=12)
    spoken = words(turn.speech)
    assert "didn't catch" not in spoken
    assert "slowly" in spoken and "less far" in spoken
    assert "gentler" in spoken and "skip" in spoken and "finish for today" in spoken
    assert turn.speech.hold is None and not turn.end_session
    assert person.state.question is Question.PAIN
    # cut short at 12 s: not held in full, and only the 12 s count
    assert person.state.sides_completed == 0
    assert person.state.seconds_held == 12
    assert next_step(person.state, routine) == 0


def test_a_sore_knee_is_told_to_pad_it(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    turn = person.cuts_into_hold(K.PAIN, held=5, body_part="knee")
    assert "padding" in words(turn.speech)


@pytest.mark.parametrize(
    "before",
    [
        [],  # before anything
        [K.LAUNCH],
        [K.LAUNCH, K.PAUSE],
        [K.LAUNCH, K.WHY],
        [K.SUMMARY],  # during the "stretch now?" offer
        [K.LAUNCH, K.NEXT, K.NEXT, K.NEXT],  # after the routine
        [K.LAUNCH, K.PAIN],  # again
    ],
)
def test_pain_is_understood_at_every_moment(routine, before):
    person = Person(routine)
    for kind in before:
        person.says(kind)
    turn = person.says(K.PAIN)
    spoken = words(turn.speech)
    assert "didn't catch" not in spoken
    assert "slowly" in spoken or "hurt" in spoken  # eased off, or told what to do
    assert turn.speech.hold is None and not turn.end_session


def test_a_gentler_try_leans_less_and_holds_the_shortest_time(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.cuts_into_hold(K.PAIN, held=8)
    turn = person.says(K.GENTLER)
    assert turn.speech.hold == HoldCount(ARTICLE_MIN_HOLD)
    assert "half as far" in words(turn.speech)
    assert person.state.step == 0
    assert person.state.sides_completed == 1
    assert person.state.seconds_held == 8 + ARTICLE_MIN_HOLD


def test_yes_to_a_gentler_try_is_a_gentler_try(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.PAIN)
    assert person.says(K.YES).speech.hold == HoldCount(ARTICLE_MIN_HOLD)


def test_skip_after_pain_moves_to_the_next_stretch(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.cuts_into_hold(K.PAIN, held=3)
    turn = person.says(K.SKIP_STRETCH)
    assert person.state.step == 2 and "lat stretch" in words(turn.speech)


def test_finishing_for_today_after_pain_keeps_what_was_held(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.NEXT)
    person.cuts_into_hold(K.PAIN, held=10)
    turn = person.says(K.DONE)
    assert turn.end_session and turn.outcome is Outcome.STOPPED
    assert person.state.sides_completed == 1 and person.state.seconds_held == 40
    assert person.state.in_progress  # storage saves it as a partial routine


def test_help_mentions_pain_and_the_summary_at_every_moment(routine):
    for before in ([], [K.LAUNCH], [K.LAUNCH, K.PAUSE], [K.LAUNCH, K.PAIN]):
        person = Person(routine)
        for kind in before:
            person.says(kind)
        spoken = words(person.says(K.HELP).speech)
        assert "that hurts" in spoken
        assert "how did I do this week" in spoken


@pytest.mark.parametrize(
    ("kind", "offers"), [(K.HELP, "do that side again"), (K.FALLBACK, "pause")]
)
def test_help_and_the_fallback_offer_what_fits_the_moment(routine, kind, offers):
    person = Person(routine)
    person.says(K.LAUNCH)
    coaching = words(person.says(kind).speech)
    assert "next" in coaching and offers in coaching
    assert "didn't catch" not in coaching or kind is K.FALLBACK
    person.says(K.PAUSE)
    paused = words(person.says(kind).speech)
    assert "resume" in paused and "next" not in paused
    assert person.state.seconds_held == 30


# --- repeat ----------------------------------------------------------------------------


def test_repeat_after_a_side_says_what_came_after_its_hold_not_the_set_up(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    side = person.says(K.NEXT)
    again = person.says(K.REPEAT)
    segments = side.speech.segments
    after = segments[segments.index(side.speech.hold) + 1 :]
    assert words(again.speech) == " ".join(s.text for s in after if isinstance(s, Say))
    assert routine.stretches[0].sides[1].setup[1].text not in words(again.speech)
    assert again.speech.hold is None
    assert person.state.step == 1
    assert person.state.seconds_held == 60 and person.state.sides_completed == 2


@pytest.mark.parametrize(
    "before",
    [
        [K.LAUNCH, K.WHY],
        [K.LAUNCH, K.HELP],
        [K.LAUNCH, K.PAUSE],
        [K.LAUNCH, K.WHERE],
        [K.LAUNCH, K.SET_HOLD],
        [K.LAUNCH, K.PAIN],
        [K.WHY],
    ],
)
def test_repeat_says_again_what_was_just_said_and_changes_nothing(routine, before):
    person = Person(routine)
    for kind in before:
        person.says(kind)
    said, state = person.turns[-1], person.state
    again = person.says(K.REPEAT)
    assert words(again.speech) == words(said.speech)
    assert again.speech.hold is None and again.outcome is Outcome.ANSWERED
    assert (person.state.phase, person.state.question) == (state.phase, state.question)
    assert person.state.seconds_held == state.seconds_held


def test_repeat_after_a_summary_repeats_the_summary(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    summary = WeeklySummary((date(2026, 11, 25),), 0, 90, 1, 0, 0)
    said = person.says(K.SUMMARY, recalled=Recalled(summary=summary, today=date(2026, 11, 25)))
    again = person.says(K.REPEAT)
    assert "a minute and a half" in words(again.speech)
    assert words(again.speech) == words(said.speech)
    assert again.speech.hold is None and person.state.seconds_held == 30


def test_repeat_after_pause_stays_paused(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.PAUSE)
    person.says(K.REPEAT)
    assert person.state.phase is Phase.PAUSED


def test_switching_sides_is_said_only_when_coming_from_the_other_side(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    assert "Switch sides" in words(person.says(K.NEXT).speech)
    assert "Switch sides" not in words(person.says(K.REDO).speech)
    person.says(K.PAIN)
    assert "Switch sides" not in words(person.says(K.GENTLER).speech)
    assert "Kneel on your right knee" in words(person.turns[-1].speech)


def test_doing_a_side_again_is_its_own_request_counted_once_as_held(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    again = person.says(K.REDO)
    assert again.speech.hold == HoldCount(30)
    assert "once more" in words(again.speech)
    assert person.state.step == 0
    assert person.state.sides_completed == 1  # the same side, not a new one
    assert person.state.seconds_held == 60  # two holds, each held


def test_nothing_is_counted_twice_in_a_chatty_routine(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    for kind in (K.REPEAT, K.WHY, K.REPEAT, K.HELP, K.PAUSE, K.REPEAT, K.RESUME, K.REPEAT):
        person.says(kind)
    person.says(K.NEXT)
    person.says(K.NEXT)
    assert holds(person.turns).count(HoldCount(30)) == 4
    assert person.state.sides_completed == STEPS and person.state.seconds_held == 120


# --- interrupted holds -----------------------------------------------------------------


@pytest.mark.parametrize("kind", [K.PAUSE, K.STOP, K.PAIN])
def test_a_hold_cut_short_is_not_done_and_counts_only_what_was_held(routine, kind):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.cuts_into_hold(kind, held=14)
    assert not person.state.is_done(0)
    assert person.state.seconds_held == 14
    assert next_step(person.state, routine) == 0  # where a resume picks up


def test_resume_after_a_pause_in_a_hold_returns_to_that_side(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.NEXT)
    paused = person.cuts_into_hold(K.PAUSE, held=20)
    assert "20 seconds" in words(paused.speech)
    resumed = person.says(K.RESUME)
    # Back into the stretch with one cue, and the count carries on from 20 s.
    assert person.state.step == 1 and resumed.speech.hold == HoldCount(30, begun=20)
    assert "right knee" not in words(resumed.speech)
    assert talk_before_count(resumed, routine) <= 10
    assert person.state.seconds_held == 30 + 20 + 10
    person.says(K.NEXT)
    assert person.state.is_done(1) and person.state.seconds_held == 30 + 30 + 30


def test_a_pause_before_the_count_began_holds_nothing(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.PAUSE, after=8)
    assert person.state.seconds_held == 0 and person.state.sides_completed == 0


def test_a_request_after_the_hold_ended_leaves_it_whole(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.cuts_into_hold(K.PAUSE, held=31)  # cut into the words after "And release"
    assert person.state.is_done(0) and person.state.seconds_held == 30


def test_a_request_in_the_holds_last_seconds_leaves_it_whole(routine):
    """Where a hold ends is estimated: answering promptly at its end is not cutting it short."""
    person = Person(routine)
    person.says(K.LAUNCH)
    person.cuts_into_hold(K.NEXT, held=28)
    assert person.state.is_done(0) and person.state.seconds_held == 60


def test_a_frozen_clock_is_not_an_interruption(routine):
    """A test rig or replay sending the same timestamp again did not cut anything short."""
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.PAUSE, after=0)
    assert person.state.is_done(0) and person.state.seconds_held == 30


def test_next_in_a_hold_moves_on_and_counts_what_was_held(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.cuts_into_hold(K.NEXT, held=25)
    assert person.state.step == 1
    assert person.state.seconds_held == 25 + 30
    assert person.state.sides_completed == 1


# --- moving around ---------------------------------------------------------------------


def test_next_moves_on_and_go_back_goes_back_a_side(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.NEXT)
    person.says(K.NEXT)
    assert person.state.step == 2
    back = person.says(K.PREVIOUS)
    assert person.state.step == 1
    assert "right knee" in words(back.speech)


def test_go_back_at_the_first_side_says_so_and_does_not_redo_it(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    back = person.says(K.PREVIOUS)
    assert routine.lines.at_first_step in words(back.speech)
    assert back.speech.hold is None and person.state.seconds_held == 30


def test_skip_to_a_stretch_and_go_back_to_another(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    skipped = person.says(K.GO_TO, stretch="lat")
    assert person.state.step == 2 and "lat stretch" in words(skipped.speech)
    back = person.says(K.GO_TO, stretch="kneeling_hip_flexor")
    assert person.state.step == 0 and "left knee" in words(back.speech)


def test_a_stretch_not_understood_is_asked_for(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    turn = person.says(K.GO_TO, stretch=None)
    assert "Which one?" in words(turn.speech) and turn.speech.hold is None


def test_skip_to_a_stretch_before_starting_starts_there(routine):
    turn = Person(routine).says(K.GO_TO, stretch="lat")
    assert turn.state.step == 2 and turn.speech.hold is not None


def test_skip_this_stretch_goes_to_the_next_stretch_not_the_other_side(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.SKIP_STRETCH)
    assert person.state.step == 2


def test_skip_while_waiting_for_the_lat_stretch_does_not_name_its_surface_twice(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.NEXT)  # the prompt names the counter
    turn = person.says(K.SKIP_STRETCH)
    assert person.state.step == 2 and "counter" not in words(turn.speech)


def test_skipping_the_last_stretch_finishes_for_today(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.GO_TO, stretch="lat")
    turn = person.says(K.SKIP_STRETCH)
    assert turn.end_session and turn.outcome is Outcome.STOPPED


def test_im_done_finishes_early_and_keeps_progress(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.NEXT)
    turn = person.says(K.DONE)
    assert turn.end_session and turn.outcome is Outcome.STOPPED
    assert routine.lines.goodbye in words(turn.speech)
    assert person.state.sides_completed == 2 and person.state.seconds_held == 60
    assert next_step(person.state, routine) == 2


def test_where_am_i_says_the_side_and_what_is_left(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    turn = person.says(K.WHERE)
    spoken = words(turn.speech)
    assert "done 1 side, with 3 sides to go" in spoken and "right side" in spoken
    assert spoken.count("right side") == 1
    assert turn.speech.hold is None
    cut_short = Person(routine)
    cut_short.says(K.LAUNCH)
    cut_short.cuts_into_hold(K.PAUSE, held=10)
    assert "side 1 of 4" in words(cut_short.says(K.WHERE).speech)


def test_pause_then_resume_carries_on_with_the_next_side(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.NEXT)
    paused = person.says(K.PAUSE)
    assert paused.state.phase is Phase.PAUSED
    assert paused.speech.hold is None and not paused.end_session
    assert "Alexa, open my back stretches" in words(paused.speech)
    resumed = person.says(K.RESUME)
    assert resumed.state.phase is Phase.COACHING and resumed.state.step == 2
    assert words(resumed.speech).startswith(routine.lines.resumed)


def test_pause_is_understood_during_the_offers(routine):
    person = resume_offered(routine)
    turn = person.says(K.PAUSE)
    assert person.state.question is Question.RESUME
    assert routine.lines.resume_offer_reprompt in words(turn.speech)
    assert person.says(K.YES).state.step == 2


def test_yes_while_paused_resumes_and_yes_while_coaching_moves_on(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.YES)
    assert person.state.step == 1
    person.says(K.PAUSE)
    person.says(K.YES)
    assert person.state.step == 2
    assert person.state.phase == Phase.COACHING


def test_no_keeps_the_place_and_says_the_prompt_once(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    turn = person.says(K.NO)
    assert words(turn.speech) == "No problem. Say next when you're ready for the right side."
    assert person.state.step == 0 and not turn.end_session


def test_start_over_goes_back_to_the_first_side_and_keeps_what_was_done(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.NEXT)
    person.says(K.NEXT)
    started_at = person.state.started_at
    turn = person.says(K.START_OVER)
    assert person.state.step == 0
    assert person.state.sides_completed == 3
    assert person.state.seconds_held == 120
    assert person.state.started_at == started_at
    assert words(turn.speech).startswith(routine.lines.start_over)
    assert routine.lines.safety not in words(turn.speech)


def test_why_while_waiting_for_the_lat_stretch_explains_the_lat_stretch(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.NEXT)
    why = person.says(K.WHY)
    assert routine.stretches[1].why[0] in words(why.speech)
    assert "all connected" in " ".join(routine.stretches[1].why) + routine.stretches[1].why_short


def test_stop_ends_the_session_with_a_goodbye(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    turn = person.says(K.STOP)
    assert turn.end_session and turn.outcome is Outcome.STOPPED
    assert routine.lines.goodbye in words(turn.speech)
    assert person.state.step == 0


def test_session_ended_says_nothing(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    turn = person.says(K.SESSION_ENDED)
    assert turn.speech.is_empty and turn.outcome is Outcome.SESSION_ENDED


@pytest.mark.parametrize("kind", [K.START, K.NEXT, K.RESUME, K.YES])
def test_a_one_shot_request_in_a_new_session_begins_the_routine(routine, kind):
    turn = Person(routine).says(kind)
    assert routine.lines.welcome in words(turn.speech)
    assert turn.speech.hold == HoldCount(30)


# --- hold length -----------------------------------------------------------------------


@pytest.mark.parametrize("seconds", [20, 25, 30])
def test_hold_length_can_be_chosen_and_the_range_is_said(routine, seconds):
    person = Person(routine)
    person.says(K.LAUNCH)
    changed = person.says(K.SET_HOLD, seconds=seconds)
    assert changed.outcome is Outcome.HOLD_CHANGED
    spoken = words(changed.speech)
    assert f"{seconds} seconds" in spoken
    assert f"{ARTICLE_MIN_HOLD} to {ARTICLE_MAX_HOLD} seconds" in spoken
    assert person.says(K.NEXT).speech.hold == HoldCount(seconds)


@pytest.mark.parametrize("seconds", [5, 19, 31, 120, None])
def test_hold_outside_the_range_or_missing_is_asked_again_with_the_range(routine, seconds):
    person = Person(routine)
    person.says(K.LAUNCH)
    turn = person.says(K.SET_HOLD, seconds=seconds)
    assert person.state.hold_seconds is None
    assert person.state.question is Question.HOLD_LENGTH
    assert f"{ARTICLE_MIN_HOLD} to {ARTICLE_MAX_HOLD} seconds" in words(turn.speech)
    assert turn.reprompt is not None and not turn.end_session


def test_asking_how_long_to_hold_says_the_hold_and_the_articles_range(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.SET_HOLD, seconds=25)
    turn = person.says(K.HOLD_LENGTH)
    spoken = words(turn.speech)
    assert "25 seconds" in spoken
    assert f"{ARTICLE_MIN_HOLD} to {ARTICLE_MAX_HOLD} seconds" in spoken
    assert turn.speech.hold is None and person.state.hold_seconds == 25


# --- offers and sessions ---------------------------------------------------------------


def resume_offered(routine: Routine) -> Person:
    person = Person(routine, newcomer=False)
    person.says(K.LAUNCH, recalled=Recalled(resume_step=2))
    assert person.state.question is Question.RESUME
    return person


def test_resuming_names_the_stretch_once(routine):
    person = resume_offered(routine)
    turn = person.says(K.START)
    spoken = words(turn.speech)
    assert turn.state.step == 2
    assert "picking up with the lat stretch, left side" in spoken
    assert spoken.count("lat stretch") == 1
    assert spoken.index("counter") < spoken.index("Stand facing")


def test_why_during_the_resume_offer_explains_that_stretch_and_asks_again(routine):
    person = resume_offered(routine)
    turn = person.says(K.WHY)
    assert routine.stretches[1].why[0] in words(turn.speech)
    assert words(turn.speech).endswith(routine.lines.resume_offer_reprompt)
    assert person.says(K.YES).state.step == 2


def test_a_hold_length_during_the_resume_offer_is_set_and_the_offer_stands(routine):
    person = resume_offered(routine)
    turn = person.says(K.SET_HOLD, seconds=20)
    assert turn.state.hold_seconds == 20 and turn.outcome is Outcome.HOLD_CHANGED
    assert words(turn.speech).endswith(routine.lines.resume_offer_reprompt)
    assert person.says(K.YES).speech.hold == HoldCount(20)


def test_the_summary_during_the_resume_offer_keeps_the_offer(routine):
    person = resume_offered(routine)
    turn = person.says(K.SUMMARY)
    assert turn.state.question is Question.RESUME
    assert person.says(K.YES).state.step == 2


def test_repeat_during_the_resume_offer_repeats_the_offer(routine):
    person = resume_offered(routine)
    turn = person.says(K.REPEAT)
    assert "Last time you stopped at the lat stretch, left side" in words(turn.speech)
    assert person.state.question is Question.RESUME


def test_something_else_during_an_offer_is_not_answered_with_a_list_of_commands(routine):
    person = resume_offered(routine)
    turn = person.says(K.FALLBACK)
    assert words(turn.speech) == routine.lines.resume_offer_reprompt  # the question, again


def test_a_newcomer_starting_from_the_summary_offer_hears_the_safety_note(routine):
    person = Person(routine)
    person.says(K.SUMMARY)
    assert person.state.question is Question.START_ROUTINE
    turn = person.says(K.YES)
    assert routine.lines.lets_go in words(turn.speech)
    assert routine.lines.safety in words(turn.speech)
    assert not turn.state.newcomer


def test_a_returning_person_opening_with_a_question_hears_no_safety_note(routine):
    person = Person(routine, newcomer=False)
    person.says(K.WHY)
    turn = person.says(K.NEXT)
    assert routine.lines.safety not in words(turn.speech)
    assert routine.lines.welcome_back in words(turn.speech)


def test_a_resume_request_opening_a_session_goes_straight_to_the_saved_side(routine):
    person = Person(routine, newcomer=False)
    turn = person.says(K.RESUME, recalled=Recalled(resume_step=3))
    assert turn.state.step == 3
    assert "picking up with the lat stretch, right side" in words(turn.speech)


def test_state_survives_session_attributes_and_garbage_starts_fresh(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    person.says(K.NEXT)
    person.says(K.SET_HOLD, seconds=20)
    person.says(K.LAUNCH)  # a hold pending, with its clock
    attributes = person.state.to_attributes()
    assert CoachState.from_attributes(attributes, routine) == person.state
    assert CoachState.from_attributes({"phase": "dancing"}, routine) == CoachState()
    assert CoachState.from_attributes({"step": 99}, routine) == CoachState()
    assert CoachState.from_attributes(["not", "a", "dict"], routine) == CoachState()
