"""A week in each written language beyond English, played through the skill end to end:
requests in the locale in, its words heard out, holds counted in progressive responses, a
reminder said back and set, every SSML document well-formed, no English."""

from __future__ import annotations

from typing import Any

import pytest

from backstretch.progress.dynamodb import DynamoProgressStore
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch.speech.reading import read_ssml
from backstretch_local.fake_alexa import FakeAlexa
from backstretch_local.utterances import InteractionModel, UtteranceResolver
from tests.support.spoken_week import MONDAY_EVENING_UTC, SPEAKERS, Person, a_week
from tests.support.spoken_words import ENGLISH, SAYS, WEEK_SAYS, Says, WeekSays


@pytest.fixture(params=list(WEEK_SAYS))
def locale(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fake() -> FakeAlexa:
    return FakeAlexa()


@pytest.fixture
def week(
    dynamodb_client: Any, progress_store: DynamoProgressStore, fake: FakeAlexa, locale: str
) -> Person:
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=progress_store)
    return a_week(skill, fake, locale)


@pytest.fixture
def says(locale: str) -> Says:
    return SAYS[locale]


@pytest.fixture
def week_says(locale: str) -> WeekSays:
    return WEEK_SAYS[locale]


def test_every_answer_is_in_the_locales_language_and_valid_ssml(week: Person) -> None:
    assert len(week.heard) == 12
    for turn in week.heard:
        for ssml in turn.ssml:
            read_ssml(ssml)  # well-formed, breaks as ours are
            assert len(ssml) <= 8000
        assert not ENGLISH.search(turn.words), f"{turn.said!r} was answered in English"


def test_monday_a_whole_routine_counts_four_holds_in_progressive_responses(
    week: Person, says: Says, week_says: WeekSays
) -> None:
    launch, *nexts, declined = week.heard[:5]
    assert launch.words.startswith(says.welcome)
    assert says.safety[0] in launch.words
    start, ten, _, _, release = says.cues
    for turn in (launch, *nexts):
        assert turn.progressive, f"{turn.said!r}: the count goes out as progressive responses"
        assert start in turn.words and ten in turn.words and release in turn.words
    assert says.lat_done in nexts[-1].words
    assert declined.words == week_says.declined
    assert declined.response["response"]["shouldEndSession"] is True


def test_tuesday_the_knee_then_a_warning_sign(
    week: Person, says: Says, week_says: WeekSays
) -> None:
    launch, knee, skipped, warning = week.heard[5:9]
    assert launch.words.startswith(week_says.welcome_back)
    assert says.safety[0] not in launch.words, "said to a newcomer only"
    assert all(part in knee.words for part in says.knee[1:])
    assert not knee.response["response"]["shouldEndSession"]
    assert week_says.skipped in skipped.words and says.cues[0] in skipped.words
    assert says.warning[0] in warning.words
    assert warning.response["response"]["shouldEndSession"] is True


def test_wednesday_the_week_is_said_in_the_persons_time_zone(
    week: Person, says: Says, week_says: WeekSays
) -> None:
    summary = week.heard[9]
    days, work = week_says.summary
    assert summary.words.startswith(days)
    assert work in summary.words
    assert summary.words.endswith(says.start_offer)


def test_a_reminder_is_said_back_then_set_in_the_locales_words(
    week: Person, fake: FakeAlexa, week_says: WeekSays, locale: str
) -> None:
    asked, done = week.heard[10:]
    assert asked.words == week_says.reminder_asked
    assert done.words.startswith(week_says.reminder_set)
    (reminder,) = fake.reminders.values()
    (spoken,) = reminder["alertInfo"]["spokenInfo"]["content"]
    assert spoken == {"locale": locale, "text": week_says.reminder_text}
    assert "BYHOUR=15;BYMINUTE=0" in reminder["trigger"]["recurrence"]["recurrenceRules"][0]
    assert reminder["trigger"]["timeZoneId"] == SPEAKERS[locale].time_zone


def test_every_weekday_said_in_the_locales_words_is_every_weekday(
    dynamodb_client: Any,
    progress_store: DynamoProgressStore,
    fake: FakeAlexa,
    week_says: WeekSays,
    locale: str,
) -> None:
    speaker = SPEAKERS[locale]
    fake.time_zone = speaker.time_zone
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=progress_store)
    person = Person(skill, fake, locale)
    person.session(MONDAY_EVENING_UTC)
    weekdays = {"days": "weekdays"}  # the id Alexa resolves the locale's words to
    said = f"{speaker.remind} {speaker.weekdays}"
    asked = person.says(said, "SetReminderIntent", weekdays, days=speaker.weekdays, time="15:00")
    assert week_says.weekdays in asked.words


@pytest.fixture
def resolver(locale: str) -> UtteranceResolver:
    return UtteranceResolver(InteractionModel.load(locale))


def test_what_people_there_say_reaches_its_intent(resolver: UtteranceResolver, locale: str) -> None:
    understood = dict(SPEAKERS[locale].understood)
    heard = {said: resolver.resolve(said, in_session=True).intent for said in understood}
    assert heard == understood


def test_the_knee_is_heard_as_the_body_parts_id(resolver: UtteranceResolver, locale: str) -> None:
    heard = resolver.resolve(SPEAKERS[locale].knee, in_session=True)
    assert heard.intent == "PainIntent"
    assert dict(heard.resolutions)["bodyPart"].id == "knee"
