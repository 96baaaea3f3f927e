"""A German week played through the skill end to end: de-DE requests in, German heard out,
holds counted in progressive responses, every SSML document well-formed, no English."""

from __future__ import annotations

from typing import Any

import pytest

from backstretch.progress.dynamodb import DynamoProgressStore
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch.speech.reading import read_ssml
from backstretch_local.fake_alexa import FakeAlexa
from tests.support.german import ENGLISH, GermanPerson, a_german_week


@pytest.fixture
def week(dynamodb_client: Any, progress_store: DynamoProgressStore) -> GermanPerson:
    fake = FakeAlexa()
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=progress_store)
    return a_german_week(skill, fake)


def test_every_answer_is_german_and_valid_ssml(week: GermanPerson) -> None:
    assert len(week.heard) == 10
    for turn in week.heard:
        for ssml in turn.ssml:
            read_ssml(ssml)  # well-formed, breaks as ours are
            assert len(ssml) <= 8000
        assert not ENGLISH.search(turn.words), f"{turn.said!r} was answered in English"


def test_monday_a_whole_routine_counts_four_holds_in_progressive_responses(week: GermanPerson):
    launch, *nexts, declined = week.heard[:5]
    assert launch.words.startswith("Willkommen bei deinem Rücken-Coach.")
    assert "keine medizinische Beratung" in launch.words
    for turn in (launch, *nexts):
        assert turn.progressive, f"{turn.said!r}: the count goes out as progressive responses"
        assert "Und halten." in turn.words and "10 Sekunden." in turn.words
        assert "Und lösen." in turn.words
    assert "Geschafft: Latissimus-Dehnung, auf beiden Seiten." in nexts[-1].words
    assert (
        declined.words == "Frag mich jederzeit, wie deine Woche gelaufen ist. Bis zum nächsten Mal."
    )
    assert declined.response["response"]["shouldEndSession"] is True


def test_tuesday_the_knee_then_a_warning_sign(week: GermanPerson) -> None:
    launch, knee, skipped, warning = week.heard[5:9]
    assert launch.words.startswith("Schön, dass du wieder da bist.")
    assert "keine medizinische Beratung" not in launch.words, "said to a newcomer only"
    assert "mehr Polster" in knee.words and "Latissimus-Dehnung" in knee.words
    assert not knee.response["response"]["shouldEndSession"]
    assert "Okay: Latissimus-Dehnung." in skipped.words and "Und halten." in skipped.words
    assert "Kribbeln, Taubheit oder Schwindel" in warning.words
    assert warning.response["response"]["shouldEndSession"] is True


def test_wednesday_the_week_is_said_in_german_in_berlin_time(week: GermanPerson) -> None:
    summary = week.heard[9]
    assert summary.words.startswith("Diese Woche hast du an 2 Tagen gedehnt: Montag und gestern.")
    assert "Du hast eine komplette Runde geschafft und 3 Minuten lang gedehnt." in summary.words
    assert summary.words.endswith("Möchtest du jetzt deine Dehnübungen machen?")
