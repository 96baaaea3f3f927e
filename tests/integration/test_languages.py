"""A week in each written language but English, played through the skill end to end: the
locale's requests in, its own words heard out, holds counted in progressive responses, every
SSML document well-formed, no English. One run per locale in tests/support/spoken/."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from backstretch.progress.dynamodb import DynamoProgressStore
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch.speech.reading import read_ssml
from backstretch_local.fake_alexa import FakeAlexa
from backstretch_local.utterances import InteractionModel, UtteranceResolver
from tests.support.languages import MONDAY_EVENING, LocalPerson, a_week
from tests.support.spoken import ENGLISH, SPOKEN, Spoken

REMINDERS = "alexa::alerts:reminders:skill:readwrite"
SKILL_PACKAGE = Path(__file__).resolve().parents[2] / "skill-package"
SLOT = re.compile(r"\{(\w+)\}")
MIN_SAMPLES = 12


@pytest.fixture(params=list(SPOKEN))
def spoken(request: pytest.FixtureRequest) -> Spoken:
    return SPOKEN[request.param]


@pytest.fixture
def week(dynamodb_client: Any, progress_store: DynamoProgressStore, spoken: Spoken) -> LocalPerson:
    fake = FakeAlexa()
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=progress_store)
    return a_week(skill, fake, spoken)


def test_every_answer_is_in_the_locales_language_and_valid_ssml(week: LocalPerson) -> None:
    assert len(week.heard) == 10
    for turn in week.heard:
        for ssml in turn.ssml:
            read_ssml(ssml)  # well-formed, breaks as ours are
            assert len(ssml) <= 8000
        assert not ENGLISH.search(turn.words), f"{turn.said!r} was answered in English"


def test_monday_a_whole_routine_counts_four_holds_in_progressive_responses(
    week: LocalPerson, spoken: Spoken
) -> None:
    launch, *nexts, declined = week.heard[:5]
    assert launch.words.startswith(spoken.welcome)
    assert spoken.disclaimer[0] in launch.words
    for turn in (launch, *nexts):
        assert turn.progressive, f"{turn.said!r}: the count goes out as progressive responses"
        assert spoken.hold_start in turn.words and spoken.ten_seconds in turn.words
        assert spoken.release in turn.words
    assert spoken.both_sides_done in nexts[-1].words
    assert declined.words == spoken.declined
    assert declined.response["response"]["shouldEndSession"] is True


def test_tuesday_the_knee_then_a_warning_sign(week: LocalPerson, spoken: Spoken) -> None:
    launch, knee, skipped, warning = week.heard[5:9]
    assert launch.words.startswith(spoken.welcome_back)
    assert spoken.disclaimer[0] not in launch.words, "said to a newcomer only"
    assert all(words in knee.words for words in spoken.knee_offer)
    assert not knee.response["response"]["shouldEndSession"]
    assert spoken.skipped in skipped.words and spoken.hold_start in skipped.words
    assert spoken.warning[0] in warning.words
    assert warning.response["response"]["shouldEndSession"] is True


def test_wednesday_the_week_is_said_in_the_persons_time_zone(
    week: LocalPerson, spoken: Spoken
) -> None:
    summary = week.heard[9]
    assert summary.words.startswith(spoken.two_days)
    assert spoken.two_days_work in summary.words
    assert summary.words.endswith(spoken.start_offer)


def reminder_person(store: DynamoProgressStore, spoken: Spoken) -> LocalPerson:
    """Someone in the locale who has allowed the skill to set reminders."""
    fake = FakeAlexa()
    fake.time_zone = spoken.week.time_zone
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=store)
    person = LocalPerson(spoken.locale, skill, fake)
    person.session(MONDAY_EVENING, granted=frozenset({REMINDERS}))
    return person


def test_a_reminder_is_said_back_then_set_in_the_locales_words(
    progress_store: DynamoProgressStore, dynamodb_client: Any, spoken: Spoken
) -> None:
    person = reminder_person(progress_store, spoken)
    asked = person.says(spoken.week.reminder, "SetReminderIntent", days=None, time="15:00")
    assert asked.words == spoken.reminder_asked and person.fake.reminders == {}
    done = person.says(spoken.week.yes, "AMAZON.YesIntent")
    assert done.words.startswith(spoken.reminder_set)
    (reminder,) = person.fake.reminders.values()
    assert reminder["alertInfo"]["spokenInfo"]["content"] == [
        {"locale": spoken.locale, "text": spoken.reminder_text}
    ]
    assert reminder["trigger"]["timeZoneId"] == spoken.week.time_zone
    for turn in (asked, done):
        for ssml in turn.ssml:
            read_ssml(ssml)
        assert not ENGLISH.search(turn.words), f"{turn.said!r} was answered in English"


@pytest.mark.xfail(
    strict=True,
    reason="the reminder handler reads the days slot as said (parse_days knows English words "
    "and the ids), not the id Alexa resolved it to: 'every weekday' in another language is "
    "heard as every day. A framework fix (skill/reminder_handler.py), not a content one.",
)
def test_every_weekday_said_in_the_locales_words_is_every_weekday(
    progress_store: DynamoProgressStore, dynamodb_client: Any, spoken: Spoken
) -> None:
    person = reminder_person(progress_store, spoken)
    weekdays = {"days": "weekdays"}  # the id Alexa resolves the locale's words to
    asked = person.says(
        spoken.week.reminder, "SetReminderIntent", weekdays, days=spoken.week.weekdays, time="15:00"
    )
    assert spoken.weekdays_at_three_pm in asked.words


def _model(locale: str) -> dict[str, Any]:
    path = SKILL_PACKAGE / "interactionModels" / "custom" / f"{locale}.json"
    model: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["interactionModel"]
    return model


def _shape(model: dict[str, Any]) -> dict[str, Any]:
    """What every locale's model shares with en-US: intents and their slots (with or without
    elicitation samples), the dialog model, the prompts' ids and each slot type's value ids."""
    language = model["languageModel"]
    return {
        "intents": {
            intent["name"]: [
                (slot["name"], slot["type"], "samples" in slot) for slot in intent.get("slots", [])
            ]
            for intent in language["intents"]
        },
        "types": {t["name"]: [v["id"] for v in t["values"]] for t in language["types"]},
        "dialog": model["dialog"],
        "prompts": [prompt["id"] for prompt in model["prompts"]],
    }


def only_a_written_model(request: pytest.FixtureRequest, spoken: Spoken) -> None:
    """A locale whose model is still a stand-in (de-DE's) is expected to fall short."""
    if not spoken.model_written:
        reason = f"{spoken.locale}'s model is a stand-in (docs/languages.md)"
        request.applymarker(pytest.mark.xfail(strict=True, reason=reason))


def test_the_locales_model_has_every_intent_slot_dialog_and_id_of_en_us(
    request: pytest.FixtureRequest, spoken: Spoken
) -> None:
    only_a_written_model(request, spoken)
    model = _model(spoken.locale)
    assert _shape(model) == _shape(_model("en-US"))
    for prompt in model["prompts"]:
        assert not ENGLISH.search(prompt["variations"][0]["value"]), prompt


def test_every_intent_has_samples_of_its_own_and_none_is_only_slots(
    request: pytest.FixtureRequest, spoken: Spoken
) -> None:
    only_a_written_model(request, spoken)
    intents = _model(spoken.locale)["languageModel"]["intents"]
    seen: set[str] = set()
    for intent in intents:
        samples = intent["samples"]
        if intent["name"] not in ("AMAZON.FallbackIntent", "AMAZON.NavigateHomeIntent"):
            assert len(samples) >= MIN_SAMPLES, (intent["name"], len(samples))
        for sample in samples:
            assert sample not in seen, f"{sample!r} is a sample of two intents"
            seen.add(sample)
            if SLOT.search(sample):  # a sample with a slot needs a word of its own
                words = SLOT.sub(" ", sample).replace("'", " ").split()
                own = [word for word in words if word not in spoken.function_words]
                assert own, f"{intent['name']}: {sample!r} is only slots and function words"


def test_what_people_there_say_reaches_its_intent(spoken: Spoken) -> None:
    resolver = UtteranceResolver(InteractionModel.load(spoken.locale))
    heard = {said: resolver.resolve(said, in_session=True).intent for said, _ in spoken.understood}
    assert heard == dict(spoken.understood)


def test_the_knee_is_heard_as_the_body_parts_id(spoken: Spoken) -> None:
    resolver = UtteranceResolver(InteractionModel.load(spoken.locale))
    heard = resolver.resolve(spoken.week.knee, in_session=True)
    assert heard.intent == "PainIntent"
    assert dict(heard.resolutions)["bodyPart"].id == "knee"


def test_the_store_listing_names_the_skill_as_its_model_is_invoked(spoken: Spoken) -> None:
    manifest = json.loads((SKILL_PACKAGE / "skill.json").read_text(encoding="utf-8"))["manifest"]
    listing = manifest["publishingInformation"]["locales"][spoken.locale]
    invocation = _model(spoken.locale)["languageModel"]["invocationName"]
    resolver = UtteranceResolver(InteractionModel.load(spoken.locale))
    assert spoken.locale in manifest["privacyAndCompliance"]["locales"]
    assert spoken.locale[-2:] in manifest["publishingInformation"]["distributionCountries"]
    assert spoken.disclaimer[0].lower() in listing["description"].lower()
    for phrase in listing["examplePhrases"]:
        assert phrase.startswith("Alexa, ") and invocation in phrase.lower(), phrase
        request = phrase.lower().split(invocation, 1)[1].strip(" .?")
        if request:
            assert resolver.resolve(request, in_session=True).intent != "AMAZON.FallbackIntent"
