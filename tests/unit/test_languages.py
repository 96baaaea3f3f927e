"""A routine in each written language other than English, played through `respond`: the same
conversation, every word from the language's content, numbers and lists as the language says
them, and valid SSML throughout. What each language must say is in `tests.support.spoken`."""

from __future__ import annotations

from datetime import date

import pytest

from backstretch.progress.model import WeeklySummary
from backstretch.routine.content import Routine, load_routine
from backstretch.routine.conversation import EventKind, Outcome, Recalled, Turn
from backstretch.routine.state import Question
from backstretch.speech.plan import HoldCount, SpeechPlan
from backstretch.speech.reading import read_ssml
from backstretch.speech.ssml import render
from tests.support.spoken import SPOKEN
from tests.support.spoken.lines import Language
from tests.unit.test_conversation import Person, words

K = EventKind
HOLD = 30
WEDNESDAY, MONDAY, TUESDAY = date(2026, 11, 25), date(2026, 11, 23), date(2026, 11, 24)


@pytest.fixture(params=sorted(SPOKEN), scope="module")
def language(request: pytest.FixtureRequest) -> Language:
    return SPOKEN[request.param]


@pytest.fixture(scope="module")
def routine(language: Language) -> Routine:
    return load_routine(language.locale)


def heard(turn: Turn, routine: Routine, language: Language) -> str:
    """The turn's words, after checking its speech is valid SSML with no English in it."""
    for plan in (turn.speech, turn.reprompt):
        if plan is not None:
            read_ssml(render(plan, routine.hold))  # well-formed, our own breaks only
    if language.english is not None:
        for said in (words(turn.speech), words(turn.reprompt)):
            assert not language.english.search(said), f"English in {language.locale}: {said!r}"
    return words(turn.speech)


def test_a_newcomer_hears_the_welcome_the_safety_note_and_a_counted_hold(routine, language):
    hears = language.hears
    turn = Person(routine).says(K.LAUNCH)
    said = heard(turn, routine, language)
    assert said.startswith(hears.welcome)
    assert hears.not_advice in said and hears.that_hurts in said
    assert hears.first_stretch in said
    assert said.index(hears.needs) < said.index(hears.first_step)
    assert turn.speech.hold == HoldCount(HOLD)
    ssml = render(turn.speech, routine.hold)
    for cue in hears.hold:
        assert cue in ssml
    assert hears.after_first_side in said


def test_a_whole_routine_counts_four_holds_and_closes(routine, language):
    hears = language.hears
    person = Person(routine)
    turns = [person.says(K.LAUNCH)] + [person.says(K.NEXT) for _ in range(3)]
    assert [t.speech.hold for t in turns] == [HoldCount(HOLD)] * 4
    said = [heard(t, routine, language) for t in turns]
    assert hears.switch_side in said[1]
    assert hears.next_stretch in said[1]
    assert hears.lat_first_step in said[2]
    assert hears.lat_done in said[3]
    assert hears.finished in said[3] and said[3].endswith(hears.week_offer_end)
    closing = person.says(K.NO)
    assert closing.outcome is Outcome.ROUTINE_FINISHED and closing.end_session
    assert heard(closing, routine, language) == hears.goodbye


def test_a_question_into_a_hold_is_answered_with_the_seconds_counted(routine, language):
    person = Person(routine)
    person.says(K.LAUNCH)
    answer = person.cuts_into_hold(K.TIME_LEFT, held=12)
    assert heard(answer, routine, language).startswith(language.hears.eighteen_left)
    assert answer.speech.hold == HoldCount(HOLD, begun=12)
    assert routine.words.count(1, "second") == language.hears.one_second


def test_pain_in_the_knee_offers_padding_or_the_next_stretch(routine, language):
    hears = language.hears
    person = Person(routine)
    person.says(K.LAUNCH)
    asked = person.cuts_into_hold(K.PAIN, held=5, body_part="knee")  # the slot's id
    said = heard(asked, routine, language)
    assert person.state.question is Question.KNEE and asked.speech.hold is None
    assert hears.knee_ease in said
    assert all(words_ in said for words_ in hears.knee_offer)
    padded = person.says(K.YES)
    assert padded.speech.hold == HoldCount(HOLD)
    assert hears.knee_padded in heard(padded, routine, language)


def test_a_sore_lower_back_gets_the_stretchs_own_advice(routine, language):
    hears = language.hears
    person = Person(routine)
    person.says(K.LAUNCH)
    said = heard(person.cuts_into_hold(K.PAIN, held=5, body_part="lower_back"), routine, language)
    assert said.startswith(hears.back_pain_start)
    assert all(words_ in said for words_ in hears.back_pain)
    assert said.endswith(hears.pain_offer_end)
    gentler = person.says(K.GENTLER)
    assert gentler.speech.hold == HoldCount(routine.min_hold_seconds)
    assert hears.gentler in heard(gentler, routine, language)


def test_a_warning_sign_stops_for_today_and_points_to_a_doctor(routine, language):
    hears = language.hears
    person = Person(routine)
    person.says(K.LAUNCH)
    turn = person.cuts_into_hold(K.WARNING, held=10)
    said = heard(turn, routine, language)
    assert turn.outcome is Outcome.WARNING_STOP and turn.end_session
    assert all(words_ in said for words_ in hears.warning)
    assert hears.gentler_word not in said and turn.speech.hold is None


@pytest.mark.parametrize(
    ("case", "summary"),
    [
        (0, WeeklySummary((MONDAY, TUESDAY, WEDNESDAY), 3, 390, 3, 2, 0)),
        (1, WeeklySummary((MONDAY,), 1, 90, 1, 1, 0)),
        (2, WeeklySummary((), 0, 0, 0, 1, 0)),
    ],
    ids=["three days", "one day", "none yet"],
)
def test_the_week_is_said_in_the_language(routine, language, case, summary):
    person = Person(routine, newcomer=False)
    turn = person.says(K.SUMMARY, recalled=Recalled(summary=summary, today=WEDNESDAY))
    said = heard(turn, routine, language)
    assert said.startswith(language.hears.summaries[case])
    assert said.endswith(language.hears.start_offer)


def test_a_plan_with_no_words_renders_as_an_empty_document(routine):
    assert read_ssml(render(SpeechPlan(), routine.hold)) == []
