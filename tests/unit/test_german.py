"""A routine in German (de-DE), played through `respond`: the same conversation, every word
from the German content, numbers and lists as German says them, and valid SSML throughout."""

from __future__ import annotations

import re
from datetime import date

import pytest

from backstretch.progress.model import WeeklySummary
from backstretch.routine.content import Routine, load_routine
from backstretch.routine.conversation import EventKind, Outcome, Recalled, Turn
from backstretch.routine.state import Question
from backstretch.speech.plan import HoldCount, SpeechPlan
from backstretch.speech.reading import read_ssml
from backstretch.speech.ssml import render
from tests.unit.test_conversation import Person, words

K = EventKind
HOLD = 30
WEDNESDAY, MONDAY, TUESDAY = date(2026, 11, 25), date(2026, 11, 23), date(2026, 11, 24)
# Words that would give English away in a German answer (German has none of them).
ENGLISH = re.compile(
    r"\b(the|you|your|and|say|seconds?|minutes?|days?|today|stretch|hurts|next|please|sorry)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def routine() -> Routine:
    return load_routine("de-DE")


def german(turn: Turn, routine: Routine) -> str:
    """The turn's words, after checking its speech is valid SSML with no English in it."""
    for plan in (turn.speech, turn.reprompt):
        if plan is not None:
            read_ssml(render(plan, routine.hold))  # well-formed, our own breaks only
    for said in (words(turn.speech), words(turn.reprompt)):
        assert not ENGLISH.search(said), f"English in a German turn: {said!r}"
    return words(turn.speech)


def test_a_newcomer_hears_the_welcome_the_safety_note_and_a_counted_hold_in_german(routine):
    turn = Person(routine).says(K.LAUNCH)
    said = german(turn, routine)
    assert said.startswith("Willkommen bei deinem Rücken-Coach.")
    assert "keine medizinische Beratung" in said and "das tut weh" in said
    assert "Zuerst: Hüftbeuger-Dehnung im Knien." in said
    assert said.index("etwas Weiches") < said.index("Knie dich auf dein linkes Knie.")
    assert turn.speech.hold == HoldCount(HOLD)
    ssml = render(turn.speech, routine.hold)
    for cue in ("Und halten.", "10 Sekunden.", "20 Sekunden.", "Drei.", "Und lösen."):
        assert cue in ssml
    assert "Gut, links ist geschafft. Sag weiter, wenn du bereit bist für rechts." in said


def test_a_whole_routine_counts_four_holds_and_closes_in_german(routine):
    person = Person(routine)
    turns = [person.says(K.LAUNCH)] + [person.says(K.NEXT) for _ in range(3)]
    assert [t.speech.hold for t in turns] == [HoldCount(HOLD)] * 4
    said = [german(t, routine) for t in turns]
    assert "Komm langsam hoch. Wechsel die Seite." in said[1]
    assert "Als Nächstes: Latissimus-Dehnung." in said[1]
    assert "Leg den linken Arm gestreckt darauf" in said[2]
    assert "Geschafft: Latissimus-Dehnung, auf beiden Seiten." in said[3]
    assert "Das war die ganze Runde." in said[3] and said[3].endswith("Woche läuft?")
    closing = person.says(K.NO)
    assert closing.outcome is Outcome.ROUTINE_FINISHED and closing.end_session
    assert german(closing, routine) == "Bis zum nächsten Mal."


def test_a_question_into_a_hold_is_answered_with_the_seconds_counted_in_german(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    answer = person.cuts_into_hold(K.TIME_LEFT, held=12)
    assert german(answer, routine).startswith("Noch 18 Sekunden.")
    assert answer.speech.hold == HoldCount(HOLD, begun=12)
    assert routine.words.count(1, "second") == "1 Sekunde"


def test_pain_in_the_knee_offers_padding_or_the_next_stretch_in_german(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    asked = person.cuts_into_hold(K.PAIN, held=5, body_part="knee")  # the slot's id
    said = german(asked, routine)
    assert person.state.question is Question.KNEE and asked.speech.hold is None
    assert "Nimm langsam das Gewicht vom Knie." in said
    assert "mehr Polster" in said and "Latissimus-Dehnung" in said
    padded = person.says(K.YES)
    assert padded.speech.hold == HoldCount(HOLD)
    assert "gefaltete Decke" in german(padded, routine)


def test_a_sore_lower_back_gets_the_stretchs_own_advice_in_german(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    said = german(person.cuts_into_hold(K.PAIN, held=5, body_part="lower_back"), routine)
    assert said.startswith("Okay, hör hier auf. Komm langsam aus der Dehnung hoch.")
    assert "Oberkörper aufrecht" in said and "Physiotherapie" in said
    assert said.endswith("oder wir hören für heute auf.")
    gentler = person.says(K.GENTLER)
    assert gentler.speech.hold == HoldCount(routine.min_hold_seconds)
    assert "nur halb so weit" in german(gentler, routine)


def test_a_warning_sign_stops_for_today_and_points_to_a_doctor_in_german(routine):
    person = Person(routine)
    person.says(K.LAUNCH)
    turn = person.cuts_into_hold(K.WARNING, held=10)
    said = german(turn, routine)
    assert turn.outcome is Outcome.WARNING_STOP and turn.end_session
    assert "Kribbeln, Taubheit oder Schwindel" in said and "ärztlich" in said
    assert "sanfter" not in said and turn.speech.hold is None


@pytest.mark.parametrize(
    ("summary", "spoken"),
    [
        (
            WeeklySummary((MONDAY, TUESDAY, WEDNESDAY), 3, 390, 3, 2, 0),
            "Diese Woche hast du an 3 Tagen gedehnt: Montag, gestern und heute. "
            "Du hast 3 komplette Runden geschafft und 6 einhalb Minuten lang gedehnt. "
            "Du hast 3 Tage in Folge gedehnt. Das sind schon mehr Tage als letzte Woche.",
        ),
        (
            WeeklySummary((MONDAY,), 1, 90, 1, 1, 0),
            "Diese Woche hast du einmal gedehnt, am Montag. "
            "Du hast eine komplette Runde geschafft und anderthalb Minuten lang gedehnt. "
            "Das ist genauso viel wie letzte Woche.",
        ),
        (
            WeeklySummary((), 0, 0, 0, 1, 0),
            "Diese Woche hast du noch nicht gedehnt. Letzte Woche hast du an einem Tag gedehnt. "
            "Ein paar Minuten heute sind ein toller Anfang.",
        ),
    ],
    ids=["three days", "one day", "none yet"],
)
def test_the_week_is_said_in_german(routine, summary, spoken):
    person = Person(routine, newcomer=False)
    turn = person.says(K.SUMMARY, recalled=Recalled(summary=summary, today=WEDNESDAY))
    said = german(turn, routine)
    assert said.startswith(spoken)
    assert said.endswith("Möchtest du jetzt deine Dehnübungen machen?")


def test_a_plan_with_no_words_renders_as_an_empty_document(routine):
    assert read_ssml(render(SpeechPlan(), routine.hold)) == []
