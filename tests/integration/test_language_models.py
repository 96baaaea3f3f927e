"""Each interaction model in a language other than English, held to the en-US model's shape
(every intent with the same slots, the same dialog model and prompts, the same slot value
ids) and to the rules of a good model (enough varied samples, none made only of slots, none
claimed twice), and resolved by the local resolver: every sample reaches its own intent."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from backstretch_local.utterances import InteractionModel, UtteranceResolver

MODELS = Path(__file__).parents[2] / "skill-package" / "interactionModels" / "custom"
HELD = ("nl-NL", "ja-JP")  # de-DE's model is still the small one (docs/languages.md)
LOCALES = [locale for locale in HELD if (MODELS / f"{locale}.json").is_file()]
MIN_SAMPLES = 12
FALLBACK = "AMAZON.FallbackIntent"
NO_SAMPLES = {FALLBACK, "AMAZON.NavigateHomeIntent"}
SLOT = re.compile(r"\{(\w+)\}")
# Words that say nothing by themselves: a sample of these and slots only would take in any
# phrase with a value in it ("om {time}", "{time} に").
FUNCTION_WORDS = {
    "nl-NL": frozenset(
        [
            "om",
            "rond",
            "de",
            "het",
            "een",
            "op",
            "in",
            "en",
            "of",
            "aan",
            "voor",
            "naar",
            "me",
            "mijn",
            "je",
        ]
    ),
    "ja-JP": frozenset(["に", "で", "を", "は", "が", "の", "と", "から", "まで", "へ", "も"]),
}
# A value said for each slot when a sample is played to the resolver.
SAID_FOR = {"seconds": "25", "time": "3 pm"}


@cache
def model(locale: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((MODELS / f"{locale}.json").read_text("utf-8"))
    return document["interactionModel"]


def intents(locale: str) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in model(locale)["languageModel"]["intents"]}


def slots(item: dict[str, Any]) -> list[tuple[str, str]]:
    return [(slot["name"], slot["type"]) for slot in item.get("slots", [])]


def values(locale: str) -> dict[str, dict[str, Any]]:
    types = model(locale)["languageModel"]["types"]
    return {kind["name"]: {v["id"]: v["name"] for v in kind["values"]} for kind in types}


@pytest.mark.parametrize("locale", LOCALES)
def test_every_intent_of_the_english_model_with_the_same_slots(locale: str) -> None:
    english, ours = intents("en-US"), intents(locale)
    assert list(ours) == list(english)
    for name, item in english.items():
        assert slots(ours[name]) == slots(item), name
        elicited = [s["name"] for s in item.get("slots", []) if "samples" in s]
        assert [s["name"] for s in ours[name].get("slots", []) if s.get("samples")] == elicited


@pytest.mark.parametrize("locale", LOCALES)
def test_the_same_dialog_model_with_prompts_in_the_language(locale: str) -> None:
    assert model(locale)["dialog"] == model("en-US")["dialog"]
    english = {p["id"]: p for p in model("en-US")["prompts"]}
    ours = {p["id"]: p for p in model(locale)["prompts"]}
    assert set(ours) == set(english)
    for prompt_id, prompt in ours.items():
        (said,) = prompt["variations"]
        assert said["type"] == "PlainText" and said["value"], prompt_id
        assert said["value"] != english[prompt_id]["variations"][0]["value"], "not translated"


@pytest.mark.parametrize("locale", LOCALES)
def test_slot_values_have_the_english_ids_and_synonyms(locale: str) -> None:
    english, ours = values("en-US"), values(locale)
    assert {kind: list(ids) for kind, ids in ours.items()} == {
        kind: list(ids) for kind, ids in english.items()
    }
    for kind, named in ours.items():
        assert any(name.get("synonyms") for name in named.values()), kind


@pytest.mark.parametrize("locale", LOCALES)
def test_every_intent_has_many_samples_none_made_only_of_slots_none_twice(locale: str):
    seen: dict[str, str] = {}
    for name, item in intents(locale).items():
        samples = item["samples"]
        if name in NO_SAMPLES:
            assert samples == [], name
            continue
        assert len(samples) >= MIN_SAMPLES, f"{name}: {len(samples)} samples"
        declared = {slot for slot, _ in slots(item)}
        for sample in samples:
            own = SLOT.sub(" ", sample).split()
            assert " ".join(own).lower() == " ".join(own), sample
            assert not re.search(r"[.,!?。、\uff1f\uff01{}]", SLOT.sub(" ", sample)), sample
            assert set(SLOT.findall(sample)) <= declared, sample
            assert [w for w in own if w not in FUNCTION_WORDS[locale]], f"{name}: {sample!r}"
            assert seen.setdefault(sample, name) == name, f"{sample!r}: {seen[sample]}, {name}"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_sample_resolves_to_its_own_intent(locale: str) -> None:
    """With the local resolver, as the chat and the simulator hear a phrase."""
    resolver = UtteranceResolver(InteractionModel.load(locale, MODELS))
    named = values(locale)
    said_for = {
        **SAID_FOR,
        "days": named["STRETCH_DAYS"]["weekdays"]["value"],
        "now": named["THIS_TIME"]["this_time"]["value"],
        "bodyPart": named["BODY_PART"]["knee"]["value"],
        "stretch": named["STRETCH"]["lat"]["value"],
    }
    wrong = []
    for name, item in intents(locale).items():
        for sample in item["samples"]:
            said = SLOT.sub(lambda slot: said_for[slot.group(1)], sample)
            heard = resolver.resolve(said, in_session=True)
            number = heard.slot_values.get("seconds")
            if heard.intent != name or ("{seconds}" in sample and number != "25"):
                wrong.append((sample, heard.intent, heard.slot_values))
    assert wrong == []


# How an example phrase names the skill in each language, and what it then asks.
EXAMPLE = {
    "nl-NL": re.compile(r"^Alexa, (?:open|start|vraag) mijn rugoefeningen ?(?P<request>.*)$"),
    "ja-JP": re.compile(r"^アレクサ、腰のストレッチコーチ(?:を開いて|で)(?P<request>.*)$"),
}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_listings_example_phrases_open_the_skill_or_ask_a_sample(locale: str) -> None:
    manifest = json.loads((MODELS.parents[1] / "skill.json").read_text("utf-8"))
    listing = manifest["manifest"]["publishingInformation"]["locales"][locale]
    samples = {sample for item in intents(locale).values() for sample in item["samples"]}
    assert model(locale)["languageModel"]["invocationName"] in listing["examplePhrases"][0]
    for phrase in listing["examplePhrases"]:
        named = EXAMPLE[locale].match(phrase)
        assert named is not None, phrase
        assert named["request"] in {"", *samples}, phrase
    assert any(word in listing["description"] for word in ("medisch advies", "医療アドバイス"))


# The local resolver finds a slot between spaces and reads times in English (what it would
# need for Japanese: docs/languages.md), so a taught phrase with a value is typed for it so.
AS_THE_RESOLVER_READS = {
    "25秒キープして": "25 秒キープして",
    "リマインダーを午後5時に変更して": "リマインダーを 5 pm に変更して",
    "平日の午後3時にストレッチをリマインドして": "平日 の 3 pm にストレッチをリマインドして",
}
ANSWERS = {"午後3時"}  # the answer to "what time?", heard only while the time is asked for


def test_every_phrase_the_japanese_lines_teach_resolves_to_an_intent() -> None:
    """Japanese quotes what a person can say in 「」: each is understood, not the fallback."""
    content = Path(__file__).parents[2] / "lambda" / "backstretch"
    taught = {
        phrase
        for package in ("routine", "reminders")
        for phrase in re.findall(
            r"「([^」]+)」", (content / package / "content/ja.json").read_text()
        )
        if not phrase.startswith("アレクサ") and phrase not in ANSWERS  # nor the launch phrase
    }
    resolver = UtteranceResolver(InteractionModel.load("ja-JP", MODELS))
    heard = {
        phrase: resolver.resolve(AS_THE_RESOLVER_READS.get(phrase, phrase), in_session=True)
        for phrase in taught
    }
    assert len(heard) >= 15
    assert [phrase for phrase, said in heard.items() if said.intent == FALLBACK] == []
