"""Networks that lie: Alexa's APIs and DynamoDB answering slowly, a byte at a time, or with
something that is not their answer. Each turn is still answered in time, and says something
true.

Alexa waits about 8 s for a turn and the function's timeout is 7 s; the skill promises 6.5 s
whatever the network does (the per-read timeouts of `requests` and botocore cannot, alone).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest

from backstretch.alexa_api.client import HttpsAlexaApi
from backstretch.progress.dynamodb import DynamoProgressStore, progress_client
from backstretch.progress.memory import InMemoryProgressStore
from backstretch.progress.store import ProgressStore
from backstretch.routine.content import load_routine
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch.turn.session import SessionAttributes
from tests.support.envelopes import AlexaConversation, speech_of
from tests.support.fault_servers import FaultServer, fault_server, http_answer

ALEXA_WAITS_SECONDS = 8.0
PROMISED_SECONDS = 6.5
HOLD_SECONDS = 30
LINES = load_routine().lines


def seconds_of_breaks(ssml: str) -> float:
    return sum(int(ms) for ms in re.findall(r'<break time="(\d+)ms"/>', ssml)) / 1000


def timed(skill: BackStretchSkill, envelope: dict[str, Any]) -> tuple[dict[str, Any], float]:
    started = time.monotonic()
    response = skill.handle_payload(envelope)
    return response, time.monotonic() - started


def skill_on(store: ProgressStore) -> BackStretchSkill:
    return BackStretchSkill(SkillConfig(), api=HttpsAlexaApi(), store=store)


def dynamodb_faking(server: FaultServer) -> DynamoProgressStore:
    return DynamoProgressStore("progress", progress_client(server.url, "us-east-1"))


@pytest.fixture(autouse=True)
def _no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """botocore's retry backoff is real time; the deadline is what is under test."""
    monkeypatch.setattr("botocore.endpoint.time.sleep", lambda _: None)


# --- Alexa's APIs -----------------------------------------------------------------------------


def test_a_directive_api_dripping_its_answer_cannot_stretch_the_turn(tls_server_context):
    dripping = http_answer("204 No Content", b"", "application/json")
    with fault_server(dripping, every=0.3, tls=tls_server_context) as api:
        alexa = AlexaConversation(api_endpoint=api.url)
        response, seconds = timed(skill_on(InMemoryProgressStore()), alexa.launch())

    assert seconds < PROMISED_SECONDS < ALEXA_WAITS_SECONDS
    # Nothing went out as a progressive response that Alexa confirmed: the whole hold is said
    # in the full response.
    assert seconds_of_breaks(speech_of(response)) >= HOLD_SECONDS


# --- DynamoDB ---------------------------------------------------------------------------------


def get_item_answer() -> bytes:
    return http_answer("200 OK", b"{}", "application/x-amz-json-1.0")


def test_a_table_dripping_its_answer_cannot_stretch_a_launch():
    with fault_server(get_item_answer(), every=0.2) as table:
        alexa = AlexaConversation(api_access_token=None)
        response, seconds = timed(skill_on(dynamodb_faking(table)), alexa.launch())

    assert seconds < PROMISED_SECONDS
    heard = speech_of(response)
    assert LINES.progress_not_read in heard
    assert seconds_of_breaks(speech_of(response)) >= HOLD_SECONDS


def test_a_table_dripping_its_answer_cannot_stretch_the_finishing_turn():
    played = InMemoryProgressStore()
    alexa = AlexaConversation(api_access_token=None)
    skill = skill_on(played)
    alexa.carry(skill.handle_payload(alexa.launch()))
    for _ in range(2):
        alexa.carry(skill.handle_payload(alexa.intent("AMAZON.NextIntent")))

    with fault_server(get_item_answer(), every=0.2) as table:
        dripping = skill_on(dynamodb_faking(table))
        last_hold, counted = timed(dripping, alexa.intent("AMAZON.NextIntent"))
        alexa.carry(last_hold)
        # "No" to hearing the week: the turn that finishes the routine, and writes it.
        response, seconds = timed(dripping, alexa.intent("AMAZON.NoIntent"))

    assert counted < PROMISED_SECONDS
    assert seconds_of_breaks(speech_of(last_hold)) >= HOLD_SECONDS
    assert seconds < PROMISED_SECONDS
    assert LINES.progress_save_pending in speech_of(response)  # the table never answered
    owed = SessionAttributes.read(response["sessionAttributes"]).unsaved
    assert owed is not None and owed["kind"] == "finish"  # kept, to write on a later turn


@pytest.fixture
def garbage() -> Iterator[FaultServer]:
    page = b"<html><body>Please sign in to the hotel Wi-Fi</body></html>"
    with fault_server(http_answer("200 OK", page, "text/html")) as server:
        yield server


def test_a_200_that_is_not_dynamodbs_answer_is_not_taken_for_a_new_person(garbage):
    alexa = AlexaConversation(api_access_token=None)

    heard = speech_of(skill_on(dynamodb_faking(garbage)).handle_payload(alexa.launch()))

    assert LINES.progress_not_read in heard


def test_a_200_that_is_not_dynamodbs_answer_is_not_a_saved_routine(garbage):
    alexa = AlexaConversation(api_access_token=None)
    skill = skill_on(InMemoryProgressStore())
    alexa.carry(skill.handle_payload(alexa.launch()))
    for _ in range(3):
        alexa.carry(skill.handle_payload(alexa.intent("AMAZON.NextIntent")))

    # "No" to hearing the week: the turn that finishes the routine.
    finished = skill_on(dynamodb_faking(garbage)).handle_payload(alexa.intent("AMAZON.NoIntent"))

    # The profile's read got the page: nothing was written, and the session keeps it to write.
    assert LINES.progress_save_pending in speech_of(finished)
    owed = SessionAttributes.read(finished["sessionAttributes"]).unsaved
    assert owed is not None and owed["kind"] == "finish"
    assert finished["response"]["shouldEndSession"] is False


def test_a_200_that_is_not_dynamodbs_answer_to_the_summary_says_so(garbage):
    alexa = AlexaConversation(api_access_token=None)

    heard = speech_of(
        skill_on(dynamodb_faking(garbage)).handle_payload(alexa.intent("WeeklySummaryIntent"))
    )

    assert LINES.error not in heard
    assert LINES.summary_unavailable in heard


def test_an_answer_cut_inside_its_headers_is_not_taken_for_a_new_person():
    with fault_server(get_item_answer(), cut_after=30) as table:
        alexa = AlexaConversation(api_access_token=None)
        heard = speech_of(skill_on(dynamodb_faking(table)).handle_payload(alexa.launch()))

    assert LINES.progress_not_read in heard
