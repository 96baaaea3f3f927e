"""A routine in each written language but English, played through `respond`: the same
conversation, every word from the locale's content, numbers and lists as its language says
them, and valid SSML throughout. One run per locale in tests/support/spoken/."""

from __future__ import annotations

from datetime import date

import pytest

from backstretch.progress.model import WeeklySummary
from backstretch.reminders.lines import reminder_lines
from backstretch.reminders.schedule import DAYS, ReminderSchedule
from backstretch.routine.content import Routine, load_routine
from backstretch.routine.conversation import EventKind, Outcome, Recalled, Turn
from backstretch.routine.state import Question
from backstretch.speech.plan import HoldCount, SpeechPlan
from backstretch.speech.reading import read_ssml
from backstretch.speech.ssml import render
from tests.support.spoken import ENGLISH, SPOKEN, Spoken
from tests.unit.test_conversation import Person, words

K = EventKind
HOLD = 30
WEDNESDAY, MONDAY, TUESDAY = date(2026, 11, 25), date(2026, 11, 23), date(2026, 11, 24)
WEEKS = {
    "three days": WeeklySummary((MONDAY, TUESDAY, WEDNESDAY), 3, 390, 3, 2, 0),
    "one day": WeeklySummary((MONDAY,), 1, 90, 1, 1, 0),
    "none yet": WeeklySummary((), 0, 0, 0, 1, 0),
}


@pytest.fixture(params=list(SPOKEN), scope="module")
def spoken(request: pytest.FixtureRequest) -> Spoken:
    return SPOKEN[request.param]


@pytest.fixture(scope="module")
def routine(spoken: Spoken) -> Routine:
    return load_routine(spoken.locale)


def heard(turn: Turn, routine: Routine) -> str:
    """The turn's words, after checking its speech is valid SSML with no English in it."""
    for plan in (turn.speech, turn.reprompt):
        if plan is not None:
            read_ssml(render(plan, routine.hold))  # well-formed, our own breaks only
    for said in (words(turn.speech), words(turn.reprompt)):
        assert not ENGLISH.search(said), f"English in a {routine.locale} turn: {said!r}"
    return words(turn.speech)


def test_the_locale_speaks_its_own_content(spoken: Spoken, routine: Routine) -> None:
    assert routine.locale == spoken.locale


def test_a_newcomer_hears_the_welcome_the_safety_note_and_a_counted_hold(spoken, routine):
    turn = Person(routine).says(K.LAUNCH)
    said = heard(turn, routine)
    assert said.startswith(spoken.welcome)
    assert all(words in said for words in spoken.disclaimer)
    assert spoken.first_stretch in said
    assert said.index(spoken.needs) < said.index(spoken.first_instruction)
    assert turn.speech.hold == HoldCount(HOLD)
    ssml = render(turn.speech, routine.hold)
    cues = (spoken.hold_start, spoken.ten_seconds, spoken.twenty_seconds, spoken.three)
    for cue in (*cues, spoken.release):
        assert cue in ssml
    assert spoken.after_first_side in said


def test_a_whole_routine_counts_four_holds_and_closes(spoken, routine):
    person = Person(routine)
    turns = [person.says(K.LAUNCH)] + [person.says(K.NEXT) for _ in range(3)]
    assert [t.speech.hold for t in turns] == [HoldCount(HOLD)] * 4
    said = [heard(t, routine) for t in turns]
    assert spoken.switch in said[1]
    assert spoken.next_stretch in said[1]
    assert spoken.lat_setup in said[2]
    assert spoken.both_sides_done in said[3]
    assert spoken.finished in said[3] and said[3].endswith(spoken.week_offer_end)
    closing = person.says(K.NO)
    assert closing.outcome is Outcome.ROUTINE_FINISHED and closing.end_session
    assert heard(closing, routine) == spoken.goodbye


def test_a_question_into_a_hold_is_answered_with_the_seconds_counted(spoken, routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    answer = person.cuts_into_hold(K.TIME_LEFT, held=12)
    assert heard(answer, routine).startswith(spoken.time_left_18)
    assert answer.speech.hold == HoldCount(HOLD, begun=12)
    assert routine.words.count(1, "second") == spoken.one_second


def test_pain_in_the_knee_offers_padding_or_the_next_stretch(spoken, routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    asked = person.cuts_into_hold(K.PAIN, held=5, body_part="knee")  # the slot's id
    said = heard(asked, routine)
    assert person.state.question is Question.KNEE and asked.speech.hold is None
    assert spoken.knee_ease in said
    assert all(words in said for words in spoken.knee_offer)
    padded = person.says(K.YES)
    assert padded.speech.hold == HoldCount(HOLD)
    assert spoken.padded in heard(padded, routine)


def test_a_sore_lower_back_gets_the_stretchs_own_advice(spoken, routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    said = heard(person.cuts_into_hold(K.PAIN, held=5, body_part="lower_back"), routine)
    assert said.startswith(spoken.back_start)
    assert all(words in said for words in spoken.back_advice)
    assert said.endswith(spoken.pain_offer_end)
    gentler = person.says(K.GENTLER)
    assert gentler.speech.hold == HoldCount(routine.min_hold_seconds)
    assert spoken.gentler in heard(gentler, routine)


def test_a_warning_sign_stops_for_today_and_points_to_a_doctor(spoken, routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    turn = person.cuts_into_hold(K.WARNING, held=10)
    said = heard(turn, routine)
    assert turn.outcome is Outcome.WARNING_STOP and turn.end_session
    assert all(words in said for words in spoken.warning)
    assert spoken.gentler_word not in said and turn.speech.hold is None


@pytest.mark.parametrize("week", range(len(WEEKS)), ids=list(WEEKS))
def test_the_week_is_said_in_the_locales_words(spoken, routine, week: int):
    person = Person(routine, newcomer=False)
    summary = list(WEEKS.values())[week]
    turn = person.says(K.SUMMARY, recalled=Recalled(summary=summary, today=WEDNESDAY))
    said = heard(turn, routine)
    assert said.startswith(spoken.summaries[week])
    assert said.endswith(spoken.start_offer)


def test_a_reminders_schedule_is_said_the_locales_way(spoken):
    lines = reminder_lines(spoken.locale)
    said = {
        lines.when(ReminderSchedule(("MO", "TH"), 18, 0)): spoken.mondays_and_thursdays_at_six_pm,
        lines.when(
            ReminderSchedule((), 7, 30, date(2026, 12, 2))
        ): spoken.wednesday_2_december_at_7_30,
        lines.when(ReminderSchedule(DAYS, 12, 0)): spoken.every_day_at_noon,
    }
    assert list(said) == list(said.values())
    assert lines.reminder_text == spoken.reminder_text
    assert not ENGLISH.search(" ".join(said))


def test_a_plan_with_no_words_renders_as_an_empty_document(routine):
    assert read_ssml(render(SpeechPlan(), routine.hold)) == []
