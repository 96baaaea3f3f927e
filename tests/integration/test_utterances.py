"""Typed phrases resolved against our own interaction model, as Alexa would route them."""

from __future__ import annotations

import doctest
import importlib
import json
import pkgutil
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

from backstretch.routine.conversation import EventKind
from backstretch.skill.envelope import parse_envelope
from backstretch.skill.events import event_for
from backstretch_local import corpus, envelopes, lexicon, lexicons, nearest, utterances
from backstretch_local.envelopes import AlexaConversation, elicited_slot
from backstretch_local.lexicons import en
from backstretch_local.utterances import (
    FALLBACK_INTENT,
    InteractionModel,
    Utterance,
    UtteranceResolver,
)

normalise, parse_number, parse_time = en.LEXICON.normalise, en.parse_number, en.parse_time

MODEL_FILE = Path(__file__).parents[2] / "skill-package/interactionModels/custom/en-US.json"


@pytest.fixture(scope="module")
def resolver() -> UtteranceResolver:
    return UtteranceResolver(InteractionModel.load("en-US"))


def in_session(resolver: UtteranceResolver, text: str) -> Utterance:
    return resolver.resolve(text, in_session=True)


@pytest.mark.parametrize(
    ("said", "normalised"),
    [
        ("Repeat that.", "repeat that"),
        ("  WHAT'S   my streak?! ", "whats my streak"),
        ("What\u2019s the point", "whats the point"),
        ("Alexa, next", "next"),
        ("twenty-five", "twenty five"),
        ("", ""),
    ],
)
def test_phrases_are_normalised_before_matching(said: str, normalised: str) -> None:
    assert normalise(said) == normalised


@pytest.mark.parametrize(
    ("said", "number"),
    [
        ("20", 20),
        ("twenty", 20),
        ("twenty five", 25),
        ("Twenty-Five", 25),
        ("thirty one", 31),
        ("nineteen", 19),
        ("a hundred", 100),
        ("one hundred and five", 105),
        ("one hundred twenty", 120),
        ("ninety nine", 99),
        ("zero", 0),
    ],
)
def test_numbers_are_heard_in_digits_and_words(said: str, number: int) -> None:
    assert parse_number(said) == number


@pytest.mark.parametrize("said", ["lots", "twenty twenty", "five five", "and", "", "fifteen ten"])
def test_what_is_not_a_number_is_not_one(said: str) -> None:
    assert parse_number(said) is None


def test_every_sample_of_the_model_resolves_to_its_own_intent(
    resolver: UtteranceResolver,
) -> None:
    """A sample claimed by two intents, or shadowed by a built-in phrase, fails here."""
    model = json.loads(MODEL_FILE.read_text())["interactionModel"]["languageModel"]
    wrong = []
    for intent in model["intents"]:
        for sample in intent["samples"]:
            said = sample.replace("{seconds}", "twenty five").replace("{time}", "3 pm")
            said = said.replace("{days}", "weekdays").replace("{now}", "this time")
            heard = in_session(resolver, said)
            slots = heard.slot_values
            if (
                heard.intent != intent["name"]
                or ("{seconds}" in sample and slots != {"seconds": "25"})
                or ("{time}" in sample and slots.get("time") != "15:00")
            ):
                wrong.append((sample, heard.intent, slots))
    assert wrong == []


@pytest.mark.parametrize(
    ("said", "intent"),
    [
        # What the product says people say.
        ("repeat that", "AMAZON.RepeatIntent"),
        ("say that again", "AMAZON.RepeatIntent"),
        ("next", "AMAZON.NextIntent"),
        ("go back", "AMAZON.PreviousIntent"),
        ("pause", "AMAZON.PauseIntent"),
        ("resume", "AMAZON.ResumeIntent"),
        ("start over", "AMAZON.StartOverIntent"),
        ("stop", "AMAZON.StopIntent"),
        ("How did I do this week?", "WeeklySummaryIntent"),
        ("why does this help?", "WhyIntent"),
        # Built-in intents with no samples of ours: Alexa's own phrases.
        ("yes", "AMAZON.YesIntent"),
        ("Yeah", "AMAZON.YesIntent"),
        ("sure", "AMAZON.YesIntent"),
        ("ok", "AMAZON.YesIntent"),
        ("no thanks", "AMAZON.NoIntent"),
        ("nope", "AMAZON.NoIntent"),
        ("help", "AMAZON.HelpIntent"),
        ("what can I say", "AMAZON.HelpIntent"),
        ("cancel", "AMAZON.CancelIntent"),
        ("never mind", "AMAZON.CancelIntent"),
        ("go home", "AMAZON.NavigateHomeIntent"),
        ("skip", "AMAZON.NextIntent"),
        ("previous", "AMAZON.PreviousIntent"),
        ("repeat", "AMAZON.RepeatIntent"),
        ("restart", "AMAZON.StartOverIntent"),
        ("shut up", "AMAZON.StopIntent"),
        # Our samples win over a built-in's phrase for the same words.
        ("continue", "AMAZON.NextIntent"),
        # A body on the floor: pain, comfort, and moving around (issue 9).
        ("that hurts", "PainIntent"),
        ("Ow!", "PainIntent"),
        ("ouch", "PainIntent"),
        ("that's too much", "PainIntent"),
        ("it pinches", "WarningSignIntent"),
        ("I feel pain", "PainIntent"),
        ("my knee hurts", "PainIntent"),
        ("my back hurts", "PainIntent"),
        ("make it gentler", "GentlerIntent"),
        ("do that side again", "RedoSideIntent"),
        ("one more time", "RedoSideIntent"),
        ("skip this stretch", "SkipStretchIntent"),
        ("go to the next stretch", "SkipStretchIntent"),
        ("skip to the lat stretch", "GoToStretchIntent"),
        ("go back to the hip flexor", "GoToStretchIntent"),
        ("I'm done", "DoneForTodayIntent"),
        ("that's enough for today", "DoneForTodayIntent"),
        ("I've had enough", "DoneForTodayIntent"),
        ("I am done", "DoneForTodayIntent"),
        ("where am I", "WhereAmIIntent"),
        ("how much is left", "WhereAmIIntent"),
        ("how long is this", "WhereAmIIntent"),
        ("stop counting", "AMAZON.PauseIntent"),
        ("how long should I hold", "HoldLengthIntent"),
    ],
)
def test_spoken_phrases_reach_the_right_intent(
    resolver: UtteranceResolver, said: str, intent: str
) -> None:
    heard = in_session(resolver, said)
    assert (heard.request_type, heard.intent) == ("IntentRequest", intent)
    assert not heard.new_session


@pytest.mark.parametrize(
    ("said", "seconds"),
    [
        ("make the holds twenty seconds", "20"),
        ("Make the holds 25 seconds.", "25"),
        ("hold for thirty seconds", "30"),
        ("twenty five second holds", "25"),
        ("change the hold time to twenty", "20"),
        ("thirty seconds", "30"),
        ("make it one hundred seconds", "100"),
        ("um could we do twenty second holds please", "20"),
    ],
)
def test_hold_lengths_fill_the_number_slot(
    resolver: UtteranceResolver, said: str, seconds: str
) -> None:
    heard = in_session(resolver, said)
    assert heard.intent == "SetHoldIntent"
    assert heard.slot_values == {"seconds": seconds}


def test_a_number_alexa_cannot_understand_is_a_question_mark(resolver: UtteranceResolver) -> None:
    heard = in_session(resolver, "make the holds lots of seconds")
    assert (heard.intent, heard.slot_values) == ("SetHoldIntent", {"seconds": "?"})


@pytest.mark.parametrize(
    "said",
    [
        "sing me a song",
        "purple",
        "make the",
        "ugh",
        "hmm",
        "um",
        "what's the weather like",
        "play some music",
        "tell me a joke",
        # A value alone is no request: only while the skill asks for it (test_dialog_*).
        "twenty",
        "30",
        "3 pm",
        "the lat stretch",
        "weekdays",
    ],
)
def test_anything_else_is_the_fallback_intent(resolver: UtteranceResolver, said: str) -> None:
    heard = in_session(resolver, said)
    assert (heard.request_type, heard.intent) == ("IntentRequest", FALLBACK_INTENT)


@pytest.mark.parametrize(
    "said",
    [
        "open my back stretches",
        "Alexa, open my back stretches",
        "open my back stretches please",
        "launch my back stretches",
        "talk to my back stretches",
        "start my back stretches",
        "begin my back stretches",
    ],
)
def test_launch_phrases_open_the_skill(resolver: UtteranceResolver, said: str) -> None:
    heard = resolver.resolve(said, in_session=False)
    assert (heard.request_type, heard.intent, heard.new_session) == ("LaunchRequest", None, True)


def test_start_my_back_stretches_in_a_session_is_the_start_intent(
    resolver: UtteranceResolver,
) -> None:
    heard = in_session(resolver, "start my back stretches")
    assert (heard.request_type, heard.intent, heard.new_session) == (
        "IntentRequest",
        "StartRoutineIntent",
        False,
    )


@pytest.mark.parametrize(
    ("said", "intent", "slots"),
    [
        ("ask my back stretches how did I do this week", "WeeklySummaryIntent", {}),
        (
            "tell my back stretches to make the holds twenty seconds",
            "SetHoldIntent",
            {"seconds": "20"},
        ),
        ("ask my back stretches for help", "AMAZON.HelpIntent", {}),
        ("ask my back stretches what is the meaning of life", FALLBACK_INTENT, {}),
    ],
)
def test_one_shot_requests_name_the_skill_then_the_intent(
    resolver: UtteranceResolver, said: str, intent: str, slots: dict[str, str]
) -> None:
    heard = resolver.resolve(said, in_session=False)
    assert (heard.request_type, heard.intent, heard.new_session, heard.one_shot) == (
        "IntentRequest",
        intent,
        True,
        True,
    )
    assert {k: v for k, v in heard.slots if v is not None} == slots


def test_with_no_session_a_plain_phrase_is_taken_as_said_to_this_skill(
    resolver: UtteranceResolver,
) -> None:
    heard = resolver.resolve("how did I do this week", in_session=False)
    assert (heard.intent, heard.new_session, heard.one_shot) == ("WeeklySummaryIntent", True, True)


def test_exit_closes_the_session(resolver: UtteranceResolver) -> None:
    assert in_session(resolver, "exit").request_type == "SessionEndedRequest"


def test_a_resolved_phrase_becomes_the_envelope_alexa_sends(resolver: UtteranceResolver) -> None:
    heard = in_session(resolver, "make the holds twenty seconds")
    alexa = AlexaConversation(api_endpoint="https://127.0.0.1:1", attributes={"step": 1})
    envelope = parse_envelope(alexa.intent(heard.intent or "", **heard.slot_values))
    assert envelope["request"]["intent"]["slots"] == {
        "seconds": {"name": "seconds", "value": "20", "confirmationStatus": "NONE"}
    }
    assert envelope["session"]["attributes"] == {"step": 1}
    assert envelope["context"]["System"]["apiEndpoint"] == "https://127.0.0.1:1"


@pytest.mark.parametrize(
    ("said", "kind", "stretch", "body_part"),
    [
        ("skip to the lat stretch", EventKind.GO_TO, "lat", None),
        ("go back to the hip flexor", EventKind.GO_TO, "kneeling_hip_flexor", None),
        ("go to the kneeling stretch", EventKind.GO_TO, "kneeling_hip_flexor", None),
        ("skip to the purple one", EventKind.GO_TO, None, None),
        ("my knees hurt", EventKind.PAIN, None, "knee"),
        ("my knee hurts", EventKind.PAIN, None, "knee"),
        ("my back is killing me", EventKind.PAIN, None, "back"),
        ("ouch", EventKind.PAIN, None, None),
    ],
)
def test_a_resolved_phrase_becomes_the_event_the_conversation_needs(
    resolver: UtteranceResolver,
    said: str,
    kind: EventKind,
    stretch: str | None,
    body_part: str | None,
) -> None:
    heard = in_session(resolver, said)
    envelope = AlexaConversation().intent(heard.intent or "", **heard.slot_values)
    request = DefaultSerializer().deserialize(json.dumps(envelope), RequestEnvelope)
    event = event_for(request, datetime.now(UTC))
    assert (event.kind, event.stretch, event.body_part) == (kind, stretch, body_part)


def test_a_declared_slot_left_unsaid_is_sent_without_a_value() -> None:
    envelope = AlexaConversation().intent("SetHoldIntent", seconds=None)
    assert envelope["request"]["intent"]["slots"] == {
        "seconds": {"name": "seconds", "confirmationStatus": "NONE"}
    }


def test_a_model_is_read_from_any_directory(tmp_path: Path) -> None:
    document = {
        "interactionModel": {
            "languageModel": {
                "invocationName": "desk yoga",
                "intents": [
                    {
                        "name": "PoseIntent",
                        "slots": [{"name": "pose", "type": "POSE"}],
                        "samples": ["try the {pose}"],
                    },
                    {"name": "AMAZON.YesIntent", "samples": []},
                ],
                "types": [{"name": "POSE", "values": [{"name": {"value": "cat"}}]}],
            }
        }
    }
    (tmp_path / "en-GB.json").write_text(json.dumps(document))
    resolver = UtteranceResolver(InteractionModel.load("en-GB", tmp_path))
    # A custom type's slot takes what was said, listed or not, as Alexa's does...
    assert resolver.resolve("try the dog", in_session=True).slot_values == {"pose": "dog"}
    # ... and a listed value said with more words is the listed value.
    assert resolver.resolve("try the cat pose", in_session=True).slot_values == {"pose": "cat"}
    assert resolver.resolve("open desk yoga", in_session=False).request_type == "LaunchRequest"
    # Built-in intents the model does not declare are not understood.
    assert resolver.resolve("stop", in_session=True).intent == FALLBACK_INTENT
    assert resolver.resolve("yes", in_session=True).intent == "AMAZON.YesIntent"


@pytest.mark.parametrize(
    ("said", "intent", "slots"),
    [
        (
            "remind me to stretch every weekday at 3 pm",
            "SetReminderIntent",
            {"days": "every weekday", "time": "15:00", "now": None},
        ),
        (
            "remind me every day at 7:30",
            "SetReminderIntent",
            {"days": "every day", "time": "07:30", "now": None},
        ),
        (
            "set a stretch reminder for tomorrow morning",
            "SetReminderIntent",
            {"days": "tomorrow", "time": "MO", "now": None},
        ),
        (
            "remind me at this time on weekdays",
            "SetReminderIntent",
            {"days": "weekdays", "time": None, "now": "this time"},
        ),
        ("change my reminder to 5 pm", "ChangeReminderIntent", {"days": None, "time": "17:00"}),
        ("when will you remind me", "ListRemindersIntent", {}),
        ("stop reminding me", "CancelReminderIntent", {}),
        (
            "remind me to stretch every day at seven thirty in the evening",
            "SetReminderIntent",
            {"days": "every day", "time": "19:30", "now": None},
        ),
    ],
)
def test_reminder_phrases_reach_their_intent_with_alexas_values(
    resolver: UtteranceResolver, said: str, intent: str, slots: dict[str, str | None]
) -> None:
    heard = in_session(resolver, said)
    assert (heard.intent, heard.slot_values) == (intent, slots)


# --- What people actually say (issue 16): fillers, their own words, Alexa's values ---------


@pytest.mark.parametrize(
    ("said", "intent"),
    [
        ("um okay so could you repeat that please", "AMAZON.RepeatIntent"),
        ("Alexa, uh, hang on a sec", "AMAZON.PauseIntent"),
        ("ok I'm ready", "AMAZON.NextIntent"),
        ("okay", "AMAZON.YesIntent"),  # a lead-in alone is what was said
        ("how many seconds have I got left", "TimeLeftIntent"),
        ("am I even doing this right", "FormCheckIntent"),
        ("ooh that feels really good", "RemarkIntent"),
        ("I've got a shooting pain down my leg", "WarningSignIntent"),
        ("I'm feeling kind of light headed", "WarningSignIntent"),
        ("my knees can't take kneeling", "KneeIntent"),
        ("that doesn't feel good", "PainIntent"),  # not "that feels good"
        ("skip the kneeling stretch", "SkipStretchIntent"),  # not "skip to" a stretch
    ],
)
def test_phrases_no_sample_says_word_for_word_reach_their_intent(
    resolver: UtteranceResolver, said: str, intent: str
) -> None:
    assert in_session(resolver, said).intent == intent


def test_a_phrase_far_from_every_sample_is_the_fallback(resolver: UtteranceResolver) -> None:
    near = resolver.resolve("how much longer do I hold this", in_session=True)
    far = resolver.resolve("how much does a new car cost", in_session=True)
    assert (near.intent, far.intent) == ("TimeLeftIntent", FALLBACK_INTENT)


def test_a_stricter_threshold_understands_less(resolver: UtteranceResolver) -> None:
    strict = UtteranceResolver(resolver.model, threshold=0.99)
    said = "how many seconds have I got left"
    assert (in_session(resolver, said).intent, in_session(strict, said).intent) == (
        "TimeLeftIntent",
        FALLBACK_INTENT,
    )


@pytest.mark.parametrize(
    ("said", "time"),
    [
        ("three pm", "15:00"),
        ("half past seven in the evening", "19:30"),
        ("quarter to seven", "06:45"),
        ("six thirty in the evening", "18:30"),
        ("nine oclock at night", "21:00"),
        ("midnight", "00:00"),
        ("in the morning", "MO"),
        ("evenings", "EV"),
    ],
)
def test_a_time_arrives_as_alexa_sends_it(said: str, time: str) -> None:
    assert parse_time(said) == time


@pytest.mark.parametrize(
    ("said", "slot", "value", "resolved"),
    [
        ("my lower back really hurts", "bodyPart", "lower back", "lower_back"),
        ("my foot's gone numb", "bodyPart", "foot", "foot"),
        ("skip to the lats", "stretch", "lats", "lat"),
        ("skip to the purple one", "stretch", "purple one", None),
    ],
)
def test_custom_slots_carry_what_was_said_and_its_resolution(
    resolver: UtteranceResolver, said: str, slot: str, value: str, resolved: str | None
) -> None:
    heard = in_session(resolver, said)
    envelope = heard.envelope(AlexaConversation(skill_id="amzn1.ask.skill.test"))
    sent = envelope["request"]["intent"]["slots"][slot]
    (authority,) = sent["resolutions"]["resolutionsPerAuthority"]
    assert sent["value"] == value
    slot_type = "STRETCH" if slot == "stretch" else "BODY_PART"
    assert authority["authority"] == f"amzn1.er-authority.echo-sdk.amzn1.ask.skill.test.{slot_type}"
    if resolved is None:
        assert authority["status"]["code"] == "ER_SUCCESS_NO_MATCH"
        assert "values" not in authority
    else:
        assert authority["status"]["code"] == "ER_SUCCESS_MATCH"
        assert authority["values"][0]["value"]["id"] == resolved


def test_the_skill_reads_the_resolved_stretch_id(resolver: UtteranceResolver) -> None:
    """ "the standing one" is no word of the stretch's name: only the resolution says lat."""
    heard = resolver.resolve(
        "the standing one", in_session=True, eliciting=("GoToStretchIntent", "stretch")
    )
    envelope = heard.envelope(AlexaConversation())
    request = DefaultSerializer().deserialize(json.dumps(envelope), RequestEnvelope)
    event = event_for(request, datetime.now(UTC))
    assert (event.kind, event.stretch) == (EventKind.GO_TO, "lat")


# --- The dialog model: a slot heard only while the skill asks for it -------------------------

ASKING_TIME = ("SetReminderIntent", "time")
ASKING_STRETCH = ("GoToStretchIntent", "stretch")


@pytest.mark.parametrize(
    ("said", "eliciting", "slot", "value"),
    [
        ("3 pm", ASKING_TIME, "time", "15:00"),
        ("um, how about seven thirty in the morning", ASKING_TIME, "time", "07:30"),
        ("the lat stretch", ASKING_STRETCH, "stretch", "lat stretch"),
        ("uh the hip flexor one I guess", ASKING_STRETCH, "stretch", "hip flexor"),
    ],
)
def test_an_answer_to_the_skills_question_fills_the_slot_it_asked_for(
    resolver: UtteranceResolver,
    said: str,
    eliciting: tuple[str, str],
    slot: str,
    value: str,
) -> None:
    heard = resolver.resolve(said, in_session=True, eliciting=eliciting)
    assert (heard.intent, heard.slot_values[slot], heard.dialog_state) == (
        eliciting[0],
        value,
        "IN_PROGRESS",
    )
    # Not asked, the same words are no request at all.
    assert resolver.resolve(said, in_session=True).intent == FALLBACK_INTENT


@pytest.mark.parametrize(
    ("said", "eliciting", "intent"),
    [
        ("never mind", ASKING_TIME, "AMAZON.CancelIntent"),
        ("ow that hurts", ASKING_STRETCH, "PainIntent"),
        ("the purple one", ASKING_STRETCH, FALLBACK_INTENT),  # no stretch of ours
        ("whenever", ASKING_TIME, FALLBACK_INTENT),  # no time
    ],
)
def test_while_asked_anything_else_is_heard_as_ever(
    resolver: UtteranceResolver, said: str, eliciting: tuple[str, str], intent: str
) -> None:
    heard = resolver.resolve(said, in_session=True, eliciting=eliciting)
    assert (heard.intent, heard.dialog_state) == (intent, "COMPLETED")


def test_the_answer_carries_the_slots_the_dialog_already_holds(
    resolver: UtteranceResolver,
) -> None:
    heard = resolver.resolve("7 pm", in_session=True, eliciting=ASKING_TIME)
    known = heard.with_known({"days": "weekdays", "time": None, "now": None})
    envelope = known.envelope(AlexaConversation())
    assert envelope["request"]["dialogState"] == "IN_PROGRESS"
    slots = envelope["request"]["intent"]["slots"]
    assert (slots["days"]["value"], slots["time"]["value"]) == ("weekdays", "19:00")


def test_an_intent_of_the_dialog_model_starts_a_dialog(resolver: UtteranceResolver) -> None:
    asked = in_session(resolver, "remind me to stretch on weekdays")
    other = in_session(resolver, "how did I do this week")
    assert (asked.dialog_state, other.dialog_state) == ("STARTED", "COMPLETED")


def test_a_response_says_which_slot_it_elicits() -> None:
    response = {
        "response": {
            "directives": [
                {
                    "type": "Dialog.ElicitSlot",
                    "slotToElicit": "time",
                    "updatedIntent": {
                        "name": "SetReminderIntent",
                        "confirmationStatus": "NONE",
                        "slots": {
                            "days": {"name": "days", "value": "weekdays"},
                            "time": {"name": "time"},
                        },
                    },
                }
            ]
        }
    }
    assert elicited_slot(response) == (
        "SetReminderIntent",
        "time",
        {"days": "weekdays", "time": None},
    )
    assert elicited_slot({"response": {"directives": []}}) is None


@pytest.mark.parametrize("module", [lexicon, nearest, utterances, corpus, envelopes])
def test_the_examples_in_the_resolvers_docstrings_hold(module: ModuleType) -> None:
    """The local package is outside pytest's doctest paths: its examples are run here."""
    failed, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0
    assert failed == 0


@pytest.mark.parametrize(
    "name", [module.name for module in pkgutil.iter_modules(lexicons.__path__)]
)
def test_the_examples_in_each_languages_lexicon_hold(name: str) -> None:
    module = importlib.import_module(f"backstretch_local.lexicons.{name}")
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failed == 0
