"""Checks on the skill package: the en-US interaction model and the skill manifest.

These read the JSON that the ASK CLI deploys, so a broken model or manifest fails here,
before it fails a build in the developer console or a certification review.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from functools import cache
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).parents[2]
SKILL_PACKAGE = REPO_ROOT / "skill-package"
MODEL_PATH = SKILL_PACKAGE / "interactionModels" / "custom" / "en-US.json"
MANIFEST_PATH = SKILL_PACKAGE / "skill.json"

INVOCATION_NAME = "my back stretches"
LAMBDA_ARN = re.compile(
    r"^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$"
)

CUSTOM_INTENTS = {
    "StartRoutineIntent",
    "WhyIntent",
    "SetHoldIntent",
    "WeeklySummaryIntent",
    "PainIntent",
    "GentlerIntent",
    "RedoSideIntent",
    "SkipStretchIntent",
    "GoToStretchIntent",
    "DoneForTodayIntent",
    "WhereAmIIntent",
    "HoldLengthIntent",
    "SetReminderIntent",
    "ChangeReminderIntent",
    "ListRemindersIntent",
    "CancelReminderIntent",
    "TimeLeftIntent",
    "FormCheckIntent",
    "RemarkIntent",
    "WarningSignIntent",
    "KneeIntent",
}
# What people say while they stretch: Amazon asks for many varied samples, so these carry at
# least MID_ROUTINE_SAMPLES each.
MID_ROUTINE_INTENTS = CUSTOM_INTENTS - {
    "StartRoutineIntent",
    "WeeklySummaryIntent",
    "SetReminderIntent",
    "ChangeReminderIntent",
    "ListRemindersIntent",
    "CancelReminderIntent",
}
MID_ROUTINE_SAMPLES = 25
BUILT_IN_INTENTS = {
    "AMAZON.NextIntent",
    "AMAZON.PreviousIntent",
    "AMAZON.RepeatIntent",
    "AMAZON.PauseIntent",
    "AMAZON.ResumeIntent",
    "AMAZON.StartOverIntent",
    "AMAZON.YesIntent",
    "AMAZON.NoIntent",
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.NavigateHomeIntent",
}
# Every custom skill must declare these to build and pass certification.
REQUIRED_BUILT_INS = {
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.NavigateHomeIntent",
}
# Phrases people actually say mid-routine (see shared/PRODUCT.md): each must reach its intent.
SPOKEN_PHRASES = {
    "repeat that": "AMAZON.RepeatIntent",
    "say that again": "AMAZON.RepeatIntent",
    "go back": "AMAZON.PreviousIntent",
    "start over": "AMAZON.StartOverIntent",
    "resume": "AMAZON.ResumeIntent",
    "how did i do this week": "WeeklySummaryIntent",
    "why": "WhyIntent",
    "ready": "AMAZON.NextIntent",
    "what reminders do i have": "ListRemindersIntent",
    "when will you remind me": "ListRemindersIntent",
    "stop reminding me": "CancelReminderIntent",
    "cancel my stretch reminder": "CancelReminderIntent",
    "set a stretch reminder": "SetReminderIntent",
    "hang on": "AMAZON.PauseIntent",
    "i'm ready": "AMAZON.NextIntent",
    "how much longer": "TimeLeftIntent",
    "is this right": "FormCheckIntent",
    "that feels good": "RemarkIntent",
    "i felt a pinch": "WarningSignIntent",
    "i can't kneel": "KneeIntent",
}
# Words that do not make a sample say anything by themselves: a sample of these and slots
# only ("at {time}", "make it {time}", "{days} at {time}") would take in almost any phrase
# with a value in it, and on a device it competes with every short phrase.
_FUNCTION = (
    "a about an and around at by each every for how i in is "
    "it let's make maybe me my of on or please say the them to"
)
FUNCTION_WORDS = frozenset(_FUNCTION.split())
# The dialog model: the slots the skill asks for itself (Dialog.ElicitSlot).
ELICITED_SLOTS = {
    ("SetReminderIntent", "time"),
    ("ChangeReminderIntent", "time"),
    ("GoToStretchIntent", "stretch"),
}
LAUNCH_WORDS = {
    "open",
    "ask",
    "start",
    "launch",
    "tell",
    "begin",
    "load",
    "run",
    "play",
    "enable",
    "use",
    "resume",
}
WAKE_WORDS = {"alexa", "echo", "amazon", "computer", "ziggy"}

# Lowercase words, apostrophes, single spaces, and {slot} references.
_TOKEN = r"(?:[a-z']+|\{[A-Za-z][A-Za-z0-9_]*\})"
SAMPLE_FORMAT = re.compile(rf"^{_TOKEN}(?: {_TOKEN})*$")
SLOT_REFERENCE = re.compile(r"\{([^{}]*)\}")


@cache
def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def language_model() -> dict[str, Any]:
    return _load(MODEL_PATH)["interactionModel"]["languageModel"]


def intents() -> list[dict[str, Any]]:
    return language_model()["intents"]


def intent(name: str) -> dict[str, Any]:
    matches = [i for i in intents() if i["name"] == name]
    assert len(matches) == 1, f"{name} declared {len(matches)} times"
    return matches[0]


def all_samples() -> list[tuple[str, str]]:
    """(intent name, sample) for every intent sample and every slot elicitation sample."""
    return intent_samples() + [(name, s) for name, _, s in slot_samples()]


def intent_samples() -> list[tuple[str, str]]:
    """(intent name, sample) for every intent sample: what Alexa hears at any moment."""
    return [(item["name"], s) for item in intents() for s in item.get("samples", [])]


def slot_samples() -> list[tuple[str, str, str]]:
    """(intent, slot, sample) for every slot elicitation sample: heard only while the skill
    asks for that slot."""
    return [
        (item["name"], slot["name"], s)
        for item in intents()
        for slot in item.get("slots", [])
        for s in slot.get("samples", [])
    ]


def dialog() -> dict[str, Any]:
    return _load(MODEL_PATH)["interactionModel"]["dialog"]


def prompts() -> dict[str, Any]:
    return {p["id"]: p for p in _load(MODEL_PATH)["interactionModel"]["prompts"]}


def carrier_words(sample: str) -> list[str]:
    """The words of a sample that are neither slots nor function words."""
    words = SLOT_REFERENCE.sub(" ", sample).split()
    return [word for word in words if word not in FUNCTION_WORDS]


def manifest() -> dict[str, Any]:
    return _load(MANIFEST_PATH)["manifest"]


def en_us_listing() -> dict[str, Any]:
    return manifest()["publishingInformation"]["locales"]["en-US"]


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


# --- invocation name -------------------------------------------------------------------


def test_invocation_name_is_the_agreed_one() -> None:
    assert language_model()["invocationName"] == INVOCATION_NAME


def test_invocation_name_format() -> None:
    name = language_model()["invocationName"]
    assert name == name.lower(), "invocation name must be lowercase"
    assert re.fullmatch(r"[a-z.' ]+", name), "only lowercase letters, spaces, apostrophes, periods"
    assert name == name.strip(), "no leading or trailing spaces"
    assert "  " not in name, "single spaces between words"
    assert len(name.split()) >= 2, "invocation name needs at least two words"


def test_invocation_name_has_no_launch_or_wake_words() -> None:
    words = set(language_model()["invocationName"].split())
    assert not words & LAUNCH_WORDS, f"launch words in invocation name: {words & LAUNCH_WORDS}"
    assert not words & WAKE_WORDS, f"wake words in invocation name: {words & WAKE_WORDS}"


# --- intents ---------------------------------------------------------------------------


def test_declared_intents_are_exactly_the_expected_ones() -> None:
    names = [i["name"] for i in intents()]
    assert len(names) == len(set(names)), "an intent is declared twice"
    assert set(names) == CUSTOM_INTENTS | BUILT_IN_INTENTS


def test_required_built_ins_are_present() -> None:
    names = {i["name"] for i in intents()}
    missing = REQUIRED_BUILT_INS - names
    assert not missing, f"missing required built-in intents: {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(CUSTOM_INTENTS))
def test_custom_intents_have_samples(name: str) -> None:
    assert len(intent(name)["samples"]) >= 5, f"{name} needs a spread of sample utterances"


def test_set_hold_intent_declares_a_number_slot() -> None:
    slots = {s["name"]: s["type"] for s in intent("SetHoldIntent").get("slots", [])}
    assert slots == {"seconds": "AMAZON.NUMBER"}
    assert all("{seconds}" in s for s in intent("SetHoldIntent")["samples"])


@pytest.mark.parametrize("name", sorted(MID_ROUTINE_INTENTS))
def test_what_people_say_mid_routine_has_many_samples(name: str) -> None:
    assert len(intent(name)["samples"]) >= MID_ROUTINE_SAMPLES, f"{name}: too few ways to say it"


@pytest.mark.parametrize(
    ("name", "sample"),
    [
        ("AMAZON.PauseIntent", "hang on a sec"),
        ("AMAZON.PauseIntent", "give me a minute"),
        ("AMAZON.NextIntent", "i'm in position"),
        ("AMAZON.NextIntent", "done what's next"),
    ],
)
def test_built_in_intents_are_extended_where_people_say_more(name: str, sample: str) -> None:
    assert sample in intent(name)["samples"]


def test_only_hold_stretch_body_and_reminder_intents_have_slots() -> None:
    with_slots = {i["name"] for i in intents() if i.get("slots")}
    assert with_slots == {
        "SetHoldIntent",
        "GoToStretchIntent",
        "WhyIntent",
        "PainIntent",
        "WarningSignIntent",
        "FormCheckIntent",
        "RemarkIntent",
        "SetReminderIntent",
        "ChangeReminderIntent",
    }


def test_reminder_times_are_alexas_time_slot() -> None:
    """AMAZON.TIME gives "15:00" or a part of the day ("MO"), which the skill says back."""
    for name in ("SetReminderIntent", "ChangeReminderIntent"):
        slots = {s["name"]: s["type"] for s in intent(name)["slots"]}
        assert slots["time"] == "AMAZON.TIME"
        assert slots["days"] == "STRETCH_DAYS"


def test_custom_slot_types_are_declared_with_values() -> None:
    declared = {t["name"]: t for t in language_model().get("types", [])}
    used = {s["type"] for i in intents() for s in i.get("slots", [])}
    custom = {t for t in used if not t.startswith("AMAZON.")}
    assert custom == set(declared), "every custom slot type declared, and only those"
    assert all(declared[name]["values"] for name in custom)


def test_navigate_home_has_no_samples() -> None:
    assert not intent("AMAZON.NavigateHomeIntent").get("samples")


# --- samples ---------------------------------------------------------------------------


def test_samples_are_lowercase_without_punctuation() -> None:
    samples = all_samples()
    assert samples, "the model has no samples at all"
    bad = [(name, s) for name, s in samples if not SAMPLE_FORMAT.fullmatch(s)]
    assert not bad, f"samples must be lowercase words, apostrophes and {{slot}}s: {bad}"


def test_samples_are_unique_across_intents() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for name, sample in intent_samples():
        key = _normalise(sample)
        if key in seen:
            clashes.append((sample, seen[key], name))
        seen.setdefault(key, name)
    assert seen, "the model has no samples at all"
    assert not clashes, f"samples used more than once (sample, first intent, second): {clashes}"


def test_slot_samples_are_unique_within_their_slot_and_never_an_intent_sample() -> None:
    """The same answer may fill the time of two intents ("{time}"), never twice one slot."""
    said = {_normalise(sample) for _, sample in intent_samples()}
    per_slot = [(name, slot, _normalise(sample)) for name, slot, sample in slot_samples()]
    assert per_slot, "no slot elicitation samples at all"
    assert len(per_slot) == len(set(per_slot)), "a slot sample is listed twice"
    assert not [entry for entry in per_slot if entry[2] in said]


def test_no_intent_sample_is_made_only_of_slots() -> None:
    """No catch-alls: "{time}", "at {time}" or "{days} at {time}" as an intent sample takes
    any phrase with a value in it, mid-stretch included. Bare slots belong to the slot's
    elicitation samples, which Alexa hears only while the skill asks for that slot."""
    with_slots = [(name, s) for name, s in intent_samples() if SLOT_REFERENCE.search(s)]
    assert with_slots, "no sample with a slot at all"
    slot_only = [(name, s) for name, s in with_slots if not carrier_words(s)]
    assert slot_only == [], f"samples with no word of their own: {slot_only}"


def test_the_dialog_model_collects_a_reminder_time_and_a_stretch() -> None:
    model = dialog()
    assert model["delegationStrategy"] == "SKILL_RESPONSE", "the skill asks, not Alexa"
    elicited = set()
    for item in model["intents"]:
        assert item.get("delegationStrategy", "SKILL_RESPONSE") == "SKILL_RESPONSE"
        declared = {s["name"]: s for s in intent(item["name"]).get("slots", [])}
        for slot in item["slots"]:
            elicited.add((item["name"], slot["name"]))
            assert slot["type"] == declared[slot["name"]]["type"]
            assert slot["prompts"]["elicitation"] in prompts(), slot
            assert declared[slot["name"]].get("samples"), f"{slot['name']}: nothing to hear"
    assert elicited == ELICITED_SLOTS


def test_every_prompt_is_used_and_speaks() -> None:
    used = {s["prompts"]["elicitation"] for i in dialog()["intents"] for s in i["slots"]}
    assert set(prompts()) == used
    for prompt in prompts().values():
        assert prompt["variations"], prompt["id"]
        assert all(v["type"] == "PlainText" and v["value"] for v in prompt["variations"])


@pytest.mark.parametrize("type_name", ["STRETCH", "BODY_PART", "STRETCH_DAYS"])
def test_custom_values_have_ids_and_synonyms(type_name: str) -> None:
    (declared,) = [t for t in language_model()["types"] if t["name"] == type_name]
    ids = [value.get("id") for value in declared["values"]]
    assert all(ids) and len(ids) == len(set(ids)), f"{type_name}: every value needs its own id"
    assert any(value["name"].get("synonyms") for value in declared["values"])


def test_the_stretch_slot_resolves_to_the_routines_stretch_ids() -> None:
    (stretch,) = [t for t in language_model()["types"] if t["name"] == "STRETCH"]
    assert {value["id"] for value in stretch["values"]} == {"kneeling_hip_flexor", "lat"}


def test_slot_references_are_declared_slots_of_their_intent() -> None:
    checked = 0
    for item in intents():
        declared = {s["name"] for s in item.get("slots", [])}
        for sample in item.get("samples", []):
            for ref in SLOT_REFERENCE.findall(sample):
                checked += 1
                assert ref in declared, f"{item['name']}: {{{ref}}} in {sample!r} is not a slot"
    assert checked, "no slot references found; SetHoldIntent should use {seconds}"


def test_no_stray_braces_in_samples() -> None:
    for name, sample in all_samples():
        stripped = SLOT_REFERENCE.sub("", sample)
        assert "{" not in stripped, f"{name}: unbalanced brace in {sample!r}"
        assert "}" not in stripped, f"{name}: unbalanced brace in {sample!r}"


@pytest.mark.parametrize(("phrase", "expected"), sorted(SPOKEN_PHRASES.items()))
def test_everyday_phrases_reach_the_right_intent(phrase: str, expected: str) -> None:
    owners = {name for name, s in all_samples() if _normalise(s) == phrase}
    assert owners == {expected}


# --- manifest --------------------------------------------------------------------------


def test_manifest_version() -> None:
    assert manifest()["manifestVersion"] == "1.0"


def test_en_us_listing() -> None:
    listing = en_us_listing()
    assert listing["name"] == "Back Stretch Coach"
    assert 0 < len(listing["summary"]) <= 160
    assert 0 < len(listing["description"]) <= 4000
    assert 0 < len(listing["keywords"]) <= 30


def test_description_says_what_the_skill_does() -> None:
    description = en_us_listing()["description"].lower()
    assert "count" in description, "say that holds are counted aloud"
    assert "remember" in description, "say that progress is remembered"


def test_description_carries_the_health_disclaimer() -> None:
    description = en_us_listing()["description"].lower()
    assert "not medical advice" in description
    assert re.search(r"if a stretch hurts, stop|stop if a stretch hurts", description)


def test_publishing_information() -> None:
    info = manifest()["publishingInformation"]
    assert info["category"] == "HEALTH_AND_FITNESS"
    assert info["isAvailableWorldwide"] is False
    countries = info["distributionCountries"]
    assert "US" in countries
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in countries)
    assert info["testingInstructions"].strip()


def test_example_phrases_start_with_alexa_and_use_the_invocation_name() -> None:
    phrases = en_us_listing()["examplePhrases"]
    invocation = language_model()["invocationName"]
    assert 1 <= len(phrases) <= 3
    for phrase in phrases:
        assert phrase.startswith("Alexa, "), phrase
        assert invocation in phrase.lower(), phrase


def test_example_phrase_requests_are_sample_utterances() -> None:
    """'Alexa, ask <name> <request>': the request must be one of the model's samples."""
    invocation = language_model()["invocationName"]
    samples = {_normalise(s) for _, s in all_samples()}
    pattern = re.compile(rf"^alexa, (\w+) {re.escape(invocation)}(?: (.+))?$")
    requests = 0
    for phrase in en_us_listing()["examplePhrases"]:
        match = pattern.fullmatch(phrase.lower().rstrip("."))
        assert match, f"{phrase!r} is not 'Alexa, <launch word> {invocation} [request]'"
        assert match.group(1) in LAUNCH_WORDS, phrase
        if match.group(2):
            requests += 1
            assert _normalise(match.group(2)) in samples, f"{phrase!r}: request is not a sample"
    assert requests, "at least one example phrase should carry a request"


def test_custom_endpoint_is_a_lambda_arn() -> None:
    uri = manifest()["apis"]["custom"]["endpoint"]["uri"]
    assert LAMBDA_ARN.fullmatch(uri), uri


def test_skill_disabled_event_goes_to_the_skill_endpoint() -> None:
    events = manifest()["events"]
    names = [s["eventName"] for s in events["subscriptions"]]
    assert "SKILL_DISABLED" in names
    assert events["endpoint"]["uri"] == manifest()["apis"]["custom"]["endpoint"]["uri"]


def test_the_only_permission_is_for_reminders() -> None:
    """The time zone needs none; stretch reminders need the reminders scope (Alexa asks the
    person for it by voice when they first want a reminder)."""
    assert manifest()["permissions"] == [{"name": "alexa::alerts:reminders:skill:readwrite"}]


def test_privacy_and_compliance() -> None:
    privacy = manifest()["privacyAndCompliance"]
    assert privacy["allowsPurchases"] is False
    assert privacy["usesPersonalInfo"] is False
    assert privacy["isChildDirected"] is False
    assert privacy["isExportCompliant"] is True
    assert privacy["containsAds"] is False
    # Whatever the owner publishes them at (the docs' publishing step replaces the
    # placeholders): certification needs both, on https.
    for locale, urls in privacy["locales"].items():
        for key in ("privacyPolicyUrl", "termsOfUseUrl"):
            parts = urllib.parse.urlsplit(urls[key])
            assert parts.scheme == "https" and parts.hostname, (locale, key, urls[key])
