"""A routine in each written language other than English, played through `respond`: the
same conversation, every word from the locale's content, numbers and lists as the language
says them, and valid SSML throughout. The locales and what they hear are
`tests.support.languages.SPOKEN`."""

from __future__ import annotations

from datetime import date

import pytest

from backstretch.language.locales import LOCALES
from backstretch.progress.model import WeeklySummary
from backstretch.reminders.lines import reminder_lines
from backstretch.reminders.schedule import DAYS, ReminderSchedule
from backstretch.routine.content import Routine, load_routine
from backstretch.routine.conversation import EventKind, Outcome, Recalled, Turn
from backstretch.routine.state import Question
from backstretch.speech.plan import HoldCount, SpeechPlan
from backstretch.speech.reading import read_ssml
from backstretch.speech.ssml import render
from tests.support.spoken import SPOKEN, Spoken, english_in
from tests.unit.test_conversation import Person, words

K = EventKind
HOLD = 30
WEDNESDAY, MONDAY, TUESDAY = date(2026, 11, 25), date(2026, 11, 23), date(2026, 11, 24)
SUMMARIES = (
    WeeklySummary((MONDAY, TUESDAY, WEDNESDAY), 3, 390, 3, 2, 0),
    WeeklySummary((MONDAY,), 1, 90, 1, 1, 0),
    WeeklySummary((), 0, 0, 0, 1, 0),
)


@pytest.fixture(params=sorted(SPOKEN))
def spoken(request: pytest.FixtureRequest) -> Spoken:
    return SPOKEN[request.param]


@pytest.fixture
def routine(spoken: Spoken) -> Routine:
    return load_routine(spoken.locale)


def heard(turn: Turn, routine: Routine) -> str:
    """The turn's words, after checking its speech is valid SSML with no English in it."""
    english = english_in(LOCALES[routine.locale].language)
    for plan in (turn.speech, turn.reprompt):
        if plan is not None:
            read_ssml(render(plan, routine.hold))  # well-formed, our own breaks only
    for said in (words(turn.speech), words(turn.reprompt)):
        assert not english.search(said), f"English in a {routine.locale} turn: {said!r}"
    return words(turn.speech)


def test_a_newcomer_hears_the_welcome_the_safety_note_and_a_counted_hold(routine, spoken):
    turn = Person(routine).says(K.LAUNCH)
    said = heard(turn, routine)
    assert said.startswith(spoken.welcome)
    assert spoken.newcomer_note in said
    assert spoken.first_stretch in said
    needs, kneel = spoken.needs_then_kneel
    assert said.index(needs) < said.index(kneel)
    assert turn.speech.hold == HoldCount(HOLD)
    ssml = render(turn.speech, routine.hold)
    for cue in spoken.hold_cues:
        assert cue in ssml
    assert spoken.left_done_right_next in said


def test_a_whole_routine_counts_four_holds_and_closes(routine, spoken):
    person = Person(routine)
    turns = [person.says(K.LAUNCH)] + [person.says(K.NEXT) for _ in range(3)]
    assert [t.speech.hold for t in turns] == [HoldCount(HOLD)] * 4
    said = [heard(t, routine) for t in turns]
    assert spoken.switch_sides in said[1]
    assert spoken.next_is_lat in said[1]
    assert spoken.lat_left_arm in said[2]
    assert spoken.lat_done in said[3]
    assert spoken.routine_finished in said[3] and said[3].endswith(spoken.week_offer_ends)
    closing = person.says(K.NO)
    assert closing.outcome is Outcome.ROUTINE_FINISHED and closing.end_session
    assert heard(closing, routine) == spoken.goodbye


def test_a_question_into_a_hold_is_answered_with_the_seconds_counted(routine, spoken):
    person = Person(routine)
    person.says(K.LAUNCH)
    answer = person.cuts_into_hold(K.TIME_LEFT, held=12)
    assert heard(answer, routine).startswith(spoken.eighteen_seconds_left)
    assert answer.speech.hold == HoldCount(HOLD, begun=12)
    assert routine.words.count(1, "second") == spoken.one_second


def test_pain_in_the_knee_offers_padding_or_the_next_stretch(routine, spoken):
    person = Person(routine)
    person.says(K.LAUNCH)
    asked = person.cuts_into_hold(K.PAIN, held=5, body_part="knee")  # the slot's id
    said = heard(asked, routine)
    assert person.state.question is Question.KNEE and asked.speech.hold is None
    assert spoken.knee_ease_off in said
    assert all(choice in said for choice in spoken.knee_choices)
    padded = person.says(K.YES)
    assert padded.speech.hold == HoldCount(HOLD)
    assert spoken.knee_padded in heard(padded, routine)


def test_a_sore_lower_back_gets_the_stretchs_own_advice(routine, spoken):
    person = Person(routine)
    person.says(K.LAUNCH)
    said = heard(person.cuts_into_hold(K.PAIN, held=5, body_part="lower_back"), routine)
    assert said.startswith(spoken.back_stop)
    assert all(advice in said for advice in spoken.back_advice)
    assert said.endswith(spoken.pain_offer_ends)
    gentler = person.says(K.GENTLER)
    assert gentler.speech.hold == HoldCount(routine.min_hold_seconds)
    assert spoken.gentler in heard(gentler, routine)


def test_a_warning_sign_stops_for_today_and_points_to_a_doctor(routine, spoken):
    person = Person(routine)
    person.says(K.LAUNCH)
    turn = person.cuts_into_hold(K.WARNING, held=10)
    said = heard(turn, routine)
    assert turn.outcome is Outcome.WARNING_STOP and turn.end_session
    assert all(sign in said for sign in spoken.warning_signs)
    assert turn.speech.hold is None
    assert routine.lines.pain_offer not in said


@pytest.mark.parametrize("which", range(3), ids=["three days", "one day", "none yet"])
def test_the_week_is_said_in_the_locales_language(routine, spoken, which):
    person = Person(routine, newcomer=False)
    recalled = Recalled(summary=SUMMARIES[which], today=WEDNESDAY)
    said = heard(person.says(K.SUMMARY, recalled=recalled), routine)
    assert said.startswith(spoken.summaries[which])
    assert said.endswith(spoken.start_offer)


def test_a_reminder_is_said_back_in_the_locales_words(spoken):
    lines = reminder_lines(spoken.locale)
    said = lines.set.format(when=lines.when(ReminderSchedule(DAYS, 15, 0)))
    assert said == spoken.reminder_set


def test_a_plan_with_no_words_renders_as_an_empty_document(routine):
    assert read_ssml(render(SpeechPlan(), routine.hold)) == []
