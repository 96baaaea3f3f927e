"""The interaction models of the languages beyond English, held to the en-US model's shape:
every intent with the same slots, the same dialog model, the same slot value ids (which is
how the code reads a slot in any language), enough samples written for each intent, no
catch-all sample, and store listings whose example phrases the model resolves.

`FULL_MODELS` lists the locales whose model is written in full (all but English's, which
tests/unit/test_skill_package.py holds). That every
sample reaches its own intent through the local resolver is tested in the integration tier
(tests/integration/test_spoken_languages.py), as the unit tier runs without the local tools."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_skill_package import SLOT_REFERENCE, _normalise

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "skill-package" / "interactionModels" / "custom"
MIN_SAMPLES = 12
# Per language: the words that say nothing by themselves (a sample of these and slots only
# would take any phrase with a value in it), and the words that open a skill.
_SPANISH_LIGHT = (
    "a al de del el la las los lo le me mi mis en y o por para que con un una unos unas "
    "se te tu es esto este esta eso ese como sobre pon"
)
_ITALIAN_LIGHT = (
    "a al alla alle allo all ai agli il lo la i gli le l un una uno di del della dei delle dell "
    "e o per in con su da mi me ti mio mia miei mie tra fra che è verso fammi facciamo metti "
    "diciamo dire ora"
)
_PORTUGUESE_LIGHT = (
    "a o as os um uma uns umas de do da dos das no na nos nas em ao aos à às e ou para pra "
    "por pelo pela com me mim eu você meu minha meus minhas que é vamos faz fazer bota "
    "coloca põe diga dizer agora"
)
_FRENCH_LIGHT = (
    "à a au aux avec ce cette de des du en et je la le les ma me mes moi mon ou par pour "
    "plutôt s'il plaît te tu un une vers disons mettons"
)
_DUTCH_LIGHT = "om rond de het een op in en of aan voor naar me mijn je"
_GERMAN_LIGHT = (
    "am an ans auf bis bitte das dem den der des die ein eine einen einem einer für im in "
    "ins mein meine meinem meinen meiner mir mich mal so um von vom zu zum zur und oder"
)
_JAPANESE_LIGHT = "に で を は が の と から まで へ も"
# Hindi's postpositions, auxiliaries and pronouns; "पर" and "तक" carry a time or a place.
_HINDI_LIGHT = "को में से का की के पर तक है हैं था रहा रही मेरा मेरी मेरे मुझे वो यह वाला ही"
FUNCTION_WORDS = {
    "es": frozenset(_SPANISH_LIGHT.split()),
    "it": frozenset(_ITALIAN_LIGHT.split()),
    "pt": frozenset(_PORTUGUESE_LIGHT.split()),
    "fr": frozenset(_FRENCH_LIGHT.split()),
    "nl": frozenset(_DUTCH_LIGHT.split()),
    "de": frozenset(_GERMAN_LIGHT.split()),
    "ja": frozenset(_JAPANESE_LIGHT.split()),
    "hi": frozenset(_HINDI_LIGHT.split()),
}
LAUNCH_WORDS = {
    "es": {"abre", "inicia", "empieza", "pregúntale", "pídele", "pide", "dile"},
    "it": {"apri", "avvia", "chiedi"},
    "pt": {"abra", "inicie", "pergunte"},
    "fr": {"ouvre", "lance", "demande"},
    "nl": {"open", "start", "vraag"},
    "de": {"öffne", "starte", "frag"},
    "ja": {"を開いて", "で"},
    "hi": {"खोलो", "शुरू करो", "से पूछो"},
}
# How an example phrase says "Alexa, <launch word> <invocation name> [request]" in each
# language (`{name}`: the invocation name); Japanese names the skill first.
_LATIN_EXAMPLE = r"^alexa, (?P<launch>\w+)(?: ao| a| à)? {name}(?: (?P<request>.+))?$"
EXAMPLE = {
    "es": _LATIN_EXAMPLE,
    "it": _LATIN_EXAMPLE,
    "pt": _LATIN_EXAMPLE,
    "fr": _LATIN_EXAMPLE,
    "nl": _LATIN_EXAMPLE,
    # German puts a comma before a question it asks: "frag meine Rückendehnung, wie ...".
    "de": r"^alexa, (?P<launch>\w+) {name},?(?: (?P<request>.+))?$",
    "ja": r"^アレクサ、{name}(?P<launch>を開いて|で)(?P<request>.*)$",
    "hi": r"^अलेक्सा, {name} (?P<launch>खोलो|शुरू करो|से पूछो)(?: (?P<request>.+))?$",
}
# The health disclaimer, as each language's store listing says it.
NOT_MEDICAL_ADVICE = {
    "es": "no es un consejo médico",
    "it": "consiglio medico",
    "pt": "orientação médica",
    "fr": "pas un avis médical",
    "nl": "geen medisch advies",
    "de": "keine medizinische Beratung",
    "ja": "医療アドバイスではありません",
    "hi": "डॉक्टरी सलाह नहीं है",
}
# Slot values written the same in the language as in English.
SAME_AS_ENGLISH = {
    "es": {"arm"},
    "it": {"arm"},
    "pt": {"arm"},
    "fr": {"arm"},
    "nl": {"arm", "hand", "hamstring"},
    "de": {"arm", "hand"},
    "ja": set[str](),
    "hi": set[str](),
}
FULL_MODELS = [
    "de-DE",
    "es-ES",
    "es-MX",
    "es-US",
    "it-IT",
    "pt-BR",
    "nl-NL",
    "ja-JP",
    "fr-FR",
    "fr-CA",
    "hi-IN",
]
# Lowercase words in any script, single spaces, and {slot} references; an apostrophe may join
# a word to the next ("com'è", "dell'{stretch}") or end one ("un po'"), as Italian writes it.
# Devanagari's vowel signs, virama and nukta are combining marks, which `\w` does not match.
_MARKS = "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963"
_PART = rf"(?:(?:[^\W\d_A-Z]|[{_MARKS}])+|\{{[A-Za-z]+\}})"
WORD = rf"{_PART}(?:'{_PART})*'?"
SAMPLE_FORMAT = re.compile(rf"^{WORD}(?: {WORD})*$")


@cache
def model(locale: str) -> dict[str, Any]:
    return json.loads((MODELS / f"{locale}.json").read_text(encoding="utf-8"))["interactionModel"]


@cache
def listing(locale: str) -> dict[str, Any]:
    manifest = json.loads((ROOT / "skill-package" / "skill.json").read_text(encoding="utf-8"))
    return manifest["manifest"]["publishingInformation"]["locales"][locale]


def intents(locale: str) -> dict[str, dict[str, Any]]:
    return {i["name"]: i for i in model(locale)["languageModel"]["intents"]}


def language(locale: str) -> str:
    return locale.split("-")[0]


def shape(locale: str) -> dict[str, list[tuple[str, str, bool]]]:
    """Each intent's slots: (name, type, whether the dialog asks for it with samples)."""
    return {
        name: [(s["name"], s["type"], bool(s.get("samples"))) for s in intent.get("slots", [])]
        for name, intent in intents(locale).items()
    }


@pytest.mark.parametrize("locale", FULL_MODELS)
def test_every_intent_of_en_us_with_the_same_slots(locale: str) -> None:
    assert shape(locale) == shape("en-US")


@pytest.mark.parametrize("locale", FULL_MODELS)
def test_the_same_dialog_model_with_prompts_in_the_language(locale: str) -> None:
    assert model(locale)["dialog"] == model("en-US")["dialog"]
    ours = {p["id"]: p["variations"][0]["value"] for p in model(locale)["prompts"]}
    english = {p["id"]: p["variations"][0]["value"] for p in model("en-US")["prompts"]}
    assert set(ours) == set(english)
    assert not set(ours.values()) & set(english.values()), "a prompt left in English"


@pytest.mark.parametrize("locale", FULL_MODELS)
def test_slot_values_have_the_en_us_ids_and_synonyms(locale: str) -> None:
    def ids(of: str) -> dict[str, list[str]]:
        return {
            t["name"]: [v["id"] for v in t["values"]] for t in model(of)["languageModel"]["types"]
        }

    assert ids(locale) == ids("en-US")
    english = {
        v["name"]["value"] for t in model("en-US")["languageModel"]["types"] for v in t["values"]
    }
    for kind in model(locale)["languageModel"]["types"]:
        for value in kind["values"]:
            assert value["name"]["synonyms"], (kind["name"], value["id"])
            name = value["name"]["value"]
            assert name not in english - SAME_AS_ENGLISH[language(locale)], name


@pytest.mark.parametrize("locale", FULL_MODELS)
def test_every_intent_people_say_has_enough_samples(locale: str) -> None:
    for name, intent in intents(locale).items():
        if intents("en-US")[name].get("samples"):
            assert len(intent.get("samples", [])) >= MIN_SAMPLES, name
        else:
            assert not intent.get("samples"), name


@pytest.mark.parametrize("locale", FULL_MODELS)
def test_samples_are_lowercase_words_unique_across_intents(locale: str) -> None:
    seen: dict[str, str] = {}
    for name, intent in intents(locale).items():
        declared = {slot["name"] for slot in intent.get("slots", [])}
        slots = [s for slot in intent.get("slots", []) for s in slot.get("samples", [])]
        for sample in [*intent.get("samples", []), *slots]:
            words = SLOT_REFERENCE.sub("", sample)
            assert SAMPLE_FORMAT.fullmatch(sample) and words == words.lower(), sample
            assert set(SLOT_REFERENCE.findall(sample)) <= declared, (name, sample)
        for sample in intent.get("samples", []):
            assert seen.setdefault(_normalise(sample), name) == name, (sample, name)


@pytest.mark.parametrize("locale", FULL_MODELS)
def test_no_intent_sample_is_made_only_of_slots(locale: str) -> None:
    light = FUNCTION_WORDS[language(locale)]
    with_slots = [
        (name, s)
        for name, intent in intents(locale).items()
        for s in intent.get("samples", [])
        if SLOT_REFERENCE.search(s)
    ]
    assert with_slots
    slot_only = [
        (name, s)
        for name, s in with_slots
        if not set(SLOT_REFERENCE.sub(" ", s).replace("'", " ").split()) - light
    ]
    assert slot_only == [], f"samples with no word of their own: {slot_only}"


@pytest.mark.parametrize("locale", FULL_MODELS)
def test_the_listing_says_what_the_skill_is_and_its_example_phrases_resolve(locale: str) -> None:
    entry = listing(locale)
    assert entry["name"] and entry["summary"] and len(entry["keywords"]) >= 5
    assert NOT_MEDICAL_ADVICE[language(locale)] in entry["description"]
    invocation = model(locale)["languageModel"]["invocationName"]
    samples = {_normalise(s) for i in intents(locale).values() for s in i.get("samples", [])}
    pattern = re.compile(EXAMPLE[language(locale)].format(name=re.escape(invocation)))
    requests = 0
    for phrase in entry["examplePhrases"]:
        match = pattern.fullmatch(phrase.lower().rstrip("."))
        assert match, f"{phrase!r} is not 'Alexa, <launch word> {invocation} [request]'"
        assert match["launch"] in LAUNCH_WORDS[language(locale)], phrase
        if match["request"]:
            requests += 1
            assert _normalise(match["request"]) in samples, f"{phrase!r}: request is not a sample"
    assert requests, "at least one example phrase should carry a request"
