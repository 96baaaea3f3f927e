"""The simulator page's locale picker: the locales it offers, and a conversation in German."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from backstretch.language.locales import LOCALES
from backstretch.progress.dynamodb import DynamoProgressStore
from backstretch.routine.content import load_routine
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch_local.corpus import load_script
from backstretch_local.fake_alexa import FakeAlexa
from backstretch_local.simulator import Simulator
from backstretch_local.utterances import InteractionModel, UtteranceResolver
from backstretch_local.web.app import create_app


@pytest.fixture
def client(progress_store: DynamoProgressStore) -> FlaskClient:
    fake = FakeAlexa()
    skill = BackStretchSkill(SkillConfig(), api=fake.in_process(), store=progress_store)
    resolver = UtteranceResolver(InteractionModel.load("en-US"))
    return create_app(skill, None, Simulator(skill, fake, resolver, progress_store)).test_client()


def say(client: FlaskClient, text: str, **more: Any) -> dict[str, Any]:
    reply = client.post("/simulator/say", json={"text": text, **more})
    assert reply.status_code == 200, reply.get_json()
    answer: dict[str, Any] = reply.get_json()
    return answer


def words(answer: dict[str, Any]) -> str:
    parts = [*answer["progressive"], answer["response"]]
    return " ".join(item["say"] for part in parts for item in part["spoken"] if "say" in item)


def test_the_page_offers_the_locales_the_skill_speaks_with_a_model(client: FlaskClient) -> None:
    locales = client.get("/simulator/locales").get_json()["locales"]
    assert locales[0] == "en-US" and {"de-DE", "fr-FR", "fr-CA"} <= set(locales)
    page = client.get("/").get_data(as_text=True)
    assert 'id="locale"' in page and "/static/locale.js" in page


def test_a_routine_in_german_from_the_picker(client: FlaskClient) -> None:
    launch = say(client, "starten", locale="de-DE")
    assert launch["heard"]["intent"] == "StartRoutineIntent"
    assert "Willkommen bei deinem Rücken-Coach." in words(launch)
    assert 25 <= launch["holdSeconds"] <= 30, "the German hold's silences are marked as a hold"
    why = say(client, "warum", locale="de-DE", session=launch["session"])
    assert "Langes Sitzen" in words(why)
    english = say(client, "start my back stretches")
    assert "Welcome to Back Stretch Coach" in words(english)


def test_a_locale_the_page_cannot_pick_is_refused(client: FlaskClient) -> None:
    unwritten = [tag for tag, entry in LOCALES.items() if not entry.written][:1]
    for locale in (*unwritten, "xx-XX", 5):
        reply = client.post("/simulator/say", json={"text": "hi", "locale": locale})
        assert reply.status_code == 400
        assert "'locale' must be one of en-US" in reply.get_json()["error"]


@pytest.mark.parametrize("locale", ["de-DE", "ja-JP", "ar-SA"])
def test_the_page_offers_phrases_in_the_picked_locales_language(
    client: FlaskClient, locale: str
) -> None:
    """The buttons say what people there say (the corpus' scripted cues), and the first
    opens the skill in that language."""
    reply = client.get(f"/simulator/phrases?locale={locale}")
    assert reply.status_code == 200
    phrases = reply.get_json()["phrases"]
    cues = load_script(locale)
    assert phrases[0] == cues["launch"] and cues["pain"] in phrases
    assert cues["unknown_stretch"] not in phrases  # a miss on purpose, not a button
    opened = say(client, phrases[0], locale=locale)
    assert opened["heard"]["requestType"] == "LaunchRequest", opened["heard"]
    assert load_routine(locale).lines.welcome.split(".")[0][:10] in words(opened)


def test_phrases_for_a_locale_the_page_cannot_pick_are_refused(client: FlaskClient) -> None:
    for locale in ("xx-XX", ""):
        reply = client.get(f"/simulator/phrases?locale={locale}")
        assert reply.status_code == 400, locale
        assert "must be one of" in reply.get_json()["error"]
