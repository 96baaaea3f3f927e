"""An outage of DynamoDB that outlasts the session: the outbox (SQS on moto) keeps the write,
its consumer makes it once the table is back, and the person is told the truth throughout.

Everything goes through botocore to moto's server: the table's throttling is injected in
botocore's ``before-send`` (its real retries run), an SQS outage the same way.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from botocore.exceptions import EndpointConnectionError

import lambda_function
from backstretch.alexa_api.client import AlexaApiConfig, HttpsAlexaApi
from backstretch.progress.dynamodb import DynamoProgressStore
from backstretch.progress.outbox_sqs import SqsOutbox, outbox_client
from backstretch.routine.content import load_routine
from backstretch.skill.config import SkillConfig
from backstretch.skill.outbox_consumer import OutboxConsumer
from backstretch.skill.service import BackStretchSkill
from backstretch.turn.session import SessionAttributes
from backstretch_local.dynamodb import EmbeddedDynamoDB
from backstretch_local.outbox import (
    OutboxPoller,
    create_outbox_from_template,
    queue_arn,
    sqs_event,
)
from tests.integration.test_progress_conversations import (
    WEDNESDAY_NOON_UTC,
    Person,
    routine_items,
    stored_items,
)
from tests.support.dynamodb import throttled_response
from tests.support.fake_alexa_api import FakeAlexaApi

LINES = load_routine("en-US").lines
QUEUE = "backstretch-outbox"


class Outage:
    """DynamoDB throttling every call the skill's client makes, until it is over."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self.calls = 0

    def _throttle(self, request: Any, **_: Any) -> Any:
        self.calls += 1
        return throttled_response(request)

    def __enter__(self) -> Outage:
        self._client.meta.events.register("before-send.dynamodb", self._throttle)
        return self

    def __exit__(self, *_: object) -> None:
        self._client.meta.events.unregister("before-send.dynamodb", self._throttle)


@pytest.fixture
def sqs(dynamodb_client: Any, embedded_dynamodb: EmbeddedDynamoDB) -> Any:
    """An SQS client on the same moto server (emptied with the table), configured as the
    skill's outbox client is."""
    return outbox_client(embedded_dynamodb.endpoint, "us-east-1")


@pytest.fixture
def queue_url(sqs: Any) -> str:
    return create_outbox_from_template(sqs, QUEUE)


@pytest.fixture
def config(queue_url: str, embedded_dynamodb: EmbeddedDynamoDB) -> SkillConfig:
    return SkillConfig(outbox_queue_url=queue_url, sqs_endpoint=embedded_dynamodb.endpoint)


@pytest.fixture
def person(
    config: SkillConfig, progress_store: DynamoProgressStore, fake_alexa_api: FakeAlexaApi
) -> Person:
    """A person on a skill wired as on Lambda: the table, and the outbox from its config."""
    api = HttpsAlexaApi(AlexaApiConfig(read_timeout_seconds=0.5))
    return Person(BackStretchSkill(config, api=api, store=progress_store), fake_alexa_api)


def waiting(sqs: Any, queue_url: str) -> int:
    """Messages in the queue, visible or in a consumer's hands."""
    attributes = sqs.get_queue_attributes(
        QueueUrl=queue_url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(
        attributes["ApproximateNumberOfMessagesNotVisible"]
    )


def received(sqs: Any, queue_url: str) -> dict[str, Any]:
    """One batch from the queue, as Lambda's event source hands it to the consumer."""
    messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)["Messages"]
    return sqs_event(messages, queue_arn(sqs, queue_url), "us-east-1")


def finish_during(person: Person, outage: Outage) -> dict[str, Any]:
    """Four sides heard out, then "no" to hearing the week, in the outage: the turn that
    finishes the routine, and so the one whose write the table refuses."""
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    for _ in range(3):
        person.says("AMAZON.NextIntent")
    assert "whole routine" in person.heard
    with outage:
        return person.says("AMAZON.NoIntent")


@pytest.fixture
def deployed_consumer(monkeypatch: pytest.MonkeyPatch, dynamodb_client: Any) -> Any:
    """``lambda_function.outbox_handler`` as Lambda runs it, configured from the environment
    (DYNAMODB_ENDPOINT and PROGRESS_TABLE point at moto), built afresh for the test."""
    monkeypatch.setattr(lambda_function, "_consumer", None)
    return lambda_function.outbox_handler


# --- the outage outlasts the session -------------------------------------------------------


def test_a_routine_finished_in_an_outage_that_outlasts_the_session_is_saved_once_after_it(
    person, dynamodb_client, sqs, queue_url, deployed_consumer, no_retry_waits
):
    outage = Outage(dynamodb_client)
    finished = finish_during(person, outage)

    assert outage.calls > 0, "the table was asked, and refused"
    assert LINES.goodbye in person.heard
    assert LINES.progress_save_later in person.heard
    assert LINES.progress_save_pending not in person.heard
    # The session ends, owing nothing: the outbox has the write.
    assert finished["response"]["shouldEndSession"] is True
    assert SessionAttributes.read(finished.get("sessionAttributes")).unsaved is None
    assert routine_items(dynamodb_client) == []
    assert waiting(sqs, queue_url) == 1

    # The table is back: Lambda hands the queue's batch to the second handler.
    answer = deployed_consumer(received(sqs, queue_url), None)

    assert answer == {"batchItemFailures": []}
    [routine] = routine_items(dynamodb_client)
    assert routine["completed"] == {"BOOL": True}
    assert int(routine["seconds_held"]["N"]) == 4 * 30
    summary = person.summary(WEDNESDAY_NOON_UTC + timedelta(hours=2))
    assert "You've stretched once this week, today." in summary
    assert "1 full routine" in summary


def test_a_last_hold_left_unanswered_in_an_outage_is_finished_through_the_outbox(
    person, dynamodb_client, sqs, queue_url, deployed_consumer, no_retry_waits
):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    for _ in range(3):
        person.says("AMAZON.NextIntent")
    with Outage(dynamodb_client):
        # Nobody answers the closing question: the session's end finishes the routine.
        ended = person.skill.handle_payload(person.alexa.session_ended("EXCEEDED_MAX_REPROMPTS"))
    assert "outputSpeech" not in ended["response"]
    assert routine_items(dynamodb_client) == []
    assert waiting(sqs, queue_url) == 1

    assert deployed_consumer(received(sqs, queue_url), None) == {"batchItemFailures": []}
    [routine] = routine_items(dynamodb_client)
    assert routine["completed"] == {"BOOL": True}
    assert int(routine["seconds_held"]["N"]) == 4 * 30


def test_a_session_that_ends_while_the_table_is_still_down_leaves_its_write_in_the_outbox(
    person, dynamodb_client, sqs, queue_url, deployed_consumer, no_retry_waits
):
    person.session(WEDNESDAY_NOON_UTC)
    person.says()
    person.says("AMAZON.NextIntent")  # one side held
    with Outage(dynamodb_client):
        person.says("SetHoldIntent", seconds="25")  # said, kept in the session: it goes on
        assert person.alexa.carried.unsaved is not None
        # Nobody speaks again: Alexa ends the session, with the table still down.
        person.skill.handle_payload(person.alexa.session_ended("EXCEEDED_MAX_REPROMPTS"))
    assert stored_items(dynamodb_client) == []
    # The stopped routine, and the hold length an earlier turn could not store.
    assert waiting(sqs, queue_url) == 2

    assert deployed_consumer(received(sqs, queue_url), None) == {"batchItemFailures": []}

    person.session(WEDNESDAY_NOON_UTC + timedelta(minutes=20))
    assert "Last time you stopped at" in person.hears()
    assert person.alexa.carried.coach["hold_seconds"] == 25


def test_the_consumer_given_the_same_message_twice_changes_nothing(
    person, dynamodb_client, sqs, queue_url, deployed_consumer, no_retry_waits
):
    finish_during(person, Outage(dynamodb_client))
    batch = received(sqs, queue_url)

    deployed_consumer(batch, None)
    once = stored_items(dynamodb_client)
    again = deployed_consumer(batch, None)  # SQS delivers at least once

    assert again == {"batchItemFailures": []}
    assert stored_items(dynamodb_client) == once, "nothing counted or versioned twice"
    [profile] = [item for item in once if item["sk"]["S"] == "~PROFILE"]
    assert int(profile["routines_completed"]["N"]) == 1


def test_a_write_the_table_still_refuses_goes_back_to_the_queue(
    person, dynamodb_client, progress_store, sqs, queue_url, no_retry_waits
):
    outage = Outage(dynamodb_client)
    finish_during(person, outage)
    poller = OutboxPoller(sqs, queue_url, OutboxConsumer(progress_store))

    with outage:
        assert poller.poll_once() == 0
    assert waiting(sqs, queue_url) == 1, "handed back, not deleted"
    assert routine_items(dynamodb_client) == []


def test_serve_s_consumer_loop_writes_what_the_outbox_holds(
    person, dynamodb_client, progress_store, sqs, queue_url, no_retry_waits
):
    finish_during(person, Outage(dynamodb_client))
    poller = OutboxPoller(sqs, queue_url, OutboxConsumer(progress_store))

    assert poller.poll_once() == 1
    assert len(routine_items(dynamodb_client)) == 1
    assert waiting(sqs, queue_url) == 0


# --- the queue is down too --------------------------------------------------------------------


def test_with_the_queue_down_too_the_person_hears_the_truth_and_nothing_pretends(
    dynamodb_client,
    progress_store,
    sqs,
    queue_url,
    fake_alexa_api,
    no_retry_waits,
):
    sends: list[str] = []

    def unreachable(request: Any, **_: Any) -> Any:
        sends.append(request.url)
        raise EndpointConnectionError(endpoint_url=request.url)

    broken_sqs = outbox_client(sqs.meta.endpoint_url, "us-east-1")
    broken_sqs.meta.events.register("before-send.sqs.SendMessage", unreachable)
    api = HttpsAlexaApi(AlexaApiConfig(read_timeout_seconds=0.5))
    skill = BackStretchSkill(
        SkillConfig(), api=api, store=progress_store, outbox=SqsOutbox(queue_url, broken_sqs)
    )
    person = Person(skill, fake_alexa_api)

    finished = finish_during(person, Outage(dynamodb_client))

    assert sends, "the outbox was tried"
    assert LINES.progress_not_kept in person.heard
    for pretence in (LINES.progress_save_later, LINES.progress_save_pending, "Ask me how"):
        assert pretence not in person.heard
    assert finished["response"]["shouldEndSession"] is True
    assert SessionAttributes.read(finished.get("sessionAttributes")).unsaved is None
    assert waiting(sqs, queue_url) == 0
    assert stored_items(dynamodb_client) == []


def test_a_message_that_is_not_ours_is_handed_back_for_the_dead_letter_queue(
    progress_store, sqs, queue_url
):
    sqs.send_message(QueueUrl=queue_url, MessageBody=json.dumps({"v": 99}))
    batch = received(sqs, queue_url)

    answer = OutboxConsumer(progress_store).handle_batch(batch)

    [record] = batch["Records"]
    assert answer == {"batchItemFailures": [{"itemIdentifier": record["messageId"]}]}


def test_a_write_queued_for_someone_who_then_disabled_the_skill_is_never_made(
    person, dynamodb_client, sqs, queue_url, deployed_consumer, no_retry_waits
):
    finish_during(person, Outage(dynamodb_client))
    assert waiting(sqs, queue_url) == 1
    # They disable the skill while their routine waits in the queue: Alexa says forget them.
    disabled = person.alexa.envelope(
        {"type": "AlexaSkillEvent.SkillDisabled", "body": {}}, with_session=False
    )
    person.skill.handle_payload(disabled)

    answer = deployed_consumer(received(sqs, queue_url), None)

    assert answer == {"batchItemFailures": []}, "done with, not handed back"
    # All that stays is the mark that they were deleted: no routine, no profile.
    assert routine_items(dynamodb_client) == []
    assert [item["sk"]["S"] for item in stored_items(dynamodb_client)] == ["~~DELETED"]
