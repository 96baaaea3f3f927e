"""Answers that lie in DynamoDB's own clothes: its headers, its content type, its request id,
its checksum header, over a body that is cut, empty or somebody else's page.

Each is a failed call, never "no profile" and never "saved"; and a write whose answer was lost
on any attempt is "being checked", kept in the session and made again, never "couldn't save".
The faults are injected in botocore's ``before-send``, so its real retries run; where the
write must really reach the table first, the handler sends it to moto and cuts the answer.
"""

from __future__ import annotations

import binascii
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.awsrequest import AWSResponse, HTTPHeaders
from botocore.exceptions import ConnectionClosedError, ReadTimeoutError
from botocore.httpsession import URLLib3Session

from backstretch.alexa_api.client import HttpsAlexaApi
from backstretch.progress.dynamodb import DynamoProgressStore, progress_client, user_key
from backstretch.progress.errors import ProgressUnavailable, SaveOutcomeUnknown
from backstretch.progress.model import Profile, RoutineRecord
from backstretch.routine.content import load_routine
from backstretch.skill.config import SkillConfig
from backstretch.skill.service import BackStretchSkill
from backstretch.turn.session import SessionAttributes
from tests.support.dynamodb import TABLE_NAME, throttled_response
from tests.support.envelopes import USER_ID, AlexaConversation, speech_of
from tests.support.fault_servers import fault_server

LINES = load_routine().lines
MONDAY_MORNING_UTC = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

Attempt = Callable[[Any], AWSResponse]


class _Body:
    """A response body botocore can stream."""

    def __init__(self, payload: bytes) -> None:
        self._payload = payload

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._payload


def sent_then_cut(keep: int) -> Attempt:
    """The request reaches the table; its answer comes back with DynamoDB's own headers
    (Content-Length and x-amz-crc32 of the whole body) but only ``keep`` bytes of body."""

    def attempt(request: Any) -> AWSResponse:
        answer = URLLib3Session().send(request)
        body = answer.content
        assert "x-amz-crc32" in answer.headers  # the checksum header is DynamoDB's own
        headers = HTTPHeaders.from_dict(dict(answer.headers))
        return AWSResponse(request.url, answer.status_code, headers, _Body(body[:keep]))

    return attempt


def sent_then_timed_out(request: Any) -> AWSResponse:
    URLLib3Session().send(request)
    raise ReadTimeoutError(endpoint_url=request.url)


def sent_then_closed(request: Any) -> AWSResponse:
    URLLib3Session().send(request)
    raise ConnectionClosedError(endpoint_url=request.url)


def throttled(request: Any) -> AWSResponse:
    return throttled_response(request)


def not_sent_dressed_as_dynamodb(body: bytes) -> Attempt:
    """A 200 with DynamoDB's content type and a request id, and a body that is not its answer
    (a proxy's page, or nothing): the request never reached the table."""

    def attempt(request: Any) -> AWSResponse:
        headers = {
            "Content-Type": "application/x-amz-json-1.0",
            "x-amzn-RequestId": "NOT-DYNAMODB",
            "Content-Length": str(len(body)),
        }
        return AWSResponse(request.url, 200, HTTPHeaders.from_dict(headers), _Body(body))

    return attempt


class Faults:
    """Answers ``operation``'s attempts in order, one fault each; then leaves the table be."""

    def __init__(self, client: Any, operation: str, *attempts: Attempt) -> None:
        self._client = client
        self._event = f"before-send.dynamodb.{operation}"
        self._attempts = list(attempts)
        self.used = 0
        client.meta.events.register(self._event, self._send)

    def _send(self, request: Any, **_: Any) -> AWSResponse | None:
        if self.used == len(self._attempts):
            return None
        self.used += 1
        return self._attempts[self.used - 1](request)

    def stop(self) -> None:
        self._client.meta.events.unregister(self._event, self._send)


@pytest.fixture
def skill(progress_store: DynamoProgressStore) -> BackStretchSkill:
    return BackStretchSkill(SkillConfig(), api=HttpsAlexaApi(), store=progress_store)


@pytest.fixture
def alexa() -> AlexaConversation:
    return AlexaConversation(api_access_token=None, now=MONDAY_MORNING_UTC)


def routines_of(client: Any, user_id: str = USER_ID) -> list[dict[str, Any]]:
    items = client.scan(TableName=TABLE_NAME, ConsistentRead=True)["Items"]
    return [
        item
        for item in items
        if item["pk"]["S"] == user_key(user_id) and item["sk"]["S"].startswith("ROUTINE#")
    ]


def up_to_the_last_side(skill: BackStretchSkill, alexa: AlexaConversation) -> None:
    """Every side held and heard out: the routine is done, and asks about the week."""
    alexa.carry(skill.handle_payload(alexa.launch()))
    for _ in range(3):
        last_hold = alexa.carry(skill.handle_payload(alexa.intent("AMAZON.NextIntent")))
    assert LINES.finished in speech_of(last_hold)
    assert last_hold["response"]["shouldEndSession"] is False


def finishing(skill: BackStretchSkill, alexa: AlexaConversation) -> tuple[str, dict[str, Any]]:
    """ "No" to hearing the week: the turn that finishes the routine, and writes it."""
    response = alexa.carry(skill.handle_payload(alexa.intent("AMAZON.NoIntent")))
    return speech_of(response), response


def said_as_saved(heard: str) -> bool:
    return LINES.summary_offer in heard or LINES.progress_saved_now in heard


# --- reads: a lie is not "no profile" ---------------------------------------------------------


@pytest.mark.parametrize("keep", [40, 1, 0], ids=["cut-inside", "cut-after-a-byte", "empty"])
def test_a_profile_answer_cut_inside_its_body_is_not_a_new_person(
    skill, alexa, dynamodb_client, no_retry_waits, keep
):
    up_to_the_last_side(skill, alexa)
    finishing(skill, alexa)  # a returning person: one whole routine stored
    tomorrow = AlexaConversation(api_access_token=None, now=MONDAY_MORNING_UTC + timedelta(1))
    faults = Faults(dynamodb_client, "GetItem", sent_then_cut(keep), sent_then_cut(keep))

    heard = speech_of(skill.handle_payload(tomorrow.launch()))

    assert faults.used == 2  # tried again within the turn, then given up honestly
    assert heard.startswith(f"<speak>{LINES.progress_not_read}")
    assert LINES.welcome_back not in heard


def test_a_profile_answer_cut_once_is_read_again_and_greets_them_back(
    skill, alexa, dynamodb_client, no_retry_waits
):
    up_to_the_last_side(skill, alexa)
    finishing(skill, alexa)
    tomorrow = AlexaConversation(api_access_token=None, now=MONDAY_MORNING_UTC + timedelta(1))
    faults = Faults(dynamodb_client, "GetItem", sent_then_cut(40))

    heard = speech_of(skill.handle_payload(tomorrow.launch()))

    assert faults.used == 1
    assert LINES.progress_not_read not in heard
    assert LINES.welcome_back in heard
    assert LINES.safety not in heard


def test_a_profile_answer_cut_by_the_network_says_progress_cannot_be_read():
    """The same lie from a raw socket: DynamoDB's headers, a correct-looking checksum of the
    whole body, and the connection closed inside the body, on every attempt."""
    body = json.dumps(
        {
            "Item": {
                "pk": {"S": user_key(USER_ID)},
                "sk": {"S": "~PROFILE"},
                "version": {"N": "4"},
                "streak_days": {"N": "3"},
                "routines_completed": {"N": "9"},
                "last_stretch_day": {"S": "2026-11-22"},
            }
        }
    ).encode()
    head = (
        "HTTP/1.1 200 OK\r\nx-amzn-RequestId: LIE\r\n"
        f"x-amz-crc32: {binascii.crc32(body) & 0xFFFFFFFF}\r\n"
        "Content-Type: application/x-amz-json-1.0\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    alexa = AlexaConversation(api_access_token=None, now=MONDAY_MORNING_UTC)

    with fault_server(head + body, cut_after=len(head) + 30) as table:
        store = DynamoProgressStore("progress", progress_client(table.url, "us-east-1"))
        heard = speech_of(
            BackStretchSkill(SkillConfig(), api=HttpsAlexaApi(), store=store).handle_payload(
                alexa.launch()
            )
        )

    assert heard.startswith(f"<speak>{LINES.progress_not_read}")


@pytest.mark.parametrize("keep", [40, 0], ids=["cut-inside", "empty"])
def test_the_store_refuses_a_cut_profile_answer(
    progress_store, dynamodb_client, no_retry_waits, keep
):
    progress_store.save_profile(USER_ID, Profile(streak_days=3, routines_completed=9))
    Faults(dynamodb_client, "GetItem", sent_then_cut(keep), sent_then_cut(keep))

    with pytest.raises(ProgressUnavailable):
        progress_store.load_profile(USER_ID)


# --- writes: a lie is not "saved" -------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [b"<html><body>Please sign in to the hotel Wi-Fi</body></html>", b""],
    ids=["html", "empty"],
)
def test_a_finishing_write_answered_by_a_body_that_is_not_dynamodbs_is_not_said_as_saved(
    skill, alexa, dynamodb_client, no_retry_waits, body
):
    up_to_the_last_side(skill, alexa)
    lie = not_sent_dressed_as_dynamodb(body)
    faults = Faults(dynamodb_client, "TransactWriteItems", lie, lie)

    heard, finished = finishing(skill, alexa)

    assert faults.used == 2
    assert LINES.goodbye in heard
    assert not said_as_saved(heard)
    assert LINES.progress_save_unsure in heard
    owed = SessionAttributes.read(finished["sessionAttributes"]).unsaved
    assert owed is not None and owed["kind"] == "finish"
    assert finished["response"]["shouldEndSession"] is False
    assert routines_of(dynamodb_client) == []

    faults.stop()
    skill.handle_payload(alexa.session_ended("EXCEEDED_MAX_REPROMPTS"))
    [routine] = routines_of(dynamodb_client)
    assert routine["completed"]["BOOL"] is True


@pytest.mark.parametrize(
    "attempts",
    [
        (sent_then_cut(1), sent_then_cut(1)),
        (sent_then_cut(1), throttled),
        (sent_then_timed_out, throttled),
        (sent_then_closed, sent_then_cut(10)),
    ],
    ids=["cut-then-cut", "cut-then-throttled", "timed-out-then-throttled", "closed-then-cut"],
)
def test_a_committed_write_whose_answers_are_lost_is_being_checked_and_stored_once(
    skill, alexa, dynamodb_client, no_retry_waits, attempts
):
    up_to_the_last_side(skill, alexa)
    faults = Faults(dynamodb_client, "TransactWriteItems", *attempts)

    heard, finished = finishing(skill, alexa)

    assert faults.used == 2  # botocore tried again, and that answer was no better
    assert LINES.progress_save_pending not in heard  # "I couldn't save": it was saved
    assert LINES.progress_save_unsure in heard
    assert not said_as_saved(heard)
    owed = SessionAttributes.read(finished["sessionAttributes"]).unsaved
    assert owed is not None and owed["kind"] == "finish"
    assert len(routines_of(dynamodb_client)) == 1  # the first attempt did commit

    faults.stop()
    ended = alexa.session_ended("USER_INITIATED")
    assert skill.handle_payload(ended) is not None
    [routine] = routines_of(dynamodb_client)
    assert routine["completed"]["BOOL"] is True
    profile = DynamoProgressStore(TABLE_NAME, dynamodb_client).load_profile(USER_ID)
    assert profile.routines_completed == 1  # written, then written again: counted once


def test_a_save_whose_retry_is_refused_after_a_lost_answer_is_outcome_unknown(
    progress_store, dynamodb_client, no_retry_waits
):
    """The first put commits and its answer is cut; the retry loses the version check to
    it. That is not a conflict with someone else, and not a failure: it is unknown."""
    saved = progress_store.save_profile(USER_ID, Profile(hold_seconds=20))
    Faults(dynamodb_client, "PutItem", sent_then_cut(1))

    with pytest.raises(SaveOutcomeUnknown):
        progress_store.save_profile(USER_ID, Profile(hold_seconds=25, version=saved.version))

    assert progress_store.load_profile(USER_ID).hold_seconds == 25


def test_a_partial_routine_whose_answers_are_lost_is_outcome_unknown(
    progress_store, dynamodb_client, no_retry_waits
):
    stopped = RoutineRecord("session-1", MONDAY_MORNING_UTC, 1, 30, completed=False)
    Faults(dynamodb_client, "TransactWriteItems", sent_then_cut(1), throttled)

    with pytest.raises(SaveOutcomeUnknown):
        progress_store.save_partial_routine(USER_ID, stopped, Profile(hold_seconds=30))

    assert len(routines_of(dynamodb_client)) == 1


def test_a_finish_cut_once_whose_retry_finds_it_final_is_said_as_saved(
    skill, alexa, dynamodb_client, no_retry_waits
):
    """The retry is refused because the first attempt committed the routine as finished:
    that refusal is proof it is stored, so the person hears it as saved, counted once."""
    up_to_the_last_side(skill, alexa)
    faults = Faults(dynamodb_client, "TransactWriteItems", sent_then_cut(1))

    heard, finished = finishing(skill, alexa)

    assert faults.used == 1
    assert LINES.summary_offer in heard
    assert LINES.progress_save_unsure not in heard
    assert SessionAttributes.read(finished["sessionAttributes"]).unsaved is None
    assert len(routines_of(dynamodb_client)) == 1
    profile = DynamoProgressStore(TABLE_NAME, dynamodb_client).load_profile(USER_ID)
    assert profile.routines_completed == 1
