"""After a slow spell, and beside one: the skill recovers as soon as the table does, a slow
Alexa API leaves the turn time to save, and every request type is answered (or refused) in
time, however it is shaped.

Alexa waits about 8 s for an answer; that, not the skill's own constants, is what each time
here is compared with.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from backstretch.alexa_api.client import HttpsAlexaApi
from backstretch.progress.dynamodb import DynamoProgressStore, progress_client
from backstretch.progress.store import ProgressStore
from backstretch.routine.content import load_routine
from backstretch.skill.config import SkillConfig
from backstretch.skill.handlers import EventNotProcessed
from backstretch.skill.service import BackStretchSkill
from backstretch_local.web.app import create_app
from tests.support.dynamodb import TABLE_NAME
from tests.support.envelopes import AlexaConversation, speech_of
from tests.support.fault_servers import FaultServer, fault_server, http_answer, slow_spell

ALEXA_WAITS_SECONDS = 8.0
LINES = load_routine().lines
DYNAMODB_JSON = "application/x-amz-json-1.0"
RETURNING = "amzn1.ask.account.RETURNING"


@pytest.fixture(autouse=True)
def _no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """botocore's retry backoff is real time; the deadline is what is under test."""
    monkeypatch.setattr("botocore.endpoint.time.sleep", lambda _: None)


def skill_on(store: ProgressStore) -> BackStretchSkill:
    return BackStretchSkill(SkillConfig(), api=HttpsAlexaApi(), store=store)


def table_behind(url: str) -> DynamoProgressStore:
    return DynamoProgressStore(TABLE_NAME, progress_client(url, "us-east-1"))


def timed(answer: Callable[[], Any]) -> tuple[Any, float]:
    started = time.monotonic()
    result = answer()
    return result, time.monotonic() - started


def finish_a_routine(skill: BackStretchSkill, alexa: AlexaConversation) -> dict[str, Any]:
    """Launch, "next" to the last side, then "no" to hearing the week: the finishing turn's
    response."""
    alexa.carry(skill.handle_payload(alexa.launch()))
    for _ in range(3):
        last_hold = alexa.carry(skill.handle_payload(alexa.intent("AMAZON.NextIntent")))
    assert "whole routine" in speech_of(last_hold)
    return alexa.carry(skill.handle_payload(alexa.intent("AMAZON.NoIntent")))


def routines_done(store: ProgressStore, user_id: str) -> int:
    return store.load_profile(user_id).routines_completed


# --- recovery after a slow spell ---------------------------------------------------------------


def test_after_a_slow_spell_the_next_turns_read_and_save_normally(progress_store, moto_endpoint):
    finish_a_routine(skill_on(progress_store), AlexaConversation(user_id=RETURNING))
    # An answer so long that, dripped, it outlasts the test: the calls given up on during
    # the spell are still running when the table is healthy again.
    endless = http_answer("200 OK", b"{" + b" " * 4000 + b"}", DYNAMODB_JSON)
    with slow_spell(endless, moto_endpoint, every=0.2) as table:
        skill = skill_on(table_behind(table.url))
        people = [AlexaConversation(api_access_token=None, user_id=f"p{n}") for n in range(8)]
        with ThreadPoolExecutor(len(people)) as pool:
            during = list(
                pool.map(lambda p: timed(lambda: skill.handle_payload(p.launch())), people)
            )
        assert all(LINES.progress_not_read in speech_of(r) for r, _ in during)
        assert max(seconds for _, seconds in during) < ALEXA_WAITS_SECONDS

        table.recover()
        returning = AlexaConversation(api_access_token=None, user_id=RETURNING)
        launched = skill.handle_payload(returning.launch())
        assert LINES.progress_not_read not in speech_of(launched)
        returning = AlexaConversation(api_access_token=None, user_id=RETURNING)
        finished = finish_a_routine(skill, returning)

    heard = speech_of(finished)
    assert LINES.progress_save_pending not in heard
    assert LINES.progress_save_unsure not in heard
    assert routines_done(progress_store, RETURNING) == 2


# --- a slow Alexa API beside a healthy table ---------------------------------------------------


def test_a_dripping_alexa_api_leaves_the_finishing_turn_time_to_save(
    tls_server_context, progress_store
):
    alexa = AlexaConversation(user_id=RETURNING)
    skill = skill_on(progress_store)
    alexa.carry(skill.handle_payload(alexa.launch()))
    for _ in range(2):
        alexa.carry(skill.handle_payload(alexa.intent("AMAZON.NextIntent")))

    dripping = http_answer("204 No Content", b"", "application/json")
    with fault_server(dripping, every=0.3, tls=tls_server_context) as api:
        alexa.api_endpoint = api.url
        # The last hold, its count sent to the dripping API; then the turn that finishes
        # the routine, asking the same API for the person's time zone before it saves.
        last_hold, counted = timed(lambda: skill.handle_payload(alexa.intent("AMAZON.NextIntent")))
        alexa.carry(last_hold)
        asked = api.connections
        finished, seconds = timed(lambda: skill.handle_payload(alexa.intent("AMAZON.NoIntent")))
        assert api.connections > asked, "the finishing turn called the slow API too"

    assert counted < ALEXA_WAITS_SECONDS - 1.0 and "whole routine" in speech_of(last_hold)
    assert seconds < ALEXA_WAITS_SECONDS - 1.0  # well inside what Alexa waits
    assert finished["response"]["shouldEndSession"] is True
    assert LINES.progress_save_pending not in speech_of(finished)
    assert routines_done(progress_store, RETURNING) == 1


# --- every request type on a deadline -----------------------------------------------------------


def skill_disabled(user_id: str = RETURNING) -> dict[str, Any]:
    return AlexaConversation(user_id=user_id).envelope(
        {"type": "AlexaSkillEvent.SkillDisabled", "body": {}}, with_session=False
    )


@pytest.fixture
def dripping_table() -> Any:
    # Dripped, this answer takes ~9 s: longer than Alexa waits, but it ends.
    answer = http_answer("200 OK", b'{"Items": []' + b" " * 60 + b"}", DYNAMODB_JSON)
    with fault_server(answer, every=0.05) as table:
        yield table


def test_skill_disabled_under_a_dripping_table_raises_on_lambda_in_time(dripping_table, caplog):
    skill = skill_on(table_behind(dripping_table.url))

    started = time.monotonic()
    with caplog.at_level(logging.WARNING), pytest.raises(EventNotProcessed):
        skill.handle_payload(skill_disabled())

    assert time.monotonic() - started < ALEXA_WAITS_SECONDS
    assert any("not deleted" in r.getMessage() for r in caplog.records), caplog.text


def test_skill_disabled_under_a_dripping_table_is_503_on_the_endpoint_in_time(
    dripping_table: FaultServer,
):
    client = create_app(skill_on(table_behind(dripping_table.url)), None).test_client()

    response, seconds = timed(lambda: client.post("/alexa", json=skill_disabled()))

    assert seconds < ALEXA_WAITS_SECONDS
    assert response.status_code == 503
    assert response.headers["Retry-After"]


# --- session attributes nested hundreds deep ---------------------------------------------------


def nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"a": value}
    return value


def deeply_nested_launch(depth: int) -> dict[str, Any]:
    alexa = AlexaConversation(api_access_token=None)
    alexa.attributes = {"coach": nested(depth)}
    alexa.new = False
    return alexa.intent("AMAZON.NextIntent")


def assert_one_clean_warning(caplog: pytest.LogCaptureFixture) -> None:
    """The skill says why in one line (the endpoint may add its own line for the 400)."""
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.exc_info]
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert all("\n" not in r.getMessage() for r in warnings), caplog.text
    assert len([r for r in warnings if r.name.startswith("backstretch.")]) == 1, caplog.text


@pytest.mark.parametrize("depth", [500, 900])
def test_session_attributes_nested_hundreds_deep_get_a_spoken_apology_on_lambda(
    depth, progress_store, caplog
):
    with caplog.at_level(logging.INFO):
        response = skill_on(progress_store).handle_payload(deeply_nested_launch(depth))

    assert LINES.request_refused in speech_of(response)
    assert_one_clean_warning(caplog)


@pytest.mark.parametrize("depth", [500, 900])
def test_session_attributes_nested_hundreds_deep_get_a_400_on_the_endpoint(
    depth, progress_store, caplog
):
    client = create_app(skill_on(progress_store), None).test_client()

    with caplog.at_level(logging.INFO):
        response = client.post("/alexa", json=deeply_nested_launch(depth))

    assert response.status_code == 400
    assert "nested" in response.get_data(as_text=True)
    assert_one_clean_warning(caplog)
