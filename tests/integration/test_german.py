"""A week in each written language other than English, played through the skill end to end:
requests in the locale, its language heard out, holds counted in progressive responses, every
SSML document well-formed, no English. The locales and what they hear are
`tests.support.languages.SPOKEN`."""

from __future__ import annotations

from typing import Any

import pytest

from backstretch.language.locales import LOCALES
from backstretch.progress.dynamodb import DynamoProgressStore
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch.speech.reading import read_ssml
from backstretch_local.fake_alexa import FakeAlexa
from tests.support.languages import (
    MONDAY_EVENING_UTC,
    REMINDERS,
    SPOKEN,
    Speaker,
    Spoken,
    a_week,
    english_in,
)


@pytest.fixture(params=sorted(SPOKEN))
def spoken(request: pytest.FixtureRequest) -> Spoken:
    return SPOKEN[request.param]


@pytest.fixture
def week(dynamodb_client: Any, progress_store: DynamoProgressStore, spoken: Spoken) -> Speaker:
    fake = FakeAlexa()
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=progress_store)
    return a_week(skill, fake, spoken)


def test_every_answer_is_in_the_locales_language_and_valid_ssml(week: Speaker) -> None:
    english = english_in(LOCALES[week.locale].language)
    assert len(week.heard) == 12
    for turn in week.heard:
        for ssml in turn.ssml:
            read_ssml(ssml)  # well-formed, breaks as ours are
            assert len(ssml) <= 8000
        assert not english.search(turn.words), f"{turn.said!r} was answered in English"


def test_monday_a_whole_routine_counts_four_holds_in_progressive_responses(
    week: Speaker, spoken: Spoken
) -> None:
    launch, *nexts, declined = week.heard[:5]
    start, ten_seconds, _, _, release = spoken.hold_cues
    assert launch.words.startswith(spoken.welcome)
    assert spoken.newcomer_note in launch.words
    for turn in (launch, *nexts):
        assert turn.progressive, f"{turn.said!r}: the count goes out as progressive responses"
        assert start in turn.words and ten_seconds in turn.words
        assert release in turn.words
    assert spoken.lat_done in nexts[-1].words
    assert declined.words == spoken.week_declined
    assert declined.response["response"]["shouldEndSession"] is True


def test_tuesday_the_knee_then_a_warning_sign(week: Speaker, spoken: Spoken) -> None:
    launch, knee, skipped, warning = week.heard[5:9]
    assert launch.words.startswith(spoken.welcome_back)
    assert spoken.newcomer_note not in launch.words, "said to a newcomer only"
    assert all(choice in knee.words for choice in spoken.knee_choices)
    assert not knee.response["response"]["shouldEndSession"]
    assert spoken.skipped_to_lat in skipped.words and spoken.hold_cues[0] in skipped.words
    assert spoken.warning_signs[0] in warning.words
    assert warning.response["response"]["shouldEndSession"] is True


def test_wednesday_the_week_is_said_in_the_persons_time_zone(week: Speaker, spoken: Spoken):
    summary = week.heard[9]
    assert summary.words.startswith(spoken.two_days)
    assert spoken.one_routine_three_minutes in summary.words
    assert summary.words.endswith(spoken.start_offer)


def test_thursday_a_reminder_is_set_and_said_back(week: Speaker, spoken: Spoken) -> None:
    asked, set_ = week.heard[10:12]
    said_back = spoken.reminder_set.split(". ", 1)[1]  # the schedule, as the confirmation
    assert said_back.rstrip(".") in asked.words and asked.words.endswith("?")
    assert set_.words == spoken.reminder_set
    (reminder,) = week.fake.reminders.values()
    assert "BYHOUR=15;BYMINUTE=0" in reminder["trigger"]["recurrence"]["recurrenceRules"][0]
    (text,) = reminder["alertInfo"]["spokenInfo"]["content"]
    assert text["locale"] == spoken.locale and spoken.launch in text["text"]


@pytest.mark.xfail(
    strict=True,
    reason="framework: skill/reminder_handler.py reads the days slot's words as said (English "
    "only, in reminders/schedule.py::parse_days), not the id Alexa resolved them to",
)
def test_reminder_days_said_in_the_locales_words_are_read_by_their_id(
    progress_store: DynamoProgressStore, dynamodb_client: Any, spoken: Spoken
) -> None:
    fake = FakeAlexa()
    fake.time_zone = spoken.time_zone
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=progress_store)
    person = Speaker(skill, fake, spoken.locale)
    person.session(MONDAY_EVENING_UTC, granted=frozenset({REMINDERS}))
    asked = person.says(
        spoken.weekdays,
        "SetReminderIntent",
        {"days": "weekdays"},
        days=spoken.weekdays,
        time="15:00",
    )
    assert spoken.weekdays_said_back in asked.words
