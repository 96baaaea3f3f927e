"""Whole conversations through `lambda_handler`, with Alexa's directive API faked over HTTPS."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pytest

import lambda_function
from tests.support.envelopes import SKILL_ID, AlexaConversation, speech_of
from tests.support.heard import hold_heard_seconds

# Every conversation here keeps its progress in a moto table built from infra/.
pytestmark = pytest.mark.usefixtures("progress_store")

BREAK = re.compile(r'<break time="(\d+)ms"/>')
HOLD_SECONDS = 30


@pytest.fixture
def handler(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """`lambda_handler` as Lambda runs it: the skill built once from the environment."""
    monkeypatch.setenv("SKILL_ID", SKILL_ID)
    monkeypatch.setenv("ALEXA_API_BUDGET_SECONDS", "2")
    monkeypatch.setattr(lambda_function, "_skill", None)
    yield lambda_function.lambda_handler
    monkeypatch.setattr(lambda_function, "_skill", None)


def whole_hold(ssml: str, seconds: int = HOLD_SECONDS) -> bool:
    """The count of a hold, heard (silence and spoken marks at 150 words a minute) as long
    as asked, within a second."""
    return abs(hold_heard_seconds(ssml) - seconds) <= 1


def play(handler: Any, alexa: AlexaConversation, envelope: dict[str, Any]) -> dict[str, Any]:
    return alexa.carry(handler(envelope, None))


def test_a_whole_routine_counts_four_holds_with_progressive_responses(handler, fake_alexa_api):
    alexa = AlexaConversation(api_endpoint=fake_alexa_api.api_endpoint)
    responses = [play(handler, alexa, alexa.launch())]
    directives_per_turn = [len(fake_alexa_api.directives)]
    for _ in range(3):
        responses.append(play(handler, alexa, alexa.intent("AMAZON.NextIntent")))
        directives_per_turn.append(len(fake_alexa_api.directives))

    spoken = fake_alexa_api.speech_texts()
    assert all(text.startswith("<speak>") for text in spoken)
    heard = " ".join(spoken) + " ".join(speech_of(r) for r in responses)
    assert "hip flexor" in heard and "lat stretch" in heard
    for side in ("left knee", "right knee", "right arm", "left arm"):
        assert side in heard
    # every hold's count is in progressive responses, and finished in its full response
    assert directives_per_turn[0] >= 2
    assert all(later - earlier >= 1 for earlier, later in pairwise(directives_per_turn))
    sent_before = [0, *directives_per_turn[:-1]]
    for response, first, last in zip(responses, sent_before, directives_per_turn, strict=True):
        assert whole_hold(" ".join([*spoken[first:last], speech_of(response)]))
    # The last hold's response keeps the session open (a cut into it still reaches the
    # skill): the routine is done, and one short question closes it.
    last_hold = speech_of(responses[-1])
    assert "whole routine" in last_hold and "how your week is going?" in last_hold
    assert all(r["response"]["shouldEndSession"] is False for r in responses)
    closing = play(handler, alexa, alexa.intent("AMAZON.NoIntent"))
    assert "See you next time." in speech_of(closing)
    assert len(fake_alexa_api.directives) == directives_per_turn[-1]  # no count: a goodbye
    assert closing["response"]["shouldEndSession"] is True


def test_directives_carry_the_token_and_the_request_id_in_order(handler, fake_alexa_api):
    alexa = AlexaConversation(api_endpoint=fake_alexa_api.api_endpoint, api_access_token="tok-123")
    envelope = alexa.launch()
    handler(envelope, None)
    posts = [r for r in fake_alexa_api.requests if r.method == "POST"]
    assert posts and all(r.header("Authorization") == "Bearer tok-123" for r in posts)
    assert all(r.body["header"]["requestId"] == envelope["request"]["requestId"] for r in posts)
    assert all(r.body["directive"]["type"] == "VoicePlayer.Speak" for r in posts)
    texts = fake_alexa_api.speech_texts()
    assert texts[0].index("Welcome") < texts[0].index("hip flexor")
    assert "10 seconds." in texts[-1] and "20 seconds." in texts[-1]


@pytest.mark.parametrize("status", [500, 403, 429])
def test_a_refusing_directive_api_puts_the_whole_count_in_the_full_response(
    handler, fake_alexa_api, status
):
    fake_alexa_api.directive_status = status
    alexa = AlexaConversation(api_endpoint=fake_alexa_api.api_endpoint)
    response = handler(alexa.launch(), None)
    ssml = speech_of(response)
    assert len(fake_alexa_api.directives) == 1  # tried once, then gave up on the rest
    assert "Welcome" in ssml and whole_hold(ssml)
    assert "10 seconds." in ssml and "And release." in ssml


def test_a_directive_api_failing_midway_keeps_what_was_sent_and_says_the_rest(
    handler, fake_alexa_api
):
    fake_alexa_api.fail_after(1)
    alexa = AlexaConversation(api_endpoint=fake_alexa_api.api_endpoint)
    response = handler(alexa.launch(), None)
    delivered = fake_alexa_api.speech_texts()[0]
    ssml = speech_of(response)
    assert "Welcome" in delivered and "Welcome" not in ssml
    assert whole_hold(ssml)


def test_a_hanging_directive_api_costs_at_most_the_timeout(handler, fake_alexa_api):
    fake_alexa_api.directive_hang = True
    alexa = AlexaConversation(api_endpoint=fake_alexa_api.api_endpoint)
    started = time.monotonic()
    response = handler(alexa.launch(), None)
    elapsed = time.monotonic() - started
    assert elapsed < 2.5
    assert whole_hold(speech_of(response))


def test_without_an_api_token_everything_is_in_the_full_response(handler, fake_alexa_api):
    alexa = AlexaConversation(api_endpoint=fake_alexa_api.api_endpoint, api_access_token=None)
    response = handler(alexa.launch(), None)
    assert fake_alexa_api.requests == []
    assert whole_hold(speech_of(response))


def test_a_plain_http_api_endpoint_is_never_called(handler, fake_alexa_api):
    plain = fake_alexa_api.api_endpoint.replace("https://", "http://")
    alexa = AlexaConversation(api_endpoint=plain)
    response = handler(alexa.launch(), None)
    assert fake_alexa_api.requests == []
    assert whole_hold(speech_of(response))


def test_repeat_over_lambda_repeats_the_step_without_advancing(handler, fake_alexa_api):
    alexa = AlexaConversation(api_endpoint=fake_alexa_api.api_endpoint)
    play(handler, alexa, alexa.launch())
    play(handler, alexa, alexa.intent("AMAZON.NextIntent"))
    before = len(fake_alexa_api.speech_texts())
    repeated = play(handler, alexa, alexa.intent("AMAZON.RepeatIntent"))
    assert alexa.carried.coach["step"] == 1
    # After a side, "repeat" says again what followed its hold, not the side's set-up.
    heard = speech_of(repeated)
    assert "Next is the lat stretch." in heard and "Say next when you're ready." in heard
    assert "right knee" not in heard
    assert fake_alexa_api.speech_texts()[before:] == []  # no count: words, not a hold


@pytest.mark.parametrize(
    "payload",
    [
        None,
        "not json at all",
        ["a", "list"],
        {"hello": "world"},
        {"version": "1.0", "request": {"type": "LaunchRequest"}},
        {"version": "1.0", "request": "LaunchRequest"},
    ],
)
def test_a_malformed_payload_gets_a_spoken_apology_not_an_exception(handler, payload):
    response = handler(payload, None)
    assert "Sorry" in speech_of(response)
    assert response["response"]["shouldEndSession"] is True


def test_the_summary_shows_the_week_on_a_screen_and_nothing_more_on_a_speaker(handler):
    speaker = handler(AlexaConversation().intent("WeeklySummaryIntent"), None)
    shown = handler(AlexaConversation(screen=True).intent("WeeklySummaryIntent"), None)
    assert "directives" not in speaker["response"]
    [document] = shown["response"]["directives"]
    assert document["type"] == "Alexa.Presentation.APL.RenderDocument"
    assert len(document["datasources"]["week"]["days"]) == 7
    assert speech_of(shown) == speech_of(speaker)


def test_an_unknown_request_type_gets_an_empty_response(handler):
    envelope = AlexaConversation().envelope({"type": "Alexa.Something.New"})
    assert handler(envelope, None) == {"version": "1.0", "response": {}}


def test_a_skill_event_it_does_not_speak_to_gets_an_empty_response(handler):
    envelope = AlexaConversation().envelope({"type": "AlexaSkillEvent.SkillEnabled"})
    response = handler(envelope, None)
    assert speech_of(response) == ""


def test_an_unknown_intent_gets_the_fallback(handler):
    alexa = AlexaConversation()
    play(handler, alexa, alexa.launch())
    response = play(handler, alexa, alexa.intent("SomethingElseIntent"))
    # Between sides: one short sentence saying what can be said now, the place kept.
    first = "Say next when you're ready, or pause if you need a minute."
    assert first in speech_of(response)
    assert "didn't catch that" not in speech_of(response)
    assert alexa.carried.coach["step"] == 0
    # Not understood again: said another way, never the same sentence twice in a row.
    again = speech_of(play(handler, alexa, alexa.intent("SomethingElseIntent")))
    assert "Whenever you're ready, just say next." in again and first not in again
    assert alexa.carried.coach["step"] == 0


def test_an_intent_without_a_session_is_still_answered(handler):
    alexa = AlexaConversation()
    response = handler(
        alexa.envelope(
            {"type": "IntentRequest", "intent": {"name": "AMAZON.HelpIntent"}}, with_session=False
        ),
        None,
    )
    assert "stretches" in speech_of(response)
    assert "sessionAttributes" not in response or not response["sessionAttributes"]


def test_an_unsupported_locale_is_answered_in_english(handler):
    alexa = AlexaConversation(locale="sv-SE")  # not an Alexa skill locale
    response = handler(alexa.launch(), None)
    assert "hip flexor" in speech_of(response)


def test_a_request_for_another_skill_is_refused(handler):
    alexa = AlexaConversation(skill_id="amzn1.ask.skill.someone-else")
    assert handler(alexa.launch(), None) == {"version": "1.0", "response": {}}


def test_a_request_whose_session_names_another_skill_is_refused(handler):
    """Both places a request names its skill must name this one."""
    envelope = AlexaConversation().launch()
    envelope["session"]["application"]["applicationId"] = "amzn1.ask.skill.someone-else"
    assert handler(envelope, None) == {"version": "1.0", "response": {}}


def test_a_payload_nested_thousands_deep_gets_a_spoken_apology_not_an_exception(handler):
    for payload in ("[" * 10_000 + "]" * 10_000, '{"a":' * 5_000 + "1" + "}" * 5_000):
        response = handler(payload, None)
        assert "outputSpeech" in response["response"]


def test_a_slot_that_is_not_a_number_asks_again(handler):
    alexa = AlexaConversation()
    play(handler, alexa, alexa.launch())
    response = play(handler, alexa, alexa.intent("SetHoldIntent", seconds="?"))
    assert "20" in speech_of(response) and "30" in speech_of(response)


def test_session_end_is_answered_with_no_speech(handler):
    alexa = AlexaConversation()
    play(handler, alexa, alexa.launch())
    response = handler(alexa.session_ended("EXCEEDED_MAX_REPROMPTS"), None)
    assert "outputSpeech" not in response["response"]


def test_with_too_little_time_left_nothing_is_sent_and_all_is_said_in_full(fake_alexa_api):
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope

    from backstretch.alexa_api.client import HttpsAlexaApi
    from backstretch.budget import TurnBudget
    from backstretch.routine.content import load_routine
    from backstretch.routine.conversation import Event, EventKind, respond
    from backstretch.routine.state import CoachState
    from backstretch.skill.request import read_request
    from backstretch.speech.ssml import split_for_progressive
    from backstretch.turn.delivery import deliver

    routine = load_routine()
    turn = respond(CoachState(), Event(EventKind.LAUNCH), routine)
    spoken = split_for_progressive(turn.speech, routine.hold)
    alexa = AlexaConversation(api_endpoint=fake_alexa_api.api_endpoint)
    envelope = DefaultSerializer().deserialize(json.dumps(alexa.launch()), RequestEnvelope)
    delivery = deliver(spoken, read_request(envelope), HttpsAlexaApi(), TurnBudget(0.3))
    assert fake_alexa_api.requests == []
    assert delivery.sent == 0 and delivery.failed
    assert whole_hold(spoken.final_ssml(delivery.sent))


def test_distinct_locales_do_not_grow_what_the_skill_keeps(handler):
    """A locale is input: made-up ones share the one routine they fall back to, rather than
    each leaving a copy behind."""
    from backstretch.routine.content import load_routine

    for number in range(3):
        response = handler(AlexaConversation(locale=f"xx-{number}" + "Z" * 1000).launch(), None)
        assert "hip flexor" in speech_of(response)
    assert load_routine("xx-1" + "Z" * 1000) is load_routine("xx-2") is load_routine("en-US")


# --- numbers and times no device would send -----------------------------------------------------

SORRY = "something went wrong on my side"


@pytest.mark.parametrize("said", ["1e400", "inf", "-inf", "1" * 40, "nan"])
def test_a_hold_length_out_of_any_range_gets_the_range_not_an_apology(handler, said):
    alexa = AlexaConversation()
    play(handler, alexa, alexa.launch())
    heard = speech_of(play(handler, alexa, alexa.intent("SetHoldIntent", seconds=said)))
    assert SORRY not in heard
    assert "20" in heard and "30" in heard  # the article's range, said back


@pytest.mark.parametrize(
    "attributes",
    [
        {"phase": "coaching", "step": 0, "hold_seconds": 1e308},
        {"phase": "coaching", "step": 0, "hold_seconds": float("inf")},
        {"phase": "not_started", "step": 0, "resume_step": 99},
        {"phase": "not_started", "step": 0, "resume_step": -3},
        {
            "phase": "coaching",
            "step": 1,
            "sides_done": 1,
            "started_at": "9999-12-31T23:59:59+00:00",
        },
        {"phase": "coaching", "step": 1, "sides_done": 1, "seconds_held": 10**12},
        {"phase": "coaching", "step": 0, "speech_lasts": float("nan"), "hold_step": 7},
    ],
)
def test_session_attributes_no_skill_wrote_are_treated_as_absent(handler, attributes):
    alexa = AlexaConversation()
    alexa.attributes, alexa.new = dict(attributes), False
    for intent in ("AMAZON.NextIntent", "AMAZON.StopIntent"):
        heard = speech_of(play(handler, alexa, alexa.intent(intent)))
        assert SORRY not in heard, (intent, heard)
        assert heard  # the conversation carried on, and was heard


@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"])
def test_a_summary_stamped_in_year_1_or_9999_is_still_a_summary(handler, stamp):
    envelope = AlexaConversation().intent("WeeklySummaryIntent")
    envelope["request"]["timestamp"] = stamp
    heard = speech_of(handler(envelope, None))
    assert SORRY not in heard
    assert "week" in heard
