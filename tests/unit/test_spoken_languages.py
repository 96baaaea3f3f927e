"""A routine in each written language beyond English, played through `respond`: the same
conversation, every word from the locale's content, numbers and lists as the language says
them, and valid SSML throughout. One table of what each locale must say; the tests are the
same for every locale."""

from __future__ import annotations

import re
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
from tests.support.spoken_words import SAYS, WEEK_SAYS, Says, english_in
from tests.unit.test_conversation import Person, words

K = EventKind
HOLD = 30
WEDNESDAY, MONDAY, TUESDAY = date(2026, 11, 25), date(2026, 11, 23), date(2026, 11, 24)
WEEKS = [
    WeeklySummary((MONDAY, TUESDAY, WEDNESDAY), 3, 390, 3, 2, 0),
    WeeklySummary((MONDAY,), 1, 90, 1, 1, 0),
    WeeklySummary((), 0, 0, 0, 1, 0),
]


LOCALES = list(SAYS)


@pytest.fixture(scope="module", params=LOCALES)
def locale(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def routine(locale: str) -> Routine:
    return load_routine(locale)


@pytest.fixture(scope="module")
def says(locale: str) -> Says:
    return SAYS[locale]


def heard(turn: Turn, routine: Routine) -> str:
    """The turn's words, after checking its speech is valid SSML with no English in it."""
    for plan in (turn.speech, turn.reprompt):
        if plan is not None:
            read_ssml(render(plan, routine.hold))  # well-formed, our own breaks only
    for said in (words(turn.speech), words(turn.reprompt)):
        assert not english_in(routine.locale).search(said), (
            f"English in a {routine.locale} turn: {said!r}"
        )
    return words(turn.speech)


def test_each_locale_reads_its_own_content(routine: Routine, locale: str) -> None:
    assert routine is load_routine(locale) and routine is not load_routine("en-US")


def test_a_newcomer_hears_the_welcome_the_safety_note_and_a_counted_hold(routine, says):
    turn = Person(routine).says(K.LAUNCH)
    said = heard(turn, routine)
    assert said.startswith(says.welcome)
    assert all(note in said for note in says.safety)
    assert says.first in said
    needs, setup = says.needs_then_setup
    assert said.index(needs) < said.index(setup)
    assert turn.speech.hold == HoldCount(HOLD)
    ssml = render(turn.speech, routine.hold)
    for cue in says.cues:
        assert cue in ssml
    assert says.side_done in said


def test_a_whole_routine_counts_four_holds_and_closes(routine, says):
    person = Person(routine)
    turns = [person.says(K.LAUNCH)] + [person.says(K.NEXT) for _ in range(3)]
    assert [t.speech.hold for t in turns] == [HoldCount(HOLD)] * 4
    said = [heard(t, routine) for t in turns]
    assert says.switch in said[1]
    assert says.next_stretch in said[1]
    assert says.lat_left in said[2]
    assert says.lat_done in said[3]
    assert says.finished in said[3] and said[3].endswith(says.week_offer_end)
    closing = person.says(K.NO)
    assert closing.outcome is Outcome.ROUTINE_FINISHED and closing.end_session
    assert heard(closing, routine) == says.goodbye


def test_a_question_into_a_hold_is_answered_with_the_seconds_counted(routine, says):
    person = Person(routine)
    person.says(K.LAUNCH)
    answer = person.cuts_into_hold(K.TIME_LEFT, held=12)
    assert heard(answer, routine).startswith(says.time_left)
    assert answer.speech.hold == HoldCount(HOLD, begun=12)
    assert routine.words.count(1, "second") == says.one_second


def test_pain_in_the_knee_offers_padding_or_the_next_stretch(routine, says):
    person = Person(routine)
    person.says(K.LAUNCH)
    asked = person.cuts_into_hold(K.PAIN, held=5, body_part="knee")  # the slot's id
    said = heard(asked, routine)
    assert person.state.question is Question.KNEE and asked.speech.hold is None
    assert said.startswith(re.split(r"(?<=[.。।])", says.back_pain_start)[0])  # "Okay, stop."
    assert all(part in said for part in says.knee)
    padded = person.says(K.YES)
    assert padded.speech.hold == HoldCount(HOLD)
    assert says.padded in heard(padded, routine)


def test_a_sore_lower_back_gets_the_stretchs_own_advice(routine, says):
    person = Person(routine)
    person.says(K.LAUNCH)
    said = heard(person.cuts_into_hold(K.PAIN, held=5, body_part="lower_back"), routine)
    assert said.startswith(says.back_pain_start)
    assert all(part in said for part in says.back_pain)
    assert said.endswith(says.back_pain_end)
    gentler = person.says(K.GENTLER)
    assert gentler.speech.hold == HoldCount(routine.min_hold_seconds)
    assert says.gentler in heard(gentler, routine)


def test_a_warning_sign_stops_for_today_and_points_to_a_doctor(routine, says):
    person = Person(routine)
    person.says(K.LAUNCH)
    turn = person.cuts_into_hold(K.WARNING, held=10)
    said = heard(turn, routine)
    assert turn.outcome is Outcome.WARNING_STOP and turn.end_session
    assert all(part in said for part in says.warning)
    assert says.gentler_word not in said and turn.speech.hold is None


@pytest.mark.parametrize("week", range(len(WEEKS)), ids=["three days", "one day", "none yet"])
def test_the_week_is_said_in_the_locales_words(routine, says, week):
    person = Person(routine, newcomer=False)
    turn = person.says(K.SUMMARY, recalled=Recalled(summary=WEEKS[week], today=WEDNESDAY))
    said = heard(turn, routine)
    assert said.startswith(says.weeks[week])
    assert said.endswith(says.start_offer)


def test_a_reminders_schedule_is_said_the_locales_way(locale):
    lines, week_says = reminder_lines(locale), WEEK_SAYS[locale]
    said = (
        lines.when(ReminderSchedule(("MO", "TH"), 18, 0)),
        lines.when(ReminderSchedule((), 7, 30, date(2026, 12, 2))),
        lines.when(ReminderSchedule(DAYS, 12, 0)),
    )
    assert said == week_says.schedules
    assert lines.reminder_text == week_says.reminder_text
    assert not english_in(locale).search(" ".join(said))


def test_a_plan_with_no_words_renders_as_an_empty_document(routine):
    assert read_ssml(render(SpeechPlan(), routine.hold)) == []
