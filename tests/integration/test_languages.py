"""A week in each written language other than English, played through the skill end to end:
requests in the locale, its language heard out, holds counted in progressive responses, a
reminder set and said back, every SSML document well-formed, no English."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from backstretch.progress.dynamodb import DynamoProgressStore
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch.speech.reading import read_ssml
from backstretch_local.fake_alexa import FakeAlexa
from tests.support.languages import Person, a_week
from tests.support.spoken import SPOKEN
from tests.support.spoken.lines import Language


@pytest.fixture(params=sorted(SPOKEN))
def language(request: pytest.FixtureRequest) -> Language:
    return SPOKEN[request.param]


@pytest.fixture
def fake() -> FakeAlexa:
    return FakeAlexa()


@pytest.fixture
def week(
    dynamodb_client: Any, progress_store: DynamoProgressStore, fake: FakeAlexa, language: Language
) -> Person:
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=progress_store)
    return a_week(skill, fake, language)


def test_every_answer_is_in_the_language_and_valid_ssml(week: Person, language: Language):
    assert len(week.heard) == 12
    for turn in week.heard:
        for ssml in turn.ssml:
            read_ssml(ssml)  # well-formed, breaks as ours are
            assert len(ssml) <= 8000
        if language.english is not None:
            assert not language.english.search(turn.words), f"{turn.said!r}: English"


def test_monday_a_whole_routine_counts_four_holds_in_progressive_responses(
    week: Person, language: Language
) -> None:
    hears = language.hears
    launch, *nexts, declined = week.heard[:5]
    assert launch.words.startswith(hears.welcome)
    assert hears.not_advice in launch.words
    for turn in (launch, *nexts):
        assert turn.progressive, f"{turn.said!r}: the count goes out as progressive responses"
        assert hears.hold[0] in turn.words and hears.hold[1] in turn.words
        assert hears.hold[-1] in turn.words
    assert hears.lat_done in nexts[-1].words
    assert declined.words == hears.week_declined
    assert declined.response["response"]["shouldEndSession"] is True


def test_tuesday_the_knee_then_a_warning_sign(week: Person, language: Language) -> None:
    hears = language.hears
    launch, knee, skipped, warning = week.heard[5:9]
    assert launch.words.startswith(hears.welcome_back)
    assert hears.not_advice not in launch.words, "said to a newcomer only"
    assert all(words in knee.words for words in hears.knee_offer)
    assert not knee.response["response"]["shouldEndSession"]
    assert hears.skipped_to_lat in skipped.words and hears.hold[0] in skipped.words
    assert hears.warning[0] in warning.words
    assert warning.response["response"]["shouldEndSession"] is True


def test_wednesday_the_week_is_said_in_local_time(week: Person, language: Language) -> None:
    summary = week.heard[9]
    assert summary.words.startswith(language.hears.week_two_days)
    assert language.hears.week_work in summary.words
    assert summary.words.endswith(language.hears.start_offer)


def test_a_reminder_is_said_back_and_set_in_the_language(
    week: Person, language: Language, fake: FakeAlexa
) -> None:
    asked, done = week.heard[10:12]
    assert asked.words == language.hears.reminder_asked
    assert done.words == language.hears.reminder_set
    assert done.response["response"]["shouldEndSession"] is True
    (reminder,) = fake.reminders.values()
    (content,) = reminder["alertInfo"]["spokenInfo"]["content"]
    assert content["locale"] == language.locale
    if language.english is not None:
        assert not language.english.search(content["text"]), content["text"]
    assert reminder["trigger"]["timeZoneId"] == language.time_zone
    assert "BYHOUR=15;BYMINUTE=0" in reminder["trigger"]["recurrence"]["recurrenceRules"][0]


@pytest.mark.xfail(
    strict=True,
    reason="shared code: skill/reminder_handler.py reads the days slot's value as said and "
    "reminders/schedule.py parses it as English, not the id Alexa resolved it to",
)
def test_days_said_in_the_language_are_read_by_the_id_alexa_resolved(
    language: Language, progress_store: DynamoProgressStore, dynamodb_client: Any
) -> None:
    fake = FakeAlexa()
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=progress_store)
    person = Person(skill, fake, language.locale)
    person.session(datetime(2026, 11, 23, 17, 0, tzinfo=UTC))
    said = language.says.weekdays
    asked = person.says(said, "SetReminderIntent", {"days": "weekdays"}, days=said, time="15:00")
    assert asked.words == language.hears.reminder_asked_weekdays
